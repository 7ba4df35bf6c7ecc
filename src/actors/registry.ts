/**
 * The actor registry: countries, seats of power, IGOs, people with dated roles, role titles and given
 * names, read from data/actors/ once per process and checked as it loads. Every problem names the file
 * and line, so a bad edit to a TSV fails loudly at start-up instead of coding the wrong country later.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { foldKey } from "../nlp/index.ts";
import type { Actor, ActorKind } from "../record.ts";
import { REPO_ROOT } from "../version.ts";

/** Where the shipped registry lives. */
export const DEFAULT_REGISTRY_DIR = join(REPO_ROOT, "data", "actors");

/** Sectors a role may carry (CAMEO-style); anything else in a data file is a typo. */
const SECTORS = new Set([
  "GOV",
  "MIL",
  "LEG",
  "JUD",
  "OPP",
  "MED",
  "EDU",
  "BUS",
  "CVL",
  "REL",
  "IGO",
  "REB",
  "IMG",
  "SPY",
  "POL",
  // Non-governmental organisations (Amnesty International, ICRC, MSF) and political parties.
  "NGO",
  "PTY",
]);
/** yyyy, yyyy-mm or yyyy-mm-dd: registry dates may be as precise as we are sure of, no more. */
const DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const ISO3 = /^[A-Z]{3}$/;
/** Offices one person holds at a time: two holders overlapping in one country is a data error. */
const SINGLE_HOLDER = new Set([
  "president",
  "prime minister",
  "chancellor",
  "foreign minister",
  "secretary of state",
  "defence minister",
  "national security adviser",
  "secretary-general",
  "high representative",
]);
/** Surfaces of this length or shorter, all capitals, match only when written in capitals ("US" not "us"). */
const ACRONYM = /^[\p{Lu}\d.&-]+$/u;

export type PlaceKind = "name" | "adjective" | "capital" | "metonym" | "igo" | "group";

export interface PlaceEntry {
  surface: string;
  kind: PlaceKind;
  actor: Actor;
  /** The ambiguity rule that must allow it (ambiguity.json key), or null when it always resolves. */
  ambiguous: string | null;
  acronym: boolean;
}

export interface AmbiguityRule {
  actor: string;
  default: boolean;
  for: string[];
  against: string[];
  /** A second reading with its own cues ("Brussels": NATO rather than the EU). */
  alt?: { actor: string; for: string[] };
}

export interface RoleSpan {
  country: string | null;
  sector: string | null;
  role: string;
  /** Body the office belongs to when it is not a state (igo:NATO); else null. */
  body: string | null;
  start: string;
  /** Inclusive last day, or null while in office. */
  end: string | null;
  note: string;
  where: string;
}

export interface PersonEntry {
  id: string;
  name: string;
  /** Full-name variants including `name`. */
  variants: string[];
  /** Surnames or short forms that alone name this person in news ("Putin", "Xi"). */
  short: string[];
  gender: "M" | "F" | null;
  roles: RoleSpan[];
}

export interface RoleTitle {
  title: string;
  sector: string | null;
  family: string;
  gender: "M" | "F" | null;
  head: boolean;
}

/** How a plain name is mentioned: a mention type without an actor, or NONE (no mention, words settled). */
export type PlainType = "GPE" | "LOC" | "ORG" | "MISC" | "NONE";
const PLAIN_TYPES = new Set<string>(["GPE", "LOC", "ORG", "MISC", "NONE"]);

/** A name that is no actor (plain-names.tsv): "New York", "Middle East", "Hide Caption". */
export interface PlainName {
  surface: string;
  type: PlainType;
  country: string | null;
}

export interface Registry {
  countries: Map<string, string>;
  places: PlaceEntry[];
  plainNames: PlainName[];
  ambiguity: Map<string, AmbiguityRule>;
  people: Map<string, PersonEntry>;
  titles: Map<string, RoleTitle>;
  orgSectors: [string, string[]][];
  honorifics: Map<string, "M" | "F" | null>;
  /** Folded honorific ("sen") → the role title it abbreviates ("senator"). */
  honorificTitles: Map<string, string>;
  givenNames: Map<string, "M" | "F" | null>;
}

interface Row {
  line: number;
  cells: string[];
}

/** Reads a TSV: "#" lines are comments, the first other line is the header, blank lines are skipped. */
function readTsv(path: string): { header: string[]; rows: Row[] } {
  const lines = readFileSync(path, "utf8").split("\n");
  let header: string[] | null = null;
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, "");
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const cells = raw.split("\t").map((c) => c.trim());
    if (!header) header = cells;
    else rows.push({ line: i + 1, cells });
  }
  return { header: header ?? [], rows };
}

function list(cell: string | undefined): string[] {
  return (cell ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Normalises an ISO date of any precision to a comparable day: starts take the first day, ends the last. */
export function dayOf(date: string, edge: "start" | "end"): string {
  if (date.length === 10) return date;
  if (date.length === 7) return edge === "start" ? `${date}-01` : `${date}-31`;
  return edge === "start" ? `${date}-01-01` : `${date}-12-31`;
}

/**
 * Slug for actor ids: lower case, diacritics folded, runs of other characters to "-".
 * @example slug("Rasa Juknevičienė") // "rasa-jukneviciene"
 */
export function slug(name: string): string {
  const folded = foldKey(name);
  let out = "";
  let from = -1; // start of the current run of [a-z0-9]
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 0;
    const keep = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (keep && from === -1) from = i;
    else if (!keep && from !== -1) {
      out = out === "" ? folded.slice(from, i) : `${out}-${folded.slice(from, i)}`;
      from = -1;
    }
  }
  return out;
}

function stateActor(iso3: string, name: string): Actor {
  return { id: `state:${iso3}`, name, kind: "state", country: iso3, sector: "GOV", role: null };
}

/**
 * Loads and checks a registry folder. Returns the registry and every problem found, each as
 * "file:line: what was expected, what was found". Does not throw for data problems.
 * @example const { problems } = loadRegistry("data/actors"); // [] for the shipped registry
 */
export function loadRegistry(dir: string = DEFAULT_REGISTRY_DIR): { registry: Registry; problems: string[] } {
  const problems: string[] = [];
  const rel = (p: string) => relative(REPO_ROOT, p) || p;
  const countries = new Map<string, string>();
  const places: PlaceEntry[] = [];
  const addPlace = (surface: string, kind: PlaceKind, actor: Actor, ambiguousMarked: boolean) => {
    places.push({
      surface,
      kind,
      actor,
      ambiguous: ambiguousMarked ? surface : null,
      acronym: surface.replace(/\./g, "").length <= 5 && ACRONYM.test(surface),
    });
  };

  // Countries.
  const countryPath = join(dir, "countries.tsv");
  if (existsSync(countryPath)) {
    const { rows } = readTsv(countryPath);
    for (const { line, cells } of rows) {
      const [iso3, name, variants, adjectives, capitals] = cells;
      const where = `${rel(countryPath)}:${line}`;
      if (!ISO3.test(iso3 ?? "")) {
        problems.push(`${where}: expected an ISO 3166 alpha-3 code in column 1, found "${iso3}"`);
        continue;
      }
      if (countries.has(iso3)) problems.push(`${where}: duplicate country code ${iso3}`);
      if (!name) problems.push(`${where}: country ${iso3} has no name`);
      countries.set(iso3, name);
      const actor = stateActor(iso3, name);
      const names = list(variants);
      const marked = new Set(names.filter((n) => n.startsWith("?")).map((n) => n.slice(1)));
      if (!marked.has(name)) addPlace(name, "name", actor, false);
      for (const v of names) addPlace(v.replace(/^\?/, ""), "name", actor, v.startsWith("?"));
      for (const a of list(adjectives)) addPlace(a, "adjective", actor, false);
      for (const c of list(capitals)) addPlace(c.replace(/^\?/, ""), "capital", actor, c.startsWith("?"));
    }
  } else problems.push(`${rel(countryPath)}: file missing (the registry needs a country list)`);

  // IGOs.
  const igoPath = join(dir, "igos.tsv");
  const igoIds = new Set<string>();
  if (existsSync(igoPath)) {
    for (const { line, cells } of readTsv(igoPath).rows) {
      const [id, name, variants] = cells;
      const where = `${rel(igoPath)}:${line}`;
      if (!/^igo:[A-Z0-9_]+$/.test(id ?? "")) {
        problems.push(`${where}: expected an id like igo:NATO, found "${id}"`);
        continue;
      }
      if (igoIds.has(id)) problems.push(`${where}: duplicate id ${id}`);
      igoIds.add(id);
      const actor: Actor = { id, name, kind: "igo", country: null, sector: "IGO", role: null };
      addPlace(name, "igo", actor, false);
      for (const v of list(variants)) addPlace(v, "igo", actor, false);
    }
  }

  // Non-state groups.
  const groupPath = join(dir, "groups.tsv");
  if (existsSync(groupPath)) {
    for (const { line, cells } of readTsv(groupPath).rows) {
      const [id, name, variants, country, sector] = cells;
      const where = `${rel(groupPath)}:${line}`;
      if (!/^(group|org):[a-z0-9-]+$/.test(id ?? "")) {
        problems.push(`${where}: expected an id like group:hamas, found "${id}"`);
        continue;
      }
      const iso = country === "null" || !country ? null : country;
      if (iso && !countries.has(iso)) problems.push(`${where}: unknown country code "${iso}"`);
      if (sector && !SECTORS.has(sector)) problems.push(`${where}: unknown sector "${sector}"`);
      const kind: ActorKind = id.startsWith("group:") ? "group" : "org";
      const actor: Actor = { id, name, kind, country: iso, sector: sector || null, role: null };
      addPlace(name, "group", actor, false);
      for (const v of list(variants)) addPlace(v, "group", actor, false);
    }
  }

  // Names that are no actors: places below the state, regions, institutions, page furniture.
  const plainNames: PlainName[] = [];
  const plainPath = join(dir, "plain-names.tsv");
  if (existsSync(plainPath)) {
    for (const { line, cells } of readTsv(plainPath).rows) {
      const [name, variants, type, country] = cells;
      const where = `${rel(plainPath)}:${line}`;
      if (!name) {
        problems.push(`${where}: expected a name in the first column`);
        continue;
      }
      if (!PLAIN_TYPES.has(type ?? "")) {
        problems.push(`${where}: expected a type GPE, LOC, ORG, MISC or NONE, found "${type}"`);
        continue;
      }
      const iso = country ? country : null;
      if (iso && !countries.has(iso)) problems.push(`${where}: unknown country code "${iso}"`);
      for (const surface of [name, ...list(variants)])
        plainNames.push({ surface, type: type as PlainType, country: iso });
    }
  }

  // Metonyms (seats of power).
  const metPath = join(dir, "metonyms.tsv");
  if (existsSync(metPath)) {
    for (const { line, cells } of readTsv(metPath).rows) {
      const [surface, idCell, kind, name, country, sector] = cells;
      const where = `${rel(metPath)}:${line}`;
      const marked = idCell.startsWith("?");
      const id = idCell.replace(/^\?/, "");
      const iso = country === "null" || !country ? null : country;
      if (iso && !countries.has(iso)) problems.push(`${where}: unknown country code "${iso}"`);
      if (sector && !SECTORS.has(sector)) problems.push(`${where}: unknown sector "${sector}"`);
      if (!["state", "igo", "org", "group"].includes(kind)) problems.push(`${where}: unknown kind "${kind}"`);
      const actor: Actor = {
        id,
        name,
        kind: kind as ActorKind,
        country: iso,
        sector: sector || null,
        role: null,
      };
      addPlace(surface, "metonym", actor, marked);
    }
  }

  // Ambiguity rules.
  const ambiguity = new Map<string, AmbiguityRule>();
  const ambPath = join(dir, "ambiguity.json");
  if (existsSync(ambPath)) {
    const raw = JSON.parse(readFileSync(ambPath, "utf8")) as Record<string, AmbiguityRule | string>;
    for (const [surface, rule] of Object.entries(raw)) {
      if (typeof rule === "string") continue;
      ambiguity.set(surface, rule);
    }
  }
  for (const p of places) {
    if (p.ambiguous && !ambiguity.has(p.ambiguous)) {
      problems.push(`${rel(ambPath)}: surface "${p.ambiguous}" is marked ambiguous but has no rule`);
    }
  }

  // Role titles.
  const titles = new Map<string, RoleTitle>();
  const orgSectors: [string, string[]][] = [];
  const honorifics = new Map<string, "M" | "F" | null>();
  const honorificTitles = new Map<string, string>();
  const rolesPath = join(dir, "roles.json");
  if (existsSync(rolesPath)) {
    const raw = JSON.parse(readFileSync(rolesPath, "utf8")) as {
      titles: Record<string, { sector: string | null; family: string; gender?: "M" | "F"; head?: boolean }>;
      orgSectors: Record<string, string[] | string>;
      honorifics: Record<string, "M" | "F" | null | string>;
      honorificTitles?: Record<string, string>;
    };
    for (const [title, t] of Object.entries(raw.titles)) {
      if (t.sector && !SECTORS.has(t.sector))
        problems.push(`${rel(rolesPath)}: title "${title}" has unknown sector "${t.sector}"`);
      titles.set(foldKey(title), {
        title,
        sector: t.sector,
        family: t.family,
        gender: t.gender ?? null,
        head: t.head === true,
      });
    }
    for (const [sector, words] of Object.entries(raw.orgSectors)) {
      if (Array.isArray(words)) orgSectors.push([sector, words]);
    }
    for (const [h, title] of Object.entries(raw.honorificTitles ?? {})) {
      if (h.startsWith("_")) continue;
      if (!titles.has(foldKey(title)))
        problems.push(`${rel(rolesPath)}: honorific "${h}" stands for unknown title "${title}"`);
      honorificTitles.set(foldKey(h), title);
    }
    for (const [h, g] of Object.entries(raw.honorifics)) {
      if (h.startsWith("_")) continue;
      honorifics.set(foldKey(h), g === "M" || g === "F" ? g : null);
    }
  }

  // Given names (for recognising people the registry does not know, and their likely gender).
  const givenNames = new Map<string, "M" | "F" | null>();
  const givenPath = join(dir, "given-names.tsv");
  if (existsSync(givenPath)) {
    for (const { line, cells } of readTsv(givenPath).rows) {
      const [gender, names] = cells;
      if (!["M", "F", "U"].includes(gender))
        problems.push(`${rel(givenPath)}:${line}: expected gender M, F or U, found "${gender}"`);
      for (const n of (names ?? "").split(/\s+/).filter(Boolean)) {
        const k = foldKey(n);
        const g = gender === "M" || gender === "F" ? gender : null;
        const prev = givenNames.get(k);
        givenNames.set(k, prev === undefined || prev === g ? g : null);
      }
    }
  }

  const people = loadPeople(join(dir, "people"), countries, igoIds, problems, rel);
  return {
    registry: {
      countries,
      places,
      plainNames,
      ambiguity,
      people,
      titles,
      orgSectors,
      honorifics,
      honorificTitles,
      givenNames,
    },
    problems,
  };
}

const PEOPLE_COLUMNS = [
  "id",
  "name",
  "variants",
  "short",
  "gender",
  "country",
  "sector",
  "role",
  "start",
  "end",
  "body",
  "note",
];

function loadPeople(
  dir: string,
  countries: Map<string, string>,
  igoIds: Set<string>,
  problems: string[],
  rel: (p: string) => string,
): Map<string, PersonEntry> {
  const people = new Map<string, PersonEntry>();
  if (!existsSync(dir)) return people;
  const definedIn = new Map<string, string>();
  const offices = new Map<string, { span: RoleSpan; id: string }[]>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort()) {
    const path = join(dir, file);
    const { header, rows } = readTsv(path);
    if (header.join(",") !== PEOPLE_COLUMNS.join(",")) {
      problems.push(
        `${rel(path)}: expected columns ${PEOPLE_COLUMNS.join(", ")}, found ${header.join(", ")}`,
      );
      continue;
    }
    let lastId = "";
    for (const { line, cells } of rows) {
      const where = `${rel(path)}:${line}`;
      const [id, name, variants, short, gender, country, sector, role, start, end, body, note] = cells;
      if (!/^person:[a-z0-9-]+$/.test(id ?? "")) {
        problems.push(`${where}: expected an id like person:vladimir-putin, found "${id}"`);
        continue;
      }
      let person = people.get(id);
      if (person && id !== lastId) {
        problems.push(
          `${where}: duplicate id ${id} (first defined at ${definedIn.get(id)}); keep one person's rows together`,
        );
      }
      lastId = id;
      if (!person) {
        if (!name) problems.push(`${where}: the first row of ${id} needs a name`);
        person = { id, name: name ?? id, variants: [name ?? id], short: [], gender: null, roles: [] };
        people.set(id, person);
        definedIn.set(id, where);
      }
      for (const v of list(variants)) if (!person.variants.includes(v)) person.variants.push(v);
      for (const s of list(short)) if (!person.short.includes(s)) person.short.push(s);
      if (gender === "M" || gender === "F") person.gender = gender;
      else if (gender) problems.push(`${where}: expected gender M or F (or empty), found "${gender}"`);
      if (!role) continue;
      const iso = country || null;
      if (iso && !countries.has(iso)) problems.push(`${where}: unknown country code "${iso}"`);
      if (sector && !SECTORS.has(sector)) problems.push(`${where}: unknown sector "${sector}"`);
      if (body && !igoIds.has(body) && !/^org:[a-z0-9-]+$/.test(body))
        problems.push(`${where}: unknown body "${body}"`);
      if (!DATE.test(start ?? "")) {
        problems.push(`${where}: expected a start date yyyy[-mm[-dd]], found "${start}"`);
        continue;
      }
      if (end && !DATE.test(end)) {
        problems.push(`${where}: expected an end date yyyy[-mm[-dd]] or empty, found "${end}"`);
        continue;
      }
      if (end && dayOf(end, "end") < dayOf(start, "start"))
        problems.push(`${where}: role "${role}" ends (${end}) before it starts (${start})`);
      const span: RoleSpan = {
        country: iso,
        sector: sector || null,
        role,
        body: body || null,
        start,
        end: end || null,
        note: note ?? "",
        where,
      };
      person.roles.push(span);
      const office = `${body || iso}|${foldKey(role)}`;
      if (SINGLE_HOLDER.has(foldKey(role)) && !/acting|interim/i.test(note ?? "")) {
        const held = offices.get(office) ?? [];
        for (const other of held) {
          if (other.id === id && other.span.start === span.start) continue;
          const aStart = dayOf(span.start, "start");
          const aEnd = span.end ? dayOf(span.end, "end") : "9999-12-31";
          const bStart = dayOf(other.span.start, "start");
          const bEnd = other.span.end ? dayOf(other.span.end, "end") : "9999-12-31";
          // Handovers share a day, and month/year precision blurs a day or a month: only flag real overlaps.
          const overlapStart = aStart > bStart ? aStart : bStart;
          const overlapEnd = aEnd < bEnd ? aEnd : bEnd;
          if (overlapStart < overlapEnd && daysBetween(overlapStart, overlapEnd) > 31) {
            problems.push(
              `${where}: ${id} as ${role} of ${body || iso} (${span.start}–${span.end ?? "now"}) overlaps ${other.id} (${other.span.where}, ${other.span.start}–${other.span.end ?? "now"})`,
            );
          }
        }
        held.push({ span, id });
        offices.set(office, held);
      }
    }
  }
  return people;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000;
}

let cached: Registry | null = null;

/**
 * The shipped registry, loaded once per process. A registry with problems is a configuration error:
 * this throws with every problem listed (file:line each), so `npx vitest run tests/actors` shows them.
 * @example getRegistry().countries.get("RUS") // "Russia"
 */
export function getRegistry(): Registry {
  if (cached) return cached;
  const { registry, problems } = loadRegistry();
  if (problems.length > 0) {
    throw new Error(
      `actors registry (${DEFAULT_REGISTRY_DIR}): ${problems.length} problem(s):\n${problems.join("\n")}`,
    );
  }
  cached = registry;
  return registry;
}
