/**
 * The events stage: who did what to whom, with modality and intensity.
 *
 * For each sentence: tokens are looked up in the pattern index (one Map lookup per token); a matched
 * pattern gives the CAMEO code; the source is the clause's subject (the leftmost actor mention before
 * the trigger in its clause, pronouns resolved to the previous clause or the quotation's speaker), or the
 * by-phrase of a passive; the target is the pattern's slot or the first actor after it in the clause.
 * Compound actors ("the US and the UK") give one event per member; reciprocal events (met, held talks)
 * are coded both ways. Modality comes from cue lists in data/events/modality.json, precision first.
 * CAMEO/PLOVER conventions from data/events/intent.json: the source's own statement that it will do
 * something is the statement (intent to cooperate → AGREE; to use force → THREATEN; that it will not
 * cooperate → REJECT); planned cooperation is AGREE with modality future; "X said Y must Z" is X's
 * demand of Y; protests, concessions and crackdowns without a named target are aimed at home.
 *
 * Known failures: no syntactic parse, so a subject separated from its verb by a long relative clause may
 * be missed; an actor inside a prepositional phrase before the verb ("troops in Guinea tortured …") is
 * taken as the subject's country, which is usually right and sometimes not; nominal events take only a
 * possessor or adjective right before them as source.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Actor, ArticleRecord, CodedEvent, EventParty, Message, Modality, Quote } from "../record.ts";
import { REPO_ROOT } from "../version.ts";
import { type EventPattern, eventLexicon, type Lexicon, type PatternStep } from "./lexicon.ts";
import { resolveDate } from "./resolve-date.ts";
import { firstTokenAt, type ParagraphTokens, tokenize } from "./tokens.ts";

/** Tokens allowed between two words of a pattern ("provided 25,000 tons of emergency food aid to"). */
const MAX_GAP = 4;
/** How far before a trigger a negator, conditional or future cue still governs it, in tokens. */
const CUE_REACH = 6;
/** How far before a nominal trigger its possessor or adjective source may stand ("Russia's full-scale invasion"). */
const NOMINAL_SOURCE_REACH = 3;
/** Punctuation that ends a clause for subject and target search. */
const PUNCT_BREAKS = new Set([
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
/** How far after the reported subject its modal may stand ("the government and the rebels in Darfur must"). */
const OBLIGATION_REACH = 6;
/** Words that end the clause after a trigger: the target is sought before them ("resigned as the opposition …"). */
const CLAUSE_END_WORDS = new Set([
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
/** Prepositions that cannot stand inside an unnamed actor slot. */
const SLOT_STOP = new Set(["about", "of", "for", "in", "on", "with", "from", "into", "at", "by", "over", "against", "back"]);
/** Words after a country name that make it a place, not a party ("the Thai border"). */
const BORDER_WORDS = new Set(["border", "borders", "frontier", "frontiers", "border-crossing"]);
/** Boundaries that end the reach of a sentence-level cue ("denied …, but troops attacked"). */
const SCOPE_BREAKS = new Set([";", "but", "while", "whereas", "although", "though", "however"]);
/** Publication dates are ISO yyyy-mm-dd; relative dates resolve against them (resolve-date.ts). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Order in which modality flags win. */
const PRECEDENCE: readonly Modality[] = [
  "denied",
  "negated",
  "hypothetical",
  "claimed",
  "future",
  "asserted",
];
/** CAMEO conventions the coder applies: intent, threat and refusal codes, demands, domestic targets. */
const INTENT_FILE = resolve(REPO_ROOT, "data/events/intent.json");

interface IntentMaps {
  intent: Record<string, string>;
  threat: Record<string, string>;
  refusal: Record<string, string>;
  threatDefault: string;
  conditionalThreat: string[];
  obligation: { modals: string[]; code: string };
  domesticTarget: { categories: Record<string, string | null> };
  recipientRequired: { categories: string[] };
  assaultNeedsTarget: { codes: string[]; armedSectors: string[]; verbalCode: string };
}
let intentCache: IntentMaps | null = null;
/** Cues after an own statement that turn it into a threat ("unless"); read from intent.json. */
let CONDITIONAL_THREAT: string[][] = [];
function intentMaps(): IntentMaps {
  if (!intentCache) {
    intentCache = JSON.parse(readFileSync(INTENT_FILE, "utf8")) as IntentMaps;
    CONDITIONAL_THREAT = intentCache.conditionalThreat.map((c) => c.split(" "));
  }
  return intentCache;
}

/** An actor mention in token space, with the party it stands for. */
interface TokMention {
  t0: number;
  t1: number;
  start: number;
  end: number;
  party: EventParty;
  /** A bare demonym ("Russian" in "a Russian attack"): the word after it is a noun, not a verb. */
  adjective: boolean;
}

interface QuoteSpan {
  start: number;
  end: number;
  text: string;
  kind: Quote["kind"];
  speaker: EventParty | null;
}

/** A pattern matched at a head token, before roles are filled. */
interface Match {
  pattern: EventPattern;
  head: number;
  /** Last token the pattern used. */
  last: number;
  /** Mention index filling an "@" slot, or -1. */
  slot: number;
  /** Token after which the target is sought ("word>"), or -1. */
  targetAfter: number;
  passive: boolean;
}

/** Everything the coder needs about one paragraph. */
interface Para {
  index: number;
  text: string;
  tok: ParagraphTokens;
  mentions: TokMention[];
  /** Mention index starting at each token, or -1. */
  mentionAt: Int32Array;
  /** Mention index covering each token, or -1. */
  inMention: Int32Array;
  quotes: QuoteSpan[];
}

/** Options for coding with a different lexicon (tests) or extra context. */
export interface CodeEventsOptions {
  lexicon?: Lexicon;
}

/**
 * The events stage: codes each sentence of the article into zero or more CodedEvents.
 * @example codeEvents(record).events[0] // { category: "ASSAULT", cameo: "192", modality: "asserted", … }
 */
export function codeEvents(record: ArticleRecord): ArticleRecord {
  return codeEventsWith(record, {});
}

/**
 * The events stage with options: another lexicon (tests, experiments).
 * @example codeEventsWith(record, { lexicon: loadLexicon(dir) })
 */
export function codeEventsWith(record: ArticleRecord, options: CodeEventsOptions): ArticleRecord {
  const lex = options.lexicon ?? eventLexicon();
  const actorsById = new Map<string, Actor>();
  for (const a of record.actors) actorsById.set(a.id, a);
  const messages: Message[] = [];
  const events: CodedEvent[] = [];
  const published =
    record.published.date && ISO_DATE.test(record.published.date) ? record.published.date : null;
  const mentionsByPara = groupByParagraph(record.mentions);
  const quotesByPara = groupByParagraph(record.quotes);
  const sentencesByPara = groupByParagraph(record.sentences ?? []);
  let unknownActors = 0;

  for (const paragraph of record.paragraphs) {
    if (paragraph.kind === "heading") continue;
    const text = paragraph.text;
    const paraMentions = mentionsByPara.get(paragraph.index) ?? [];
    const paraQuotes = quotesByPara.get(paragraph.index) ?? [];
    // No actor named and no quotation with a known speaker: no event can have a party here.
    if (paraMentions.length === 0 && !paraQuotes.some((q) => q.speaker?.actor)) continue;
    const tok = tokenize(text);
    if (tok.words.length === 0) continue;
    const para = buildPara(
      paragraph.index,
      text,
      tok,
      paraMentions,
      paraQuotes,
      actorsById,
      lex,
      () => unknownActors++,
    );
    const spans = sentencesByPara.get(paragraph.index);
    const sentenceBounds =
      spans && spans.length > 0 ? spans.map((s) => [s.start, s.end] as const) : fallbackSentences(text);
    let carrySubject: TokMention | null = null;
    for (const [cs, ce] of sentenceBounds) {
      const s0 = firstTokenAt(tok, cs);
      const s1 = firstTokenAt(tok, ce);
      if (s1 <= s0) continue;
      // A sentence with no actor can still code through a pronoun or a speaker; otherwise skip it.
      if (!carrySubject && para.quotes.length === 0 && firstMentionIn(para, s0, s1, null) < 0) continue;
      const coded = codeSentence(para, s0, s1, cs, ce, carrySubject, record, published, lex);
      events.push(...coded.events);
      carrySubject = coded.lastSubject ?? carrySubject;
    }
  }
  if (unknownActors > 0) {
    messages.push({
      stage: "events",
      rule: "mention-without-actor",
      reason: `${unknownActors} mention(s) point to an actor id missing from record.actors; they were ignored`,
    });
  }
  return {
    ...record,
    events,
    messages: messages.length ? [...record.messages, ...messages] : record.messages,
  };
}

function groupByParagraph<T extends { paragraph: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(item.paragraph);
    if (list) list.push(item);
    else out.set(item.paragraph, [item]);
  }
  return out;
}

/** Sentence ends for text the nlp stage did not split: ., ! or ? followed by space and a capital or quote. */
const FALLBACK_SENTENCE_END = /[.!?]["'”’)]?\s+(?=["'“‘(]?[\p{Lu}\d])/gu;

function fallbackSentences(text: string): Array<readonly [number, number]> {
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

function partyOf(actor: Actor): EventParty {
  return { actor: actor.id, country: actor.country, sector: actor.sector };
}

function buildPara(
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
    if (!m.actor) continue;
    const actor = actorsById.get(m.actor);
    if (!actor) {
      onUnknown();
      continue;
    }
    const t0 = firstTokenAt(tok, m.start);
    let t1 = firstTokenAt(tok, m.end);
    if (t1 <= t0 || t0 >= n || inMention[t0] !== -1) continue;
    const party = partyOf(actor);
    // "Russian troops", "Iraqi police": the head noun after a country-level name gives the sector.
    let k = t1;
    if (k < n && tok.words[k] === "'s") k++;
    const head = k < n ? lex.sectorHeads.get(tok.words[k] as string) : undefined;
    if (head && (actor.kind === "state" || actor.kind === "igo" || !party.sector)) {
      party.sector = head;
      if (k === t1) t1 = k + 1;
    }
    const idx = mentions.length;
    // A bare singular demonym ("Russian") is an adjective; a plural one ("Palestinians") is a noun.
    const adjective = m.type === "NORP" && t1 === firstTokenAt(tok, m.end) && !/s$/i.test(m.text);
    mentions.push({ t0, t1, start: m.start, end: m.end, party, adjective });
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
  return { index, text, tok, mentions, mentionAt, inMention, quotes };
}

function isBreak(w: string, lex: Lexicon): boolean {
  return PUNCT_BREAKS.has(w) || lex.clauseBreaks.has(w);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Does token w match a pattern word (exact, or with a plural -s/-es)? */
function wordMatches(w: string, words: string[]): boolean {
  for (const x of words) {
    if (w === x || w === `${x}s` || w === `${x}es`) return true;
  }
  return false;
}

/** The mention starting at token k, allowing determiners before it ("the United States"). */
function mentionStartingNear(p: Para, k: number, s1: number, lex: Lexicon): number {
  let t = k;
  while (t < s1 && lex.determiners.has(p.tok.words[t] as string) && p.mentionAt[t] === -1) t++;
  return t < s1 ? (p.mentionAt[t] as number) : -1;
}

/** Whether the verb at `head` is preceded by a form of "be" (skipping adverbs): a passive when a participle. */
function isPassive(p: Para, head: number, s0: number, lex: Lexicon): boolean {
  const w = p.tok.words[head] as string;
  if (w.endsWith("ing")) return false;
  if (!(w.endsWith("ed") || w.endsWith("en") || w.endsWith("wn") || !w.endsWith("s"))) return false;
  for (let k = head - 1; k >= s0 && k >= head - 3; k--) {
    const x = p.tok.words[k] as string;
    if (lex.beForms.has(x)) return x !== "'s" || k > s0; // "Russia's attacked" is rare; "it's" is be
    if (!lex.passiveSkip.has(x)) return false;
  }
  return false;
}

/** Tries one pattern at a head token; null when a required step is missing. */
function matchPattern(
  p: Para,
  pattern: EventPattern,
  head: number,
  s1: number,
  passive: boolean,
  lex: Lexicon,
): Match | null {
  let pos = head + 1;
  let last = head;
  let slot = -1;
  let targetAfter = -1;
  for (let si = 0; si < pattern.steps.length; si++) {
    const step = pattern.steps[si] as PatternStep;
    if (step.slot) {
      let m = mentionStartingNear(p, pos, s1, lex);
      if (m < 0) {
        if (passive) continue; // "was urged to" — the slot is the passive subject
        // The slot may hold someone we cannot name ("allowed candidate X to", "urged the Community to"):
        // a mention a few words on fills it; the next pattern word alone leaves it empty.
        const next = pattern.steps[si + 1];
        let k = pos;
        for (; k < s1 && k <= pos + MAX_GAP; k++) {
          const w = p.tok.words[k] as string;
          if (p.mentionAt[k] !== -1) {
            m = p.mentionAt[k] as number;
            break;
          }
          if (next && !next.slot && wordMatches(w, next.words)) break;
          // The unnamed party is a noun phrase; a preposition means the words are something else
          // ("warned about the rise of").
          if (isBreak(w, lex) || SLOT_STOP.has(w)) return null;
        }
        if (m < 0) {
          if (!next || k > pos + MAX_GAP || k >= s1) return null;
          pos = k;
          continue;
        }
      }
      slot = m;
      last = (p.mentions[m] as TokMention).t1 - 1;
      pos = last + 1;
      continue;
    }
    let found = -1;
    // "offered to" is the infinitive after the verb ("threatened on Monday to"), not "offered his condolences to".
    const infinitive = pattern.governs !== null && step.words.length === 1 && step.words[0] === "to";
    let limit = pos + MAX_GAP;
    for (let k = pos; k < s1 && k <= limit; k++) {
      const w = p.tok.words[k] as string;
      // Amounts do not count against the gap: "provide nearly 25,000 tons of food".
      if (lex.quantities.has(w) || isDigit(w.charCodeAt(0))) limit++;
      if (wordMatches(w, step.words)) {
        found = k;
        break;
      }
      if (isBreak(w, lex) && !step.words.includes(w)) break;
      if (infinitive && lex.determiners.has(w)) break;
      // An actor in the gap ends the pattern ("met with Ukraine in Warsaw" is no "meet in"), unless the
      // step's word is that actor's head noun ("sent Russian troops to").
      const mi = p.inMention[k] as number;
      if (mi >= 0) {
        const last = (p.mentions[mi] as TokMention).t1 - 1;
        if (!(last > k && wordMatches(p.tok.words[last] as string, step.words))) break;
      }
    }
    if (found < 0) {
      if (step.optional) continue;
      // In a passive the object noun stands before the verb ("troops were sent to"): look there.
      if (passive && !step.targetAfter && wordBefore(p, head, step.words, lex)) continue;
      return null;
    }
    if (step.targetAfter) targetAfter = found;
    last = found;
    pos = found + 1;
  }
  return { pattern, head, last, slot, targetAfter, passive };
}

/** Is one of the words in the clause before the head? (The object of a passive verb stands there.) */
function wordBefore(p: Para, head: number, words: string[], lex: Lexicon): boolean {
  for (let k = head - 1; k >= 0; k--) {
    const w = p.tok.words[k] as string;
    if (isBreak(w, lex)) return false;
    if (wordMatches(w, words)) return true;
  }
  return false;
}

/** Finds the matches of a sentence: at each head, the best pattern; heads inside an earlier match are skipped. */
function findMatches(p: Para, s0: number, s1: number, lex: Lexicon): Match[] {
  const out: Match[] = [];
  const used = new Uint8Array(s1 - s0);
  for (let i = s0; i < s1; i++) {
    if (used[i - s0]) continue;
    const w = p.tok.words[i] as string;
    const candidates = lex.byHead.get(w);
    if (!candidates) continue;
    if (p.inMention[i] !== -1) continue; // a word inside a name ("Free Trade Agreement", "Movement for …")
    const prev = i > s0 ? (p.tok.words[i - 1] as string) : "";
    const passiveHere = isPassive(p, i, s0, lex);
    for (const pattern of candidates) {
      if (pattern.kind === "v") {
        // "the attack", "of support": a noun reading of a verb head; -ing forms are exempt ("of invading").
        if (lex.determiners.has(prev) || (!w.endsWith("ing") && lex.nounContext.has(prev))) continue;
        const before = i > s0 ? (p.inMention[i - 1] as number) : -1;
        if (before >= 0 && (p.mentions[before] as TokMention).adjective) continue; // "a Russian attack"
        if (prev === "'s") continue;
        // "the hourlong meeting", "a Putin-Trump meeting": a noun unless "was meeting", "by meeting".
        if (lex.nounlikeGerunds.has(w) && !lex.gerundVerbAfter.has(prev)) continue;
        if (p.tok.words[i + 1] === "'s") continue; // "donate's": a possessive noun, not a verb
      } else if (prev === "to" && !lex.determiners.has(w)) {
        continue; // "to attack" is a verb
      }
      const passive = pattern.kind === "v" && passiveHere && !pattern.noPassive;
      const m = matchPattern(p, pattern, i, s1, passive, lex);
      if (!m) continue;
      out.push(m);
      for (let k = i; k <= m.last; k++) used[k - s0] = 1;
      break;
    }
  }
  return out;
}

/**
 * Start token of the clause containing token t (after the nearest break to its left). A report verb
 * also opens a clause: in "Lavrenko said the US had invaded", the subject of "invaded" is the US.
 */
function clauseStart(p: Para, t: number, s0: number, lex: Lexicon): number {
  for (let k = t - 1; k >= s0; k--) {
    const w = p.tok.words[k] as string;
    // "Mordor, Rohan, Fornost and Bree welcomed": a comma between two names is a list, not a clause end.
    if (w === "," && k > s0 && p.inMention[k - 1] !== -1 && mentionStartingNear(p, k + 1, t, lex) >= 0) continue;
    if (isBreak(w, lex) || (lex.modality.reportVerbs.has(w) && p.inMention[k] === -1)) return k + 1;
  }
  return s0;
}

/** End token (exclusive) of the clause containing token t. */
function clauseEnd(p: Para, t: number, s1: number, lex: Lexicon): number {
  for (let k = t + 1; k < s1; k++) {
    const w = p.tok.words[k] as string;
    if (w === "," && isListComma(p, k, s1, lex)) continue; // "artillery, mortar, and rocket fire against"
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
function isListComma(p: Para, k: number, s1: number, lex: Lexicon): boolean {
  for (let j = k + 1; j < s1 && j <= k + 3; j++) {
    const w = p.tok.words[j] as string;
    if (j > k + 1 && w === ",") return p.mentionAt[k + 1] === -1;
    // ", and rocket fire": the last item of a list, when a noun (not a clause) follows "and".
    if (w === "and" || w === "or") {
      if (j > k + 1) return true;
      const after = p.tok.words[j + 1] ?? ",";
      // ", and rocket fire" continues a list; ", and it is …" starts a clause.
      return !isBreak(after, lex) && !lex.subjectPronouns.has(after) && !lex.determiners.has(after) && p.mentionAt[j + 1] === -1;
    }
  }
  return false;
}

function quoteAt(p: Para, t: number): QuoteSpan | null {
  const c = p.tok.starts[t] as number;
  for (const q of p.quotes) if (c >= q.start && c < q.end) return q;
  return null;
}

interface Subject {
  mention: TokMention | null;
  /** Party when it comes from a quotation speaker or a pronoun, not a text mention. */
  party: EventParty | null;
}

/**
 * The subject of the verb at token t: leftmost mention in its clause before t; a leading pronoun
 * resolves to the previous clause's subject, or to the quotation's speaker for "we"/"I".
 */
function findSubject(
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
      // "Trump's former campaign chairman Paul Manafort met": the possessed person is the subject.
      if (p.tok.words[mention.t1] === "'s") {
        const later = firstMentionIn(p, mention.t1 + 1, t, mention);
        if (later >= 0) {
          const owned = p.mentions[later] as TokMention;
          // "Iran's religious leader X": the text itself says whose leader X is.
          if (owned.party.country || !mention.party.country) return { mention: owned, party: null };
          return { mention: { ...owned, party: { ...owned.party, country: mention.party.country } }, party: null };
        }
      }
      return { mention, party: null };
    }
    const w = p.tok.words[k] as string;
    if (lex.subjectPronouns.has(w)) {
      if (lex.firstPerson.has(w)) {
        const q = quoteAt(p, k);
        if (q?.speaker) return { mention: null, party: q.speaker };
      }
      // A pronoun points back to the nearest earlier clause that names an actor ("Nigeria announced
      // Thursday that it will …": past the clause "Thursday that" to "Nigeria").
      for (let back = cs - 1, hops = 0; back > s0 && hops < 4 && depth < 3; hops++) {
        const before = clauseStart(p, back, s0, lex);
        const found = findSubject(p, back, s0, carry, lex, depth + 1);
        if (found.mention || found.party) return found;
        back = before - 1;
      }
      if (carry) return { mention: carry, party: null };
      return { mention: null, party: null };
    }
  }
  // No mention in this clause: the sentence's first mention before t, when no clause break word intervenes
  // ("Libya, a long-time foe, has offered"); else the previous clause's subject.
  // Only a plain appositive qualifies: the mention, a comma, words without commas or quote marks, a comma.
  if (cs > s0 && depth < 3 && p.tok.words[cs - 1] === ",") {
    const open = lastComma(p, cs - 2, s0);
    let before = open - 1;
    // "The Nigerian Union of Teachers (NUT), the umbrella union, announced": skip the abbreviation.
    if (before > s0 && p.tok.words[before] === ")") {
      while (before > s0 && p.tok.words[before] !== "(") before--;
      before--;
    }
    const m = open > s0 && before >= s0 ? (p.inMention[before] as number) : -1;
    if (m >= 0) {
      const mention = p.mentions[m] as TokMention;
      const start = clauseStart(p, mention.t0, s0, lex);
      if (start === s0 || PUNCT_BREAKS.has(p.tok.words[start - 1] as string)) return { mention, party: null };
    }
  }
  return { mention: null, party: null };
}

/** The comma opening an appositive that closes at `from + 1`; -1 when a quote mark or break comes first. */
function lastComma(p: Para, from: number, s0: number): number {
  for (let k = from; k >= s0; k--) {
    const w = p.tok.words[k] as string;
    if (w === ",") return k;
    if (PUNCT_BREAKS.has(w)) return -1;
  }
  return -1;
}

/** Members of a compound starting at mention m: "the US and the UK", "Israel, Egypt and Jordan". */
function compound(p: Para, m: TokMention, s1: number, lex: Lexicon): TokMention[] {
  const out = [m];
  let cur = m;
  // Members joined by a comma count only when the list ends with "and": "Ukraine, Mr. Putin" is an
  // apposition or a new clause, "Israel, Egypt and Jordan" a compound.
  let confirmed = 1;
  for (let guard = 0; guard < 8; guard++) {
    let k = cur.t1;
    let joined = false;
    let withAnd = false;
    while (k < s1 && k < cur.t1 + 3) {
      const w = p.tok.words[k] as string;
      if (w === "and" || w === "&") {
        joined = true;
        withAnd = true;
      } else if (w === ",") joined = true;
      else if (!lex.determiners.has(w) || p.mentionAt[k] !== -1) break;
      k++;
    }
    const next = joined && k < s1 ? (p.mentionAt[k] as number) : -1;
    if (next < 0) break;
    cur = p.mentions[next] as TokMention;
    out.push(cur);
    if (withAnd) confirmed = out.length;
  }
  return out.slice(0, confirmed);
}

/** First mention in [from, to), skipping the given mention and others of the same actor ("his"); -1 when none. */
function firstMentionIn(p: Para, from: number, to: number, skip: TokMention | null): number {
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
function cueAt(words: string[], k: number, cue: string[]): boolean {
  for (let i = 0; i < cue.length; i++) if (words[k + i] !== cue[i]) return false;
  return true;
}

/** Cue lists indexed by their first word, built once per list, so a scan is one Map lookup per token. */
const CUE_INDEX = new WeakMap<string[][], Map<string, string[][]>>();
function cueIndex(cues: string[][]): Map<string, string[][]> {
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

/** Is any cue found starting in [from, to) and ending before `limit`? */
function anyCue(words: string[], from: number, to: number, limit: number, cues: string[][]): boolean {
  const index = cueIndex(cues);
  for (let k = Math.max(0, from); k < to; k++) {
    const list = index.get(words[k] as string);
    if (!list) continue;
    for (const cue of list) if (k + cue.length <= limit && cueAt(words, k, cue)) return true;
  }
  return false;
}

/** Index of the last comma before token t in the sentence, or s0 - 1. */
function lastCommaBefore(p: Para, t: number, s0: number): number {
  for (let k = t - 1; k >= s0; k--) if (p.tok.words[k] === ",") return k;
  return s0 - 1;
}

/** Start of the scope for sentence-level cues: after the last scope break before t. */
function scopeStart(p: Para, t: number, s0: number): number {
  for (let k = t - 1; k >= s0; k--) if (SCOPE_BREAKS.has(p.tok.words[k] as string)) return k + 1;
  return s0;
}

function sameParty(a: EventParty | null, b: EventParty | null): boolean {
  if (!a || !b) return false;
  if (a.actor && a.actor === b.actor) return true;
  return !!a.country && a.country === b.country;
}

interface SentenceResult {
  events: CodedEvent[];
  lastSubject: TokMention | null;
}

function codeSentence(
  p: Para,
  s0: number,
  s1: number,
  cs: number,
  ce: number,
  carry: TokMention | null,
  record: ArticleRecord,
  published: string | null,
  lex: Lexicon,
): SentenceResult {
  const matches = findMatches(p, s0, s1, lex);
  const obligations = obligationEvents(p, s0, s1, carry, lex);
  if (matches.length === 0 && obligations.length === 0) {
    // Remember this sentence's first mention, for a pronoun subject in the next one.
    const m = firstMentionIn(p, s0, s1, null);
    return { events: [], lastSubject: m >= 0 ? (p.mentions[m] as TokMention) : null };
  }
  const words = p.tok.words;
  const sentence = p.text.slice(cs, ce).trim();
  const events: CodedEvent[] = [];
  let lastSubject: TokMention | null = null;
  // Governing events ("agreed to", "threatened to") lend their modality to events in their complement.
  // The controller is who does the governed act: the slot ("called on Russia to withdraw") or the source.
  // `events` are the governor's own coded events, re-coded as threats when the complement is hostile.
  const governed: Array<{
    from: number;
    to: number;
    modality: Modality;
    controller: TokMention | null;
    events: CodedEvent[];
  }> = [];
  const sentenceConditional = lex.modality.conditionalOpeners.some((cue) => {
    let k = s0;
    while (k < s1 && PUNCT_BREAKS.has(words[k] as string)) k++;
    return cueAt(words, k, cue);
  });
  const opinionSpeculation = record.genre === "opinion" && sentenceIsSpeculation(words, s0, s1, p, lex);
  let date: string | null | undefined;
  const seen = new Set<string>();
  const clauseSubjects: Array<{ clause: number; head: number; subject: Subject }> = [];
  for (const ob of obligations) {
    const entry = lex.cameo.get(intentMaps().obligation.code);
    if (!entry || sameParty(ob.speaker.party, ob.target.party)) continue;
    const start = p.tok.starts[ob.start] as number;
    const end = p.tok.ends[ob.end] as number;
    events.push({
      paragraph: p.index,
      sentence,
      evidence: p.text.slice(start, end),
      start,
      end,
      source: { ...ob.speaker.party },
      target: { ...ob.target.party },
      category: entry.category,
      cameo: entry.code,
      intensity: entry.goldstein,
      modality: "asserted",
      claimedBy: null,
      date: null,
    });
    governed.push({
      from: ob.modal,
      to: clauseEnd(p, ob.modal, s1, lex),
      modality: "hypothetical",
      controller: ob.target,
      events: [],
    });
  }

  for (const match of matches) {
    const { pattern, head } = match;
    const cameo = lex.cameo.get(pattern.code);
    if (!cameo || pattern.ignore) continue;
    const quote = quoteAt(p, head);

    // --- source ---
    let sources: EventParty[] = [];
    let sourceMention: TokMention | null = null;
    if (match.passive) {
      const end = clauseEnd(p, match.last, s1, lex);
      for (let k = match.last + 1; k < end; k++) {
        if (words[k] === "by") {
          const m = mentionStartingNear(p, k + 1, end, lex);
          if (m >= 0) {
            sourceMention = p.mentions[m] as TokMention;
            sources = compound(p, sourceMention, s1, lex).map((x) => x.party);
          }
          break;
        }
      }
    } else if (pattern.kind === "n") {
      for (let k = head - 1; k >= s0 && k >= head - NOMINAL_SOURCE_REACH; k--) {
        const m = p.inMention[k] as number;
        if (m >= 0) {
          sourceMention = p.mentions[m] as TokMention;
          sources = [sourceMention.party];
          break;
        }
        if (isBreak(words[k] as string, lex)) break;
      }
      // "speeded up the withdrawal of forces": a nominal event right after a light verb is the subject's.
      if (sources.length === 0) {
        let k = head - 1;
        while (
          k > s0 &&
          (lex.determiners.has(words[k] as string) || !lex.lightVerbs.has(words[k] as string)) &&
          head - k <= NOMINAL_SOURCE_REACH
        )
          k--;
        if (k >= s0 && lex.lightVerbs.has(words[k] as string)) {
          const subj = findSubject(p, k, s0, carry, lex);
          if (subj.mention) {
            sourceMention = subj.mention;
            sources = compound(p, subj.mention, s1, lex).map((x) => x.party);
          }
        }
      }
    } else {
      const gov = governed.find(
        (g) => head > g.from && head < g.to && g.controller && head - g.from <= MAX_GAP + 1,
      );
      // Coordinated verbs share their subject: "a bombing killed one soldier and wounded two others".
      const earlier = clauseSubjects.find((c) => c.clause === clauseStart(p, head, s0, lex) && c.head < head);
      const subj: Subject = gov
        ? { mention: gov.controller, party: null }
        : earlier
          ? earlier.subject
          : findSubject(p, head, s0, carry, lex);
      clauseSubjects.push({ clause: clauseStart(p, head, s0, lex), head, subject: subj });
      if (subj.mention) {
        sourceMention = subj.mention;
        sources = compound(p, subj.mention, s1, lex).map((x) => x.party);
        lastSubject = subj.mention;
      } else if (subj.party) {
        sources = [subj.party];
      }
    }
    // A quotation's speaker stands in only for "we"/"I" (findSubject); a subject-less verb in a quote
    // ("imposing sanctions on those who trade") is nobody's act.

    // --- target ---
    let targets: EventParty[] = [];
    let targetMention: TokMention | null = null;
    if (match.slot >= 0) {
      targetMention = p.mentions[match.slot] as TokMention;
    } else if (match.passive && !pattern.explicitTarget) {
      const subj = findSubject(p, head, s0, carry, lex);
      targetMention = subj.mention;
      if (!targetMention && subj.party) targets = [subj.party];
    } else if (!pattern.noTarget) {
      const from = match.targetAfter >= 0 ? match.targetAfter + 1 : match.last + 1;
      const end = clauseEnd(p, match.last, s1, lex);
      let m = firstMentionIn(p, from, end, sourceMention);
      // "captured a stronghold on the Thai border": a country named only as a border is no target
      // (unless the pattern points there: "massed troops near the Ukrainian border").
      while (m >= 0 && !pattern.explicitTarget && BORDER_WORDS.has(p.tok.words[(p.mentions[m] as TokMention).t1] ?? "")) {
        m = firstMentionIn(p, (p.mentions[m] as TokMention).t1, end, sourceMention);
      }
      if (m >= 0) targetMention = p.mentions[m] as TokMention;
    }
    if (targetMention) targets = compound(p, targetMention, s1, lex).map((x) => x.party);
    const domestic = intentMaps().domesticTarget.categories;
    if (targets.length === 0 && !pattern.noTarget && cameo.category in domestic && sources[0]?.country) {
      // Convention: a protest, concession or crackdown with no named target is aimed at home.
      targets = [{ actor: null, country: sources[0].country, sector: domestic[cameo.category] ?? null }];
    } else if (cameo.category in domestic && sources[0]?.country && targets.length > 0 && targets.every((t) => !t.country)) {
      // Same convention when the named target is someone of unknown nationality ("President X's government").
      targets = targets.map((t) => ({ ...t, country: sources[0]?.country ?? null }));
    }

    if (sources.length === 0 && !(match.passive && targets.length > 0)) continue;
    // Material help and sanctions are always to or against someone (PLOVER): no target, no event.
    if (targets.length === 0 && intentMaps().recipientRequired.categories.includes(cameo.category)) continue;
    // A generic attack with no victim and no armed actor is mostly a metaphor ("steps up attacks on …").
    const assault = intentMaps().assaultNeedsTarget;
    const unarmed = assault.codes.includes(pattern.code) && !assault.armedSectors.includes(sources[0]?.sector ?? "");
    if (targets.length === 0 && unarmed) continue;
    // …and one aimed at a person by someone unarmed is words, not force ("Trump's attacks against Cummings").
    const verbal = unarmed && targets.every((t) => t.actor?.startsWith("person:")) ? lex.cameo.get(assault.verbalCode) : undefined;
    if (sources.length === 0) sources = [{ actor: null, country: null, sector: null }];

    // --- modality ---
    const flags = new Set<Modality>();
    let claimedBy: string | null = null;
    const cueFrom = Math.max(clauseStart(p, head, s0, lex), head - CUE_REACH);
    const scope = scopeStart(p, head, s0);
    const m = lex.modality;
    // A denial reaches its own clause and a "that" clause, not past a comma ("Denying a link, Russia said …").
    if (anyCue(words, Math.max(scope, lastCommaBefore(p, head, s0) + 1), head, head, m.denials)) flags.add("denied");
    // Negators before the trigger, or inside the pattern ("is not willing to", "agreed not to").
    if (anyCue(words, Math.max(s0, head - CUE_REACH), match.last, match.last + 1, m.negators))
      flags.add("negated");
    if (sentenceConditional || opinionSpeculation || anyCue(words, cueFrom, head, head, m.conditionals))
      flags.add("hypothetical");
    if (
      pattern.kind === "n" &&
      anyCue(words, match.last + 1, Math.min(s1, match.last + 4), s1, m.conditionals)
    )
      flags.add("hypothetical");
    if (anyCue(words, cueFrom, head, head, m.future)) flags.add("future");
    if (anyCue(words, scope, head, head, m.claims)) flags.add("claimed");
    if (pattern.kind === "n" && anyCue(words, match.last + 1, Math.min(s1, match.last + 3), s1, m.claims))
      flags.add("claimed");
    for (const g of governed) if (head > g.from && head < g.to) flags.add(g.modality);
    // "heads to Helsinki to meet Putin": an infinitive not governed by a pattern is a plan or purpose.
    if (pattern.kind === "v" && head > s0 && words[head - 1] === "to" && !governed.some((g) => head > g.from && head < g.to)) {
      const before = words[head - 2] ?? "";
      if (!m.factiveBeforeTo.has(before)) flags.add("future");
    }

    // Who is speaking: a quotation's speaker, or the subject of a report verb in the sentence.
    const sourceParty = sources[0] as EventParty;
    // An indirect quotation is the quotes stage's reading of "…, X said": ordinary attribution, no claim.
    let speaker: EventParty | null = quote && quote.kind !== "indirect" ? quote.speaker : null;
    if (!speaker) speaker = reportSpeaker(p, s0, s1, head, match.last, carry, lex);
    const selfStatement = speaker !== null && sameParty(speaker, sourceParty);
    if (speaker && !selfStatement && speaker.actor) {
      flags.add("claimed");
      claimedBy = speaker.actor;
    }

    let code = verbal ? verbal.code : pattern.code;
    let entry = verbal ?? cameo;
    // The source's own statement of what it will or would do is itself the event: intent or threat;
    // its own statement that it will not cooperate is a refusal.
    // Inside a governor's complement ("agreed to withdraw") the governor already is the statement.
    const isGoverned = governed.some((g) => head > g.from && head < g.to);
    const ownStatement =
      (!isGoverned && selfStatement) ||
      (!speaker && sameParty(trailingSpeaker(p, s0, s1, head, lex), sourceParty));
    const maps = intentMaps();
    let to: string | undefined;
    const intended = flags.has("future") || flags.has("hypothetical");
    if (ownStatement && intended && !flags.has("denied") && flags.has("negated")) {
      to = maps.refusal[entry.category];
      if (to) flags.delete("negated");
    } else if (ownStatement && intended && !flags.has("denied") && !flags.has("negated")) {
      // "will withdraw its force unless …": a conditional promise of something unwelcome is a threat.
      const conditional = anyCue(words, match.last + 1, s1, s1, CONDITIONAL_THREAT);
      to = conditional
        ? (maps.threat[entry.category] ?? maps.threatDefault)
        : (maps.intent[entry.category] ?? maps.threat[entry.category]);
    }
    const converted = to ? lex.cameo.get(to) : undefined;
    if (converted) {
      code = converted.code;
      entry = converted;
      flags.delete("future");
      flags.delete("hypothetical");
    }
    // PLOVER: promised or planned cooperation is AGREE ("will meet" is an intent to meet, 036),
    // with the modality kept (future); a claim by someone else stays what it claims.
    if (
      !converted &&
      flags.has("future") &&
      !flags.has("claimed") &&
      !flags.has("negated") &&
      !flags.has("denied")
    ) {
      const intent = maps.intent[entry.category];
      const intentEntry = intent ? lex.cameo.get(intent) : undefined;
      if (intentEntry) {
        code = intentEntry.code;
        entry = intentEntry;
      }
    }
    let modality: Modality = "asserted";
    for (const mod of PRECEDENCE) {
      if (flags.has(mod)) {
        modality = mod;
        break;
      }
    }
    if (modality !== "claimed") claimedBy = null;
    const governor = pattern.governs
      ? {
          from: match.last,
          to: clauseEnd(p, match.last, s1, lex),
          modality: pattern.governs,
          controller: match.slot >= 0 ? (p.mentions[match.slot] as TokMention) : sourceMention,
          events: [] as CodedEvent[],
        }
      : null;
    if (governor) governed.push(governor);
    // "ready to impose martial law": an offer of something hostile is a threat (CAMEO 13), not an intent to cooperate.
    const hostile = maps.threat[cameo.category];
    for (const g of governed) {
      // Only the verb right after the governor is its complement ("offered to hand over", not a later clause).
      if (!(head > g.from && head < g.to && head - g.from <= MAX_GAP + 1) || !hostile) continue;
      const threat = lex.cameo.get(hostile);
      for (const ge of g.events) {
        if (ge.category !== "AGREE" || !threat) continue;
        ge.category = threat.category;
        ge.cameo = threat.code;
        ge.intensity = threat.goldstein;
      }
    }

    // --- date: resolved once per sentence, on demand ---
    if (date === undefined) date = resolveDate(sentence, published, modality === "future");
    if (date && published && date > published && modality === "asserted") modality = "future";

    // --- evidence ---
    const evStart = quote ? quote.start : (p.tok.starts[Math.min(head, match.head)] as number);
    const evEnd = quote ? quote.end : (p.tok.ends[match.last] as number);
    const evidence = quote ? quote.text : p.text.slice(evStart, evEnd);

    const base = {
      paragraph: p.index,
      sentence,
      evidence,
      start: evStart,
      end: evEnd,
      category: entry.category,
      cameo: code,
      intensity: entry.goldstein,
      modality,
      claimedBy,
      date,
    };
    const joint = pattern.joint && sources.length > 1 ? lex.cameo.get(pattern.joint) : undefined;
    if (joint) {
      base.cameo = joint.code;
      base.category = joint.category;
      base.intensity = joint.goldstein;
    }
    const reciprocal = pattern.reciprocal || joint !== undefined;
    const pairs: Array<[EventParty, EventParty | null]> = [];
    // A reciprocal event needs two parties: "restored ties with [someone unknown]" says too little.
    if (reciprocal && targets.length === 0 && sources.length < 2) continue;
    if (reciprocal && targets.length === 0 && sources.length > 1) {
      for (const a of sources) for (const b of sources) if (a !== b) pairs.push([a, b]);
    } else if (targets.length === 0) {
      for (const a of sources) pairs.push([a, null]);
    } else {
      for (const a of sources) {
        for (const b of targets) {
          pairs.push([a, b]);
          if (reciprocal) pairs.push([b, a]);
        }
      }
    }
    for (const [source, target] of pairs) {
      // Domestic events (X>X: arrests, curfews) stand; a reciprocal one needs two different parties.
      if (reciprocal && target && source.actor && source.actor === target.actor) continue;
      // A person acting on themself is a parsing slip ("Johnson … fighting … Johnson").
      if (target && source.actor && source.actor === target.actor && source.actor.startsWith("person:"))
        continue;
      const key = `${source.actor}|${target?.actor}|${base.cameo}|${base.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const coded: CodedEvent = { ...base, source: { ...source }, target: target ? { ...target } : null };
      events.push(coded);
      governor?.events.push(coded);
      // A visit is also a visit hosted: CAMEO pairs 042 (visit) with 043 (host), host as source.
      const mirror =
        pattern.mirror && base.cameo === pattern.code ? lex.cameo.get(pattern.mirror) : undefined;
      if (mirror && target) {
        events.push({
          ...base,
          cameo: mirror.code,
          category: mirror.category,
          intensity: mirror.goldstein,
          source: { ...target },
          target: { ...source },
        });
      }
    }
  }
  // Text order, so the first event of a sentence is the first one a reader meets.
  events.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return { events, lastSubject };
}

/**
 * The speaker of a report verb before the event ("X said (that) …"), when it is an identified actor.
 * Unidentified speakers ("officials said") and trailing attributions ("…, X said") give null: ordinary
 * news attribution, not a claim. Known failure: "X said" after a fronted clause is not seen as a claim.
 */
function reportSpeaker(
  p: Para,
  s0: number,
  s1: number,
  head: number,
  last: number,
  carry: TokMention | null,
  lex: Lexicon,
): EventParty | null {
  const words = p.tok.words;
  for (let k = s0; k < s1; k++) {
    if (k >= head && k <= last) continue;
    const w = words[k] as string;
    if (!lex.modality.reportVerbs.has(w)) continue;
    if (p.inMention[k] !== -1) continue;
    if (k < head) {
      // "X said (that) … event": the report verb's own subject.
      const subj = findSubject(p, k, s0, carry, lex);
      if (subj.mention) return subj.mention.party;
      if (subj.party) return subj.party;
      return null;
    }
    // A trailing "…, X said" is ordinary news attribution: the event stays asserted.
    return null;
  }
  return null;
}

/**
 * The identified speaker of a trailing attribution ("…, Portuguese President Soares said"): used only to
 * see whether the source speaks about itself, never to make a claim.
 */
function trailingSpeaker(p: Para, s0: number, s1: number, head: number, lex: Lexicon): EventParty | null {
  for (let k = head + 1; k < s1; k++) {
    if (!lex.modality.reportVerbs.has(p.tok.words[k] as string) || p.inMention[k] !== -1) continue;
    const cs = clauseStart(p, k, s0, lex);
    if (cs <= head) return null; // the report verb is not in a clause of its own
    const before = firstMentionIn(p, cs, k, null);
    if (before >= 0) return (p.mentions[before] as TokMention).party;
    const after = firstMentionIn(p, k + 1, Math.min(s1, k + 6), null);
    return after >= 0 ? (p.mentions[after] as TokMention).party : null;
  }
  return null;
}

interface Obligation {
  speaker: TokMention;
  target: TokMention;
  start: number;
  end: number;
  modal: number;
}

/**
 * "X said (that) Y must Z": X demands Z of Y. Found per sentence; the caller emits REQUEST events
 * (source X, target Y) and marks the span after the modal as governed, so the Z event is not asserted.
 * Known failure: "X said Y must" where X is unidentified gives nothing (no source to code).
 */
function obligationEvents(
  p: Para,
  s0: number,
  s1: number,
  carry: TokMention | null,
  lex: Lexicon,
): Obligation[] {
  const out: Obligation[] = [];
  const modals = OBLIGATION_MODALS();
  const words = p.tok.words;
  for (let k = s0; k < s1; k++) {
    if (!lex.modality.reportVerbs.has(words[k] as string) || p.inMention[k] !== -1) continue;
    const subj = findSubject(p, k, s0, carry, lex);
    if (!subj.mention) continue;
    // The reported subject: the first actor within a few tokens after the verb ("that", a date between).
    let y = -1;
    for (let j = k + 1; j < s1 && j <= k + 8; j++) {
      if (p.mentionAt[j] !== -1) {
        y = p.mentionAt[j] as number;
        break;
      }
      if (PUNCT_BREAKS.has(words[j] as string) && words[j] !== ",") break;
    }
    if (y < 0) continue;
    const members = compound(p, p.mentions[y] as TokMention, s1, lex);
    const lastMember = members[members.length - 1] as TokMention;
    for (let j = lastMember.t1; j < s1 && j <= lastMember.t1 + OBLIGATION_REACH; j++) {
      if (PUNCT_BREAKS.has(words[j] as string)) break;
      const modal = modals.find((m) => cueAt(words, j, m));
      if (modal) {
        for (const member of members)
          out.push({ speaker: subj.mention, target: member, start: k, end: j + modal.length - 1, modal: j });
        break;
      }
    }
  }
  return out;
}

let obligationModals: string[][] | null = null;
function OBLIGATION_MODALS(): string[][] {
  if (!obligationModals) obligationModals = intentMaps().obligation.modals.map((m) => m.split(" "));
  return obligationModals;
}

/** An opinion sentence in the author's own voice: first person or a hedge, outside quotations. */
function sentenceIsSpeculation(words: string[], s0: number, s1: number, p: Para, lex: Lexicon): boolean {
  for (let k = s0; k < s1; k++) {
    const w = words[k] as string;
    if ((lex.modality.opinionFirstPerson.has(w) || lex.modality.opinionHedges.has(w)) && !quoteAt(p, k))
      return true;
  }
  return false;
}
