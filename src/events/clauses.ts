/**
 * The text structure the event coder walks, built once per paragraph: flat tokens, actor mentions in
 * token space, quotations, clause boundaries, subjects, compound actors and cue look-ups.
 * Known failures: no syntactic parse — a clause is what lies between punctuation and clause words, and a
 * subject is the leftmost actor of its clause, which misses subjects that are common nouns.
 */
import type { Actor, ArticleRecord, EventParty, Quote } from "../record.ts";
import type { Lexicon } from "./lexicon.ts";
import { firstTokenAt, type ParagraphTokens } from "./tokens.ts";

/** Punctuation that ends a clause for subject and target search. */
export const PUNCT_BREAKS = new Set([
  ",",
  ";",
  ":",
  "(",
  ")",
  '"',
  "“",
  "”",
  "«",
  "»",
  "—",
  "–",
  "[",
  "]",
  "{",
  "}",
]);

/** Words that end the clause after a trigger: the target is sought before them ("stepped down as the party's …"). */
export const CLAUSE_END_WORDS = new Set([
  "which",
  "who",
  "while",
  "after",
  "before",
  "because",
  "but",
  "as",
  "when",
  "since",
  "until",
  "where",
  "whereas",
  "although",
  "though",
]);

/** Boundaries that end the reach of a sentence-level cue ("denied …, but troops attacked"). */
export const SCOPE_BREAKS = new Set([";", "but", "while", "whereas", "although", "though", "however"]);

/** An actor mention in token space, with the party it stands for. */
export interface TokMention {
  t0: number;
  t1: number;
  start: number;
  end: number;
  party: EventParty;
  /** A bare demonym ("Russian" in "a Russian attack"): the word after it is a noun, not a verb. */
  adjective: boolean;
  /** A place that is no actor, standing for its country ("Kharkiv"): a target at most, never a source. */
  place?: boolean;
}

export interface QuoteSpan {
  start: number;
  end: number;
  text: string;
  kind: Quote["kind"];
  speaker: EventParty | null;
}

/** Everything the coder needs about one paragraph. */
export interface Para {
  index: number;
  text: string;
  tok: ParagraphTokens;
  mentions: TokMention[];
  /** Mention index starting at each token, or -1. */
  mentionAt: Int32Array;
  /** Mention index covering each token, or -1. */
  inMention: Int32Array;
  quotes: QuoteSpan[];
  /** Word classes per token (TOKEN_* bits), read once so pattern matching does no Set lookups per gap word. */
  cls: Uint8Array;
}

/** A clause break: punctuation or a clause-break word. */
export const TOKEN_BREAK = 1;
/** An amount ("4,000", "dozens"): does not count against a pattern's gap. */
export const TOKEN_QUANTITY = 2;
/** A quotation mark. */
export const TOKEN_QUOTE = 4;
/** A determiner. */
export const TOKEN_DETERMINER = 8;
/** Quotation marks as tokens. */
export const QUOTE_TOKENS = new Set(['"', "“", "”", "«", "»", "‘", "’"]);

export function groupByParagraph<T extends { paragraph: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(item.paragraph);
    if (list) list.push(item);
    else out.set(item.paragraph, [item]);
  }
  return out;
}

/** Sentence ends for text the nlp stage did not split: ., ! or ? followed by space and a capital or quote. */
export const FALLBACK_SENTENCE_END = /[.!?]["'”’)]?\s+(?=["'“‘(]?[\p{Lu}\d])/gu;

export function fallbackSentences(text: string): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let start = 0;
  FALLBACK_SENTENCE_END.lastIndex = 0;
  for (let m = FALLBACK_SENTENCE_END.exec(text); m; m = FALLBACK_SENTENCE_END.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    out.push([start, end]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** A stand-in actor for a place's country: only its country is read. */
function placeActor(country: string): Actor {
  return { id: `state:${country}`, name: country, kind: "state", country, sector: null, role: null };
}

export function partyOf(actor: Actor): EventParty {
  return party(actor.id, actor.country, actor.sector);
}

/**
 * A party object. Every party is made here, never by spreading another (`{ ...x, country }`): V8 gives a
 * spread copy another hidden class than the literal, and code that met one class deoptimised and was
 * recompiled when the other turned up.
 * @example party("state:RUS", "RUS", null) // { actor: "state:RUS", country: "RUS", sector: null }
 */
export function party(actor: string | null, country: string | null, sector: string | null): EventParty {
  return { actor, country, sector };
}

/** A copy of a party, made by `party` (see there). */
export function copyParty(x: EventParty): EventParty {
  return party(x.actor, x.country, x.sector);
}

export function buildPara(
  index: number,
  text: string,
  tok: ParagraphTokens,
  rawMentions: ArticleRecord["mentions"],
  rawQuotes: Quote[],
  actorsById: Map<string, Actor>,
  lex: Lexicon,
  onUnknown: () => void,
): Para {
  const n = tok.words.length;
  const mentionAt = new Int32Array(n).fill(-1);
  const inMention = new Int32Array(n).fill(-1);
  const mentions: TokMention[] = [];
  const sorted = [...rawMentions].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const m of sorted) {
    // A place that is no actor but lies in a known country ("the outskirts of Kharkiv") is that country
    // as a party: PLOVER codes an attack on a city as one on its country.
    const actor = m.actor ? actorsById.get(m.actor) : m.country ? placeActor(m.country) : undefined;
    if (!actor) {
      if (m.actor) onUnknown();
      continue;
    }
    const t0 = firstTokenAt(tok, m.start);
    let t1 = firstTokenAt(tok, m.end);
    if (t1 <= t0 || t0 >= n || inMention[t0] !== -1) continue;
    const mentionParty = m.actor ? partyOf(actor) : party(null, actor.country, null);
    // "Russian troops", "Iraqi police": the head noun after a country-level name gives the sector.
    let k = t1;
    if (k < n && tok.words[k] === "'s") k++;
    const head = k < n ? lex.sectorHeads.get(tok.words[k] as string) : undefined;
    if (head && (actor.kind === "state" || actor.kind === "igo" || !mentionParty.sector)) {
      mentionParty.sector = head;
      if (k === t1) t1 = k + 1;
    }
    const idx = mentions.length;
    // A bare singular demonym ("Russian") is an adjective; a plural one ("Palestinians") is a noun.
    const adjective = m.type === "NORP" && t1 === firstTokenAt(tok, m.end) && !/s$/i.test(m.text);
    mentions.push({ t0, t1, start: m.start, end: m.end, party: mentionParty, adjective, place: !m.actor });
    mentionAt[t0] = idx;
    for (let t = t0; t < t1; t++) inMention[t] = idx;
  }
  const quotes: QuoteSpan[] = [];
  for (const q of rawQuotes) {
    let speaker: EventParty | null = null;
    const id = q.speaker?.actor;
    if (id) {
      const actor = actorsById.get(id);
      if (actor) speaker = partyOf(actor);
    }
    quotes.push({ start: q.start, end: q.end, text: q.text, kind: q.kind, speaker });
  }
  const cls = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const w = tok.words[k] as string;
    let c = 0;
    if (isBreak(w, lex)) c |= TOKEN_BREAK;
    if (lex.quantities.has(w) || isDigit(w.charCodeAt(0))) c |= TOKEN_QUANTITY;
    if (QUOTE_TOKENS.has(w)) c |= TOKEN_QUOTE;
    if (lex.determiners.has(w)) c |= TOKEN_DETERMINER;
    cls[k] = c;
  }
  return { index, text, tok, mentions, mentionAt, inMention, quotes, cls };
}

export function isBreak(w: string, lex: Lexicon): boolean {
  return PUNCT_BREAKS.has(w) || lex.clauseBreaks.has(w);
}

/** isBreak for token k of a paragraph, read from its word classes (no Set lookup); false past the end. */
export function breakAt(p: Para, k: number): boolean {
  return k < p.cls.length && (p.cls[k] & TOKEN_BREAK) !== 0;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Does token w match a pattern word (exact, or with a plural -s/-es)? */
export function wordMatches(w: string, words: string[]): boolean {
  for (const x of words) {
    if (w === x || w === `${x}s` || w === `${x}es`) return true;
  }
  return false;
}

/** The mention starting at token k, allowing determiners before it ("the United States"). */
export function mentionStartingNear(p: Para, k: number, s1: number, lex: Lexicon): number {
  let t = k;
  let demonstrative = false;
  while (t < s1 && lex.determiners.has(p.tok.words[t] as string) && p.mentionAt[t] === -1) {
    if (DEMONSTRATIVES.has(p.tok.words[t] as string)) demonstrative = true;
    t++;
  }
  const m = t < s1 ? (p.mentionAt[t] as number) : -1;
  // "warned that Moscow would retaliate": before a name, "that" opens a clause; only an adjective takes
  // a demonstrative ("that Russian proposal").
  if (m >= 0 && demonstrative && !(p.mentions[m] as TokMention).adjective) return -1;
  return m;
}

/** Determiners that are also complementizers ("that") or start a clause subject. */
const DEMONSTRATIVES = new Set(["that", "this", "these", "those"]);

/**
 * Start token of the clause containing token t (after the nearest break to its left). A report verb
 * also opens a clause: in "the minister said the navy had shelled the port", the subject of "shelled" is the navy.
 */
export function clauseStart(p: Para, t: number, s0: number, lex: Lexicon): number {
  for (let k = t - 1; k >= s0; k--) {
    const w = p.tok.words[k] as string;
    // "Chile, Peru, Bolivia and Ecuador signed": a comma between two names is a list, not a clause end.
    if (w === "," && k > s0 && p.inMention[k - 1] !== -1 && mentionStartingNear(p, k + 1, t, lex) >= 0)
      continue;
    if (breakAt(p, k) || (lex.modality.reportVerbs.has(w) && p.inMention[k] === -1)) return k + 1;
  }
  return s0;
}

/** End token (exclusive) of the clause containing token t. */
export function clauseEnd(p: Para, t: number, s1: number, lex: Lexicon): number {
  for (let k = t + 1; k < s1; k++) {
    const w = p.tok.words[k] as string;
    if (w === "," && isListComma(p, k, s1, lex)) continue; // "drones, shells, and missiles aimed at"
    if (w === "(") {
      // A short parenthesis ("(UCF)", "(WFP)") is an aside, not the end of the clause.
      let close = k + 1;
      while (close < s1 && close <= k + 5 && p.tok.words[close] !== ")") close++;
      if (close < s1 && p.tok.words[close] === ")") {
        k = close;
        continue;
      }
    }
    if (PUNCT_BREAKS.has(w) || CLAUSE_END_WORDS.has(w)) return k;
  }
  return s1;
}

/** A comma inside a short list of nouns: another comma or "and"/"or" follows within two words. */
export function isListComma(p: Para, k: number, s1: number, lex: Lexicon): boolean {
  for (let j = k + 1; j < s1 && j <= k + 3; j++) {
    const w = p.tok.words[j] as string;
    if (j > k + 1 && w === ",") return p.mentionAt[k + 1] === -1;
    // ", and missiles": the last item of a list, when a noun (not a clause) follows "and".
    if (w === "and" || w === "or") {
      if (j > k + 1) return true;
      const after = p.tok.words[j + 1] ?? ",";
      // ", and missiles" continues a list; ", and they were …" starts a clause.
      return (
        !isBreak(after, lex) &&
        !lex.subjectPronouns.has(after) &&
        !lex.determiners.has(after) &&
        p.mentionAt[j + 1] === -1
      );
    }
  }
  return false;
}

export function quoteAt(p: Para, t: number): QuoteSpan | null {
  const c = p.tok.starts[t] as number;
  for (const q of p.quotes) if (c >= q.start && c < q.end) return q;
  return null;
}

export interface Subject {
  mention: TokMention | null;
  /** Party when it comes from a quotation speaker or a pronoun, not a text mention. */
  party: EventParty | null;
}

/**
 * The subject of the verb at token t: leftmost mention in its clause before t; a leading pronoun
 * resolves to the previous clause's subject, or to the quotation's speaker for "we"/"I".
 */
export function findSubject(
  p: Para,
  t: number,
  s0: number,
  carry: TokMention | null,
  lex: Lexicon,
  depth = 0,
): Subject {
  const cs = clauseStart(p, t, s0, lex);
  for (let k = cs; k < t; k++) {
    const m = p.mentionAt[k] as number;
    if (m >= 0) {
      const mention = p.mentions[m] as TokMention;
      // "pundits who are cavalier about Russian strength are willing": the object of a preposition is no
      // subject. Places ("troops in Chad detained") are kept: the country is usually the subject's.
      if (objectOfPreposition(p, k, cs, lex)) {
        k = mention.t1 - 1;
        continue;
      }
      // "Lima sat still and Chilean gunboats kept patrolling the bay": a second actor after "and",
      // right before the verb, opens a coordinated clause with its own subject.
      const second = coordinatedSubject(p, mention, t, lex);
      if (second) return { mention: second, party: null };
      // "Brazil's long-serving trade envoy Ana Souza met": the possessed person is the subject.
      if (p.tok.words[mention.t1] === "'s") {
        const later = firstMentionIn(p, mention.t1 + 1, t, mention);
        if (later >= 0) {
          const owned = p.mentions[later] as TokMention;
          // "Chile's foreign minister X": the text itself says whose minister X is.
          if (owned.party.country || !mention.party.country) return { mention: owned, party: null };
          return {
            mention: { ...owned, party: party(owned.party.actor, mention.party.country, owned.party.sector) },
            party: null,
          };
        }
      }
      return { mention: describedBy(p, mention, t, lex) ?? mention, party: null };
    }
    const w = p.tok.words[k] as string;
    // "if you live in Chile and have opposed the junta": a generic subject is nobody we can code.
    if (lex.impersonalSubjects.has(w)) return { mention: null, party: null };
    // "how costly it would be to defy Chile": an expletive "it" has no referent.
    if (w === "it" && isExpletiveIt(p, k, t, lex)) return { mention: null, party: null };
    // "its troops had killed", "their forces shelled": a possessive before a sector noun stands for its
    // owner, as "it"/"they" would; the noun gives the sector.
    const ownerPronoun = POSSESSIVE_SUBJECTS.get(w);
    const ownedSector = ownerPronoun ? lex.sectorHeads.get(p.tok.words[k + 1] as string) : undefined;
    if (ownerPronoun && ownedSector && k + 1 < t) {
      const owner = resolvePronoun(p, ownerPronoun, k, cs, s0, carry, lex, depth);
      const ownerParty = owner.mention?.party ?? owner.party;
      if (!ownerParty) return owner;
      const sector = party(ownerParty.actor, ownerParty.country, ownedSector);
      return owner.mention
        ? { mention: { ...owner.mention, party: sector }, party: null }
        : { mention: null, party: sector };
    }
    if (lex.subjectPronouns.has(w)) return resolvePronoun(p, w, k, cs, s0, carry, lex, depth);
  }
  // No mention in this clause: the sentence's first mention before t, when no clause break word intervenes
  // ("Norway, a steady donor, has pledged"); else the previous clause's subject.
  // Only a plain appositive qualifies: the mention, a comma, words without commas or quote marks, a comma.
  if (cs > s0 && depth < 3 && p.tok.words[cs - 1] === ",") {
    const open = lastComma(p, cs - 2, s0);
    let before = open - 1;
    // "The Dockers' Federation (DF), the largest port group, said": skip the abbreviation.
    if (before > s0 && p.tok.words[before] === ")") {
      while (before > s0 && p.tok.words[before] !== "(") before--;
      before--;
    }
    let m = open > s0 && before >= s0 ? (p.inMention[before] as number) : -1;
    // "The Union of Teachers of Chile (UTC), the largest union, said": the name's tail ("of Teachers")
    // is outside the mention; the leftmost actor of the clause before the comma, not inside a
    // prepositional phrase, is the subject.
    if (m < 0 && open > s0 && before >= s0) m = mentionBeforeNameTail(p, before, s0);
    if (m >= 0) {
      const mention = p.mentions[m] as TokMention;
      const start = clauseStart(p, mention.t0, s0, lex);
      if (start === s0 || PUNCT_BREAKS.has(p.tok.words[start - 1] as string))
        return { mention: describedBy(p, mention, t, lex) ?? mention, party: null };
    }
    // "Kenzo Ito, the UN relief coordinator, demanded": a person no actor stands for, described by a role
    // in a body or country, acts for it; the appositive's actor is the subject.
    // The appositive opens as a noun phrase ("the UN …", "Chile's …"), not "together with …".
    const nounPhrase = lex.determiners.has(p.tok.words[open + 1] as string) || p.mentionAt[open + 1] !== -1;
    if (m < 0 && open > s0 && before >= s0 && nounPhrase && unknownNameBefore(p, before, s0, lex)) {
      const inside = firstMentionIn(p, open + 1, cs - 1, null);
      // "Officials, speaking in Warsaw, …": a place is no body the person acts for.
      let j = inside >= 0 ? (p.mentions[inside] as TokMention).t0 - 1 : -1;
      while (j > open && lex.determiners.has(p.tok.words[j] as string)) j--;
      if (inside >= 0 && !APPOSITIVE_PLACE_WORDS.has(p.tok.words[j] as string))
        return { mention: p.mentions[inside] as TokMention, party: null };
    }
  }
  return { mention: null, party: null };
}

/** Prepositions that make an appositive's actor a place, not the body a person acts for. */
const APPOSITIVE_PLACE_WORDS = new Set(["in", "at", "near", "from", "outside", "through", "to"]);

/**
 * "Kenzo Ito, the UN relief coordinator, demanded": a person the registry knows without country or
 * sector, described by an appositive that names a body or country, acts for it. Returns the person's
 * mention with that party's country and sector, or null.
 */
function describedBy(p: Para, person: TokMention, t: number, lex: Lexicon): TokMention | null {
  const personParty = person.party;
  if (!personParty.actor?.startsWith("person:") || personParty.country || personParty.sector) return null;
  const open = person.t1;
  if (p.tok.words[open] !== "," || open + 1 >= t) return null;
  if (!lex.determiners.has(p.tok.words[open + 1] as string) && p.mentionAt[open + 1] === -1) return null;
  let close = open + 1;
  while (close < t && p.tok.words[close] !== ",") close++;
  if (close >= t) return null;
  const inside = firstMentionIn(p, open + 1, close, null);
  if (inside < 0) return null;
  const body = p.mentions[inside] as TokMention;
  let j = body.t0 - 1;
  while (j > open && lex.determiners.has(p.tok.words[j] as string)) j--;
  if (APPOSITIVE_PLACE_WORDS.has(p.tok.words[j] as string)) return null;
  const sector = body.party.actor?.startsWith("igo:") ? "IGO" : body.party.sector;
  return { ...person, party: party(personParty.actor, body.party.country, sector) };
}

/** How many capitalised words a name no actor stands for may have ("Kenzo Ito", "Maria de la Cruz"). */
const UNKNOWN_NAME_WORDS = 5;

/**
 * Is the clause ending at token `end` only a capitalised name that no mention covers ("Kenzo Ito")?
 * Known failure: a sentence-initial capitalised common noun ("Officials, …") also passes; the appositive
 * must then still name an actor for anything to follow.
 */
function unknownNameBefore(p: Para, end: number, s0: number, lex: Lexicon): boolean {
  const start = clauseStart(p, end, s0, lex);
  // A person's name has two words at least; "This, …" or "Officials, …" is none.
  if (end - start + 1 > UNKNOWN_NAME_WORDS || end - start + 1 < 2) return false;
  for (let k = start; k <= end; k++) {
    if ((p.inMention[k] as number) >= 0) return false;
    const c = p.text.charCodeAt(p.tok.starts[k] as number);
    if (!(c >= 65 && c <= 90) && !NAME_TAIL_JOINERS.has(p.tok.words[k] as string)) return false;
  }
  return true;
}

/** Lower-case words allowed inside the tail of a long name ("Union of Teachers", "Council for Peace and Justice"). */
const NAME_TAIL_JOINERS = new Set(["of", "for", "and", "the", "&", "'", "’", "'s"]);

/** How many words a name may run past the part the actors stage recognised ("of Secondary School Teachers"). */
const NAME_TAIL_REACH = 5;

/**
 * "The Union of Teachers of Chile (UTC), …": the actors stage may recognise only the start of a long
 * name; the mention whose name runs on in capitalised words up to token `end`, or -1.
 * Known failure: a capitalised word after a mention that starts a new phrase ("Chile Today") is read as
 * part of the name; the comma-bounded appositive check around it keeps that rare.
 */
function mentionBeforeNameTail(p: Para, end: number, s0: number): number {
  for (let k = end; k >= s0 && end - k <= NAME_TAIL_REACH; k--) {
    const at = p.inMention[k] as number;
    if (at >= 0) return k === end ? at : (p.mentions[at] as TokMention).t1 === k + 1 ? at : -1;
    const w = p.tok.words[k] as string;
    const c = p.text.charCodeAt(p.tok.starts[k] as number);
    const capital = c >= 65 && c <= 90;
    if (!capital && !NAME_TAIL_JOINERS.has(w)) return -1;
  }
  return -1;
}

/** Possessives that stand for their owner before a sector noun ("its troops" = it, "their forces" = they). */
const POSSESSIVE_SUBJECTS = new Map([
  ["its", "it"],
  ["their", "they"],
  ["his", "he"],
  ["her", "she"],
  ["our", "we"],
]);

/**
 * What a subject pronoun at token k stands for: the quotation's speaker for "we"/"I", else the nearest
 * earlier clause's subject that fits, the previous sentence's subject, or the last person named.
 */
function resolvePronoun(
  p: Para,
  w: string,
  k: number,
  cs: number,
  s0: number,
  carry: TokMention | null,
  lex: Lexicon,
  depth: number,
): Subject {
  if (lex.firstPerson.has(w)) {
    const q = quoteAt(p, k);
    if (q?.speaker) return { mention: null, party: q.speaker };
  }
  // A pronoun points back to the nearest earlier clause that names an actor ("Nigeria announced
  // Thursday that it will …": past the clause "Thursday that" to "Nigeria").
  for (let back = cs - 1, hops = 0; back > s0 && hops < 4 && depth < 3; hops++) {
    const before = clauseStart(p, back, s0, lex);
    const found = findSubject(p, back, s0, carry, lex, depth + 1);
    if ((found.mention || found.party) && pronounFits(w, found.mention?.party ?? found.party)) return found;
    back = before - 1;
  }
  if (carry && pronounFits(w, carry.party)) return { mention: carry, party: null };
  // "…, the premier kept silent. Later she hinted at reprisals": "she" is the last person named before.
  if (w === "he" || w === "she") {
    const person = lastPersonBefore(p, s0);
    if (person) return { mention: person, party: null };
  }
  return { mention: null, party: null };
}

/** Coordinators that may open a clause with a new subject ("… and the army continues …"). */
const COORDINATORS = new Set(["and", "but", "yet"]);

/** How close to the verb a coordinated subject must end, in tokens ("Chilean gunboats kept patrolling"). */
const COORDINATED_SUBJECT_REACH = 3;

/**
 * The subject of a coordinated clause between the first mention and the verb at t, or null. The first
 * mention and the coordinator must not touch ("the US and the UK imposed" is a compound subject).
 * Known failure: "Chile accused Peru and Bolivia of plotting" gives Bolivia for "plotting".
 */
function coordinatedSubject(p: Para, first: TokMention, t: number, lex: Lexicon): TokMention | null {
  let members: TokMention[] | null = null;
  for (let k = first.t1 + 1; k < t; k++) {
    if (!COORDINATORS.has(p.tok.words[k] as string)) continue;
    // "Mordor with Fornost and Gondor welcomed": "and" inside a prepositional list joins objects.
    const before = p.inMention[k - 1] as number;
    if (before >= 0 && objectOfPreposition(p, (p.mentions[before] as TokMention).t0, first.t1, lex)) continue;
    let j = k + 1;
    while (j < t && p.mentionAt[j] === -1 && DETERMINER_LIKE.has(p.tok.words[j] as string)) j++;
    const m = j < t ? (p.mentionAt[j] as number) : -1;
    if (m < 0) continue;
    const mention = p.mentions[m] as TokMention;
    if (mention.party.actor === first.party.actor || t - mention.t1 > COORDINATED_SUBJECT_REACH) continue;
    // "shelled Kyiv and Kharkiv and killed five": an object list, when another "and" or a comma follows.
    let gapOk = true;
    for (let g = mention.t1; g < t; g++) {
      const w = p.tok.words[g] as string;
      if (COORDINATORS.has(w) || PUNCT_BREAKS.has(w) || w === "or") gapOk = false;
    }
    if (!gapOk) continue;
    members ??= compound(p, first, t, lex);
    if (!members.includes(mention)) return mention;
  }
  return null;
}

/** Words allowed between a coordinator and the next subject ("and the Chilean navy"). */
const DETERMINER_LIKE = new Set(["the", "a", "an", "its", "their", "his", "her"]);

/** Prepositions whose object is never the clause's subject ("cavalier about X", "together with X"). */
export const NON_SUBJECT_PREPOSITIONS = new Set([
  "about",
  "for",
  "with",
  "against",
  "toward",
  "towards",
  "over",
  "than",
  "like",
  "at",
  "to",
  "on",
  "by",
]);

/** Is the mention starting at token k the object of a preposition (determiners skipped)? */
function objectOfPreposition(p: Para, k: number, cs: number, lex: Lexicon): boolean {
  let j = k - 1;
  while (j >= cs && lex.determiners.has(p.tok.words[j] as string)) j--;
  const w = p.tok.words[j] as string;
  return j >= cs && NON_SUBJECT_PREPOSITIONS.has(w);
}

/** Modals that may stand between an expletive "it" and "be" ("it would be unwise to …"). */
const EXPLETIVE_MODALS = new Set(["would", "could", "might", "may", "will", "should", "must"]);

/**
 * "it would be unwise to snub X", "it is time to talk": "it" + (modal) + be, with an infinitive
 * before the trigger, is an expletive. Known failure: "it is eager to talk" said of a country is read
 * as expletive too when "ready" stands in the place of the adjective; such a sentence then has no source.
 */
function isExpletiveIt(p: Para, k: number, t: number, lex: Lexicon): boolean {
  let j = k + 1;
  if (EXPLETIVE_MODALS.has(p.tok.words[j] as string)) j++;
  if (!lex.beForms.has(p.tok.words[j] as string)) return false;
  for (let i = j + 1; i < t; i++) if (p.tok.words[i] === "to") return i === t - 1;
  return false;
}

/** The last person mentioned in the paragraph before token s0 (for "he"/"she" opening a sentence). */
function lastPersonBefore(p: Para, s0: number): TokMention | null {
  for (let i = p.mentions.length - 1; i >= 0; i--) {
    const m = p.mentions[i] as TokMention;
    if (m.t1 <= s0 && m.party.actor?.startsWith("person:")) return m;
  }
  return null;
}

/** "he"/"she" point to people, "it" to states and organisations; "they" to either. */
function pronounFits(pronoun: string, party: EventParty | null): boolean {
  if (!party) return false;
  const person = party.actor?.startsWith("person:") ?? false;
  if (pronoun === "he" || pronoun === "she") return person || party.actor === null;
  if (pronoun === "it") return !person;
  return true;
}

/** The comma opening an appositive that closes at `from + 1`; -1 when a quote mark or break comes first. */
export function lastComma(p: Para, from: number, s0: number): number {
  for (let k = from; k >= s0; k--) {
    const w = p.tok.words[k] as string;
    if (w === ",") return k;
    if (PUNCT_BREAKS.has(w)) return -1;
  }
  return -1;
}

/** How many modifiers may stand between a compound's joiner and its next member ("and the evil awful X"). */
const COMPOUND_MODIFIERS = 2;

/** Words that end a compound: they start a phrase or clause, not a modifier ("and the rebels in X"). */
/** Prepositions that start a phrase of their own: no name modifier, no part of an unnamed actor slot. */
export const PHRASE_PREPOSITIONS = [
  "about",
  "of",
  "for",
  "in",
  "on",
  "with",
  "from",
  "into",
  "at",
  "by",
  "over",
  "against",
] as const;

const NOT_MODIFIERS = new Set<string>([
  ...PHRASE_PREPOSITIONS,
  "to",
  "between",
  "among",
  "under",
  "after",
  "before",
  "near",
  "across",
  "through",
  "within",
  "than",
  "not",
  "also",
  "then",
]);

/**
 * Could w be an adjective or noun modifier before a name? Not a preposition, clause word, pronoun,
 * event verb or past participle ("and the army shelled X" is a clause, not a compound).
 * Known failure: a bare present-tense verb that no pattern knows ("and the army holds X") passes.
 */
function isModifierLike(w: string, lex: Lexicon): boolean {
  const c = w.charCodeAt(0);
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (!letter || w.endsWith("ed") || w === "'s") return false;
  if (NOT_MODIFIERS.has(w) || isBreak(w, lex)) return false;
  if (lex.subjectPronouns.has(w) || lex.beForms.has(w) || lex.modality.reportVerbs.has(w)) return false;
  return !lex.byHead.has(w);
}

/** Members of a compound starting at mention m: "the US and the UK", "Israel, Egypt and Jordan". */
export function compound(p: Para, m: TokMention, s1: number, lex: Lexicon): TokMention[] {
  const out = [m];
  let cur = m;
  // Members joined by a comma count only when the list ends with "and": "Peru, the minister" is an
  // apposition or a new clause, "Israel, Egypt and Jordan" a compound.
  let confirmed = 1;
  for (let guard = 0; guard < 8; guard++) {
    let k = cur.t1;
    let joined = false;
    let withAnd = false;
    let modifiers = 0;
    while (k < s1 && k < cur.t1 + 3 + modifiers) {
      const w = p.tok.words[k] as string;
      if (w === "and" || w === "&") {
        joined = true;
        withAnd = true;
      } else if (w === ",") joined = true;
      else if (p.mentionAt[k] !== -1) break;
      else if (!lex.determiners.has(w)) {
        // "Chile and the newly elected Peru": a few modifiers may stand before the next member.
        if (!joined || modifiers >= COMPOUND_MODIFIERS || !isModifierLike(w, lex)) break;
        modifiers++;
      }
      k++;
    }
    const next = joined && k < s1 ? (p.mentionAt[k] as number) : -1;
    if (next < 0) break;
    // "rejected talks in Minsk, and Poland sent troops": ", and" after a single member joins clauses.
    if (out.length === 1 && withAnd && p.tok.words[cur.t1] === ",") break;
    cur = p.mentions[next] as TokMention;
    out.push(cur);
    if (withAnd) confirmed = out.length;
  }
  return out.slice(0, confirmed);
}

/** First mention in [from, to), skipping the given mention and others of the same actor ("his"); -1 when none. */
export function firstMentionIn(p: Para, from: number, to: number, skip: TokMention | null): number {
  // Only a person's other mentions are skipped ("his"); a state's are domestic targets ("Croatia … Croatian").
  const skipActor = skip?.party.actor?.startsWith("person:") ? skip.party.actor : null;
  for (let k = from; k < to; k++) {
    const m = p.mentionAt[k] as number;
    if (m < 0) continue;
    const mention = p.mentions[m] as TokMention;
    if (mention !== skip && (skipActor === null || mention.party.actor !== skipActor)) return m;
  }
  return -1;
}

/** Does a multi-token cue start at token k? */
export function cueAt(words: string[], k: number, cue: string[]): boolean {
  for (let i = 0; i < cue.length; i++) if (words[k + i] !== cue[i]) return false;
  return true;
}

/** Cue lists indexed by their first word, built once per list, so a scan is one Map lookup per token. */
export const CUE_INDEX = new WeakMap<string[][], Map<string, string[][]>>();

export function cueIndex(cues: string[][]): Map<string, string[][]> {
  let index = CUE_INDEX.get(cues);
  if (!index) {
    index = new Map();
    for (const cue of cues) {
      const first = cue[0] as string;
      const list = index.get(first);
      if (list) list.push(cue);
      else index.set(first, [cue]);
    }
    CUE_INDEX.set(cues, index);
  }
  return index;
}

/**
 * Is any cue found starting in [from, to) and ending before `limit`? With `names` (a paragraph's
 * inMention), a cue word inside an actor's name is no cue ("Doctors Without Borders", "No Peace Without Justice").
 */
export function anyCue(
  words: string[],
  from: number,
  to: number,
  limit: number,
  cues: string[][],
  names?: Int32Array,
): boolean {
  const index = cueIndex(cues);
  for (let k = Math.max(0, from); k < to; k++) {
    if (names && (names[k] as number) >= 0) continue;
    const list = index.get(words[k] as string);
    if (!list) continue;
    for (const cue of list) if (k + cue.length <= limit && cueAt(words, k, cue)) return true;
  }
  return false;
}

/** Index of the last comma before token t in the sentence, or s0 - 1. */
export function lastCommaBefore(p: Para, t: number, s0: number): number {
  for (let k = t - 1; k >= s0; k--) if (p.tok.words[k] === ",") return k;
  return s0 - 1;
}

/** Start of the scope for sentence-level cues: after the last scope break before t. */
export function scopeStart(p: Para, t: number, s0: number): number {
  for (let k = t - 1; k >= s0; k--) if (SCOPE_BREAKS.has(p.tok.words[k] as string)) return k + 1;
  return s0;
}

export function sameParty(a: EventParty | null, b: EventParty | null): boolean {
  if (!a || !b) return false;
  if (a.actor && a.actor === b.actor) return true;
  return !!a.country && a.country === b.country;
}
