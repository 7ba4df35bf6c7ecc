/**
 * Lookup tables built once from the registry: every place, IGO, person and role title as a token
 * sequence, indexed by its first token key, so matching a paragraph costs one Map lookup per token
 * (no regex per registry entry). Also the plain surface → place table behind `lookupPlace`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { foldKey, tokenizeWords } from "../nlp/index.ts";
import {
  DEFAULT_REGISTRY_DIR,
  getRegistry,
  type PersonEntry,
  type PlaceEntry,
  type PlainType,
  type Registry,
  type RoleTitle,
} from "./registry.ts";

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
   * Shape filter (see `shapeOf`) of the words a paragraph scan looks up: SHAPE_TITLE for first keys of
   * `titles`, SHAPE_PRONOUN for the pronouns of `rules.pronouns`. Most words skip both Map lookups.
   */
  wordShapes: Uint8Array;
  /** End shapes (endShapeOf) of the title keys: 1 where some title's first word has that end shape. */
  titleEnds: Uint8Array;
}

/** Longest key length the shape filter tells apart; longer keys share the last length slot. */
const SHAPE_MAX_LENGTH = 31;

/**
 * A key's shape: its first character (low 7 bits) and its length, packed into a filter index. A key
 * whose shape no entry has cannot be in the table, so a Uint8Array read replaces a Map lookup that
 * would hash a fresh string; a shape hit still needs the lookup (shapes collide).
 * @example shapeOf("minister") // ("m".charCodeAt(0) << 5) | 8
 */
export function shapeOf(key: string): number {
  return ((key.charCodeAt(0) & 127) << 5) | (key.length < SHAPE_MAX_LENGTH ? key.length : SHAPE_MAX_LENGTH);
}

/**
 * The shape of a key by its last letter and length: a second filter for role titles, since first letter
 * and length alone let common words through ("the" shares its shape with a three-letter title).
 */
export function endShapeOf(key: string): number {
  const n = key.length;
  return ((key.charCodeAt(n - 1) & 127) << 5) | (n < SHAPE_MAX_LENGTH ? n : SHAPE_MAX_LENGTH);
}

/** Bits of `ActorIndex.wordShapes`. */
export const SHAPE_TITLE = 1;
export const SHAPE_PRONOUN = 2;

/** Number of distinct shapes: the size of a shape filter. */
export const SHAPES = 128 << 5;

/** A shape filter: 1 at the shape (`shapeOf`, or `endShapeOf`) of every non-empty key. */
export function shapeFilter(keys: Iterable<string>, shape: (key: string) => number = shapeOf): Uint8Array {
  const filter = new Uint8Array(SHAPES);
  for (const k of keys) if (k.length > 0) filter[shape(k)] = 1;
  return filter;
}

function wordShapes(titleKeys: Iterable<string>, pronouns: Iterable<string>): Uint8Array {
  const filter = shapeFilter(titleKeys);
  for (const k of pronouns) if (k.length > 0) filter[shapeOf(k)] |= SHAPE_PRONOUN;
  return filter;
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
    runTrimStart: new Set([...rules.stopCaps, ...registry.honorifics.keys()]),
    runTrimEnd: new Set([...rules.nameParticles, ...registry.honorifics.keys()]),
    wordShapes: wordShapes(titles.keys(), rules.pronouns.keys()),
    titleEnds: shapeFilter(titles.keys(), endShapeOf),
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
