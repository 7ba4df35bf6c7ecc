/**
 * Pattern matching over one sentence: at each token, one Map lookup of the head word, then the pattern's
 * later words within a small gap; the longest pattern at a head wins and its words are used up.
 * Known failures: POS is guessed from the word before the head ("the attack" is a noun), so a noun after
 * an unknown adjective can still be read as a verb.
 */

import {
  breakAt,
  mentionStartingNear,
  type Para,
  PHRASE_PREPOSITIONS,
  TOKEN_BREAK,
  TOKEN_DETERMINER,
  TOKEN_QUANTITY,
  TOKEN_QUOTE,
  type TokMention,
  wordMatches,
} from "./clauses.ts";
import type { EventPattern, Lexicon, PatternStep } from "./lexicon.ts";

/** Step words that are prepositions: an actor before them is a party of its own ("met his Chilean counterpart in"). */
const PREPOSITION_STEPS = new Set([
  "in",
  "at",
  "to",
  "with",
  "on",
  "of",
  "from",
  "into",
  "against",
  "for",
  "near",
  "by",
  "over",
  "between",
  "about",
  "along",
]);

/** Does the step stand for a preposition (a demonym before it is then no modifier of a pattern noun)? */
function isPrepositionStep(step: PatternStep): boolean {
  for (const w of step.words) if (PREPOSITION_STEPS.has(w)) return true;
  return false;
}

/** Tokens allowed between two words of a pattern ("shipped 9,000 crates of medicine to"). */
export const MAX_GAP = 4;

/** Prepositions that cannot stand inside an unnamed actor slot. */
export const SLOT_STOP = new Set<string>([...PHRASE_PREPOSITIONS, "back"]);

/** Words that cannot follow an infinitival "to": a determiner or a name means "to" is a preposition. */
function INFINITIVE_BLOCKERS(next: string, lex: Lexicon): boolean {
  return lex.determiners.has(next) || NOT_A_VERB_AFTER_TO.has(next);
}

/** Object pronouns and a few nouns that show "to" is a preposition ("offered to them", "pledged to Kyiv"). */
const NOT_A_VERB_AFTER_TO = new Set(["them", "him", "her", "us", "me", "you", "it", "date"]);

/** "anti-government protests", "pro-Kremlin rallies": a prefixed modifier makes the next word a noun. */
const PREFIXED_MODIFIER = /^(?:anti|pro|counter|post|pre|non|mass|large|small|full|so)-/;

/** Words before a past participle that make it a finite verb or a passive ("has offered", "was offered"). */
const AUXILIARY_BEFORE = new Set([
  "has",
  "have",
  "had",
  "having",
  "also",
  "then",
  "and",
  "once",
  "again",
  "already",
]);

/**
 * "the rations handed to their conscripts": a past participle right after a common noun modifies it.
 * Known failure: a subject that is a common noun ("The minister offered to them …") looks the same.
 */
function reducedRelative(p: Para, head: number, lex: Lexicon): boolean {
  const w = p.tok.words[head] as string;
  if (!w.endsWith("ed")) return false;
  const prev = p.tok.words[head - 1] ?? "";
  if (head === 0 || p.inMention[head - 1] !== -1 || lex.subjectPronouns.has(prev) || lex.beForms.has(prev))
    return false;
  if (AUXILIARY_BEFORE.has(prev) || prev.endsWith("ly") || breakAt(p, head - 1)) return false;
  return true;
}

/** A pattern matched at a head token, before roles are filled. */
export interface Match {
  pattern: EventPattern;
  head: number;
  /** Last token the pattern used. */
  last: number;
  /** Mention index filling an "@" slot, or -1. */
  slot: number;
  /** Token after which the target is sought ("word>"), or -1. */
  targetAfter: number;
  passive: boolean;
  /** Mention whose head noun is a pattern word ("expelled the [US ambassador]"), or -1. */
  inner: number;
  /** A bare demonym modifying the pattern's noun ("seized three [Iranian] boats"), or -1. */
  modifier: number;
}

/** Whether the verb at `head` is preceded by a form of "be" (skipping adverbs): a passive when a participle. */
export function isPassive(p: Para, head: number, s0: number, lex: Lexicon): boolean {
  const w = p.tok.words[head] as string;
  if (w.endsWith("ing")) return false;
  if (!(w.endsWith("ed") || w.endsWith("en") || w.endsWith("wn") || !w.endsWith("s"))) return false;
  for (let k = head - 1; k >= s0 && k >= head - 3; k--) {
    const x = p.tok.words[k] as string;
    if (lex.beForms.has(x)) return x !== "'s" || k > s0; // "Russia's attacked" is rare; "it's" is be
    // "was fiercely opposed by", "were quickly repelled": any -ly adverb may stand between be and participle.
    if (!lex.passiveSkip.has(x) && !(x.length > 4 && x.endsWith("ly"))) return false;
  }
  return false;
}

/** Tries one pattern at a head token; null when a required step is missing. */
export function matchPattern(
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
  let inner = -1;
  let modifier = -1;
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
          if (next && !next.slot && next.forms.has(w)) break;
          // The unnamed party is a noun phrase; a preposition means the words are something else
          // ("warned about the rise of").
          // "helped support the rights of X": a bare event verb right after the head is no noun phrase.
          if (k === pos && lex.byHead.has(w) && !lex.determiners.has(w)) return null;
          // "urged the leaders of Chile to": an of-phrase stays inside the slot; its actor fills it.
          if (breakAt(p, k) || (SLOT_STOP.has(w) && w !== "of")) return null;
        }
        if (m < 0) {
          // A slot holds at least one word: "forced out on Wednesday …" is "force out", not "force @ out".
          if (!next || k === pos || k > pos + MAX_GAP || k >= s1) return null;
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
    let gapAdjective = -1;
    // "offered to" is the infinitive after the verb ("threatened late on Friday to"), not "offered his condolences to".
    const infinitive = pattern.governs !== null && step.words.length === 1 && step.words[0] === "to";
    let limit = pos + MAX_GAP;
    for (let k = pos; k < s1 && k <= limit; k++) {
      const w = p.tok.words[k] as string;
      const cls = p.cls[k] as number;
      // Amounts do not count against the gap: "delivered roughly 4,000 tonnes of grain".
      if (cls & TOKEN_QUANTITY) limit++;
      // Quotation marks around a quoted word neither end the phrase nor count ("warned of a “harsh response”").
      if (cls & TOKEN_QUOTE) {
        limit++;
        continue;
      }
      if (step.forms.has(w)) {
        found = k;
        break;
      }
      if (cls & TOKEN_BREAK && !step.words.includes(w)) break;
      if (infinitive && cls & TOKEN_DETERMINER) break;
      // An actor in the gap ends the pattern ("met with Ukraine in Warsaw" is no "meet in"), unless the
      // step's word is that actor's head noun ("sent Russian troops to").
      const mi = p.inMention[k] as number;
      if (mi >= 0) {
        const mention = p.mentions[mi] as TokMention;
        const last = mention.t1 - 1;
        // "seized three Iranian fishing boats": a bare demonym in the gap modifies the pattern's noun and
        // is the party it concerns.
        if (mention.adjective && k === mention.t0 && !isPrepositionStep(step)) {
          gapAdjective = mi;
          continue;
        }
        if (!(last > k && step.forms.has(p.tok.words[last] as string))) break;
      }
    }
    if (found < 0) {
      if (step.optional) continue;
      // In a passive the object noun stands before the verb ("marines were flown to"): look there.
      if (passive && !step.targetAfter && wordBefore(p, head, step.words)) continue;
      return null;
    }
    // "the rations promised to their conscripts": a governing "to" must open an infinitive, not a
    // phrase ("to their", "to the"), or the head is a participle, not an offer or a promise.
    if (infinitive && INFINITIVE_BLOCKERS(p.tok.words[found + 1] ?? "", lex) && reducedRelative(p, head, lex))
      return null;
    if (step.targetAfter) targetAfter = found;
    if ((p.inMention[found] as number) >= 0) inner = p.inMention[found] as number;
    else if (gapAdjective >= 0) modifier = gapAdjective;
    last = found;
    pos = found + 1;
  }
  return { pattern, head, last, slot, targetAfter, passive, inner, modifier };
}

/** Is one of the words in the clause before the head? (The object of a passive verb stands there.) */
export function wordBefore(p: Para, head: number, words: string[]): boolean {
  for (let k = head - 1; k >= 0; k--) {
    if (breakAt(p, k)) return false;
    if (wordMatches(p.tok.words[k] as string, words)) return true;
  }
  return false;
}

/** Is the word at i the object of a receiving verb, at most two modifiers after it ("won broad backing")? */
export function receivedNoun(p: Para, i: number, s0: number, lex: Lexicon): boolean {
  for (let k = i - 1; k >= s0 && k >= i - 3; k--) {
    const w = p.tok.words[k] as string;
    if (lex.receiveVerbs.has(w)) return true;
    if (breakAt(p, k) || p.inMention[k] !== -1) return false;
  }
  return false;
}

/** Finds the matches of a sentence: at each head, the best pattern; heads inside an earlier match are skipped. */
export function findMatches(p: Para, s0: number, s1: number, lex: Lexicon): Match[] {
  const out: Match[] = [];
  const used = new Uint8Array(s1 - s0);
  for (let i = s0; i < s1; i++) {
    if (used[i - s0]) continue;
    const w = p.tok.words[i] as string;
    const candidates = lex.byHead.get(w);
    if (!candidates) continue;
    if (p.inMention[i] !== -1) continue; // a word inside a name ("Peace Accord Commission", "Party of …")
    // "Chad's president met with": "'s" after a name is a possessive, not "is" ("be met with").
    if (w === "'s" && i > s0 && p.inMention[i - 1] !== -1) continue;
    const prev = i > s0 ? (p.tok.words[i - 1] as string) : "";
    const passiveHere = isPassive(p, i, s0, lex);
    for (const pattern of candidates) {
      if (pattern.kind === "v") {
        // "the attack", "of support": a noun reading of a verb head; -ing forms are exempt ("of invading").
        // "Russian artillery shelled": a past form right after an actor's own head noun is its verb.
        const pastAfterActor = w.endsWith("ed") && i > s0 && p.inMention[i - 1] !== -1;
        if (lex.determiners.has(prev) || (!w.endsWith("ing") && !pastAfterActor && lex.nounContext.has(prev)))
          continue;
        if (PREFIXED_MODIFIER.test(prev)) continue;
        // "won broad backing from", "drew praise from": the object of a receiving verb is a noun.
        if (receivedNoun(p, i, s0, lex)) continue;
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
