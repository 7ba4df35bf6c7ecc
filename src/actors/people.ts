/**
 * People in an article: building a person from the registry or from how the article introduces them
 * ("Deputy Foreign Minister Sergei A. Ryabkov", "Pasi Eronen, a research analyst at …"), then linking later
 * mentions — surnames, titles with a surname, descriptions ("the Russian leader") and pronouns — and
 * giving each person the role they held on the article's date.
 */

import { CAP, firstAtOrAfter, foldKey, POSS, tokenizeWords } from "../nlp/index.ts";
import type { Actor, ArticleRecord, Mention } from "../record.ts";
import {
  type ActorIndex,
  getIndex,
  KEY_HONORIFIC,
  KEY_NAME,
  KEY_PLACE,
  mayHave,
  titleFamily,
} from "./gazetteer.ts";
import type { ActorLedger } from "./ledger.ts";
import type { Recognizer } from "./model-gate.ts";
import {
  addMention,
  byStart,
  GAP_COMMA,
  GAP_SPACE,
  gapEndsClause,
  gapHasPunct,
  gapKind,
  givenNameAt,
  orgSector,
  type ParagraphWork,
  titleEndingAt,
  titleStartingAt,
  tokenMayHave,
  vetoedAt,
} from "./paragraph-work.ts";
import type { PersonEntry, PlaceEntry, RoleTitle } from "./registry.ts";
import { slug } from "./registry.ts";
import { roleAt } from "./role-at-date.ts";
import { StringCache } from "./string-cache.ts";

/** How far an appositive ("X, a research analyst at …") is searched for its title, in tokens. */
const APPOSITIVE_TOKENS = 14;
interface Description {
  title: RoleTitle;
  text: string;
  former: boolean;
  country: string | null;
  body: string | null;
  sectorHint: string | null;
}

export interface PersonBuild {
  id: string;
  name: string;
  person: PersonEntry | null;
  gender: "M" | "F" | null;
  descriptions: Description[];
  surname: string;
  /** Named in full somewhere in the article (not only by a registry short form such as "Kirby"). */
  full: boolean;
  /** The country a party-and-state tag after the name implies ("Jane Roe (D-Ore.)"), when nothing else gives one. */
  countryHint: string | null;
}

/**
 * Every PersonBuild has the same fields, set in the same order, from its creation: one object shape, so
 * the code that reads builds stays optimised (a field added later would give builds several shapes).
 */
function personBuild(
  id: string,
  name: string,
  person: PersonEntry | null,
  gender: PersonBuild["gender"],
  surname: string,
): PersonBuild {
  return { id, name, person, gender, descriptions: [], surname, full: false, countryHint: null };
}

/** A person the article names who is in the registry. */
export function registryPersonBuild(person: PersonEntry): PersonBuild {
  return personBuild(person.id, person.name, person, person.gender, lastKey(person.variants[0]));
}

/** A person the article names who is not in the registry; the id comes from the name as written. */
export function newPersonBuild(name: string, gender: PersonBuild["gender"], surname: string): PersonBuild {
  return personBuild(`person:${slug(name)}`, name, null, gender, surname);
}

const lastKeyCache = new StringCache<string>();
/** The lookup key of a name's last word ("Vladimir Putin" → "putin"), cached: names repeat across articles. */
export function lastKey(name: string): string {
  const k = lastKeyCache.get(name);
  if (k !== undefined) return k;
  const t = tokenizeWords(name);
  return lastKeyCache.set(name, t.count ? t.key[t.count - 1] : "");
}

/** Emits a person mention with its premodifier ("Russian President …") and records any description. */
export function personMention(
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
  // "Sen. Ann Roe (D-Ore.)": a party-and-state tag right after the name is a US legislator's.
  const tagCountry = index.rules.partyTagCountry;
  if (tagCountry && work.partyTagAt.includes(e) && work.text.slice(t.end[e - 1], t.start[e]).includes("("))
    build.countryHint ??= tagCountry;
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
  // "Ambassador to Ukraine Marie Yovanovitch": the place after the title is the posting, and the
  // person's country comes from before the title ("U.S. Ambassador to …").
  const titleLast = postingTitleEnd(work, last, index) ?? last;
  const ts = work.titleEndStart[titleLast];
  if (ts === -1) return null;
  const entry = titleEndingAt(work, titleLast, index);
  if (t.sentence[ts] !== t.sentence[nameStart]) return null;
  let from = ts;
  let country: string | null = null;
  let body: string | null = null;
  const marker = work.placeEndingAt.get(ts - 1);
  if (marker && !gapHasPunct(work, ts - 1, ts)) {
    if (marker.place.actor.kind === "igo") body = marker.actor;
    else if (!placeIsTopic(work, ts - 1, marker.place, entry.title)) country = marker.place.actor.country;
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
  // The role keeps its posting as written: "ambassador to Ukraine".
  let text = work.text.slice(t.start[ts], t.end[titleLast]).toLowerCase();
  if (titleLast !== last) text += work.text.slice(t.end[titleLast], t.end[last]).replace(/\s+/g, " ");
  return {
    desc: { title: entry.title, text, former, country, body, sectorHint: null },
    from,
    adjacent,
  };
}

/**
 * When token `last` ends a place that follows a title and a posting word ("ambassador to Ukraine",
 * "envoy for Kosovo"), the index of the title's last token; otherwise null.
 */
function postingTitleEnd(work: ParagraphWork, last: number, index: ActorIndex): number | null {
  if (work.titleEndStart[last] !== -1) return null;
  const place = work.placeEndingAt.get(last);
  if (!place) return null;
  const prep = place.s - 1;
  if (prep < 1 || !index.rules.postingWords.has(work.tokens.key[prep])) return null;
  if (work.titleEndStart[prep - 1] === -1) return null;
  if (gapHasPunct(work, prep - 1, prep) || gapHasPunct(work, prep, place.s)) return null;
  return prep - 1;
}

/**
 * Whether a place before an analyst's or a journalist's title names the subject or the posting, not the
 * person's country: "a Russia expert", "the Moscow correspondent". A demonym ("a Russian analyst"), a
 * possessive ("Russia's top expert") and an acronym ("a U.S. analyst") still give the country.
 */
function placeIsTopic(work: ParagraphWork, placeEnd: number, place: PlaceEntry, title: RoleTitle): boolean {
  if (title.sector !== "EDU" && title.sector !== "MED") return false;
  if (place.kind !== "name" && place.kind !== "capital") return false;
  return !place.acronym && !(work.tokens.flags[placeEnd] & POSS);
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
    // ", because it makes the president look weak": a clause, not a description of the name.
    if (!(t.flags[stop] & CAP) && index.rules.clauseOpeners.has(t.key[stop])) break;
    stop++;
  }
  // A speech verb right after the comma means the clause is not about the name ("Putin, said Mr. X").
  if (index.rules.speechVerbs.has(t.key[nameEnd])) return null;
  for (let i = nameEnd; i < stop; i++) {
    const e = work.titleStartEnd[i];
    if (e === -1 || e > stop) continue;
    // "the president's personal lawyer": the title with 's owns the description, it is not it.
    if (t.flags[e - 1] & POSS) continue;
    // A title right before a capitalised name introduces that name: "Senator A, former Vice President B"
    // lists two people, and the clause says nothing about A.
    if (e < t.count && t.flags[e] & CAP && t.sentence[e] === t.sentence[i] && !gapHasPunct(work, e - 1, e))
      return null;
    // Skip "secretary" style words used as a plain noun when a longer title follows; take the first title.
    const entry = titleStartingAt(work, i, index);
    let country: string | null = null;
    let body: string | null = null;
    for (let j = nameEnd; j < i; j++) {
      const p = work.placeEndingAt.get(j);
      if (!p) continue;
      if (p.place.actor.kind === "igo") body = p.actor;
      else if (
        (p.place.kind === "adjective" || t.flags[j] & POSS || p.place.acronym || p.place.kind === "name") &&
        !placeIsTopic(work, j, p.place, entry.title)
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

/**
 * A run opening with a registry short form ("Putin Has Wide …" where "Has" blocked the match) is that
 * person, not a new one: link the short form alone. Returns whether it did.
 */
export function linkShortForm(
  work: ParagraphWork,
  s: number,
  e: number,
  index: ActorIndex,
  ledger: ActorLedger,
): boolean {
  const t = work.tokens;
  // Only a run that opens with the short form: "Ben Kirby" is someone new, "Putin Has Wide" is Putin.
  for (let i = s; i < s + 1 && i < e; i++) {
    const p = shortFormPerson(index, t.key[i]);
    if (!p) continue;
    personMention(work, i, i + 1, ledger.noteRegistryPerson(p), index);
    return true;
  }
  return false;
}

/** Whether some of these places is a country, demonym, IGO or group (not a capital or a seat of power). */
function namesCountryOrBody(places: PlaceEntry[] | undefined): boolean {
  if (!places) return false;
  for (const p of places) if (p.kind !== "capital" && p.kind !== "metonym") return true;
  return false;
}

/** The registry's one-word short form of a person that starts with this key ("Putin"), if any. */
export function shortFormPerson(index: ActorIndex, key: string): PersonEntry | null {
  const list = mayHave(index, key, KEY_NAME) ? index.names.get(key) : undefined;
  if (!list) return null;
  for (const x of list) if (x.short && x.person && x.keys.length === 1) return x.person;
  return null;
}

/** Whether a run names a person: a known given name, a title or honorific before it, an appositive or a speech verb. */
export function isPersonRun(
  work: ParagraphWork,
  s: number,
  e: number,
  index: ActorIndex,
  external: ReturnType<Recognizer>,
): boolean {
  const t = work.tokens;
  const r = index.rules;
  const len = e - s;
  for (let i = s; i < e; i++) if (vetoedAt(work, index, i)) return false;
  // A run holding a demonym is an organisation or a group ("Palestinian Authority") unless it opens
  // with a given name; capitals may sit in surnames ("Denzel Washington").
  if (!givenNameAt(work, index, s)) {
    // Country names, demonyms and IGOs inside a run make it a programme, club or body ("Good Morning
    // Britain", "Manchester United" is missed by this and caught by no cue); capitals may be surnames.
    for (let i = s; i < e; i++)
      if (tokenMayHave(work, index, i, KEY_PLACE) && namesCountryOrBody(index.placeBySurface.get(t.key[i])))
        return false;
  }
  const prev = s - 1;
  const honorific =
    prev >= 0 &&
    tokenMayHave(work, index, prev, KEY_HONORIFIC) &&
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
  if (givenNameAt(work, index, s)) return true;
  if (prev >= 0 && r.speakerAfterVerbs.has(t.key[prev])) return true;
  if (e < t.count && r.speechVerbs.has(t.key[e]) && !gapHasPunct(work, e - 1, e)) return true;
  if (e < t.count && gapKind(work.text, t.end[e - 1], t.start[e]) === GAP_COMMA) {
    for (let i = e; i < Math.min(t.count, e + 6); i++) if (work.titleStartEnd[i] !== -1) return true;
  }
  return false;
}

/** Later mentions by surname alone, with or without an honorific: "Mr. Ryabkov", "Ryabkov". */
export function linkSurnames(
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
export function linkDescriptions(work: ParagraphWork, ledger: ActorLedger, index: ActorIndex): void {
  const t = work.tokens;
  const record = ledger.record;
  for (const i of work.titleStarts) {
    const e = work.titleStartEnd[i];
    if (work.covered[i] !== 0) continue;
    const entry = titleStartingAt(work, i, index);
    // Followed by a name: a premodifier, handled with the name.
    if (e < t.count && t.flags[e] & CAP && work.covered[e] === 0 && !gapHasPunct(work, e - 1, e)) continue;
    const marker = work.placeEndingAt.get(i - 1);
    if (!marker?.actor) continue;
    const the = marker.s - 1;
    if (the < 0 || t.key[the] !== "the") continue;
    const country = marker.place.actor.country;
    const candidates: string[] = [];
    for (const b of ledger.people.values()) {
      const actor = ledger.view(b);
      if (actor.country !== country || !actor.role || actor.role.startsWith("former ")) continue;
      const fam = familyOf(actor.role, index);
      if (fam === entry.title.family || (entry.title.head && fam !== null && isHeadFamily(fam, index)))
        candidates.push(b.id);
    }
    let pick = candidates.length === 1 ? candidates[0] : null;
    if (!pick && candidates.length === 0 && country && !entry.title.head) {
      const holder = holderOn(index, country, entry.title.family, record);
      if (holder) pick = ledger.noteRegistryPerson(holder).id;
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
        pick = ledger.noteRegistryPerson(holder).id;
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
export function titledHolder(
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
  const f = familyCache.get(cleaned);
  return f !== undefined ? f : familyCache.set(cleaned, titleFamily(cleaned, index.titles));
}
const familyCache = new StringCache<string | null>();

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
export function linkPronouns(
  works: ParagraphWork[],
  people: Map<string, PersonBuild>,
  index: ActorIndex,
): void {
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
    const lastSentence = work.sentenceOffset + (t.count ? t.sentence[t.count - 1] : 0);
    let pi = 0;
    for (const i of work.pronounAt) {
      while (pi < persons.length && persons[pi].start < t.start[i]) {
        const id = persons[pi].actor as string;
        recentId.push(id);
        recentSentence.push(sentenceAfter(work, persons[pi], lastSentence));
        recentGender.push(people.get(id)?.gender ?? null);
        pi++;
      }
      const g = pronouns.get(t.key[i]);
      if (!g || work.inQuote[i] || work.covered[i] !== 0) continue;
      const sentence = work.sentenceOffset + t.sentence[i];
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
    while (pi < persons.length) {
      const id = persons[pi].actor as string;
      recentId.push(id);
      recentSentence.push(sentenceAfter(work, persons[pi], lastSentence));
      recentGender.push(people.get(id)?.gender ?? null);
      pi++;
    }
  }
}

/**
 * The article-wide sentence a person counts from: that of the word after the first word of its name (one
 * past a name at a sentence end is the next sentence); mentions start at token starts.
 */
function sentenceAfter(work: ParagraphWork, m: Mention, lastSentence: number): number {
  const t = work.tokens;
  const s = firstAtOrAfter(t.start, m.start, t.count);
  return s + 1 < t.count ? work.sentenceOffset + t.sentence[s + 1] : lastSentence;
}

/** Display name of an IGO or org body by id ("igo:NATO" → "NATO"). */
function bodyName(id: string): string | null {
  return getIndex().bodyNames.get(id) ?? null;
}

/** The country a description gives its person; "Mr. Putin's spokesman" (`@person:…`): the owner's country. */
function descCountry(
  d: Description | null,
  b: PersonBuild,
  record: ArticleRecord,
  people: Map<string, PersonBuild>,
  depth: number,
): string | null {
  if (!d?.country) return null;
  if (!d.country.startsWith("@")) return d.country;
  const owner = people.get(d.country.slice(1));
  return owner && depth < 2 && owner !== b
    ? personActor(owner, record, people, depth + 1).actor.country
    : null;
}

/**
 * The article's view of a person: the registry role on the article date, unless the registry has no
 * current role for them or the article itself calls them "former …" (then the article's words win).
 */
export function personActor(
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
  if (desc && desc.title.sector !== null && (!dated || dated.former || desc.former)) {
    role = desc.former ? `former ${desc.text}` : desc.text;
    sector = desc.title.sector;
    country = descCountry(desc, b, record, people, depth) ?? dated?.span.country ?? null;
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
    country = descCountry(desc, b, record, people, depth);
  }
  if (!country) {
    for (const d of b.descriptions) {
      const c = descCountry(d, b, record, people, depth);
      if (c) {
        country = c;
        break;
      }
    }
  }
  country ??= b.countryHint;
  return { actor: { id: b.id, name: b.name, kind: "person", country, sector, role }, undatedRole };
}
