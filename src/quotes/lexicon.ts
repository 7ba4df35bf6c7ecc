import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../version.ts";

/** Where the hand-written cue lexicon lives; read once per process. */
const CUES_PATH = join(REPO_ROOT, "data", "quotes", "cues.json");

interface CuesFile {
  verbs: Record<string, string[]>;
  takesClause: string[];
  speakerAfter: string[];
  objectVerbs: string[];
  objectContent: string[];
  bareClause: string[];
  speechOnly: string[];
  groups: string[];
  roles: string[];
  titles: string[];
  honorifics: Record<string, "m" | "f" | null>;
  genderedRoles: Record<string, "m" | "f">;
  pronouns: Record<string, "m" | "f" | "p" | "s" | "n">;
  auxiliaries: string[];
  subordinators: string[];
  notSpeakers: string[];
  clauseBlockers: string[];
  notNames: string[];
  orgWords?: string[];
}

/** The cue lexicon compiled for the hot path: maps from written word forms to lemmas, sets for word tests. */
export interface Lexicon {
  /** Lower-cased cue form → lemma ("told" → "tell", "according to" → "according to"). */
  formToLemma: Map<string, string>;
  /** Single-word forms as written (lower case and Capitalised) → lemma, for lookups without lower-casing. */
  firstWord: Map<string, string>;
  /** Quick test for "any cue word here?", a prefix tree of the first words; a hit is checked word by word. */
  cueProbe: RegExp;
  /** First word of a two-word cue (either case) → second words → lemma ("according" → "to" → "according to"). */
  pairs: Map<string, Map<string, string>>;
  takesClause: Set<string>;
  speakerAfter: Set<string>;
  objectVerbs: Set<string>;
  /** Cues whose object is what was said ("called for a ceasefire", "pledged to cut taxes"). */
  objectContent: Set<string>;
  /** Cues that take a reported clause without "that" ("says the talks failed"). */
  bareClause: Set<string>;
  /** Cues that never take a plain object, so "said his band wrote…" is a clause, while "wrote his book" is not. */
  takesBareObjectlessClause: Set<string>;
  groups: Set<string>;
  roles: Set<string>;
  titles: Set<string>;
  honorifics: Map<string, "m" | "f" | null>;
  genderedRoles: Map<string, "m" | "f">;
  pronouns: Map<string, "m" | "f" | "p" | "s" | "n">;
  auxiliaries: Set<string>;
  subordinators: Set<string>;
  notSpeakers: Set<string>;
  clauseBlockers: Set<string>;
  /** Capitalised words that never begin a name ("But", "Tuesday"). */
  notNames: Set<string>;
  /** Last words that make a name an organisation ("Harbour Authority"). */
  orgWords: Set<string>;
}

let cached: Lexicon | null = null;

/** A regex alternation factored by common prefixes ("said|says" → "sa(?:id|ys)"), so each position tries few branches. */
function trieAlternation(words: string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w.toLowerCase()) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    const parts = [...node.next.entries()].map(
      ([ch, child]) => ch.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&") + emit(child),
    );
    if (parts.length === 0) return "";
    const body = parts.length === 1 ? parts[0] : `(?:${parts.join("|")})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/**
 * The cue lexicon of data/quotes/cues.json, compiled once.
 * @example lexicon().formToLemma.get("told") // "tell"
 */
export function lexicon(): Lexicon {
  if (cached) return cached;
  let raw: CuesFile;
  try {
    raw = JSON.parse(readFileSync(CUES_PATH, "utf8")) as CuesFile;
  } catch (err) {
    throw new Error(
      `quotes: expected the cue lexicon at ${CUES_PATH}, found none or bad JSON (${(err as Error).message})`,
    );
  }
  if (!raw.verbs || typeof raw.verbs !== "object") {
    throw new Error(
      `quotes: expected "verbs" as an object of lemma → forms in ${CUES_PATH}, found ${typeof raw.verbs}`,
    );
  }
  const formToLemma = new Map<string, string>();
  for (const [lemma, forms] of Object.entries(raw.verbs)) {
    for (const f of forms) formToLemma.set(f.toLowerCase(), lemma);
  }
  const firstWord = new Map<string, string>();
  const pairs = new Map<string, Map<string, string>>();
  for (const [form, lemma] of formToLemma) {
    const parts = form.split(" ");
    const variants = (w: string) => [w, w[0].toUpperCase() + w.slice(1)];
    if (parts.length === 1) for (const v of variants(form)) firstWord.set(v, lemma);
    else if (parts.length === 2) {
      for (const v of variants(parts[0])) {
        const m = pairs.get(v) ?? new Map<string, string>();
        m.set(parts[1], lemma);
        pairs.set(v, m);
      }
    } else throw new Error(`quotes: expected cue forms of one or two words in ${CUES_PATH}, found "${form}"`);
  }
  const probeWords = new Set<string>();
  for (const form of formToLemma.keys()) probeWords.add(form.split(" ")[0]);
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  cached = {
    formToLemma,
    firstWord,
    pairs,
    cueProbe: new RegExp(`\\b(?:${trieAlternation([...probeWords])})\\b`, "gi"),
    takesClause: new Set(raw.takesClause),
    speakerAfter: new Set(raw.speakerAfter),
    objectVerbs: new Set(raw.objectVerbs),
    objectContent: new Set(raw.objectContent ?? []),
    bareClause: new Set(raw.bareClause ?? []),
    takesBareObjectlessClause: new Set(raw.speechOnly ?? []),
    groups: lower(raw.groups),
    roles: lower(raw.roles),
    titles: new Set(raw.titles),
    honorifics: new Map(Object.entries(raw.honorifics)),
    genderedRoles: new Map(Object.entries(raw.genderedRoles)),
    pronouns: new Map(Object.entries(raw.pronouns)),
    auxiliaries: lower(raw.auxiliaries),
    subordinators: lower(raw.subordinators),
    notSpeakers: lower(raw.notSpeakers),
    clauseBlockers: lower(raw.clauseBlockers),
    notNames: new Set(raw.notNames ?? []),
    orgWords: new Set(raw.orgWords ?? []),
  };
  return cached;
}
