/**
 * The actors stage: finds countries, IGOs, seats of power and people in the article's paragraphs,
 * resolves them against the registry on the article's date, and links later mentions ("Mr. Ryabkov",
 * "the Russian leader", "she") to the same actor. Reads only `paragraphs` (never comments or removed text).
 *
 * Flow per article: (1) per paragraph, tokens → role titles → registry names (longest match) →
 * capitalised runs the registry does not know (people by cues, organisations by their head word);
 * (2) over the whole article, surnames and descriptions of people already met, then pronouns.
 * Known failures: people named only by a lower-case description ("a senior official") get no actor;
 * a name the registry lacks and that has no cue (no title, given name, appositive or speech verb) is missed;
 * pronouns inside quotations are never resolved (they usually point outside the quote).
 */
import * as nlp from "../nlp/index.ts";
import type { Actor, ArticleRecord, Mention, MentionType, Message } from "../record.ts";
import {
  type ActorIndex,
  getIndex,
  type NameEntry,
  shapeOf,
  type TitleEntry,
  titleFamily,
} from "./gazetteer.ts";
import type { PersonEntry, PlaceEntry, RoleTitle } from "./registry.ts";
import { slug } from "./registry.ts";
import { resolveAmbiguity } from "./resolve-ambiguity.ts";
import { roleAt } from "./role-at-date.ts";
import {
  ALLCAPS,
  CAP,
  foldKey,
  HYPHEN_BEFORE,
  POSS,
  SENT_START,
  Slab,
  type Tokens,
  tokenize,
} from "./tokens.ts";

const STAGE = "actors";
/** Longest capitalised run taken as one unknown name; longer runs are titles of works or headlines. */
const MAX_NAME_TOKENS = 4;
/** How far an appositive ("X, a research analyst at …") is searched for its title, in tokens. */
const APPOSITIVE_TOKENS = 14;
/** Characters that end an appositive clause, as char codes (checked without slicing the gap). */
const CLAUSE_END_CODES = new Set(Array.from(',.;:()“”"—–!?', (c) => c.charCodeAt(0)));
/** What a regex `\s` matches, one byte per UTF-16 code unit, built once at load. */
const WHITE = buildWhite();
function buildWhite(): Uint8Array {
  const table = new Uint8Array(65536 + 1); // the extra slot answers charCodeAt past the end (NaN → 0)
  const ws = /\s/;
  for (let c = 0; c < 65536; c++) if (ws.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}
/** Opening and closing quotation marks, for knowing which tokens are inside a quotation. */
const QUOTE_CHARS = /[“”"«»„]/g;
/** Share of capitalised words above which a line is title case (a headline), where runs are not names. */
const HEADLINE_CAPS = 0.6;
/** Paragraphs are joined with a blank line for article-wide passes (the model, ambiguity cues). */
const PARAGRAPH_JOINER = "\n\n";
const NO_ENTITIES: ReturnType<Recognizer> = [];
/** How close to a sentence edge (in words) a model candidate takes the neighbouring sentence along. */
const EDGE_WORDS = 2;
/** Words either side of a candidate's other occurrence sent as context: the model's document features read ±1. */
const CONTEXT_WORDS = 2;
/** Longest pronoun in name-rules.json ("herself"): longer words skip the lookup. */
const MAX_PRONOUN_LENGTH = 7;
/**
 * The typed arrays of the article being read (tokens, coverage, titles): reset at each findActors call,
 * never kept past it (mentions and actors hold only strings and numbers).
 */
const slab = new Slab();
/** A tiny text the recogniser reads once per process, to learn early whether it works at all. */
const PROBE_TEXT = "Anna Example spoke in Kyiv.";
/** A lone initial inside a name ("Sergei A. Ryabkov"). */
const isInitial = (t: Tokens, i: number) => t.end[i] - t.start[i] === 1 && (t.flags[i] & CAP) !== 0;
/** Orders spans and mentions by start offset; one function for every sort (no closure per call). */
const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

/** A recogniser another layer may provide (the statistical NER of src/nlp); spans are paragraph offsets. */
/**
 * A statistical name recogniser: entity spans of `text`. `focus` (ranges sorted by start) names the stretches
 * the caller asks about; a recogniser may ignore it and tag everything.
 */
export type Recognizer = (
  text: string,
  focus?: readonly { start: number; end: number }[],
) => { start: number; end: number; type: "PER" | "ORG" | "LOC" | "MISC" }[];

export interface FindActorsOptions {
  /** Index to use instead of the shipped registry (tests). */
  index?: ActorIndex;
  /** Statistical recogniser: registry matches win where they overlap; it adds names the registry lacks. */
  recognizer?: Recognizer | null;
}

interface NameMatch {
  s: number;
  e: number;
  entry: NameEntry;
}

interface Description {
  title: RoleTitle;
  text: string;
  former: boolean;
  country: string | null;
  body: string | null;
  sectorHint: string | null;
}

interface PersonBuild {
  id: string;
  name: string;
  person: PersonEntry | null;
  gender: "M" | "F" | null;
  descriptions: Description[];
  surname: string;
  /** Named in full somewhere in the article (not only by a registry short form such as "Kirby"). */
  full?: boolean;
}

/** A person the article names who is in the registry. */
function registryPersonBuild(person: PersonEntry): PersonBuild {
  return {
    id: person.id,
    name: person.name,
    person,
    gender: person.gender,
    descriptions: [],
    surname: lastKey(person.variants[0]),
  };
}

/** A person the article names who is not in the registry; the id comes from the name as written. */
function newPersonBuild(name: string, gender: PersonBuild["gender"], surname: string): PersonBuild {
  return { id: `person:${slug(name)}`, name, person: null, gender, descriptions: [], surname };
}

interface ParagraphWork {
  index: number;
  text: string;
  tokens: Tokens;
  /** 1 for tokens inside a mention already emitted. */
  covered: Uint8Array;
  inQuote: Uint8Array;
  /** For each token index: the longest title that ends there (start index), or -1. */
  titleEndStart: Int32Array;
  titleEndEntry: (TitleEntry | null)[];
  /** Token index → longest title starting there (end index, exclusive), or -1. */
  titleStartEnd: Int32Array;
  /** 1 for every token inside some title match. */
  inTitle: Uint8Array;
  titleStartEntry: (TitleEntry | null)[];
  /** Place matches kept as actors, by token end index (exclusive end - 1) for marker lookups. */
  placeEndingAt: Map<number, { s: number; place: PlaceEntry; actor: string | null }>;
  /** Person matches ending at token index (last token), with their actor id. */
  personEndingAt: Map<number, string>;
  mentions: Mention[];
  sentenceOffset: number;
  /** Title-case line ("Putin Has Wide Support"): every word looks like a name, so registry only. */
  headline: boolean;
}

/**
 * The actors stage. Fills `record.mentions` and `record.actors` (each actor once).
 * @example findActors(record).actors // [{ id: "state:RUS", … }, { id: "person:vladimir-putin", … }]
 */
export function findActors(
  record: ArticleRecord,
  _ctx?: unknown,
  options: FindActorsOptions = {},
): ArticleRecord {
  const index = options.index ?? getIndex();
  slab.reset(); // the previous article's views are dead: its record holds none of them
  const recognizer = options.recognizer === undefined ? defaultRecognizer : options.recognizer;
  const messages: Message[] = [];
  const ambiguityCache = new Map<string, string | null>();
  const people = new Map<string, PersonBuild>();
  const works: ParagraphWork[] = [];
  const deferred: { work: ParagraphWork; i: number; create: boolean }[] = [];
  const titled: { work: ParagraphWork; i: number }[] = [];
  const shortMentions: { mention: Mention; key: string }[] = [];
  const actorOrder: string[] = [];
  const fixedActors = new Map<string, Actor>();
  const noteActor = (actor: Actor) => {
    if (!fixedActors.has(actor.id)) {
      fixedActors.set(actor.id, actor);
      actorOrder.push(actor.id);
    }
  };
  const notePerson = (build: PersonBuild) => {
    if (!people.has(build.id)) {
      people.set(build.id, build);
      actorOrder.push(build.id);
    }
    return people.get(build.id) as PersonBuild;
  };

  const sentencesByParagraph = new Map<number, number[]>();
  const sentenceSpansByParagraph = new Map<number, { start: number[]; end: number[] }>();
  for (const s of record.sentences ?? []) {
    const spans = sentenceSpansByParagraph.get(s.paragraph);
    if (spans) {
      spans.start.push(s.start);
      spans.end.push(s.end);
    } else {
      const starts = [s.start];
      sentencesByParagraph.set(s.paragraph, starts);
      sentenceSpansByParagraph.set(s.paragraph, { start: starts, end: [s.end] });
    }
  }

  let sentenceOffset = 0;
  for (const para of record.paragraphs) {
    const work = scanParagraph(
      para.index,
      para.kind,
      para.text,
      sentencesByParagraph.get(para.index),
      index,
      sentenceOffset,
    );
    sentenceOffset += work.tokens.count > 0 ? work.tokens.sentence[work.tokens.count - 1] + 1 : 0;
    works.push(work);
    const t = work.tokens;
    const matches = matchNames(work, index);

    for (const m of matches) {
      if (m.entry.place) {
        const place = m.entry.place;
        if (isNamePart(work, m, index)) continue; // "Carnegie Moscow Center", "George Washington"
        let actorId: string | null = place.actor.id;
        if (place.ambiguous) {
          const picked = resolveAmbiguous(place.ambiguous, record, index, ambiguityCache);
          actorId = picked;
          if (!picked) {
            messages.push({
              stage: STAGE,
              rule: "ambiguous-place",
              reason: `"${para.text.slice(t.start[m.s], t.end[m.e - 1])}" may not be ${place.actor.name} here; left unresolved`,
              paragraph: para.index,
            });
          }
        }
        // "American-born" names a birthplace, not a nationality or an actor.
        if (
          place.kind === "adjective" &&
          m.e < t.count &&
          t.flags[m.e] & HYPHEN_BEFORE &&
          t.key[m.e] === "born"
        )
          continue;
        const type = placeType(place, work, m.s, index);
        // "ethnic Albanians" in Macedonia or Serbia are a people there, not Albania acting.
        if (
          place.kind === "adjective" &&
          m.s > 0 &&
          index.rules.minorityWords.has(t.key[m.s - 1]) &&
          t.sentence[m.s - 1] === t.sentence[m.s]
        )
          actorId = null;
        addMention(work, m.s, m.e, type, actorId);
        if (actorId) {
          noteActor(
            actorId === place.actor.id ? place.actor : (placeActorById(index, actorId) ?? place.actor),
          );
          work.placeEndingAt.set(m.e - 1, { s: m.s, place, actor: actorId });
        }
      } else if (m.entry.person) {
        const person = m.entry.person;
        const build = notePerson(registryPersonBuild(person));
        personMention(work, m.s, m.e, build, index);
        if (m.entry.short)
          shortMentions.push({ mention: work.mentions[work.mentions.length - 1], key: t.key[m.e - 1] });
        else build.full = true;
      }
    }
  }

  // The statistical recogniser only matters where two free capitalised words sit side by side after the
  // registry pass (see needsModel); it reads just those paragraphs, joined as one document.
  const externalByParagraph = new Map<number, ReturnType<Recognizer>>();
  if (recognizer && !brokenRecognizers.has(recognizer)) {
    if (!probedRecognizers.has(recognizer)) probeRecognizer(recognizer);
    // Only sentences holding a candidate go to the model; its document features also read other
    // occurrences of a word, so sentences repeating a candidate ("Romney" after "Mitt Romney") go too.
    const wanted = new Set<string>();
    const marks: (Uint8Array | null)[] = [];
    for (const work of works) {
      const mark = slab.uint8(work.tokens.count);
      marks.push(modelCandidates(work, index, wanted, mark) ? mark : null);
    }
    const picked: Chunk[] = [];
    if (wanted.size > 0) {
      for (let w = 0; w < works.length; w++) {
        const work = works[w];
        const t = work.tokens;
        const mark = marks[w];
        const nSent = t.count > 0 ? t.sentence[t.count - 1] + 1 : 0;
        const needSent = slab.uint8(nSent);
        let any = false;
        for (let i = 0; i < t.count; i++) {
          const k = t.sentence[i];
          if (mark !== null && mark[i] !== 0) {
            // Near a sentence edge, with the neighbour: our sentence split and the model's may differ
            // ("[Sen.] Rand Paul"), and the model reads two words either side.
            needSent[k] = 1;
            if (k > 0 && i >= EDGE_WORDS && t.sentence[i - EDGE_WORDS] !== k) needSent[k - 1] = 1;
            if (k + 1 < nSent && i + EDGE_WORDS < t.count && t.sentence[i + EDGE_WORDS] !== k)
              needSent[k + 1] = 1;
            any = true;
          } else if (wanted.has(t.key[i])) any = true;
        }
        if (!any) continue;
        const spans = sentenceSpansByParagraph.get(work.index);
        if (!spans || spans.start.length !== nSent) {
          picked.push({ work, from: 0, to: work.text.length, mark });
          continue;
        }
        // Sentences with a candidate go whole (neighbouring ones as one piece, with their original gap).
        // Elsewhere a candidate word's other occurrences only feed the model's document features, which
        // read the word and its neighbours: those go as a few words around each occurrence.
        for (let i = 0; i < t.count; ) {
          const k = t.sentence[i];
          if (needSent[k]) {
            let j = k;
            while (j + 1 < nSent && needSent[j + 1]) j++;
            picked.push({ work, from: spans.start[k], to: spans.end[j], mark });
            while (i < t.count && t.sentence[i] <= j) i++;
            continue;
          }
          if (wanted.has(t.key[i])) {
            let a = Math.max(0, i - CONTEXT_WORDS);
            while (t.sentence[a] !== k) a++;
            let b = Math.min(t.count - 1, i + CONTEXT_WORDS);
            while (t.sentence[b] !== k) b--;
            const from = a > 0 && t.sentence[a - 1] === k ? t.start[a] : spans.start[k];
            const to = b + 1 < t.count && t.sentence[b + 1] === k ? t.end[b] : spans.end[k];
            const last = picked[picked.length - 1];
            if (last !== undefined && last.work === work && last.to >= from) last.to = Math.max(last.to, to);
            else picked.push({ work, from, to, mark: null });
          }
          i++;
        }
      }
    }
    if (picked.length > 0) runRecognizer(recognizer, picked, externalByParagraph);
  }
  const broken = recognizer ? brokenRecognizers.get(recognizer) : undefined;
  if (broken) {
    messages.push({
      stage: STAGE,
      rule: "ner-unavailable",
      reason: `statistical NER failed, registry and cues only: ${broken}`,
    });
  }

  for (const work of works) {
    const para = work;
    const t = work.tokens;
    const external = externalByParagraph.get(work.index) ?? NO_ENTITIES;
    // Capitalised runs the registry did not know: unknown people and organisations.
    const headline = work.headline;
    for (const run of capitalRuns(work, index)) {
      const head = t.key[run.e - 1];
      if (run.e - run.s >= 2 && index.rules.orgHeads.has(head)) {
        const name = para.text.slice(t.start[run.s], t.end[run.e - 1]);
        const inner = innerPlace(work, run.s, run.e, index);
        const sector = orgSector(name.toLowerCase(), index);
        const actor: Actor = {
          id: `org:${slug(name)}`,
          name,
          kind: "org",
          country: inner,
          sector,
          role: null,
        };
        addMention(work, run.s, run.e, "ORG", actor.id);
        noteActor(actor);
        continue;
      }
      if (run.e - run.s >= 2 && (index.rules.placeHeads.has(head) || index.rules.miscHeads.has(head))) {
        // "Red Square", "Magnitsky Act", "Geneva talks": named, but not actors.
        addMention(work, run.s, run.e, index.rules.placeHeads.has(head) ? "LOC" : "MISC", null);
        continue;
      }
      // "President Bashir": a title right before a lone word that ends a registry name; pass 2 picks
      // the holder (after surnames of people the article names in full have had their chance). Registry
      // knowledge, so headlines too.
      if (
        run.e - run.s === 1 &&
        run.s > 0 &&
        work.titleEndStart[run.s - 1] !== -1 &&
        t.sentence[run.s - 1] === t.sentence[run.s] &&
        index.bySurname.has(t.key[run.s])
      ) {
        titled.push({ work, i: run.s });
        continue;
      }
      if (linkShortForm(work, run.s, run.e, index, notePerson) || headline) continue;
      if (!isPersonRun(work, run.s, run.e, index, external)) continue;
      if (run.e - run.s === 1) {
        // "Ms. Kowalczyk": wait for pass 2, which knows every full name in the article.
        deferred.push({ work, i: run.s, create: true });
        continue;
      }
      const nameTokens: string[] = [];
      for (let i = run.s; i < run.e; i++)
        if (!isInitial(work.tokens, i)) nameTokens.push(para.text.slice(t.start[i], t.end[i]));
      const name = nameTokens.join(" ");
      const build = notePerson(
        newPersonBuild(name, index.registry.givenNames.get(t.key[run.s]) ?? null, t.key[run.e - 1]),
      );
      personMention(work, run.s, run.e, build, index);
      build.full = true;
    }

    // The statistical recogniser adds people the registry and the cues missed; registry matches and
    // mentions already made win wherever they overlap.
    for (const x of external) {
      if (x.type !== "PER") continue;
      let a = -1;
      let b = -1;
      for (let i = 0; i < t.count; i++) {
        if (t.start[i] >= x.start && t.end[i] <= x.end) {
          if (a === -1) a = i;
          b = i + 1;
        }
      }
      if (a === -1 || b - a > MAX_NAME_TOKENS || headline) continue;
      let glued = false;
      for (let i = a + 1; i < b && !glued; i++) glued = gapHasPunctLoose(work, i - 1, i);
      if (glued) continue;
      let free = true;
      for (let i = a; i < b && free; i++)
        free = work.covered[i] === 0 && (t.flags[i] & CAP) !== 0 && !vetoed(t.key[i], index);
      if (!free) continue;
      if (b - a === 1) {
        // A lone surname from the model only links to someone the article names in full.
        deferred.push({ work, i: a, create: false });
        continue;
      }
      // "Home Affairs Ylva Johansson": the name starts at its given name.
      for (let k = a + 1; k < b - 1; k++) {
        if (index.registry.givenNames.has(t.key[k]) && !index.registry.givenNames.has(t.key[a])) {
          a = k;
          break;
        }
      }
      const nameTokens: string[] = [];
      for (let i = a; i < b; i++)
        if (!isInitial(t, i)) nameTokens.push(para.text.slice(t.start[i], t.end[i]));
      const name = nameTokens.join(" ");
      const build = notePerson(
        newPersonBuild(name, index.registry.givenNames.get(t.key[a]) ?? null, t.key[b - 1]),
      );
      personMention(work, a, b, build, index);
      build.full = true;
    }
  }

  // Pass 2: surnames and descriptions of people already met, then pronouns.
  // Surnames of people named in full win over registry short forms: an article about "Ben Kirby" means
  // him by "Kirby", not the registry's John Kirby.
  const bySurname = new Map<string, string | null>();
  for (const pass of [true, false]) {
    const claimed = new Set(bySurname.keys());
    for (const b of people.values()) {
      if ((b.full === true) !== pass) continue;
      const keys = new Set([b.surname, ...(b.person?.short ?? []).map(lastKey)]);
      for (const k of keys) {
        if (!pass && claimed.has(k)) continue;
        const prev = bySurname.get(k);
        bySurname.set(k, prev === undefined || prev === b.id ? b.id : null);
      }
    }
  }
  for (const { mention, key } of shortMentions) {
    const target = bySurname.get(key);
    if (target && target !== mention.actor) mention.actor = target;
  }
  for (const work of works) linkSurnames(work, bySurname, people, index);
  // Title + registry surname the article never gives in full: the registry person that title fits.
  let titledAdded = false;
  for (const { work, i } of titled) {
    if (work.covered[i] !== 0) continue;
    const entry = work.titleEndEntry[i - 1];
    const found = titledHolder(index, work.tokens.key[i], entry ? entry.title.family : null, record);
    const person = found?.person;
    if (!person) continue;
    if (found.guessed) {
      messages.push({
        stage: STAGE,
        rule: "titled-surname-guess",
        reason: `"${work.text.slice(work.tokens.start[work.titleEndStart[i - 1]], work.tokens.end[i])}" fits several ${person.roles[0]?.country ?? ""} office holders; the article has no date, so the latest, ${person.name}, stands in`,
        paragraph: work.index,
      });
    }
    const build = notePerson(registryPersonBuild(person));
    personMention(work, i, i + 1, build, index);
    if (!bySurname.has(work.tokens.key[i])) bySurname.set(work.tokens.key[i], build.id);
    titledAdded = true;
  }
  if (titledAdded) for (const work of works) linkSurnames(work, bySurname, people, index);
  // Honorific + surname never introduced by full name: a person known only by surname.
  let added = false;
  for (const { work, i, create } of deferred) {
    if (work.covered[i] !== 0 || !create) continue;
    const name = work.text.slice(work.tokens.start[i], work.tokens.end[i]);
    const build = notePerson(newPersonBuild(name, null, work.tokens.key[i]));
    personMention(work, i, i + 1, build, index);
    if (!bySurname.has(build.surname)) bySurname.set(build.surname, build.id);
    added = true;
  }
  if (added) for (const work of works) linkSurnames(work, bySurname, people, index);
  const views = new Map<string, Actor>();
  const viewOf = (b: PersonBuild): Actor => {
    let v = views.get(b.id);
    if (!v) {
      v = personActor(b, record, people).actor;
      views.set(b.id, v);
    }
    return v;
  };
  const addPerson = (p: PersonEntry): PersonBuild => notePerson(registryPersonBuild(p));
  for (const work of works) linkDescriptions(work, people, index, record, viewOf, addPerson);
  linkPronouns(works, people, index);

  // Actors, once each, in order of first mention.
  const actors: Actor[] = [];
  let undated = false;
  const mentioned = new Set<string>();
  for (const w of works) for (const m of w.mentions) if (m.actor) mentioned.add(m.actor);
  for (const id of actorOrder) {
    const fixed = fixedActors.get(id);
    if (fixed) {
      actors.push(fixed);
      continue;
    }
    const b = people.get(id);
    if (!b || !mentioned.has(id)) continue; // every mention relinked to someone the article names in full
    const { actor, undatedRole } = personActor(b, record, people);
    undated ||= undatedRole;
    actors.push(actor);
  }
  if (undated) {
    messages.push({
      stage: STAGE,
      rule: "undated-role",
      reason: "the article has no date; registry roles are each person's most recent office",
    });
  }
  const mentions: Mention[] = [];
  for (const w of works) {
    w.mentions.sort(byStart);
    mentions.push(...w.mentions);
  }
  // Actors in order of first mention (the pass order above is registry-first within a paragraph).
  const first = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (m.actor && !first.has(m.actor)) first.set(m.actor, i);
  });
  actors.sort((a, b) => (first.get(a.id) ?? Infinity) - (first.get(b.id) ?? Infinity));
  return { ...record, actors, mentions, messages: [...record.messages, ...messages] };
}

/**
 * The nlp layer's statistical NER when it exports `recognizeEntities`; null until that lands, so this
 * stage works either way (looked up on the namespace, not imported by name, to compile before it exists).
 */
const nlpExports = nlp as unknown as Record<string, unknown>;
/** Recognisers that threw, with the first line of their error: skipped from then on. */
const brokenRecognizers = new WeakMap<Recognizer, string>();
/** Recognisers already called once in this process (see probeRecognizer). */
const probedRecognizers = new WeakSet<Recognizer>();
let defaultRecognizer: Recognizer | null =
  typeof nlpExports.recognizeEntities === "function" ? (nlpExports.recognizeEntities as Recognizer) : null;
/** Lets the pipeline (or a test) plug in the nlp layer's `recognizeEntities` once it exists. */
export function setDefaultRecognizer(r: Recognizer | null): void {
  defaultRecognizer = r;
}

const lastKeyCache = new Map<string, string>();
function lastKey(name: string): string {
  let k = lastKeyCache.get(name);
  if (k === undefined) {
    const t = tokenize(name);
    k = t.count ? t.key[t.count - 1] : "";
    lastKeyCache.set(name, k);
  }
  return k;
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
  for (const run of capitalRuns(work, index)) {
    const len = run.e - run.s;
    if (len < 2) continue;
    const head = t.key[run.e - 1];
    let first = run.s; // tokens from here on stay free when the run is no person
    if (r.orgHeads.has(head) || r.placeHeads.has(head) || r.miscHeads.has(head)) first = run.e;
    else if (shortFormPerson(index, t.key[run.s]))
      first = run.s + 1; // linkShortForm takes the first word only
    else if (isPersonRun(work, run.s, run.e, index, NO_ENTITIES)) first = run.e;
    else {
      for (let i = run.s; i < run.e; i++) {
        mark[i] = 1;
        wanted.add(t.key[i]);
      }
      any = true;
    }
    if (first > run.s) {
      settled ??= slab.uint8(t.count);
      settled.fill(1, run.s, first);
    }
  }
  // Pairs of free capitalised words outside settled runs: a multi-word PER span could land there.
  for (let i = 0; i + 1 < t.count; i++) {
    if (!(t.flags[i] & CAP) || !(t.flags[i + 1] & CAP)) continue;
    if (work.covered[i] !== 0 || work.covered[i + 1] !== 0) continue;
    if (settled && (settled[i] !== 0 || settled[i + 1] !== 0)) continue;
    if (vetoed(t.key[i], index) || vetoed(t.key[i + 1], index) || gapHasPunctLoose(work, i, i + 1)) continue;
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

/** A stretch of one paragraph (whole sentences) handed to the statistical recogniser. */
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

function placeActorById(index: ActorIndex, id: string): Actor | null {
  for (const p of index.registry.places) if (p.actor.id === id) return p.actor;
  return null;
}

function scanParagraph(
  idx: number,
  kind: string,
  text: string,
  starts: number[] | undefined,
  index: ActorIndex,
  sentenceOffset: number,
): ParagraphWork {
  const tokens = tokenize(text, starts, slab);
  const n = tokens.count;
  const inQuote = slab.uint8(n);
  // Quote state: “ opens, ” closes, a straight " toggles. Walk quote marks and tokens together.
  QUOTE_CHARS.lastIndex = 0;
  let open = false;
  let ti = 0;
  for (let m = QUOTE_CHARS.exec(text); m !== null; m = QUOTE_CHARS.exec(text)) {
    while (ti < n && tokens.start[ti] < m.index) inQuote[ti++] = open ? 1 : 0;
    const c = m[0];
    open = c === "“" || c === "«" || c === "„" ? true : c === "”" || c === "»" ? false : !open;
  }
  while (ti < n) inQuote[ti++] = open ? 1 : 0;

  let caps = 0;
  for (let i = 0; i < n; i++) if (tokens.flags[i] & CAP) caps++;
  const titleEndStart = slab.int32(n).fill(-1);
  const inTitle = slab.uint8(n);
  const titleStartEnd = slab.int32(n).fill(-1);
  // Read only where titleEndStart/titleStartEnd say a title is there: left as holes, not filled.
  const titleEndEntry: (TitleEntry | null)[] = new Array(n);
  const titleStartEntry: (TitleEntry | null)[] = new Array(n);
  const titleShapes = index.titleShapes;
  for (let i = 0; i < n; i++) {
    const key = tokens.key[i];
    if (titleShapes[shapeOf(key)] === 0) continue;
    const list = index.titles.get(key);
    if (!list) continue;
    for (const entry of list) {
      const e = i + entry.keys.length;
      if (e > n) continue;
      let ok = true;
      for (let k = 1; k < entry.keys.length && ok; k++)
        ok = tokens.key[i + k] === entry.keys[k] && tokens.sentence[i + k] === tokens.sentence[i];
      // Acronym titles ("MP", "CEO") only in capitals.
      if (ok && entry.acronym && !(tokens.flags[i] & ALLCAPS)) ok = false;
      if (!ok) continue;
      titleStartEnd[i] = e;
      titleStartEntry[i] = entry;
      inTitle.fill(1, i, e);
      if (titleEndStart[e - 1] === -1 || titleEndStart[e - 1] > i) {
        titleEndStart[e - 1] = i;
        titleEndEntry[e - 1] = entry;
      }
      break;
    }
  }
  return {
    index: idx,
    text,
    tokens,
    covered: slab.uint8(n),
    inQuote,
    titleEndStart,
    titleEndEntry,
    titleStartEnd,
    titleStartEntry,
    inTitle,
    placeEndingAt: new Map(),
    personEndingAt: new Map(),
    mentions: [],
    sentenceOffset,
    headline: kind === "heading" || (n >= 4 && caps / n > HEADLINE_CAPS),
  };
}

/** Greedy longest registry match, left to right, with case rules (acronyms in capitals, names capitalised). */
function matchNames(work: ParagraphWork, index: ActorIndex): NameMatch[] {
  const t = work.tokens;
  const out: NameMatch[] = [];
  let i = 0;
  let lastEnd = 0;
  while (i < t.count) {
    const list = t.flags[i] & CAP ? index.names.get(t.key[i]) : undefined;
    let found: NameMatch | null = null;
    if (list) {
      for (const entry of list) {
        const e = matchEntry(t, i, entry);
        if (e < 0) continue;
        if (entry.acronym) {
          let caps = true;
          for (let k = i; k < e && caps; k++)
            caps = (t.flags[k] & ALLCAPS) !== 0 || t.end[k] - t.start[k] === 1;
          if (!caps) continue;
        }
        // A short form glued to an unknown capitalised word is someone else ("Putin Street", "Xi Jinping" is a full entry).
        if (
          entry.short &&
          !work.headline &&
          e < t.count &&
          t.flags[e] & CAP &&
          !(t.flags[e] & SENT_START) &&
          !index.names.has(t.key[e]) &&
          !index.rules.stopCaps.has(t.key[e])
        )
          continue;
        // …or preceded by an unknown capitalised word: "Ben Kirby" is not the registry's John Kirby.
        if (entry.short && !work.headline && i > 0 && i - 1 >= lastEnd && givenBefore(work, i, index))
          continue;
        found = { s: i, e, entry };
        break;
      }
    }
    if (found) {
      out.push(found);
      i = found.e;
      lastEnd = found.e;
    } else i++;
  }
  return out;
}

/**
 * Whether token i follows a capitalised word that no registry match took (a first name the registry lacks:
 * "Ben Kirby"); the caller checks that the word before is not the end of an earlier match.
 */
function givenBefore(work: ParagraphWork, i: number, index: ActorIndex): boolean {
  const t = work.tokens;
  const p = i - 1;
  if (!(t.flags[p] & CAP) || t.flags[p] & POSS || t.sentence[p] !== t.sentence[i] || gapHasPunct(work, p, i))
    return false;
  const k = t.key[p];
  if (index.rules.stopCaps.has(k) || index.registry.honorifics.has(k) || work.titleEndStart[p] !== -1)
    return false;
  return !isInitial(t, p);
}

/** End (exclusive) of `entry` matched at token i, or -1. People may carry one middle initial ("Vladimir V. Putin"). */
function matchEntry(t: Tokens, i: number, entry: NameEntry): number {
  let j = i;
  for (let k = 0; k < entry.keys.length; k++) {
    if (j >= t.count) return -1;
    if (k > 0 && t.sentence[j] !== t.sentence[i] && !(entry.person && isInitial(t, j - 1))) return -1;
    if (t.key[j] !== entry.keys[k]) {
      if (entry.person && k > 0 && isInitial(t, j) && j + 1 < t.count && t.key[j + 1] === entry.keys[k]) j++;
      else return -1;
    }
    // A possessive may only end the match ("Russia's"), never sit inside it.
    if (k < entry.keys.length - 1 && t.flags[j] & POSS && !entry.innerPossessive) return -1;
    j++;
  }
  return j;
}

/** A place inside a longer capitalised name ("Carnegie Moscow Center", "Washington Post", "George Washington"). */
function isNamePart(work: ParagraphWork, m: NameMatch, index: ActorIndex): boolean {
  const t = work.tokens;
  const r = index.rules;
  if (m.entry.place?.kind === "igo" || m.entry.place?.kind === "group") return false;
  const e = m.e;
  // An ambiguous surface inside "X of Y" names ("Congress of Local and Regional Authorities",
  // "University of Georgia") is part of that name, not the country or body.
  if (m.entry.place?.ambiguous) {
    const ofAfter =
      e + 1 < t.count && t.key[e] === "of" && t.flags[e + 1] & CAP && !gapHasPunct(work, e - 1, e);
    const ofBefore =
      m.s >= 2 &&
      t.key[m.s - 1] === "of" &&
      t.flags[m.s - 2] & CAP &&
      work.titleEndStart[m.s - 2] === -1 &&
      !r.stopCaps.has(t.key[m.s - 2]);
    if (ofAfter || ofBefore) return true;
  }
  if (
    e < t.count &&
    !(t.flags[m.e - 1] & POSS) &&
    t.flags[e] & CAP &&
    t.sentence[e] === t.sentence[m.s] &&
    !gapHasPunct(work, m.e - 1, e)
  ) {
    const k = t.key[e];
    const known =
      index.names.has(k) ||
      work.titleStartEnd[e] !== -1 ||
      r.institutionHeads.has(k) ||
      r.stopCaps.has(k) ||
      (m.entry.place?.kind === "adjective" && r.groupNouns.has(k));
    if (!known) return true;
  }
  const p = m.s - 1;
  if (
    p >= 0 &&
    t.flags[p] & CAP &&
    t.sentence[p] === t.sentence[m.s] &&
    !(t.flags[p] & POSS) &&
    !gapHasPunct(work, p, m.s)
  ) {
    const k = t.key[p];
    const known =
      index.names.has(k) ||
      work.titleEndStart[p] !== -1 ||
      r.stopCaps.has(k) ||
      index.registry.honorifics.has(k);
    // Sentence-initial too ("Denzel Washington said"); function words like "But" are in stopCaps.
    // Demonyms are not surnames: a sentence-initial adjective before one is just an adjective ("Young Algerians").
    const adjectiveAfterOpener = m.entry.place?.kind === "adjective" && t.flags[p] & SENT_START;
    if (!known && !adjectiveAfterOpener) return true;
  }
  return false;
}

/** Whether anything but white space (or a possessive 's) separates tokens a and b; no string is made. */
function gapHasPunct(work: ParagraphWork, a: number, b: number): boolean {
  const text = work.text;
  let k = work.tokens.end[a];
  const to = work.tokens.start[b];
  const q = text.charCodeAt(k);
  if ((q === 39 || q === 8217) && (text.charCodeAt(k + 1) | 32) === 115) k += 2;
  for (; k < to; k++) if (!isSpace(text.charCodeAt(k))) return true;
  return false;
}

/** What lies between two offsets: only white space, one comma in white space, or anything else. */
const GAP_SPACE = 0;
const GAP_COMMA = 1;
const GAP_OTHER = 2;
function gapKind(text: string, from: number, to: number): number {
  let commas = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) {
      if (++commas > 1) return GAP_OTHER;
    } else if (!WHITE[c]) return GAP_OTHER;
  }
  return commas === 0 ? GAP_SPACE : GAP_COMMA;
}

/** Whether the text between two offsets holds a character that ends an appositive clause. */
function gapEndsClause(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (CLAUSE_END_CODES.has(text.charCodeAt(k))) return true;
  return false;
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 160 ||
    c === 8239 ||
    c === 8201 ||
    c === 8194 ||
    c === 8195
  );
}

function placeType(place: PlaceEntry, work: ParagraphWork, s: number, index: ActorIndex): MentionType {
  if (place.kind === "adjective") return "NORP";
  if (place.kind === "igo" || place.kind === "group") return "ORG";
  if (place.kind === "metonym") return place.actor.kind === "state" ? "GPE" : "ORG";
  const prev = s > 0 ? work.tokens.key[s - 1] : "";
  if (place.kind === "capital" && index.rules.locativePreps.has(prev)) return "LOC";
  return "GPE";
}

function resolveAmbiguous(
  surface: string,
  record: ArticleRecord,
  index: ActorIndex,
  cache: Map<string, string | null>,
): string | null {
  const hit = cache.get(surface);
  if (hit !== undefined) return hit;
  const rule = index.registry.ambiguity.get(surface);
  // The article text is joined only here, once per ambiguous surface: most articles never need it.
  const picked = rule
    ? resolveAmbiguity(rule, record.paragraphs.map((p) => p.text).join(PARAGRAPH_JOINER))
    : null;
  cache.set(surface, picked);
  return picked;
}

function addMention(
  work: ParagraphWork,
  s: number,
  e: number,
  type: MentionType,
  actor: string | null,
  spanStart?: number,
): string {
  const t = work.tokens;
  const start = spanStart ?? t.start[s];
  const end = t.end[e - 1];
  const id = `${work.index}:${start}`;
  work.covered.fill(1, s, e);
  work.mentions.push({ paragraph: work.index, start, end, text: work.text.slice(start, end), type, actor });
  return id;
}

/** Emits a person mention with its premodifier ("Russian President …") and records any description. */
function personMention(
  work: ParagraphWork,
  s: number,
  e: number,
  build: PersonBuild,
  index: ActorIndex,
): void {
  const t = work.tokens;
  let spanStart = t.start[s];
  let coverFrom = s;
  // Honorific right before: "Mr. Ryabkov", "Ms. Stanovaya".
  const h = s - 1;
  if (h >= 0 && t.flags[h] & CAP && index.registry.honorifics.has(t.key[h]) && work.titleEndStart[h] === -1) {
    const g = index.registry.honorifics.get(t.key[h]);
    if (g && !build.gender) build.gender = g;
    // "Sen. John McCain": the abbreviation is the title.
    const abbreviated = index.registry.honorificTitles.get(t.key[h]);
    const title = abbreviated ? index.registry.titles.get(foldKey(abbreviated)) : undefined;
    if (title)
      build.descriptions.push({
        title,
        text: title.title,
        former: false,
        country: null,
        body: null,
        sectorHint: null,
      });
    spanStart = t.start[h];
    coverFrom = h;
  }
  const pre = premodifier(work, coverFrom, index);
  if (pre) {
    build.descriptions.push(pre.desc);
    if (pre.desc.title.gender && !build.gender) build.gender = pre.desc.title.gender;
    if (pre.adjacent) {
      spanStart = t.start[pre.from];
      coverFrom = pre.from;
    }
  }
  const app = appositive(work, e, index);
  if (app) {
    build.descriptions.push(app);
    if (app.title.gender && !build.gender) build.gender = app.title.gender;
  }
  // A NORP/GPE mention swallowed by the premodifier ("Russian President Vladimir Putin") is dropped.
  if (coverFrom < s) {
    const startOff = t.start[coverFrom];
    work.mentions = work.mentions.filter((m) => m.start < startOff || m.start >= t.start[s]);
  }
  addMention(work, coverFrom, e, "PERSON", build.id, spanStart);
  work.personEndingAt.set(e - 1, build.id);
}

/**
 * The title before a name: "Deputy Foreign Minister Sergei A. Ryabkov", "Kremlin spokeswoman Maria
 * Zakharova", "the French Foreign Minister, Jean Dupont", "the minister's spokeswoman, Anna K. Berg".
 */
function premodifier(
  work: ParagraphWork,
  nameStart: number,
  index: ActorIndex,
): { desc: Description; from: number; adjacent: boolean } | null {
  const t = work.tokens;
  const last = nameStart - 1;
  if (last < 0) return null;
  let adjacent = true;
  const gap = gapKind(work.text, t.end[last], t.start[nameStart]);
  if (gap === GAP_SPACE) {
    // plain "Title Name"
  } else if (gap === GAP_COMMA) {
    adjacent = false; // "the French Foreign Minister, Jean Dupont"
  } else return null;
  const ts = work.titleEndStart[last];
  if (ts === -1) return null;
  const entry = work.titleEndEntry[last] as TitleEntry;
  if (t.sentence[ts] !== t.sentence[nameStart]) return null;
  let from = ts;
  let country: string | null = null;
  let body: string | null = null;
  const marker = work.placeEndingAt.get(ts - 1);
  if (marker && !gapHasPunct(work, ts - 1, ts)) {
    if (marker.place.actor.kind === "igo") body = marker.actor;
    else country = marker.place.actor.country;
    from = marker.s;
    // Remove the separate place mention; the person mention spans it.
  } else {
    const owner = work.personEndingAt.get(ts - 1);
    if (owner && t.flags[ts - 1] & POSS) {
      country = `@${owner}`; // resolved later from the owner's country
    }
  }
  let former = false;
  if (from > 0 && index.rules.formerWords.has(t.key[from - 1])) {
    former = true;
    from--;
  }
  if (!adjacent && !country && !body && t.key[from - 1] !== "the" && !(from > 0 && t.flags[from - 1] & POSS))
    return null;
  const text = work.text.slice(t.start[ts], t.end[last]);
  return {
    desc: { title: entry.title, text: text.toLowerCase(), former, country, body, sectorHint: null },
    from,
    adjacent,
  };
}

/** The clause after a name: ", a research analyst at the …", ", Lithuania's former defense minister". */
function appositive(work: ParagraphWork, nameEnd: number, index: ActorIndex): Description | null {
  const t = work.tokens;
  if (nameEnd >= t.count) return null;
  if (gapKind(work.text, t.end[nameEnd - 1], t.start[nameEnd]) !== GAP_COMMA) return null;
  let stop = nameEnd;
  while (stop < t.count && stop - nameEnd < APPOSITIVE_TOKENS) {
    if (stop > nameEnd && gapEndsClause(work.text, t.end[stop - 1], t.start[stop])) break;
    if (t.sentence[stop] !== t.sentence[nameEnd - 1]) break;
    stop++;
  }
  // A speech verb right after the comma means the clause is not about the name ("Putin, said Mr. X").
  if (index.rules.speechVerbs.has(t.key[nameEnd])) return null;
  for (let i = nameEnd; i < stop; i++) {
    const e = work.titleStartEnd[i];
    if (e === -1 || e > stop) continue;
    // Skip "secretary" style words used as a plain noun when a longer title follows; take the first title.
    const entry = work.titleStartEntry[i] as TitleEntry;
    let country: string | null = null;
    let body: string | null = null;
    for (let j = nameEnd; j < i; j++) {
      const p = work.placeEndingAt.get(j);
      if (!p) continue;
      if (p.place.actor.kind === "igo") body = p.actor;
      else if (
        p.place.kind === "adjective" ||
        t.flags[j] & POSS ||
        p.place.acronym ||
        p.place.kind === "name"
      )
        country = p.place.actor.country;
    }
    // Body after the title: "secretary general of NATO".
    if (!body && e < stop && t.key[e] === "of") {
      for (let j = e + 1; j < stop; j++) {
        const p = work.placeEndingAt.get(j);
        if (p && p.place.actor.kind === "igo") body = p.actor;
      }
    }
    let former = false;
    for (let j = Math.max(nameEnd, i - 2); j < i; j++)
      if (index.rules.formerWords.has(t.key[j])) former = true;
    const clause = work.text.slice(t.start[nameEnd], t.end[stop - 1]).toLowerCase();
    const text = work.text.slice(t.start[i], t.end[e - 1]).toLowerCase();
    return { title: entry.title, text, former, country, body, sectorHint: orgSector(clause, index) };
  }
  return null;
}

function orgSector(text: string, index: ActorIndex): string | null {
  for (const [sector, words] of index.registry.orgSectors) {
    for (const w of words) {
      const at = text.indexOf(w);
      if (at === -1) continue;
      const before = at === 0 ? " " : text[at - 1];
      const after = at + w.length >= text.length ? " " : text[at + w.length];
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return sector;
    }
  }
  return null;
}

/** Capitalised token runs not claimed by the registry: candidates for unknown people and organisations. */
function capitalRuns(work: ParagraphWork, index: ActorIndex): { s: number; e: number }[] {
  const t = work.tokens;
  const r = index.rules;
  const runs: { s: number; e: number }[] = [];
  let s = -1;
  // No closure for "close the open run": tsx names every closure it creates, at a cost per paragraph.
  for (let i = 0; i < t.count; i++) {
    const free = work.covered[i] === 0;
    const cap = (t.flags[i] & CAP) !== 0;
    const title = work.inTitle[i] === 1;
    const particle =
      !cap && s !== -1 && r.nameParticles.has(t.key[i]) && i + 1 < t.count && t.flags[i + 1] & CAP;
    const joins = s !== -1 && t.sentence[i] === t.sentence[s] && !gapHasPunctLoose(work, i - 1, i);
    if (free && (cap || particle) && !(title && cap && !index.registry.givenNames.has(t.key[i]))) {
      if (s !== -1 && !joins) {
        closeRun(t, index, s, i, runs);
        s = -1;
      }
      if (s === -1) s = i;
      if (t.flags[i] & POSS) {
        closeRun(t, index, s, i + 1, runs);
        s = -1;
      }
    } else if (s !== -1) {
      closeRun(t, index, s, i, runs);
      s = -1;
    }
  }
  if (s !== -1) closeRun(t, index, s, t.count, runs);
  return runs;
}

/** Ends the run of tokens [s, e): trims function words, honorifics and initials, splits at given names. */
function closeRun(
  t: Tokens,
  index: ActorIndex,
  s: number,
  e: number,
  runs: { s: number; e: number }[],
): void {
  const r = index.rules;
  let a = s;
  while (a < e && (r.stopCaps.has(t.key[a]) || index.registry.honorifics.has(t.key[a]))) a++;
  let b = e;
  while (
    b > a &&
    (r.nameParticles.has(t.key[b - 1]) || isInitial(t, b - 1) || index.registry.honorifics.has(t.key[b - 1]))
  )
    b--;
  // Two names side by side ("… Sakvarelidze Daniel Hannan") or a name after a capitalised title
  // ("Home Affairs Ylva Johansson"): cut before each given name that follows a non-given name.
  const given = index.registry.givenNames;
  let from = a;
  for (let k = a + 1; k < b - 1; k++) {
    if (given.has(t.key[k]) && !given.has(t.key[k - 1]) && !isInitial(t, k - 1)) {
      // The part before a given name is a name only if it opens with one itself ("Arizona Republican
      // John McCain" is a description and a name; "David Sakvarelidze Daniel Hannan" two names).
      if (k - from <= MAX_NAME_TOKENS && given.has(t.key[from])) runs.push({ s: from, e: k });
      from = k;
    }
  }
  if (b > from && b - from <= MAX_NAME_TOKENS) runs.push({ s: from, e: b });
}

/** Like gapHasPunct, but the dot after an initial ("A.") and a hyphen inside a name do not break a run. */
function gapHasPunctLoose(work: ParagraphWork, a: number, b: number): boolean {
  const text = work.text;
  const from = work.tokens.end[a];
  const to = work.tokens.start[b];
  if (to - from === 1 && text.charCodeAt(from) === 45) return false; // hyphenated name part
  let k = from;
  // "Sergei A. Ryabkov" joins; "R.Politik" (no space after the dot) is a brand, not initial + surname.
  if (text.charCodeAt(k) === 46 && isInitial(work.tokens, a) && to - from > 1) k++;
  if (k === to) return true;
  for (; k < to; k++) if (!isSpace(text.charCodeAt(k))) return true;
  return false;
}

function innerPlace(work: ParagraphWork, s: number, e: number, index: ActorIndex): string | null {
  const t = work.tokens;
  for (let i = s; i < e; i++) {
    const places = index.placeBySurface.get(t.key[i]);
    if (places) for (const p of places) if (!p.ambiguous && p.actor.country) return p.actor.country;
  }
  return null;
}

/**
 * A run opening with a registry short form ("Putin Has Wide …" where "Has" blocked the match) is that
 * person, not a new one: link the short form alone. Returns whether it did.
 */
function linkShortForm(
  work: ParagraphWork,
  s: number,
  e: number,
  index: ActorIndex,
  notePerson: (b: PersonBuild) => PersonBuild,
): boolean {
  const t = work.tokens;
  // Only a run that opens with the short form: "Ben Kirby" is someone new, "Putin Has Wide" is Putin.
  for (let i = s; i < s + 1 && i < e; i++) {
    const p = shortFormPerson(index, t.key[i]);
    if (!p) continue;
    const build = notePerson(registryPersonBuild(p));
    personMention(work, i, i + 1, build, index);
    return true;
  }
  return false;
}

/** Words that never sit in a person's name: function words, institutions, heads of org/place/event names. */
function vetoed(k: string, index: ActorIndex): boolean {
  const r = index.rules;
  return (
    r.stopCaps.has(k) ||
    r.institutionHeads.has(k) ||
    r.orgHeads.has(k) ||
    r.placeHeads.has(k) ||
    r.miscHeads.has(k)
  );
}

/** Whether some of these places is a country, demonym, IGO or group (not a capital or a seat of power). */
function namesCountryOrBody(places: PlaceEntry[] | undefined): boolean {
  if (!places) return false;
  for (const p of places) if (p.kind !== "capital" && p.kind !== "metonym") return true;
  return false;
}

/** The registry's one-word short form of a person that starts with this key ("Putin"), if any. */
function shortFormPerson(index: ActorIndex, key: string): PersonEntry | null {
  const list = index.names.get(key);
  if (!list) return null;
  for (const x of list) if (x.short && x.person && x.keys.length === 1) return x.person;
  return null;
}

/** Whether a run names a person: a known given name, a title or honorific before it, an appositive or a speech verb. */
function isPersonRun(
  work: ParagraphWork,
  s: number,
  e: number,
  index: ActorIndex,
  external: ReturnType<Recognizer>,
): boolean {
  const t = work.tokens;
  const r = index.rules;
  const len = e - s;
  for (let i = s; i < e; i++) if (vetoed(t.key[i], index)) return false;
  // A run holding a demonym is an organisation or a group ("Palestinian Authority") unless it opens
  // with a given name; capitals may sit in surnames ("Denzel Washington").
  if (!index.registry.givenNames.has(t.key[s])) {
    // Country names, demonyms and IGOs inside a run make it a programme, club or body ("Good Morning
    // Britain", "Manchester United" is missed by this and caught by no cue); capitals may be surnames.
    for (let i = s; i < e; i++) if (namesCountryOrBody(index.placeBySurface.get(t.key[i]))) return false;
  }
  const prev = s - 1;
  const honorific =
    prev >= 0 &&
    index.registry.honorifics.has(t.key[prev]) &&
    (t.flags[prev] & CAP) !== 0 &&
    t.sentence[prev] === t.sentence[s];
  // A lone capitalised word needs an honorific ("Ms. Stanovaya"); after a plain title it is too often
  // something else ("Premier League", "U.S. Marine").
  if (len < 2) return honorific;
  const titled = prev >= 0 && work.titleEndStart[prev] !== -1 && t.sentence[prev] === t.sentence[s];
  if (honorific || titled) return true;
  for (const x of external)
    if (x.type === "PER" && x.start <= t.start[s] && x.end >= t.end[e - 1]) return true;
  if (index.registry.givenNames.has(t.key[s]) && index.registry.givenNames.get(t.key[s]) !== undefined)
    return true;
  if (prev >= 0 && r.speakerAfterVerbs.has(t.key[prev])) return true;
  if (e < t.count && r.speechVerbs.has(t.key[e]) && !gapHasPunct(work, e - 1, e)) return true;
  if (e < t.count && gapKind(work.text, t.end[e - 1], t.start[e]) === GAP_COMMA) {
    for (let i = e; i < Math.min(t.count, e + 6); i++) if (work.titleStartEnd[i] !== -1) return true;
  }
  return false;
}

/** Later mentions by surname alone, with or without an honorific: "Mr. Ryabkov", "Ryabkov". */
function linkSurnames(
  work: ParagraphWork,
  bySurname: Map<string, string | null>,
  people: Map<string, PersonBuild>,
  index: ActorIndex,
): void {
  const t = work.tokens;
  for (let i = 0; i < t.count; i++) {
    if (work.covered[i] !== 0 || !(t.flags[i] & CAP)) continue;
    const id = bySurname.get(t.key[i]);
    if (!id) continue;
    if (
      i + 1 < t.count &&
      t.flags[i + 1] & CAP &&
      work.covered[i + 1] === 0 &&
      !(t.flags[i] & POSS) &&
      t.sentence[i + 1] === t.sentence[i] &&
      !gapHasPunct(work, i, i + 1) &&
      !index.rules.stopCaps.has(t.key[i + 1])
    )
      continue;
    const build = people.get(id);
    if (!build) continue;
    personMention(work, i, i + 1, build, index);
  }
  // Registry short forms matched in pass 1 that the article uses for someone else keep pass-1 links;
  // see README-level note in index.ts.
}

/**
 * "the Russian leader", "the Kremlin's spokesman", "the Russian president": a person the article already
 * named, when exactly one fits country and office; otherwise, on a dated article, the one registry holder
 * of that office on that date ("the Russian president" in 2015 is Putin even when his name never appears).
 */
function linkDescriptions(
  work: ParagraphWork,
  people: Map<string, PersonBuild>,
  index: ActorIndex,
  record: ArticleRecord,
  viewOf: (b: PersonBuild) => Actor,
  addPerson: (p: PersonEntry) => PersonBuild,
): void {
  const t = work.tokens;
  for (let i = 0; i < t.count; i++) {
    const e = work.titleStartEnd[i];
    if (e === -1 || work.covered[i] !== 0) continue;
    const entry = work.titleStartEntry[i] as TitleEntry;
    // Followed by a name: a premodifier, handled with the name.
    if (e < t.count && t.flags[e] & CAP && work.covered[e] === 0 && !gapHasPunct(work, e - 1, e)) continue;
    const marker = work.placeEndingAt.get(i - 1);
    if (!marker?.actor) continue;
    const the = marker.s - 1;
    if (the < 0 || t.key[the] !== "the") continue;
    const country = marker.place.actor.country;
    const candidates: string[] = [];
    for (const b of people.values()) {
      const actor = viewOf(b);
      if (actor.country !== country || !actor.role || actor.role.startsWith("former ")) continue;
      const fam = familyOf(actor.role, index);
      if (fam === entry.title.family || (entry.title.head && fam !== null && isHeadFamily(fam, index)))
        candidates.push(b.id);
    }
    let pick = candidates.length === 1 ? candidates[0] : null;
    if (!pick && candidates.length === 0 && country && !entry.title.head) {
      const holder = holderOn(index, country, entry.title.family, record);
      if (holder) pick = addPerson(holder).id;
    }
    if (!pick && candidates.length === 0 && country && entry.title.head) {
      // "the Russian leader": the head of state, else the head of government, on that date.
      const holder =
        holderOn(index, country, "president", record) ??
        holderOn(index, country, "chancellor", record) ??
        holderOn(index, country, "prime minister", record);
      if (
        holder &&
        (entry.title.family === "leader" ||
          entry.title.family === familyOf(roleAt(holder, record.published)?.span.role ?? "", index))
      )
        pick = addPerson(holder).id;
    }
    if (!pick) continue;
    const start = t.start[the];
    work.mentions = work.mentions.filter((m) => !(m.start >= start && m.end <= t.end[e - 1]));
    addMention(work, the, e, "PERSON", pick, start);
    work.personEndingAt.set(e - 1, pick);
  }
}

/** The one registry person holding `family` for `country` on the article's date (never for undated articles). */
function holderOn(
  index: ActorIndex,
  country: string,
  family: string,
  record: ArticleRecord,
): PersonEntry | null {
  const p = record.published;
  if (!p.date && !p.earliest && !p.latest) return null;
  const list = index.holders.get(`${country}|${family}`);
  if (!list) return null;
  let found: PersonEntry | null = null;
  for (const person of list) {
    const r = roleAt(person, p);
    if (!r || r.former || r.basis === "undated") continue;
    if (familyOf(r.span.role, index) !== family || r.span.country !== country) continue;
    if (found && found !== person) return null;
    found = person;
  }
  return found;
}

/**
 * The registry person a title + lone surname names ("President Bashir"): on a dated article the one
 * person with that surname holding an office of the title's family then (else the one holding any
 * office then); undated, the one such person ever (else the only person with that surname). Null when
 * it is not unique: "President Bush" undated names two presidents, so it stays unresolved.
 * Known miss: a title of another family than the registry row ("General Musharraf" while president).
 */
function titledHolder(
  index: ActorIndex,
  key: string,
  family: string | null,
  record: ArticleRecord,
): { person: PersonEntry | null; guessed: boolean } | null {
  const list = index.bySurname.get(key);
  if (!list) return null;
  const p = record.published;
  const dated = Boolean(p.date || p.earliest || p.latest);
  const headTitle = family !== null && isHeadFamily(family, index);
  let byFamily: PersonEntry | null = null;
  let familyCount = 0;
  let anyRole: PersonEntry | null = null;
  let anyCount = 0;
  // Undated and several fit ("President Bush"): when all held that office for one country, the latest
  // holder stands in, so the country is right even if the person may not be (the caller says so).
  let sameCountry: string | null | undefined;
  let latest: PersonEntry | null = null;
  let latestStart = "";
  for (const person of list) {
    if (dated) {
      const r = roleAt(person, p);
      if (!r || r.former) continue;
      // Another head-of-state title counts too ("General Musharraf" while president, "Chairman Arafat");
      // a minister's title never lands on a prime minister of the same surname.
      const roleFamilyThen = familyOf(r.span.role, index);
      if (headTitle && roleFamilyThen && isHeadFamily(roleFamilyThen, index)) {
        anyRole = person;
        anyCount++;
      }
      if (family && roleFamilyThen === family) {
        byFamily = person;
        familyCount++;
      }
    } else {
      if (headTitle && person.roles.some((span) => isHeadFamily(familyOf(span.role, index) ?? "", index))) {
        anyRole = person;
        anyCount++;
      }
      if (!family) continue;
      for (const span of person.roles) {
        if (familyOf(span.role, index) !== family) continue;
        if (byFamily !== person) familyCount++;
        byFamily = person;
        sameCountry = sameCountry === undefined || sameCountry === span.country ? span.country : null;
        if (span.start > latestStart) {
          latestStart = span.start;
          latest = person;
        }
      }
    }
  }
  if (familyCount === 1) return { person: byFamily, guessed: false };
  if (familyCount === 0 && anyCount === 1) return { person: anyRole, guessed: false };
  if (!dated && familyCount > 1 && sameCountry) return { person: latest, guessed: true };
  return null;
}

/** Head-of-state/government families per index, cached: linkDescriptions asks for every candidate. */
const headFamilies = new WeakMap<ActorIndex, Set<string>>();
function isHeadFamily(family: string, index: ActorIndex): boolean {
  let heads = headFamilies.get(index);
  if (!heads) {
    heads = new Set();
    for (const t of index.registry.titles.values()) if (t.head) heads.add(t.family);
    headFamilies.set(index, heads);
  }
  return heads.has(family);
}

/**
 * Family of a role string (see `titleFamily`), cached: roles repeat across articles.
 * @example familyOf("spokeswoman", index) // "spokesperson"; familyOf("former deputy foreign minister", index) // "deputy foreign minister"
 */
export function familyOf(role: string, index: ActorIndex): string | null {
  const cleaned = role.replace(FORMER_PREFIX, "");
  let f = familyCache.get(cleaned);
  if (f === undefined) {
    f = titleFamily(cleaned, index.titles);
    familyCache.set(cleaned, f);
  }
  return f;
}
const familyCache = new Map<string, string | null>();

/**
 * Family of a role string over the shipped registry's titles, for other layers and eval suites.
 * @example roleFamily("spokeswoman") === roleFamily("spokesperson") // true
 */
export function roleFamily(role: string): string | null {
  return familyOf(role, getIndex());
}
/** "former" in a role string says when, not which office. */
const FORMER_PREFIX = /^(?:former|ex-|then-)\s*/i;

/**
 * Pronouns (he/she/him/her/his) outside quotations, linked to the one compatible person just before
 * (named in this sentence or the one before). People met are kept in flat arrays in reading order, so
 * dropping those too far back is moving a start pointer, and a pronoun costs a scan of the few left.
 */
function linkPronouns(works: ParagraphWork[], people: Map<string, PersonBuild>, index: ActorIndex): void {
  const recentId: string[] = [];
  const recentSentence: number[] = [];
  const recentGender: ("M" | "F" | null)[] = [];
  let head = 0;
  const pronouns = index.rules.pronouns;
  for (const work of works) {
    const t = work.tokens;
    const persons: Mention[] = [];
    for (const m of work.mentions) if (m.type === "PERSON" && m.actor) persons.push(m);
    persons.sort(byStart);
    let pi = 0;
    for (let i = 0; i < t.count; i++) {
      const sentence = work.sentenceOffset + t.sentence[i];
      while (pi < persons.length && persons[pi].start < t.start[i]) {
        const id = persons[pi].actor as string;
        recentId.push(id);
        recentSentence.push(sentence);
        recentGender.push(people.get(id)?.gender ?? null);
        pi++;
      }
      if (t.end[i] - t.start[i] > MAX_PRONOUN_LENGTH || index.pronounShapes[shapeOf(t.key[i])] === 0)
        continue;
      const g = pronouns.get(t.key[i]);
      if (!g || work.inQuote[i] || work.covered[i] !== 0) continue;
      while (head < recentId.length && recentSentence[head] < sentence - 1) head++;
      let pick: string | null = null;
      for (let r = head; r < recentId.length; r++) {
        const rg = recentGender[r];
        if (rg !== null && rg !== g) continue;
        if (pick === null) pick = recentId[r];
        else if (pick !== recentId[r]) {
          pick = null;
          break;
        }
      }
      if (!pick) continue;
      addMention(work, i, i + 1, "PERSON", pick);
    }
    // People named after the last pronoun still count for the next paragraph's first sentence.
    const lastSentence = work.sentenceOffset + (t.count ? t.sentence[t.count - 1] : 0);
    while (pi < persons.length) {
      const id = persons[pi].actor as string;
      recentId.push(id);
      recentSentence.push(lastSentence);
      recentGender.push(people.get(id)?.gender ?? null);
      pi++;
    }
  }
}

/** Display name of an IGO or org body by id ("igo:NATO" → "NATO"). */
function bodyName(id: string): string | null {
  return getIndex().bodyNames.get(id) ?? null;
}

/**
 * The article's view of a person: the registry role on the article date, unless the registry has no
 * current role for them or the article itself calls them "former …" (then the article's words win).
 */
function personActor(
  b: PersonBuild,
  record: ArticleRecord,
  people: Map<string, PersonBuild>,
  depth = 0,
): { actor: Actor; undatedRole: boolean } {
  const desc = b.descriptions.find((d) => d.title.sector !== null) ?? b.descriptions[0] ?? null;
  let dated = b.person ? roleAt(b.person, record.published) : null;
  // Undated article: the article's own description picks among the registry's roles
  // ("director of the … think tank" selects the directorship, not the later role).
  if (dated && dated.basis === "undated" && desc && b.person) {
    const same = b.person.roles.find((r) => familyOf(r.role, getIndex()) === desc.title.family);
    if (same) dated = { span: same, former: desc.former, basis: "undated" };
  }
  let role: string | null = null;
  let sector: string | null = null;
  let country: string | null = null;
  let undatedRole = false;
  const descCountry = (d: Description | null): string | null => {
    if (!d?.country) return null;
    if (!d.country.startsWith("@")) return d.country;
    // "Mr. Putin's spokesman": the owner's country.
    const owner = people.get(d.country.slice(1));
    return owner && depth < 2 && owner !== b
      ? personActor(owner, record, people, depth + 1).actor.country
      : null;
  };
  if (desc && desc.title.sector !== null && (!dated || dated.former || desc.former)) {
    role = desc.former ? `former ${desc.text}` : desc.text;
    sector = desc.title.sector;
    country = descCountry(desc) ?? dated?.span.country ?? null;
  } else if (dated) {
    const body = dated.span.body ? bodyName(dated.span.body) : null;
    // An IGO office speaks for the body, not the holder's country: "NATO secretary-general", country null.
    const office = body && !dated.span.role.includes(body) ? `${body} ${dated.span.role}` : dated.span.role;
    role = dated.former ? `former ${office}` : office;
    sector = dated.span.sector;
    country = dated.span.body && !dated.former ? null : dated.span.country;
    undatedRole = dated.basis === "undated";
  } else if (desc) {
    role = desc.former ? `former ${desc.text}` : desc.text;
    sector = desc.title.sector ?? desc.sectorHint;
    country = descCountry(desc);
  }
  if (!country) {
    for (const d of b.descriptions) {
      const c = descCountry(d);
      if (c) {
        country = c;
        break;
      }
    }
  }
  return { actor: { id: b.id, name: b.name, kind: "person", country, sector, role }, undatedRole };
}
