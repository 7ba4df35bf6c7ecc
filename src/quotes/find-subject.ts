import type { Lexicon } from "./lexicon.ts";
import type { Cue, Para } from "./scan-paragraph.ts";
import { sentenceEndOf } from "./scan-paragraph.ts";
import { type Phrase, phraseAfter, phraseBefore } from "./speaker-phrase.ts";
import { bare, isCapitalised, isPossessive, type Tokens, tokenAt } from "./tokens.ts";

/**
 * Who a cue belongs to: the subject before it, the source after "according to", the clause subject of a
 * participle ("…, saying"), the one quoted in "quoted X as saying", or a short determiner phrase.
 * Known failures: subjects after long fronted phrases with no comma; a subject separated from its cue by a
 * relative clause longer than the scan allows.
 */

/** Words before a cue that make it passive ("is called", "was told", "so-called"), naming no speaker before it. */
export const PASSIVE = new Set(["is", "was", "are", "were", "be", "been", "being", "so", "also"]);

/**
 * "Mr. Putin's spokesman, Dmitri S. Peskov," between a quotation and its cue, when it reads as a speaker.
 * @example in "“No,” the premier's spokesman, Karel Dunst, said." the segment is "the premier's spokesman, Karel Dunst"
 */
export function segmentPhrase(
  lex: Lexicon,
  toks: Tokens,
  from: number,
  to: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  let a = from;
  while (a < to && (toks.words[a] === "," || blocked(a))) a++;
  let b = to;
  while (b > a && (toks.words[b - 1] === "," || lex.auxiliaries.has(toks.words[b - 1].toLowerCase()))) b--;
  if (b <= a || b - a > 24) return null;
  const first = toks.words[a];
  const lf = bare(first).toLowerCase();
  if (lex.pronouns.has(lf)) return b - a === 1 ? { from: a, to: b, kind: "pronoun" } : null;
  if (
    !isCapitalised(first) &&
    !lex.groups.has(lf) &&
    !lex.roles.has(lf) &&
    !["the", "a", "an", "one", "another", "several", "some"].includes(lf)
  )
    return null;
  if (lf === "the" && a + 1 < b && toks.words[a + 1].toLowerCase() === "two")
    return { from: a, to: b, kind: "pronoun" };
  const head = phraseAfter(lex, toks, a, b, blocked);
  if (!head) return null;
  // The whole segment is the speaker's words; its kind follows its head.
  return { from: a, to: b, kind: head.kind };
}

/** Longest source after "according to", in words, up to the comma or the sentence end. */
const MAX_SOURCE_AFTER = 22;

/**
 * The source after "according to": a name or group when one stands there, else every word up to the comma
 * ("according to preliminary figures published by the election commission, …").
 */
export function sourceAfter(
  lex: Lexicon,
  toks: Tokens,
  from: number,
  ceiling: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  const p = phraseAfter(lex, toks, from, ceiling, blocked, true);
  let k = from;
  while (
    k < ceiling &&
    !blocked(k) &&
    toks.words[k] !== "," &&
    toks.words[k] !== ";" &&
    k - from < MAX_SOURCE_AFTER
  )
    k++;
  if (k === from || k - from >= MAX_SOURCE_AFTER) return p;
  if (p && p.to >= k) return p;
  return { from, to: k, kind: p?.kind ?? "role" };
}

/**
 * The subject of a cue: before it, after it (according to), or the clause subject for participles.
 * @example for "saying" in "Mayor Hilde Sand criticized the levy, saying it hurts" the subject is "Mayor Hilde Sand"
 */
export function subjectOf(lex: Lexicon, para: Para, cue: Cue, sentenceStart: number): Phrase | null {
  const { toks, blocked } = para;
  if (lex.speakerAfter.has(cue.lemma))
    return sourceAfter(lex, toks, cue.tokEnd, tokenAt(toks, sentenceEndOf(para, cue.start)), blocked);
  const prev = cue.tok - 1 >= sentenceStart ? toks.words[cue.tok - 1].toLowerCase() : "";
  // "It was reported that …", "he was told": a passive cue names no speaker before it.
  if (PASSIVE.has(prev) && prev !== "so" && prev !== "also" && !cue.form.endsWith("ing")) return null;
  const participle = cue.form.endsWith("ing") && !["is", "was", "are", "were", "been", "be"].includes(prev);
  if (participle && prev === "as") {
    // "The Daily Courier quoted the minister as saying …": the speaker is the one quoted.
    for (let q = cue.tok - 2; q >= sentenceStart && cue.tok - q < 12; q--) {
      if (toks.words[q] === "quoted" || toks.words[q] === "quotes") {
        if (cue.tok - 1 > q + 1) return { from: q + 1, to: cue.tok - 1, kind: "name" };
        break;
      }
    }
  }
  const coordinated = prev === "and" || prev === "but" || prev === "or";
  if (!participle && !coordinated) {
    const p = phraseBefore(lex, toks, cue.tok, sentenceStart, blocked);
    if (p) return p;
    return determinerSubject(lex, toks, sentenceStart, cue.tok, blocked);
  }
  // "Spicer said, adding, …": a participle shares the subject of the cue before it.
  for (const other of para.cues) {
    if (other.tok >= cue.tok || other.tok < sentenceStart || other.form.endsWith("ing")) continue;
    if (cue.tok - other.tokEnd > 4) continue;
    const p =
      phraseBefore(lex, toks, other.tok, sentenceStart, blocked) ??
      (lex.speakerAfter.has(other.lemma) ? null : phraseAfter(lex, toks, other.tokEnd, cue.tok, blocked));
    if (p) return p;
  }
  return clauseSubject(lex, para, sentenceStart, cue.tok);
}

/** Words that open a short common-noun subject ("The harbour master told…"). */
const SUBJECT_DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "his",
  "her",
  "their",
  "its",
  "one",
  "another",
  "some",
  "many",
  "several",
  "two",
  "three",
]);
/** Longest such subject, in words, before the cue. */
const MAX_DETERMINER_SUBJECT = 5;

/** A short determiner-led noun phrase that fills the whole stretch from the sentence start to the cue. */
function determinerSubject(
  lex: Lexicon,
  toks: Tokens,
  from: number,
  cueTok: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  let end = cueTok;
  while (
    end > from &&
    (lex.auxiliaries.has(toks.words[end - 1].toLowerCase()) || /^\p{Ll}+ly$/u.test(toks.words[end - 1]))
  )
    end--;
  if (end - from < 2 || end - from > MAX_DETERMINER_SUBJECT) return null;
  // "Connecticut’s tax commissioner says": a possessor opens the phrase like a determiner.
  if (!SUBJECT_DETERMINERS.has(toks.words[from].toLowerCase()) && !isPossessive(toks.words[from]))
    return null;
  for (let i = from; i < end; i++) {
    const w = toks.words[i];
    if (
      blocked(i) ||
      /^[,;:()[\]\u2014\u2013]$/u.test(w) ||
      lex.formToLemma.has(w.toLowerCase()) ||
      lex.notSpeakers.has(w.toLowerCase())
    )
      return null;
  }
  return { from, to: end, kind: "role" };
}

/** Dashes that end a dateline: em dash, en dash, horizontal bar. */
const DASHES = new Set(["\u2014", "\u2013", "\u2015"]);

/** A word of a dateline: capitals only ("WASHINGTON", "U.S."), two letters or more. */
const DATELINE_WORD = /^[\p{Lu}.'’-]{2,}$/u;

/**
 * "WASHINGTON (AP) —", "Kyiv (Reuters) –" or "KYIV, Ukraine —" opening a paragraph: the token after it.
 * A dateline is capitalised words, maybe a place after a comma and an agency in parentheses, then a dash.
 * @example skipDateline(tokenize("KYIV (Wire) — Talks resumed."), 0, 7) // 4, the index of "Talks"
 */
export function skipDateline(toks: Tokens, from: number, before: number): number {
  let i = from;
  while (
    i < before &&
    (DATELINE_WORD.test(toks.words[i]) || isCapitalised(toks.words[i]) || toks.words[i] === ",")
  ) {
    if (i - from > 6) return from;
    i++;
  }
  if (i < before && toks.words[i] === "(") {
    while (i < before && toks.words[i] !== ")" && i - from < 10) i++;
    i++;
  }
  if (i > from && i < before && DASHES.has(toks.words[i])) return i + 1;
  return from;
}

/** The subject at the start of a clause, after any fronted phrase closed by a comma. */
function clauseSubject(lex: Lexicon, para: Para, from: number, before: number): Phrase | null {
  const { toks, blocked } = para;
  let i = skipDateline(toks, from, before);
  while (i < before && (blocked(i) || toks.words[i] === "(" || toks.words[i] === "[")) i++;
  if (i >= before) return null;
  if (lex.subordinators.has(toks.words[i].toLowerCase())) {
    let k = i;
    while (k < before && !(toks.words[k] === "," && !blocked(k))) k++;
    if (k >= before) return null;
    i = k + 1;
  }
  let p = phraseAfter(lex, toks, i, before, blocked);
  // "Speaking in Salem, New Hampshire, Trump went after…": a place list before the subject; step past it.
  for (
    let tries = 0;
    p && tries < 3 && p.to < before && toks.words[p.to] === "," && p.to + 1 < before;
    tries++
  ) {
    const next = phraseAfter(lex, toks, p.to + 1, before, blocked);
    if (!next) break;
    p = next;
  }
  return p;
}
