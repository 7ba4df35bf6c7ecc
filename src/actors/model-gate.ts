/**
 * When the actors stage consults the statistical recogniser (src/nlp NER), and with what: only for
 * capitalised words the registry and the cues left open, with two words either side, and the first three
 * other occurrences of those words with one word either side as context. A recogniser that throws is
 * reported and skipped from then on.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as nlp from "../nlp/index.ts";
import { type ActorIndex, KEY_HASHES, keyHash } from "./gazetteer.ts";
import {
  byStart,
  capitalRuns,
  gapHasPunctLoose,
  type ParagraphWork,
  slab,
  vetoedAt,
} from "./paragraph-work.ts";
import { isPersonRun, shortFormPerson } from "./people.ts";

/** Paragraphs are joined with a blank line for article-wide passes (the model, ambiguity cues). */
export const PARAGRAPH_JOINER = "\n\n";
export const NO_ENTITIES: ReturnType<Recognizer> = [];
/**
 * Words either side of a candidate sent with it: the model's features read ±2 words, so the candidate's
 * own are complete; the word next to it, scored too, misses its farthest neighbour. (Three changed 49 of
 * 16,481 people in 2,000 bench articles, gained and lost alike — "Rupert Murdoch" and "Boca Raton"
 * gained, "Preet Bharara" and "Fifty Shades" lost — for 14% more text to read; four before it changed 13.)
 */
const FOCUS_WORDS = 2;
/**
 * Words either side of a candidate's other occurrence sent as context: the model's document features read
 * ±1. (Two changed 43 of 16,481 people in 2,000 bench articles, gained and lost alike — "Merrick Garland"
 * gained, "Sheldon Whitehouse" and "Counsel Mueller" lost — for 16% more text.)
 */
const CONTEXT_WORDS = 1;
/**
 * Other occurrences of a candidate word sent as context, the first ones in the article. The model's
 * document features could read up to 8 (its MAX_DOC_OCCURRENCES); beyond the first three they changed
 * 33 of 16,468 people in 2,000 bench articles, real names and junk gained and lost alike ("Chelsea
 * Clinton" and "Cynical Scots" gained, "Joe Kennedy" and "Facebook Dilemma" lost), while reading more
 * text on every call: the model's cost here is mostly memory traffic per word read.
 */
const MAX_CONTEXT_OCCURRENCES = 3;
/** A tiny text the recogniser reads once per process, to learn early whether it works at all. */
const PROBE_TEXT = "Anna Example spoke in Kyiv.";
/**
 * A statistical name recogniser: entity spans of `text`. `focus` (ranges sorted by start) names the stretches
 * the caller asks about; a recogniser may ignore it and tag everything.
 */
export type Recognizer = (
  text: string,
  focus?: readonly { start: number; end: number }[],
) => { start: number; end: number; type: "PER" | "ORG" | "LOC" | "MISC" }[];

/**
 * The nlp layer's statistical NER when it exports `recognizeEntities`; null until that lands, so this
 * stage works either way (looked up on the namespace, not imported by name, to compile before it exists).
 */
const nlpExports = nlp as unknown as Record<string, unknown>;
/** Recognisers that threw, with the first line of their error: skipped from then on. */
export const brokenRecognizers = new WeakMap<Recognizer, string>();
/** Recognisers already called once in this process (see probeRecognizer). */
const probedRecognizers = new WeakSet<Recognizer>();
let defaultRecognizer: Recognizer | null =
  typeof nlpExports.recognizeEntities === "function" ? (nlpExports.recognizeEntities as Recognizer) : null;
/** The recogniser findActors uses when its options name none. */
export function currentDefaultRecognizer(): Recognizer | null {
  return defaultRecognizer;
}

/** Lets the pipeline (or a test) plug in the nlp layer's `recognizeEntities` once it exists. */
export function setDefaultRecognizer(r: Recognizer | null): void {
  defaultRecognizer = r;
}

/** Where scripts/train-name-words.ts writes the words never seen inside a person's name. */
const NAME_WORDS = fileURLToPath(new URL("../../data/models/non-name-words.json", import.meta.url));

/** Word lists learned from CoNLL-2003 train (scripts/train-name-words.ts) that decide what the model is asked. */
export interface GateWords {
  /** Never inside a person's name, less every word of a registry person's name or a known given name. */
  nonName: Set<string>;
  /** Words that begin names of two or more words ("Jeff"), and the registry's given names. */
  nameStarts: Set<string>;
}
let trained: { nonName: string[]; nameStarts: string[] } | null = null;
const gateWordsByIndex = new WeakMap<ActorIndex, GateWords>();
/**
 * The gate's word lists for an index: the training data has no "Rice" or "Pence" in a name, the registry
 * does, so registry name words are never non-name words. Read once, then built once per index.
 */
export function gateWords(index: ActorIndex): GateWords {
  const hit = gateWordsByIndex.get(index);
  if (hit) return hit;
  if (!trained) {
    const raw = JSON.parse(readFileSync(NAME_WORDS, "utf8")) as { words?: unknown; nameStarts?: unknown };
    const strings = (x: unknown) => Array.isArray(x) && x.every((w) => typeof w === "string");
    if (!strings(raw.words) || !strings(raw.nameStarts))
      throw new Error(
        `${NAME_WORDS}: expected {"words": [string, …], "nameStarts": [string, …]} (rebuild with scripts/train-name-words.ts)`,
      );
    trained = { nonName: raw.words as string[], nameStarts: raw.nameStarts as string[] };
  }
  const nonName = new Set(trained.nonName);
  const nameStarts = new Set(trained.nameStarts);
  for (const key of index.registry.givenNames.keys()) {
    nonName.delete(key);
    nameStarts.add(key);
  }
  for (const surname of index.bySurname.keys()) nonName.delete(surname);
  for (const entries of index.names.values())
    for (const e of entries) if (e.person) for (const k of e.keys) nonName.delete(k);
  const words = { nonName, nameStarts };
  gateWordsByIndex.set(index, words);
  return words;
}

/**
 * Marks the words of this paragraph the statistical recogniser could still decide about (and adds their
 * keys to `wanted`); false when it cannot change anything here. The model is consulted only for capitalised runs of two or more
 * words that no registry match covered and no cue (title, honorific, given name, speech verb, appositive)
 * already makes a person (isPersonRun), and for multi-word PER spans of free, non-vetoed capitalised words
 * (a one-word span only links a surname, which pass 2 does anyway). Headlines never use it.
 * Mirrors the run loop of findActors; when that loop changes, this must follow.
 */
function modelCandidates(
  work: ParagraphWork,
  index: ActorIndex,
  wanted: Set<string>,
  mark: Uint8Array,
): boolean {
  if (work.headline) return false;
  const t = work.tokens;
  const r = index.rules;
  let settled: Uint8Array | null = null;
  let any = false;
  const { nonName: never, nameStarts } = gateWords(index);
  // The registry pass is over, so these are the runs findActors reads next: kept for it.
  work.runs = capitalRuns(work, index);
  for (const run of work.runs) {
    const len = run.e - run.s;
    if (len < 2) continue;
    const head = t.key[run.e - 1];
    let first = run.s; // tokens from here on stay free when the run is no person
    if (r.orgHeads.has(head) || r.placeHeads.has(head) || r.miscHeads.has(head)) first = run.e;
    else if (shortFormPerson(index, t.key[run.s]))
      first = run.s + 1; // linkShortForm takes the first word only
    else if (isPersonRun(work, run.s, run.e, index, NO_ENTITIES)) first = run.e;
    else {
      // Words never seen in a person's name ("Majority", "Systems") split the run; the model is asked
      // about the stretches of two or more other words only. A run that starts with a word that starts
      // names ("Jeff Sessions") goes whole.
      const whole = nameStarts.has(t.key[run.s]);
      for (let a = run.s; a < run.e; ) {
        if (!whole && never.has(t.key[a])) {
          a++;
          continue;
        }
        let b = a + 1;
        while (b < run.e && (whole || !never.has(t.key[b]))) b++;
        if (b - a >= 2) {
          for (let i = a; i < b; i++) {
            mark[i] = 1;
            wanted.add(t.key[i]);
          }
          any = true;
        }
        a = b;
      }
    }
    if (first > run.s) {
      settled ??= slab.uint8(t.count);
      settled.fill(1, run.s, first);
    }
  }
  // Pairs of free capitalised words outside settled runs: a multi-word PER span could land there.
  for (let i = 0; i + 1 < t.count; i++) {
    if (!(t.flags[i] & nlp.CAP) || !(t.flags[i + 1] & nlp.CAP)) continue;
    if (work.covered[i] !== 0 || work.covered[i + 1] !== 0) continue;
    if (settled && (settled[i] !== 0 || settled[i + 1] !== 0)) continue;
    if (vetoedAt(work, index, i) || vetoedAt(work, index, i + 1) || gapHasPunctLoose(work, i, i + 1))
      continue;
    if (work.noName !== null && (work.noName[i] !== 0 || work.noName[i + 1] !== 0)) continue;
    if (!nameStarts.has(t.key[i]) && (never.has(t.key[i]) || never.has(t.key[i + 1]))) continue;
    mark[i] = 1;
    mark[i + 1] = 1;
    wanted.add(t.key[i]);
    wanted.add(t.key[i + 1]);
    any = true;
  }
  return any;
}

/**
 * Calls a recogniser once per process on a tiny text, so a broken one is reported on every article even
 * when the article itself never needs the model (it is gated per paragraph).
 */
function probeRecognizer(recognizer: Recognizer): void {
  probedRecognizers.add(recognizer);
  try {
    recognizer(PROBE_TEXT);
  } catch (err) {
    brokenRecognizers.set(recognizer, String((err as Error).message ?? err).split("\n")[0]);
  }
}

/** Key hashes (keyHash) of one article's wanted words (see consultModel): set, read, then cleared again. */
const wantedHashes = new Uint8Array(KEY_HASHES);

/** A stretch of one paragraph (whole words) handed to the statistical recogniser. */
interface Chunk {
  work: ParagraphWork;
  from: number;
  to: number;
  /** The paragraph's words the model is asked about (modelCandidates); null: none, context only. */
  mark: Uint8Array | null;
}

/**
 * Runs the recogniser once over the picked stretches joined as one document (names repeated across them
 * still help each other) and files its spans back by paragraph, in paragraph offsets.
 */
function runRecognizer(
  recognizer: Recognizer,
  picked: Chunk[],
  out: Map<number, ReturnType<Recognizer>>,
): void {
  let text = "";
  // The marked words, in joined-text offsets: the model tags only names touching them; the other
  // sentences are there for its document features (other occurrences of a candidate word).
  const focus: { start: number; end: number }[] = [];
  for (let k = 0; k < picked.length; k++) {
    const c = picked[k];
    if (k > 0) text += PARAGRAPH_JOINER;
    const shift = text.length - c.from;
    text += c.work.text.slice(c.from, c.to);
    const t = c.work.tokens;
    if (c.mark === null) continue;
    for (let i = 0; i < t.count; i++) {
      if (c.mark[i] === 0 || t.start[i] < c.from || t.end[i] > c.to) continue;
      const last = focus[focus.length - 1];
      const start = t.start[i] + shift;
      const end = t.end[i] + shift;
      if (last && last.end >= start - 1) last.end = end;
      else focus.push({ start, end });
    }
  }
  let found: ReturnType<Recognizer>;
  try {
    found = recognizer(text, focus);
  } catch (err) {
    // The model is another layer's; a broken one must not stop this stage. Not retried in this process.
    brokenRecognizers.set(recognizer, String((err as Error).message ?? err).split("\n")[0]);
    return;
  }
  const sorted = [...found].sort(byStart);
  let offset = 0;
  let k = 0;
  for (const c of picked) {
    const end = offset + (c.to - c.from);
    const shift = c.from - offset;
    let list = out.get(c.work.index);
    while (k < sorted.length && sorted[k].start < end) {
      const x = sorted[k++];
      if (x.start < offset || x.end > end) continue;
      if (!list) {
        list = [];
        out.set(c.work.index, list);
      }
      list.push({ start: x.start + shift, end: x.end + shift, type: x.type });
    }
    offset = end + PARAGRAPH_JOINER.length;
  }
}

/**
 * Runs the statistical recogniser over the stretches where it can still change something (see
 * modelCandidates) and returns its spans per paragraph index, in paragraph offsets. A recogniser that
 * threw before is skipped (the stage then reports it once per article).
 */
export function consultModel(
  works: ParagraphWork[],
  index: ActorIndex,
  recognizer: Recognizer | null,
): Map<number, ReturnType<Recognizer>> {
  const externalByParagraph = new Map<number, ReturnType<Recognizer>>();
  if (recognizer && !brokenRecognizers.has(recognizer)) {
    if (!probedRecognizers.has(recognizer)) probeRecognizer(recognizer);
    // Only the words around a candidate go to the model; its document features also read other
    // occurrences of a word, so the first few repeats of a candidate ("Romney" after "Mitt Romney") go too.
    const wanted = new Set<string>();
    const marks: (Uint8Array | null)[] = [];
    for (const work of works) {
      const mark = slab.uint8(work.tokens.count);
      marks.push(modelCandidates(work, index, wanted, mark) ? mark : null);
    }
    const picked: Chunk[] = [];
    const contextSent = new Map<string, number>();
    if (wanted.size > 0) {
      // Hashes of the wanted words: most tokens fail this before any Set lookup.
      for (const key of wanted) wantedHashes[keyHash(key)] = 1;
      for (let w = 0; w < works.length; w++) {
        const work = works[w];
        const t = work.tokens;
        const mark = marks[w];
        // A candidate goes with FOCUS_WORDS words either side (across our sentence split: the model
        // finds its own sentence ends in what it reads); another occurrence of a candidate word goes with
        // CONTEXT_WORDS either side, for the model's document features. Overlapping windows merge.
        for (let i = 0; i < t.count; i++) {
          const marked = mark !== null && mark[i] !== 0;
          if (!marked) {
            if (wantedHashes[work.hashes[i]] === 0 || !wanted.has(t.key[i])) continue;
            const sent = contextSent.get(t.key[i]) ?? 0;
            if (sent >= MAX_CONTEXT_OCCURRENCES) continue;
            contextSent.set(t.key[i], sent + 1);
          }
          const k = t.sentence[i];
          const reach = marked ? FOCUS_WORDS : CONTEXT_WORDS;
          let a = Math.max(0, i - reach);
          let b = Math.min(t.count - 1, i + reach);
          if (!marked) {
            while (t.sentence[a] !== k) a++;
            while (t.sentence[b] !== k) b--;
          }
          // Cut at word boundaries (whole paragraph edges kept); windows are joined by blank lines,
          // which the model reads as sentence breaks.
          const from = a === 0 ? 0 : t.start[a];
          const to = b === t.count - 1 ? work.text.length : t.end[b];
          const last = picked[picked.length - 1];
          if (last !== undefined && last.work === work && last.to >= from) {
            last.to = Math.max(last.to, to);
            if (marked) last.mark = mark;
          } else picked.push({ work, from, to, mark: marked ? mark : null });
        }
      }
      for (const key of wanted) wantedHashes[keyHash(key)] = 0;
    }
    if (picked.length > 0) runRecognizer(recognizer, picked, externalByParagraph);
  }
  return externalByParagraph;
}
