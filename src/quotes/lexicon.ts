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
  groups: string[];
  roles: string[];
  titles: string[];
  honorifics: Record<string, "m" | "f" | null>;
  genderedRoles: Record<string, "m" | "f">;
  pronouns: Record<string, "m" | "f" | "p" | "s">;
  auxiliaries: string[];
  subordinators: string[];
  notSpeakers: string[];
  clauseBlockers: string[];
  notNames: string[];
}

/** The cue lexicon compiled for the hot path: one regex for every cue form, sets for word tests. */
export interface Lexicon {
  /** Matches any cue form as a whole word (case-insensitive); the form is group 1. */
  cueRe: RegExp;
  /** Lower-cased cue form → lemma ("told" → "tell", "according to" → "according to"). */
  formToLemma: Map<string, string>;
  takesClause: Set<string>;
  speakerAfter: Set<string>;
  objectVerbs: Set<string>;
  groups: Set<string>;
  roles: Set<string>;
  titles: Set<string>;
  honorifics: Map<string, "m" | "f" | null>;
  genderedRoles: Map<string, "m" | "f">;
  pronouns: Map<string, "m" | "f" | "p" | "s">;
  auxiliaries: Set<string>;
  subordinators: Set<string>;
  notSpeakers: Set<string>;
  clauseBlockers: Set<string>;
  /** Capitalised words that never begin a name ("But", "Tuesday"). */
  notNames: Set<string>;
}

let cached: Lexicon | null = null;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
    throw new Error(`quotes: expected the cue lexicon at ${CUES_PATH}, found none or bad JSON (${(err as Error).message})`);
  }
  if (!raw.verbs || typeof raw.verbs !== "object") {
    throw new Error(`quotes: expected "verbs" as an object of lemma → forms in ${CUES_PATH}, found ${typeof raw.verbs}`);
  }
  const formToLemma = new Map<string, string>();
  for (const [lemma, forms] of Object.entries(raw.verbs)) {
    for (const f of forms) formToLemma.set(f.toLowerCase(), lemma);
  }
  // Longest forms first so "called for" wins over a shorter overlapping form.
  const forms = [...formToLemma.keys()].sort((a, b) => b.length - a.length);
  const alternation = forms.map((f) => escapeRe(f).replace(/ /g, "\\s+")).join("|");
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  cached = {
    cueRe: new RegExp(`(?<![\\p{L}\\p{N}'’-])(${alternation})(?![\\p{L}\\p{N}'’-])`, "giu"),
    formToLemma,
    takesClause: new Set(raw.takesClause),
    speakerAfter: new Set(raw.speakerAfter),
    objectVerbs: new Set(raw.objectVerbs),
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
  };
  return cached;
}
