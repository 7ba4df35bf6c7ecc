/**
 * Lookup tables built once from the registry: every place, IGO, person and role title as a token
 * sequence, indexed by its first token key, so matching a paragraph costs one Map lookup per token
 * (no regex per registry entry). Also the plain surface → place table behind `lookupPlace`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { foldKey, tokenizeWords } from "../nlp/index.ts";
import {
  type AmbiguityRule,
  DEFAULT_REGISTRY_DIR,
  getRegistry,
  type PersonEntry,
  type PlaceEntry,
  type PlainType,
  type Registry,
  type RoleTitle,
} from "./registry.ts";
import type { CueIndex } from "./resolve-ambiguity.ts";

export interface NameEntry {
  keys: string[];
  acronym: boolean;
  place: PlaceEntry | null;
  person: PersonEntry | null;
  /** A short form ("Putin") rather than a full name. */
  short: boolean;
  /** The name itself has a possessive inside ("Democratic People's Republic of Korea"). */
  innerPossessive?: boolean;
  /** A name that is no actor (plain-names.tsv): its mention type, or NONE for page furniture. */
  plain?: PlainType;
  /** The country a plain place lies in. */
  plainCountry?: string | null;
}

export interface TitleEntry {
  /** Position in `ActorIndex.titleList`: paragraphs keep title matches as these numbers in typed arrays. */
  id: number;
  keys: string[];
  title: RoleTitle;
  /** Written in capitals ("MP", "CEO"): matches only a word in capitals. */
  acronym: boolean;
}

export interface NameRules {
  /** Capitalised peoples and faiths after a country adjective ("Iraqi Kurds"): not a name, the adjective counts. */
  groupNouns: Set<string>;
  /** "ethnic" before a demonym: a people living anywhere, not the state's actor. */
  minorityWords: Set<string>;
  stopCaps: Set<string>;
  institutionHeads: Set<string>;
  orgHeads: Set<string>;
  placeHeads: Set<string>;
  miscHeads: Set<string>;
  speechVerbs: Set<string>;
  speakerAfterVerbs: Set<string>;
  locativePreps: Set<string>;
  formerWords: Set<string>;
  pronouns: Map<string, "M" | "F">;
  nameParticles: Set<string>;
  /** Party letters of "D-Calif."-style tags after a legislator's name. */
  partyLetters: Set<string>;
  /** Words that open a clause ("because", "which"): an appositive description ends before them. */
  clauseOpeners: Set<string>;
  /** Words between a title and the place it is posted to ("ambassador to Ukraine"). */
  postingWords: Set<string>;
  /** The country whose legislators carry party-and-state tags ("(D-Calif.)"), or null. */
  partyTagCountry: string | null;
  /** Words that never sit in a person's name: stopCaps, institution, org, place and misc heads, in one set. */
  vetoWords: Set<string>;
}

export interface ActorIndex {
  registry: Registry;
  names: Map<string, NameEntry[]>;
  titles: Map<string, TitleEntry[]>;
  /** Folded surface → place entries (several when ambiguous between kinds). */
  placeBySurface: Map<string, PlaceEntry[]>;
  /** Folded full name or short form → people. */
  personByName: Map<string, PersonEntry[]>;
  /** IGO id → its display name, for roles like "NATO secretary-general". */
  bodyNames: Map<string, string>;
  /** "RUS|president" → people who ever held an office of that family for that country. */
  holders: Map<string, PersonEntry[]>;
  /**
   * Last word of any full name or short form → people ("bashir" → Omar al-Bashir), for a title before a
   * lone surname ("President Bashir", "Prime Minister Sharif"); the caller picks among them by date.
   */
  bySurname: Map<string, PersonEntry[]>;
  rules: NameRules;
  /** Every title entry, by its id. */
  titleList: TitleEntry[];
  /** Words trimmed from the start of a capitalised run: stopCaps and honorifics ("But", "Mr"). */
  runTrimStart: Set<string>;
  /** Words trimmed from the end of a capitalised run: name particles and honorifics. */
  runTrimEnd: Set<string>;
  /**
   * Key classes by key hash (`keyHash`): bit KEY_NAME is set where some key of `names` hashes, KEY_TITLE
   * for first keys of `titles`, and so on (see `mayHave`). A clear bit proves the key is not in that
   * table, so one read of this 32 kB array, which stays in cache, replaces most lookups in the Maps and
   * Sets themselves: those live scattered in the heap, and a lookup that misses the cache costs 100 ns
   * and more.
   */
  keyClasses: Uint16Array;
  /** The context rules' cues (registry.ambiguity) by the key of their first word; bit KEY_CUE. */
  cues: CueIndex;
}

/** Bits of `ActorIndex.keyClasses`: the tables a key may be in. */
export const KEY_NAME = 1;
export const KEY_TITLE = 2;
export const KEY_PRONOUN = 4;
export const KEY_VETO = 8;
export const KEY_TRIM_START = 16;
export const KEY_TRIM_END = 32;
export const KEY_GIVEN = 64;
export const KEY_PLACE = 128;
export const KEY_HONORIFIC = 256;
export const KEY_CUE = 512;

/**
 * Bits of a key hash: `keyClasses` has 2^14 entries (32 kB). The table is read for every token, so its
 * size is what counts: against 2^16 entries (128 kB), which missed the cache, 2^14 made the actors stage
 * about a fifth cheaper in same-process A/Bs (share −10.1 and −8.8 points); 2^12 lets too many words
 * through to the real lookups (−2.9 and −4.3).
 */
const KEY_HASH_BITS = 14;
/** Number of distinct key hashes: the size of a key filter. */
export const KEY_HASHES = 1 << KEY_HASH_BITS;

/**
 * A cheap hash of a lookup key from its length and three of its characters (first, middle, last): keys
 * that share all four collide, which only costs a real lookup.
 * @example keyHash("minister") // an integer in [0, KEY_HASHES)
 */
export function keyHash(key: string): number {
  const n = key.length;
  if (n === 0) return 0;
  let h = Math.imul(n, 0x9e3779b1) ^ key.charCodeAt(0);
  h = Math.imul(h, 0x85ebca6b) ^ key.charCodeAt(n - 1);
  h = Math.imul(h, 0xc2b2ae35) ^ key.charCodeAt(n >> 1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 16)) & (KEY_HASHES - 1);
}

/**
 * Whether `key` may be in the table of class `bit` (KEY_NAME, …): false proves it is not, true still
 * needs the lookup.
 * @example mayHave(index, "putin", KEY_NAME) && index.names.get("putin")
 */
export function mayHave(index: ActorIndex, key: string, bit: number): boolean {
  return (index.keyClasses[keyHash(key)] & bit) !== 0;
}

function keyClasses(tables: [number, Iterable<string>][]): Uint16Array {
  const classes = new Uint16Array(KEY_HASHES);
  for (const [bit, keys] of tables) for (const k of keys) classes[keyHash(k)] |= bit;
  return classes;
}

/**
 * Lookup keys of a registry surface, as a copy: the index keeps them for the life of the process, and
 * keeping the tokenizer's own arrays would teach V8 that arrays from that allocation site live long
 * (allocation-site pretenuring), after which every article's token keys were allocated as old objects
 * and promoted by each scavenge instead of dying young (3× the scavenge time of the whole pipeline).
 */
function keysOf(surface: string): string[] {
  return Array.from(tokenizeWords(surface).key);
}

/** The cues of context rules by the lookup key of their first word (see CueIndex). */
function cueIndex(rules: Iterable<AmbiguityRule>): CueIndex {
  const byFirstKey = new Map<string, string[]>();
  const other: string[] = [];
  for (const rule of rules) {
    for (const cue of [...rule.for, ...rule.against, ...(rule.alt?.for ?? [])]) {
      const t = tokenizeWords(cue);
      if (t.count > 0 && t.start[0] === 0) push(byFirstKey, t.key[0], cue);
      else other.push(cue);
    }
  }
  return { byFirstKey, other };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function loadRules(): NameRules {
  const raw = JSON.parse(readFileSync(join(DEFAULT_REGISTRY_DIR, "name-rules.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const set = (k: string) => new Set(((raw[k] as string[]) ?? []).map(foldKey));
  const stopCaps = set("stopCaps");
  const institutionHeads = set("institutionHeads");
  const orgHeads = set("orgHeads");
  const placeHeads = set("placeHeads");
  const miscHeads = set("miscHeads");
  return {
    stopCaps,
    institutionHeads,
    orgHeads,
    placeHeads,
    miscHeads,
    speechVerbs: set("speechVerbs"),
    speakerAfterVerbs: set("speakerAfterVerbs"),
    locativePreps: set("locativePreps"),
    formerWords: set("formerWords"),
    pronouns: new Map(Object.entries((raw.pronouns as Record<string, "M" | "F">) ?? {})),
    nameParticles: set("nameParticles"),
    groupNouns: set("groupNouns"),
    minorityWords: set("minorityWords"),
    partyLetters: set("partyLetters"),
    clauseOpeners: set("clauseOpeners"),
    postingWords: set("postingWords"),
    partyTagCountry: typeof raw.partyTagCountry === "string" ? raw.partyTagCountry : null,
    vetoWords: new Set([...stopCaps, ...institutionHeads, ...orgHeads, ...placeHeads, ...miscHeads]),
  };
}

/** Builds the index for a registry (tests pass their own; the stage uses `getIndex`). */
export function buildIndex(registry: Registry): ActorIndex {
  const names = new Map<string, NameEntry[]>();
  const placeBySurface = new Map<string, PlaceEntry[]>();
  const personByName = new Map<string, PersonEntry[]>();
  for (const place of registry.places) {
    const keys = keysOf(place.surface);
    if (keys.length === 0) continue;
    const innerPossessive = /['’]s\s/.test(place.surface);
    push(names, keys[0], {
      keys,
      acronym: place.acronym,
      place,
      person: null,
      short: false,
      innerPossessive,
    });
    push(placeBySurface, foldKey(place.surface), place);
  }
  for (const plain of registry.plainNames) {
    const keys = keysOf(plain.surface);
    if (keys.length === 0) continue;
    push(names, keys[0], {
      keys,
      acronym: false,
      place: null,
      person: null,
      short: false,
      plain: plain.type,
      plainCountry: plain.country,
    });
  }
  // A short form two registry people share ("Clinton") names neither on its own; the article decides.
  const shortOwners = new Map<string, string>();
  const sharedShort = new Set<string>();
  for (const person of registry.people.values()) {
    for (const s of person.short) {
      const k = foldKey(s);
      const owner = shortOwners.get(k);
      if (owner && owner !== person.id) sharedShort.add(k);
      shortOwners.set(k, person.id);
    }
  }
  for (const person of registry.people.values()) {
    for (const v of person.variants) {
      const keys = keysOf(v);
      if (keys.length === 0) continue;
      push(names, keys[0], { keys, acronym: false, place: null, person, short: false });
      push(personByName, keys.join(" "), person);
    }
    for (const s of person.short) {
      if (sharedShort.has(foldKey(s))) continue;
      const keys = keysOf(s);
      if (keys.length === 0) continue;
      push(names, keys[0], { keys, acronym: false, place: null, person, short: true });
      push(personByName, keys.join(" "), person);
    }
  }
  // Surnames: each person once per key (variants and short forms often end in the same word).
  const bySurname = new Map<string, PersonEntry[]>();
  for (const person of registry.people.values()) {
    const own = new Set<string>();
    for (const v of [...person.variants, ...person.short]) {
      const keys = keysOf(v);
      if (keys.length > 0) own.add(keys[keys.length - 1]);
    }
    for (const k of own) push(bySurname, k, person);
  }
  // Longest first, so the first entry that matches is the longest match; full names before short forms.
  for (const list of names.values())
    list.sort((a, b) => b.keys.length - a.keys.length || Number(a.short) - Number(b.short));
  const titles = new Map<string, TitleEntry[]>();
  const titleList: TitleEntry[] = [];
  for (const title of registry.titles.values()) {
    const keys = keysOf(title.title);
    const entry = { id: titleList.length, keys, title, acronym: title.title === title.title.toUpperCase() };
    titleList.push(entry);
    push(titles, keys[0], entry);
  }
  for (const list of titles.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  // Offices by country and title family, for "the Russian president" when no name is given.
  const holders = new Map<string, PersonEntry[]>();
  const familyOfTitle = (role: string) => titleFamily(role, titles);
  for (const person of registry.people.values()) {
    const seen = new Set<string>();
    for (const span of person.roles) {
      const family = familyOfTitle(span.role);
      if (!family || !span.country || span.body) continue;
      const key = `${span.country}|${family}`;
      if (seen.has(key)) continue;
      seen.add(key);
      push(holders, key, person);
    }
  }
  const bodyNames = new Map<string, string>();
  for (const p of registry.places)
    if (p.kind === "igo" && !bodyNames.has(p.actor.id)) bodyNames.set(p.actor.id, p.actor.name);
  const rules = loadRules();
  const runTrimStart = new Set([...rules.stopCaps, ...registry.honorifics.keys()]);
  const runTrimEnd = new Set([...rules.nameParticles, ...registry.honorifics.keys()]);
  const cues = cueIndex(registry.ambiguity.values());
  return {
    registry,
    names,
    titles,
    placeBySurface,
    personByName,
    holders,
    bySurname,
    bodyNames,
    rules,
    titleList,
    runTrimStart,
    runTrimEnd,
    keyClasses: keyClasses([
      [KEY_NAME, names.keys()],
      [KEY_TITLE, titles.keys()],
      [KEY_PRONOUN, rules.pronouns.keys()],
      [KEY_VETO, rules.vetoWords],
      [KEY_TRIM_START, runTrimStart],
      [KEY_TRIM_END, runTrimEnd],
      [KEY_GIVEN, registry.givenNames.keys()],
      [KEY_PLACE, placeBySurface.keys()],
      [KEY_HONORIFIC, registry.honorifics.keys()],
      [KEY_CUE, cues.byFirstKey.keys()],
    ]),
    cues,
  };
}

let cached: ActorIndex | null = null;

/** The index over the shipped registry, built once per process. */
export function getIndex(): ActorIndex {
  if (!cached) cached = buildIndex(getRegistry());
  return cached;
}

/** Words after which a title is the head of "X of Y" ("ambassador to the United Nations"). */
const TITLE_PREPOSITIONS = new Set(["of", "to", "for", "at", "in", "on"]);

/**
 * The title family of a role string, reading it the way English builds titles: the whole string
 * ("deputy foreign minister"), else the leftmost title followed by "of/to/for/at" ("ambassador to the
 * United Nations", "foreign policy aide to the president" → adviser, not president), else the title it ends with
 * ("think tank director"), else any title inside it.
 * @example titleFamily("president of the European Commission", titles) // "president"
 */
export function titleFamily(role: string, titles: Map<string, TitleEntry[]>): string | null {
  const keys = keysOf(role);
  const n = keys.length;
  const at = (i: number): TitleEntry | null => {
    for (const entry of titles.get(keys[i]) ?? []) {
      if (i + entry.keys.length <= n && entry.keys.every((k, j) => keys[i + j] === k)) return entry;
    }
    return null;
  };
  const whole = n > 0 ? at(0) : null;
  if (whole && whole.keys.length === n) return whole.title.family;
  let ending: TitleEntry | null = null;
  let inside: TitleEntry | null = null;
  for (let i = 0; i < n; i++) {
    const e = at(i);
    if (!e) continue;
    // The head of "X of/to Y" is X: the leftmost title followed by a preposition.
    if (TITLE_PREPOSITIONS.has(keys[i + e.keys.length])) return e.title.family;
    if (i + e.keys.length === n && !ending) ending = e;
    if (!inside || e.keys.length > inside.keys.length) inside = e;
  }
  return (ending ?? inside)?.title.family ?? null;
}
