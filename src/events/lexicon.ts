/**
 * The events lexicon: CAMEO table, event patterns, modality cues and closed-class words, read once from
 * data/events/ and indexed by the surface form of each pattern's head word, so the coder does one Map
 * lookup per token. A malformed data file is a configuration error and throws, naming file and line.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "../version.ts";

/** Where the events knowledge lives; everything below is read from here once per process. */
const DATA_DIR = resolve(REPO_ROOT, "data/events");
/** A data line we skip: blank or a comment. */
const SKIP_LINE = /^\s*(#|$)/;
/** Letters that make a final consonant double before -ed/-ing (ban → banned); w, x, y never double. */
const DOUBLING_FINAL = /[^aeiou][aeiou]([bdglmnprt])$/;
/** Consonant + y: cry → cries, cried. */
const CONSONANT_Y = /[^aeiou]y$/;
/** Sibilant endings take -es in the third person: push → pushes. */
const SIBILANT = /(s|sh|ch|x|z)$/;

export interface CameoEntry {
  code: string;
  goldstein: number;
  category: string;
  mode: string;
  name: string;
}

/** One element of a pattern after its head: alternatives, and whether it is optional or a target marker. */
export interface PatternStep {
  /** Alternatives, lower-case; empty for the actor slot "@". */
  words: string[];
  /** Every accepted surface: each alternative and its plural in -s/-es, so matching is one Set lookup. */
  forms: Set<string>;
  optional: boolean;
  /** "@": an actor mention must stand here and is the target. */
  slot: boolean;
  /** "word>": the target is the first actor after this word. */
  targetAfter: boolean;
}

export type GovernedModality = "future" | "hypothetical" | "negated" | "claimed";

export interface EventPattern {
  /** Line number in patterns.tsv, for messages and debugging. */
  line: number;
  code: string;
  kind: "v" | "n";
  head: string;
  steps: PatternStep[];
  /** Number of literal words (head included): the longer pattern wins. */
  weight: number;
  reciprocal: boolean;
  noTarget: boolean;
  noPassive: boolean;
  governs: GovernedModality | null;
  /** "mirror=043": also code the reverse event with this code (a visit is a hosted visit). */
  mirror: string | null;
  /** "joint=062": with a compound source the event is this reciprocal code (joint exercises cooperate). */
  joint: string | null;
  /** "ignore": an idiom that only blocks shorter patterns ("battling to keep her seat"). */
  ignore: boolean;
  /** Whether the pattern itself says where the target is (@ or >). */
  explicitTarget: boolean;
  /**
   * "obliges": an event only when an obligation modal (must, should, has to …) follows in the sentence:
   * "insisted the question must be settled now" demands; "insisted it had no plans" does not.
   */
  needsObligation: boolean;
  /** "armed": an event only when its source is armed (military, rebels, police, spies). */
  needsArmed: boolean;
}

export interface ModalityCues {
  negators: string[][];
  denials: string[][];
  conditionals: string[][];
  conditionalOpeners: string[][];
  future: string[][];
  claims: string[][];
  reportVerbs: Set<string>;
  opinionFirstPerson: Set<string>;
  opinionHedges: Set<string>;
  /** Verbs before "to" after which an infinitive event did happen ("managed to", "began to"). */
  factiveBeforeTo: Set<string>;
  /** Words opening a conditional clause; an event anywhere inside it is hypothetical ("if …"). */
  conditionalSubordinators: Set<string>;
  /** Assumptions and open questions; an event after one in its scope is hypothetical. */
  openFrames: string[][];
  /** "proposal for", "plan for": a nominal event right after one is hypothetical. */
  proposalFrames: string[][];
}

export interface Lexicon {
  cameo: Map<string, CameoEntry>;
  /** Head surface form → patterns starting with it. */
  byHead: Map<string, EventPattern[]>;
  patterns: EventPattern[];
  modality: ModalityCues;
  /** Head noun after an actor name → sector ("troops" → MIL). */
  sectorHeads: Map<string, string>;
  determiners: Set<string>;
  nounContext: Set<string>;
  beForms: Set<string>;
  passiveSkip: Set<string>;
  clauseBreaks: Set<string>;
  subjectPronouns: Set<string>;
  /** Verbs whose object noun names the event ("began the withdrawal"): the noun takes the verb's subject. */
  lightVerbs: Set<string>;
  /** Amount words skipped when measuring a pattern gap ("roughly 4,000 tonnes of"). */
  quantities: Set<string>;
  /** "-ing" forms that are nouns unless a word in gerundVerbAfter comes right before ("by meeting with"). */
  nounlikeGerunds: Set<string>;
  gerundVerbAfter: Set<string>;
  firstPerson: Set<string>;
  /** Generic subjects that name no actor ("if you live in …", "anyone who …"). */
  impersonalSubjects: Set<string>;
  /** Verbs whose object is received from someone ("got support from X"): the from-phrase is the source. */
  receiveVerbs: Set<string>;
}

/** Flags a patterns.tsv line may carry; anything else is a typo (a pattern word pushed into column 4). */
const KNOWN_FLAGS = new Set([
  "recip",
  "future",
  "hypothetical",
  "negated",
  "claimed",
  "notarget",
  "nopassive",
  "ignore",
  "obliges",
  "armed",
]);

let cached: Lexicon | null = null;

/**
 * The lexicon, loaded on first use and cached for the process.
 * @example eventLexicon().cameo.get("192")?.category // "COERCE"
 */
export function eventLexicon(): Lexicon {
  if (!cached) cached = loadLexicon(DATA_DIR);
  return cached;
}

function readLines(dir: string, file: string): Array<[number, string[]]> {
  const text = readFileSync(resolve(dir, file), "utf8");
  const out: Array<[number, string[]]> = [];
  text.split("\n").forEach((line, i) => {
    if (!SKIP_LINE.test(line)) out.push([i + 1, line.split("\t")]);
  });
  return out;
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(resolve(dir, file), "utf8")) as T;
}

/** Lower-case token sequences for multi-word cues ("no intention" → ["no", "intention"]). */
function cueTokens(cues: string[]): string[][] {
  return cues.map((c) => c.toLowerCase().split(/\s+/));
}

/**
 * Every form of a verb lemma: regular inflections plus the irregular table.
 * @example verbForms("ban", new Map()) // includes "banned", "banning", "bans"
 */
export function verbForms(lemma: string, irregular: Map<string, string[]>): string[] {
  const forms = new Set<string>([lemma, ...(irregular.get(lemma) ?? [])]);
  if (lemma === "be") return [...forms];
  if (CONSONANT_Y.test(lemma)) {
    const stem = lemma.slice(0, -1);
    forms.add(`${stem}ies`).add(`${stem}ied`).add(`${lemma}ing`);
  } else {
    forms.add(SIBILANT.test(lemma) ? `${lemma}es` : `${lemma}s`);
    if (lemma.endsWith("ee")) forms.add(`${lemma}d`).add(`${lemma}ing`);
    else if (lemma.endsWith("ie")) forms.add(`${lemma}d`).add(`${lemma.slice(0, -2)}ying`);
    else if (lemma.endsWith("e")) forms.add(`${lemma}d`).add(`${lemma.slice(0, -1)}ing`);
    else {
      forms.add(`${lemma}ed`).add(`${lemma}ing`);
      const m = DOUBLING_FINAL.exec(lemma);
      if (m) forms.add(`${lemma}${m[1]}ed`).add(`${lemma}${m[1]}ing`);
    }
  }
  // British/American -ize/-ise spellings both occur in news.
  for (const f of [...forms]) if (f.includes("iz")) forms.add(f.replace("iz", "is"));
  return [...forms];
}

/** Singular and plural of a noun head ("invasion" → "invasions"; "talks" stays). */
function nounForms(noun: string): string[] {
  if (noun.endsWith("s")) return [noun];
  if (CONSONANT_Y.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  return [noun, SIBILANT.test(noun) ? `${noun}es` : `${noun}s`];
}

function parseStep(raw: string, where: string): PatternStep {
  if (raw === "@") return { words: [], forms: new Set(), optional: false, slot: true, targetAfter: false };
  let text = raw;
  let optional = false;
  let targetAfter = false;
  if (text.endsWith(">")) {
    targetAfter = true;
    text = text.slice(0, -1);
  }
  if (text.endsWith("?")) {
    optional = true;
    text = text.slice(0, -1);
  }
  if (text.endsWith(">")) {
    targetAfter = true;
    text = text.slice(0, -1);
  }
  const words = text.split("|").filter(Boolean);
  if (words.length === 0) throw new Error(`events lexicon: ${where}: expected a word or "@", found "${raw}"`);
  const forms = new Set<string>();
  for (const w of words) forms.add(w).add(`${w}s`).add(`${w}es`);
  return { words, forms, optional, slot: false, targetAfter };
}

/** Builds the lexicon from a data folder; exported so tests can load a folder of their own. */
export function loadLexicon(dir: string): Lexicon {
  const cameo = new Map<string, CameoEntry>();
  for (const [, f] of readLines(dir, "cameo.tsv")) {
    if (f[0] === "code") continue;
    const [code = "", goldstein = "0", category = "", mode = "", name = ""] = f;
    cameo.set(code, { code, goldstein: Number.parseFloat(goldstein), category, mode, name });
  }

  const irregular = new Map<string, string[]>();
  for (const [, f] of readLines(dir, "irregular-verbs.tsv")) {
    const [lemma, ...rest] = f.map((x) => x.trim()).filter(Boolean);
    if (lemma) irregular.set(lemma, rest);
  }

  const patterns: EventPattern[] = [];
  const byHead = new Map<string, EventPattern[]>();
  for (const [line, f] of readLines(dir, "patterns.tsv")) {
    if (f[0] === "code") continue;
    const where = `patterns.tsv line ${line}`;
    const [code = "", kind = "", text = "", flagText = ""] = f.map((x) => x.trim());
    const entry = cameo.get(code);
    if (!entry)
      throw new Error(`events lexicon: ${where}: expected a CAMEO code listed in cameo.tsv, found "${code}"`);
    if (!entry.category)
      throw new Error(`events lexicon: ${where}: CAMEO ${code} has no PLOVER category to code`);
    if (kind !== "v" && kind !== "n")
      throw new Error(`events lexicon: ${where}: expected kind v or n, found "${kind}"`);
    const parts = text.toLowerCase().split(/\s+/).filter(Boolean);
    const [headRaw, ...rest] = parts;
    if (!headRaw) throw new Error(`events lexicon: ${where}: empty pattern`);
    const heads = headRaw.split("|");
    const steps = rest.map((p) => parseStep(p, where));
    const flags = new Set(flagText.split(/[\s,]+/).filter(Boolean));
    for (const flag of flags)
      if (!KNOWN_FLAGS.has(flag) && !flag.startsWith("mirror=") && !flag.startsWith("joint="))
        throw new Error(
          `events lexicon: ${where}: expected a flag (${[...KNOWN_FLAGS].join(", ")}, mirror=, joint=), found "${flag}" — is a pattern word in the flags column?`,
        );
    const governs =
      (["future", "hypothetical", "negated", "claimed"] as const).find((g) => flags.has(g)) ?? null;
    // A multi-word head ("step down") is written as separate steps; only the first word is the head.
    for (const head of heads) {
      const pattern: EventPattern = {
        line,
        code,
        kind,
        head,
        steps,
        weight: 1 + steps.filter((s) => !s.slot && !s.optional).length,
        reciprocal: flags.has("recip"),
        noTarget: flags.has("notarget"),
        noPassive: flags.has("nopassive"),
        governs,
        mirror: [...flags].find((f) => f.startsWith("mirror="))?.slice("mirror=".length) ?? null,
        joint: [...flags].find((f) => f.startsWith("joint="))?.slice("joint=".length) ?? null,
        ignore: flags.has("ignore"),
        explicitTarget: steps.some((s) => s.slot || s.targetAfter),
        needsObligation: flags.has("obliges"),
        needsArmed: flags.has("armed"),
      };
      patterns.push(pattern);
      const forms = kind === "v" ? verbForms(head, irregular) : nounForms(head);
      for (const form of forms) {
        const list = byHead.get(form);
        if (list) list.push(pattern);
        else byHead.set(form, [pattern]);
      }
    }
  }
  // Longest (then most specific) first, so the first full match at a head is the best one.
  for (const list of byHead.values()) {
    list.sort((a, b) => b.weight - a.weight || b.code.length - a.code.length || a.line - b.line);
  }

  const m = readJson<
    Record<string, { cues?: string[]; sentenceInitial?: string[]; firstPerson?: string[]; hedges?: string[] }>
  >(dir, "modality.json");
  const cues = (k: string): string[] => m[k]?.cues ?? [];
  const modality: ModalityCues = {
    negators: cueTokens(cues("negators")),
    denials: cueTokens(cues("denials")),
    conditionals: cueTokens(cues("conditionals")),
    conditionalOpeners: cueTokens(m.conditionals?.sentenceInitial ?? []),
    future: cueTokens(cues("future")),
    claims: cueTokens(cues("claims")),
    reportVerbs: new Set(cues("reportVerbs")),
    opinionFirstPerson: new Set(m.opinion?.firstPerson ?? []),
    opinionHedges: new Set(m.opinion?.hedges ?? []),
    factiveBeforeTo: new Set(
      (m as Record<string, { factiveBefore?: string[] }>).infinitive?.factiveBefore ?? [],
    ),
    conditionalSubordinators: new Set(
      (m as Record<string, { subordinators?: string[] }>).conditionals?.subordinators ?? [],
    ),
    openFrames: cueTokens(cues("openFrames")),
    proposalFrames: cueTokens(cues("proposalFrames")),
  };

  const sectors = readJson<{ heads: Record<string, string[]> }>(dir, "sectors.json");
  const sectorHeads = new Map<string, string>();
  for (const [sector, words] of Object.entries(sectors.heads))
    for (const w of words) sectorHeads.set(w, sector);

  const words = readJson<Record<string, string[] | { words: string[] }>>(dir, "words.json");
  const set = (k: string): Set<string> => {
    const v = words[k];
    return new Set(Array.isArray(v) ? v : (v?.words ?? []));
  };
  return {
    cameo,
    byHead,
    patterns,
    modality,
    sectorHeads,
    determiners: set("determiners"),
    nounContext: set("nounContext"),
    beForms: set("beForms"),
    passiveSkip: set("passiveSkip"),
    clauseBreaks: set("clauseBreaks"),
    subjectPronouns: set("subjectPronouns"),
    lightVerbs: set("lightVerbs"),
    quantities: set("quantities"),
    nounlikeGerunds: set("nounlikeGerunds"),
    gerundVerbAfter: new Set(
      (words.nounlikeGerunds as { verbAfter?: string[] } | undefined)?.verbAfter ?? [],
    ),
    firstPerson: set("firstPersonPronouns"),
    impersonalSubjects: set("impersonalSubjects"),
    receiveVerbs: set("receiveVerbs"),
  };
}
