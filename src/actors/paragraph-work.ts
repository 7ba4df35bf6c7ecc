/**
 * One paragraph as the actors stage works on it: tokens, quotation and role-title marks, registry matches,
 * capitalised runs, and the mentions found so far. Helpers here read the tokens and the gaps between
 * them; they know nothing of people or of the statistical model. Tokens are the nlp layer's; scratch
 * arrays come from one per-process slab (see slab.ts), reset at the start of each article.
 */

import {
  ALLCAPS,
  CAP,
  foldKey,
  HYPHEN_BEFORE,
  POSS,
  paragraphTokens,
  SENT_START,
  type Tokens,
} from "../nlp/index.ts";
import type { Mention, MentionType, Paragraph } from "../record.ts";
import {
  type ActorIndex,
  KEY_GIVEN,
  KEY_NAME,
  KEY_PRONOUN,
  KEY_TITLE,
  KEY_TRIM_END,
  KEY_TRIM_START,
  KEY_VETO,
  keyHash,
  type NameEntry,
  type TitleEntry,
} from "./gazetteer.ts";
import type { PersonEntry, PlaceEntry } from "./registry.ts";
import { Slab } from "./slab.ts";
import { StringCache } from "./string-cache.ts";

/** Longest capitalised run taken as one unknown name; longer runs are titles of works or headlines. */
export const MAX_NAME_TOKENS = 4;
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
/**
 * The typed arrays of the article being read (tokens, coverage, titles): reset at each findActors call,
 * never kept past it (mentions and actors hold only strings and numbers).
 */
export const slab = new Slab();
/** A lone initial inside a name ("Sergei A. Ryabkov"). */
export const isInitial = (t: Tokens, i: number) => t.end[i] - t.start[i] === 1 && (t.flags[i] & CAP) !== 0;
/** Orders spans and mentions by start offset; one function for every sort (no closure per call). */
export const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

interface NameMatch {
  s: number;
  e: number;
  entry: NameEntry;
}

export interface ParagraphWork {
  index: number;
  text: string;
  tokens: Tokens;
  /** 1 for tokens inside a mention already emitted. */
  covered: Uint8Array;
  inQuote: Uint8Array;
  /** For each token index: the longest title that ends there (start index), or -1. */
  titleEndStart: Int32Array;
  /** Token index → longest title starting there (end index, exclusive), or -1. */
  titleStartEnd: Int32Array;
  /** Token index → id (`ActorIndex.titleList`) of the title starting there, or -1 (see titleStartingAt). */
  titleStartId: Int32Array;
  /** Token indices where a title starts (titleStartEnd[i] !== -1), in order. */
  titleStarts: number[];
  /** 1 for every token inside some title match. */
  inTitle: Uint8Array;
  /** Token index → keyHash of its key: index into `ActorIndex.keyClasses` and other key filters. */
  hashes: Int32Array;
  /** Token indices of the words that may be pronouns (rules.pronouns), in order. */
  pronounAt: number[];
  /** Token indices of party letters in legislators' tags ("D" of "(D-Calif.)"), set by settlePartyTags. */
  partyTagAt: number[];
  /** Place matches kept as actors, by token end index (exclusive end - 1) for marker lookups. */
  placeEndingAt: Map<number, { s: number; place: PlaceEntry; actor: string | null }>;
  /** Person matches ending at token index (last token), with their actor id. */
  personEndingAt: Map<number, string>;
  mentions: Mention[];
  sentenceOffset: number;
  /** Title-case line ("Putin Has Wide Support"): every word looks like a name, so registry only. */
  headline: boolean;
  /** Capitalised runs after the registry pass (capitalRuns), kept when the model gate computed them. */
  runs: { s: number; e: number }[] | null;
  /** 1 for words that may not be part of a person's name (glued widget text, see isGlued); null: none. */
  noName: Uint8Array | null;
}

export function scanParagraph(
  para: Paragraph,
  starts: number[] | undefined,
  index: ActorIndex,
  sentenceOffset: number,
): ParagraphWork {
  const { index: idx, kind, text } = para;
  const tokens = paragraphTokens(para, starts);
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
  const titleEndStart = slab.int32(n).fill(-1);
  const inTitle = slab.uint8(n);
  const titleStartEnd = slab.int32(n).fill(-1);
  // Read only where titleStartEnd says a title starts: not filled.
  const titleStartId = slab.int32(n);
  const hashes = slab.int32(n);
  const pronounAt: number[] = [];
  const titleStarts: number[] = [];
  const classes = index.keyClasses;
  const pronouns = index.rules.pronouns;
  for (let i = 0; i < n; i++) {
    if (tokens.flags[i] & CAP) caps++;
    const key = tokens.key[i];
    const h = keyHash(key);
    hashes[i] = h;
    const c = classes[h];
    if ((c & (KEY_PRONOUN | KEY_TITLE)) === 0) continue;
    if (c & KEY_PRONOUN && pronouns.has(key)) pronounAt.push(i);
    if (!(c & KEY_TITLE)) continue;
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
      titleStartId[i] = entry.id;
      titleStarts.push(i);
      inTitle.fill(1, i, e);
      if (titleEndStart[e - 1] === -1 || titleEndStart[e - 1] > i) titleEndStart[e - 1] = i;
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
    titleStartEnd,
    titleStartId,
    titleStarts,
    inTitle,
    hashes,
    pronounAt,
    partyTagAt: [],
    placeEndingAt: new Map(),
    personEndingAt: new Map(),
    mentions: [],
    sentenceOffset,
    headline: kind === "heading" || (n >= 4 && caps / n > HEADLINE_CAPS),
    runs: null,
    noName: null,
  };
}

/** The title that starts at token i (where `titleStartEnd[i] !== -1`). */
export function titleStartingAt(work: ParagraphWork, i: number, index: ActorIndex): TitleEntry {
  return index.titleList[work.titleStartId[i]];
}

/** The longest title that ends at token j (where `titleEndStart[j] !== -1`): the one matched from its start. */
export function titleEndingAt(work: ParagraphWork, j: number, index: ActorIndex): TitleEntry {
  return index.titleList[work.titleStartId[work.titleEndStart[j]]];
}

/** Greedy longest registry match, left to right, with case rules (acronyms in capitals, names capitalised). */
export function matchNames(work: ParagraphWork, index: ActorIndex): NameMatch[] {
  const t = work.tokens;
  const out: NameMatch[] = [];
  let i = 0;
  let lastEnd = 0;
  while (i < t.count) {
    const list =
      t.flags[i] & CAP && tokenMayHave(work, index, i, KEY_NAME) ? index.names.get(t.key[i]) : undefined;
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
          !(tokenMayHave(work, index, e, KEY_NAME) && index.names.has(t.key[e])) &&
          !index.rules.stopCaps.has(t.key[e])
        )
          continue;
        // …or preceded by an unknown capitalised word: "Ben Kirby" is not the registry's John Kirby,
        // but "Victor Yanukovych" is Viktor Yanukovych spelt another way: the match takes the given name.
        if (entry.short && !work.headline && i > 0 && i - 1 >= lastEnd && givenBefore(work, i, index)) {
          if (entry.person && spellsGivenName(t.key[i - 1], entry.person)) {
            found = { s: i - 1, e, entry };
            break;
          }
          continue;
        }
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

/** First keys of a registry person's full names ("viktor" of Viktor Yanukovych), computed once per person. */
const givenKeys = new WeakMap<PersonEntry, string[]>();

/**
 * Whether `key` is another spelling of one of the person's given names: same first letter, and at most
 * one edit away (two for names of six letters or more): "victor" for Viktor, "volodymir" for Volodymyr.
 * @example spellsGivenName("victor", yanukovych) // true
 */
export function spellsGivenName(key: string, person: PersonEntry): boolean {
  let keys = givenKeys.get(person);
  if (!keys) {
    keys = [];
    for (const v of person.variants) {
      const k = foldKey(v.split(/\s+/)[0] ?? "");
      if (k.length >= 3 && !keys.includes(k)) keys.push(k);
    }
    givenKeys.set(person, keys);
  }
  for (const g of keys) {
    if (g[0] !== key[0]) continue;
    const allowed = Math.min(g.length, key.length) >= 6 ? 2 : 1;
    if (editDistanceWithin(g, key, allowed)) return true;
  }
  return false;
}

/** Whether two strings are at most `max` insertions, deletions or substitutions apart (small strings). */
function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
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

/**
 * End (exclusive) of `entry` matched at token i, or -1. People may carry one middle initial ("Vladimir V.
 * Putin"). The entry comes from `index.names.get(t.key[i])`, which files every entry under its first key,
 * so that key is not compared again.
 */
function matchEntry(t: Tokens, i: number, entry: NameEntry): number {
  let j = i;
  for (let k = 0; k < entry.keys.length; k++) {
    if (j >= t.count) return -1;
    if (k > 0 && t.sentence[j] !== t.sentence[i] && !(entry.person && isInitial(t, j - 1))) return -1;
    if (k > 0 && t.key[j] !== entry.keys[k]) {
      if (entry.person && isInitial(t, j) && j + 1 < t.count && t.key[j + 1] === entry.keys[k]) j++;
      else return -1;
    }
    // A possessive may only end the match ("Russia's"), never sit inside it.
    if (k < entry.keys.length - 1 && t.flags[j] & POSS && !entry.innerPossessive) return -1;
    j++;
  }
  return j;
}

/** A place inside a longer capitalised name ("Carnegie Moscow Center", "Washington Post", "George Washington"). */
export function isNamePart(work: ParagraphWork, m: NameMatch, index: ActorIndex): boolean {
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
    // A given name after the place opens a person's name: "… to Ukraine Ruth Halloran".
    const known =
      index.names.has(k) ||
      work.titleStartEnd[e] !== -1 ||
      index.registry.givenNames.has(k) ||
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

/**
 * Settles party-and-state tags after a legislator's name ("D-Calif.", "R-N.C."): a party letter glued by a
 * hyphen to a capitalised word is neither a name nor a person.
 * @example settlePartyTags(work, index) // "Sen. Ann Roe (D-Ore.)": "D" and "Ore" covered, no mention
 */
export function settlePartyTags(work: ParagraphWork, index: ActorIndex): void {
  const t = work.tokens;
  const letters = index.rules.partyLetters;
  for (let i = 0; i + 1 < t.count; i++) {
    if (
      t.end[i] - t.start[i] === 1 &&
      letters.has(t.key[i]) &&
      t.flags[i] & CAP &&
      t.flags[i + 1] & HYPHEN_BEFORE &&
      t.flags[i + 1] & CAP &&
      t.start[i + 1] === t.end[i] + 1
    ) {
      work.covered[i] = 1;
      work.covered[i + 1] = 1;
      work.partyTagAt.push(i);
    }
  }
}

/** Whether anything but white space (or a possessive 's) separates tokens a and b; no string is made. */
export function gapHasPunct(work: ParagraphWork, a: number, b: number): boolean {
  const text = work.text;
  let k = work.tokens.end[a];
  const to = work.tokens.start[b];
  const q = text.charCodeAt(k);
  if ((q === 39 || q === 8217) && (text.charCodeAt(k + 1) | 32) === 115) k += 2;
  for (; k < to; k++) if (!isSpace(text.charCodeAt(k))) return true;
  return false;
}

/** What lies between two offsets: only white space, one comma in white space, or anything else. */
export const GAP_SPACE = 0;
export const GAP_COMMA = 1;
const GAP_OTHER = 2;
export function gapKind(text: string, from: number, to: number): number {
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
export function gapEndsClause(text: string, from: number, to: number): boolean {
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

export function placeType(place: PlaceEntry, work: ParagraphWork, s: number, index: ActorIndex): MentionType {
  if (place.kind === "adjective") return "NORP";
  if (place.kind === "igo" || place.kind === "group") return "ORG";
  if (place.kind === "metonym") return place.actor.kind === "state" ? "GPE" : "ORG";
  const prev = s > 0 ? work.tokens.key[s - 1] : "";
  if (place.kind === "capital" && index.rules.locativePreps.has(prev)) return "LOC";
  return "GPE";
}

export function addMention(
  work: ParagraphWork,
  s: number,
  e: number,
  type: MentionType,
  actor: string | null,
  spanStart?: number,
): void {
  const t = work.tokens;
  const start = spanStart ?? t.start[s];
  const end = t.end[e - 1];
  work.covered.fill(1, s, e);
  // `country` is set on places only; made here (undefined: absent from JSON) so that every mention has
  // one hidden class, which V8's optimised code then never sees change.
  work.mentions.push({
    paragraph: work.index,
    start,
    end,
    text: work.text.slice(start, end),
    type,
    actor,
    country: undefined,
  });
}

/**
 * The sector an organisation's (lower-case) name or an appositive clause names by one of the registry's
 * sector words ("ministry" → government), or null; cached per index, since names repeat across articles.
 * @example orgSector("the russian defense ministry", index) // "government"
 */
export function orgSector(text: string, index: ActorIndex): string | null {
  let cache = sectorCaches.get(index);
  if (!cache) {
    cache = new StringCache<string | null>();
    sectorCaches.set(index, cache);
  }
  const hit = cache.get(text);
  return hit !== undefined ? hit : cache.set(text, findSector(text, index));
}
const sectorCaches = new WeakMap<ActorIndex, StringCache<string | null>>();

function findSector(text: string, index: ActorIndex): string | null {
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
export function capitalRuns(work: ParagraphWork, index: ActorIndex): { s: number; e: number }[] {
  const t = work.tokens;
  const r = index.rules;
  const runs: { s: number; e: number }[] = [];
  let s = -1;
  // No closure for "close the open run": tsx names every closure it creates, at a cost per paragraph.
  for (let i = 0; i < t.count; i++) {
    const free = work.covered[i] === 0;
    const cap = (t.flags[i] & CAP) !== 0;
    const title = work.inTitle[i] === 1;
    // The Set lookup last: most words after a run are lower case and followed by lower case.
    const particle =
      !cap && s !== -1 && i + 1 < t.count && t.flags[i + 1] & CAP && r.nameParticles.has(t.key[i]);
    const joins = s !== -1 && t.sentence[i] === t.sentence[s] && !gapHasPunctLoose(work, i - 1, i);
    if (cap && free && isGlued(work, i)) {
      // "Susan Collins Susan Margaret CollinsYes": a hover card's full name glued to the next headline.
      // The run is cut as usual ("Susan Collins" | "Susan Margaret"); the piece that runs into the glued
      // word, and the glued word, are no name. They stay free, marked so no model span makes one either.
      let from = i;
      let repeat = -1; // the card repeats the first name of the mention before it: "Paul Ryan Paul Davis RyanAmash"
      if (s !== -1 && joins)
        for (let k = s + 1; k < i && repeat === -1; k++) if (t.key[k] === t.key[s]) repeat = k;
      if (repeat !== -1) {
        closeRun(work, index, s, repeat, runs);
        from = repeat;
      } else if (s !== -1 && joins) {
        // Cut with the glued word in (it ends the last piece), then drop that piece.
        const before = runs.length;
        closeRun(work, index, s, i + 1, runs);
        const last = runs.length > before ? runs[runs.length - 1] : null;
        if (last !== null && last.e === i + 1) {
          runs.pop();
          from = last.s;
        } else if (last === null) from = s;
      } else if (s !== -1) closeRun(work, index, s, i, runs);
      work.noName ??= slab.uint8(t.count);
      work.noName.fill(1, from, i + 1);
      s = -1;
      continue;
    }
    if (free && (cap || particle) && !(title && cap && !givenNameAt(work, index, i))) {
      if (s !== -1 && !joins) {
        closeRun(work, index, s, i, runs);
        s = -1;
      }
      if (s === -1) s = i;
      if (t.flags[i] & POSS) {
        closeRun(work, index, s, i + 1, runs);
        s = -1;
      }
    } else if (s !== -1) {
      closeRun(work, index, s, i, runs);
      s = -1;
    }
  }
  if (s !== -1) closeRun(work, index, s, t.count, runs);
  return runs;
}

/**
 * Whether token i is two words glued together by a scraper, as "related stories" widgets leave them:
 * a lower-case letter then a capital after at least GLUE_MIN_PREFIX characters ("RomneyJon",
 * "GrahamGOP", "O'RourkeO'Rourke"), or letters then digits ("Sanders2020"). Such a token is never part of
 * a name. "McConnell", "DeSantis", "MacArthur" keep their capital within the first three characters.
 * @example isGlued(work, i) // true for "BookerGOP", false for "DeSantis"
 */
function isGlued(work: ParagraphWork, i: number): boolean {
  const t = work.tokens;
  const text = work.text;
  const from = t.start[i];
  const to = t.end[i];
  for (let k = from + 1; k < to; k++) {
    const c = text.charCodeAt(k);
    const p = text.charCodeAt(k - 1);
    const prevLower = p >= 97 && p <= 122;
    if (c >= 65 && c <= 90 && prevLower && k - from >= GLUE_MIN_PREFIX) return true;
    if (c >= 48 && c <= 57 && (prevLower || (p >= 65 && p <= 90))) return true;
  }
  return false;
}
/** Characters before an inner capital from which a token counts as glued (see isGlued). */
const GLUE_MIN_PREFIX = 4;

/** Ends the run of tokens [s, e): trims function words, honorifics and initials, splits at given names. */
function closeRun(
  work: ParagraphWork,
  index: ActorIndex,
  s: number,
  e: number,
  runs: { s: number; e: number }[],
): void {
  const t = work.tokens;
  let a = s;
  while (a < e && tokenMayHave(work, index, a, KEY_TRIM_START) && index.runTrimStart.has(t.key[a])) a++;
  let b = e;
  while (
    b > a &&
    ((tokenMayHave(work, index, b - 1, KEY_TRIM_END) && index.runTrimEnd.has(t.key[b - 1])) ||
      isInitial(t, b - 1))
  )
    b--;
  // Two names side by side ("… Sakvarelidze Daniel Hannan") or a name after a capitalised title
  // ("Home Affairs Ylva Johansson"): cut before each given name that follows a non-given name.
  let from = a;
  for (let k = a + 1; k < b - 1; k++) {
    if (givenNameAt(work, index, k) && !givenNameAt(work, index, k - 1) && !isInitial(t, k - 1)) {
      // The part before a given name is a name only if it opens with one itself ("Arizona Republican
      // John McCain" is a description and a name; "David Sakvarelidze Daniel Hannan" two names).
      if (k - from <= MAX_NAME_TOKENS && givenNameAt(work, index, from)) runs.push({ s: from, e: k });
      from = k;
    }
  }
  if (b > from && b - from <= MAX_NAME_TOKENS) runs.push({ s: from, e: b });
}

/** Like gapHasPunct, but the dot after an initial ("A.") and a hyphen inside a name do not break a run. */
export function gapHasPunctLoose(work: ParagraphWork, a: number, b: number): boolean {
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

export function innerPlace(work: ParagraphWork, s: number, e: number, index: ActorIndex): string | null {
  const t = work.tokens;
  for (let i = s; i < e; i++) {
    const places = index.placeBySurface.get(t.key[i]);
    if (places) for (const p of places) if (!p.ambiguous && p.actor.country) return p.actor.country;
  }
  return null;
}

/**
 * Whether the key of token i may be in the registry table of class `bit` (see `mayHave`), by the hash
 * the paragraph scan kept: false proves it is not.
 */
export function tokenMayHave(work: ParagraphWork, index: ActorIndex, i: number, bit: number): boolean {
  return (index.keyClasses[work.hashes[i]] & bit) !== 0;
}

/** Whether token i is a given name of the registry ("Jeff"), through the key filter first. */
export function givenNameAt(work: ParagraphWork, index: ActorIndex, i: number): boolean {
  return tokenMayHave(work, index, i, KEY_GIVEN) && index.registry.givenNames.has(work.tokens.key[i]);
}

/**
 * Whether token i is a word that never sits in a person's name (function words, institutions, heads of
 * organisation, place and event names), through the key filter first.
 */
export function vetoedAt(work: ParagraphWork, index: ActorIndex, i: number): boolean {
  return tokenMayHave(work, index, i, KEY_VETO) && index.rules.vetoWords.has(work.tokens.key[i]);
}
