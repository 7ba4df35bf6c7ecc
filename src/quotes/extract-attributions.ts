import type { Actor, Mention, QuoteKind } from "../record.ts";
import { type Lexicon, lexicon } from "./lexicon.ts";
import { type QuoteSpan, scanQuoteMarks } from "./scan-quote-marks.ts";
import {
  isNameToken,
  type NameInPhrase,
  nameInPhrase,
  type Phrase,
  phraseAfter,
  phraseBefore,
} from "./speaker-phrase.ts";
import { sentenceStarts } from "./split-clauses.ts";
import { bare, isCapitalised, isPossessive, type Tokens, tokenAt, tokenize } from "./tokens.ts";

/**
 * Attributions of one article: who said what, with spans for the words said, the speaker and the cue.
 * This is the engine behind the quotes stage; the PolNeAR eval reads it directly for the speaker spans.
 * Known failures: speakers named only in an earlier paragraph's heading; quotations whose cue is a noun
 * ("in a statement, …"); "he" whose antecedent is an object rather than a subject of the previous sentence.
 */

export interface SpeakerRef {
  text: string;
  name: string | null;
  actor: string | null;
  paragraph: number;
  start: number;
  end: number;
  /** pronoun / name / group / role: how the speaker was written. */
  kind: Phrase["kind"];
}

export interface Attribution {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  speaker: SpeakerRef | null;
  cue: string | null;
  cueStart: number;
  cueEnd: number;
}

/** What the stage hands in: paragraph texts plus what earlier stages found (may be empty). */
export interface AttributionInput {
  paragraphs: readonly string[];
  mentions?: readonly Mention[];
  actors?: readonly Actor[];
  /** Sentence starts per paragraph from the nlp stage, when it ran. */
  sentenceStarts?: readonly (readonly number[])[];
}

/** How far (UTF-16 units) a cue may follow a quotation and still introduce it ("…,” Jane Roe, an analyst at X, said"). */
const MAX_POST_CUE_DISTANCE = 260;
/** Quotations this short with no cue beside them are scare quotes, titles or terms ("partygate"). */
const MAX_TERM_TOKENS = 3;
/** A quotation this long with no cue is still somebody's words; kept with an unknown speaker. */
const MIN_UNCUED_TOKENS = 8;
/** Quotations of at most this many words, interrupted by an attribution ("“But,” he said, “…”"), are folded away. */
const MAX_FRAGMENT_TOKENS = 2;
/** Tokens allowed between a cue and "that" ("said on Friday that", "told reporters in Kyiv that"). */
const MAX_TO_THAT = 12;

/** Words that open a noun object rather than a clause after cues that take both ("wrote a letter"). */
const OBJECT_OPENERS = new Set(["a", "an", "his", "her", "their", "its", "my", "our", "your"]);
/** Words before "called" that make it a passive naming ("is called", "so-called"), not speech. */
const PASSIVE = new Set(["is", "was", "are", "were", "be", "been", "being", "so", "also"]);

function prevWordOf(toks: Tokens, i: number): string {
  return i > 0 ? toks.words[i - 1].toLowerCase() : "";
}

/** Fewer words than this before a mid-sentence cue are a fronted phrase, not the reported clause. */
const MIN_FRONT_CLAUSE = 5;

/** Characters trimmed from the end of reported content. */
const TRAILING = " \t\n\u00A0.,;:!?)";

/** Longest title-case stretch read as a title rather than a partial quotation. */
const MAX_TITLE_TOKENS = 6;
/** Every word capitalised, short function words allowed in lower case: "Make Your Kid a Millionaire". */
const TITLE_CASE =
  /^\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|a|an|the|of|in|on|and|or|to|for|is|at|by|with))*$/u;

const PUNCT_END = /[,?!\u2014\u2013:;]\s*$/u;
const PUNCT_START = /^\s*[,\u2014\u2013]/u;
const QUOTE_MARK = /["“”„«»]|‘‘|’’|''/u;

/** Words in a stretch: starts of runs of letters or digits (any non-ASCII character counts as a letter). */
function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c > 127 && c !== 0x2019 && c !== 0x201c && c !== 0x201d && c !== 0x2014 && c !== 0x2013 && c !== 0xa0);
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

interface Cue {
  start: number;
  end: number;
  form: string;
  lemma: string;
  tok: number;
  tokEnd: number;
}

interface Para {
  index: number;
  text: string;
  toks: Tokens;
  quotes: QuoteSpan[];
  cues: Cue[];
  starts: number[];
  blocked: (i: number) => boolean;
}

/** Known speaker or person, for pronoun resolution and full names. */
interface Known {
  name: string;
  actor: string | null;
  gender: "m" | "f" | null;
  plural: boolean;
  /** False for organisations and role phrases ("the ministry"), which "he" and "she" never refer to. */
  person: boolean;
}

/**
 * All attributions (direct, partial and indirect) in reading order.
 * @example extractAttributions({ paragraphs: ["“We will stay,” the mayor said."] })[0].speaker?.text // "the mayor"
 */
export function extractAttributions(input: AttributionInput): Attribution[] {
  const lex = lexicon();
  const texts = input.paragraphs;
  const spans = scanQuoteMarks(texts);
  const out: Attribution[] = [];
  const state = new ResolveState(lex, input.mentions ?? [], input.actors ?? []);
  /** Chain of quotation parts running over paragraphs: the out-index of the previous part. */
  let carried: number | null = null;
  let lastDirect: Attribution | null = null;
  /** A paragraph ending "X said in a statement:" introduces the quotation that opens the next one. */
  let colonIntro: { paragraph: number; speaker: SpeakerRef; cue: string } | null = null;
  const chainPrev = new Map<number, number>();
  for (let p = 0; p < texts.length; p++) {
    const text = texts[p];
    const quotes = spans[p];
    const para = prepare(lex, p, text, quotes, input.sentenceStarts?.[p]);
    if (para === null) {
      carried = null;
      state.endParagraph();
      continue;
    }
    const chainStart = out.length;
    let prevInPara: Attribution | null = null;
    for (let s = 0; s < para.starts.length; s++) {
      const ss = para.starts[s];
      const se = s + 1 < para.starts.length ? para.starts[s + 1] : text.length;
      const sentQuotes = para.quotes.filter(
        (q) => (q.open >= 0 ? q.open : q.start) >= ss && (q.open >= 0 ? q.open : q.start) < se,
      );
      const sentCues = para.cues.filter((c) => c.start >= ss && c.start < se);
      const found: Attribution[] = [];
      const usedCues = new Set<Cue>();
      for (let qi = 0; qi < sentQuotes.length; qi++) {
        const q = sentQuotes[qi];
        const nextOpen = qi + 1 < sentQuotes.length ? sentQuotes[qi + 1].open : se;
        const a = attributeQuote(lex, para, q, ss, se, nextOpen, sentCues, state);
        const words = countWords(text.slice(q.start, q.end));
        if (a) {
          usedCues.add(a.cueObj);
          found.push(a.attr);
          continue;
        }
        // No cue in reach: continuation of a carried or earlier quotation, else a term or an unknown voice.
        let speaker: SpeakerRef | null = null;
        let introCue: string | null = null;
        if (q.fromPrevious && carried !== null) speaker = out[carried].speaker;
        else if (prevInPara?.speaker && prevInPara.kind === "direct") speaker = prevInPara.speaker;
        else if (found.length > 0 && found[found.length - 1].kind === "direct")
          speaker = found[found.length - 1].speaker;
        else if (s === 0 && qi === 0 && colonIntro && colonIntro.paragraph === p - 1 && q.open <= ss + 1) {
          // "The minister said in a statement:" then a paragraph that is the statement.
          speaker = colonIntro.speaker;
          introCue = colonIntro.cue;
        } else if (
          s === 0 &&
          qi === 0 &&
          q.start - (q.open >= 0 ? 1 : 0) <= ss + 1 &&
          para.cues.length === 0 &&
          lastDirect?.speaker &&
          lastDirect.paragraph === p - 1
        )
          speaker = lastDirect.speaker;
        const isContinuation = speaker !== null || q.fromPrevious || q.toNext;
        if (!isContinuation && words < MIN_UNCUED_TOKENS) continue;
        if (words <= MAX_TERM_TOKENS && !q.fromPrevious) continue;
        found.push({
          paragraph: p,
          start: q.start,
          end: q.end,
          text: text.slice(q.start, q.end),
          kind: "direct",
          speaker,
          cue: introCue,
          cueStart: -1,
          cueEnd: -1,
        });
      }
      // Fold away fragments like “But,” before an interrupting attribution that the next part shares.
      for (let i = 0; i + 1 < found.length; i++) {
        const a = found[i];
        const b = found[i + 1];
        const interrupted =
          a.cueStart > a.end && a.cueStart < b.start && text.slice(ss, a.start).trim().length <= 1;
        if (
          a.kind !== "indirect" &&
          interrupted &&
          countWords(a.text) <= MAX_FRAGMENT_TOKENS &&
          a.cueStart === b.cueStart
        ) {
          found.splice(i, 1);
          i--;
        }
      }
      for (const c of sentCues) {
        if (usedCues.has(c)) continue;
        const a = indirectAt(lex, para, c, ss, se, state);
        if (a) found.push(a);
      }
      found.sort(
        (x, y) => (x.cueStart >= 0 ? x.cueStart : x.start) - (y.cueStart >= 0 ? y.cueStart : y.start),
      );
      for (const a of found) {
        if (a.speaker) a.speaker = state.resolve(a.speaker, s, p);
        state.note(a, s, p);
        if (a.kind !== "indirect") prevInPara = a;
      }
      state.endSentence(para, ss, se, s, p);
      for (const a of found) out.push(a);
    }
    // Quotation parts running over paragraphs share one speaker, whichever part names it.
    const lastQuote = quotes.length ? quotes[quotes.length - 1] : null;
    const firstQuote = quotes.length ? quotes[0] : null;
    if (firstQuote?.fromPrevious && carried !== null) {
      const here = out.findIndex(
        (a, i) => i >= chainStart && a.paragraph === p && a.start === firstQuote.start,
      );
      if (here >= 0) {
        chainPrev.set(here, carried);
        if (!out[carried].speaker && out[here].speaker) backfill(out, chainPrev, carried, out[here]);
      }
    }
    carried = null;
    if (lastQuote?.toNext) {
      for (let i = out.length - 1; i >= chainStart; i--) {
        if (out[i].paragraph === p && out[i].start === lastQuote.start) {
          carried = i;
          break;
        }
      }
    }
    for (let i = out.length - 1; i >= chainStart; i--) {
      if (out[i].kind === "direct" && out[i].speaker) {
        lastDirect = out[i];
        break;
      }
    }
    colonIntro = null;
    const lastCue = para.cues.length ? para.cues[para.cues.length - 1] : null;
    if (lastCue && COLON_END.test(text) && !quotes.some((q) => q.start > lastCue.start)) {
      const phrase = subjectOf(lex, para, lastCue, tokenAt(para.toks, sentenceStartOf(para, lastCue.start)));
      if (phrase) {
        const speaker = state.resolve(state.speakerOf(para, phrase), 0, p);
        colonIntro = { paragraph: p, speaker, cue: text.slice(lastCue.start, lastCue.end) };
      }
    }
    state.endParagraph();
  }
  return out;
}

/** Gives the earlier parts of a running quotation the speaker a later part found. */
function backfill(
  out: Attribution[],
  chainPrev: Map<number, number>,
  from: number,
  donor: Attribution,
): void {
  let i: number | undefined = from;
  while (i !== undefined && !out[i].speaker) {
    out[i].speaker = donor.speaker;
    out[i].cue = out[i].cue ?? donor.cue;
    i = chainPrev.get(i);
  }
}

/** Tokens, cues and sentences of a paragraph; null when it holds neither a quotation nor a cue. */
function prepare(
  lex: Lexicon,
  p: number,
  text: string,
  quotes: QuoteSpan[],
  given?: readonly number[],
): Para | null {
  // Most paragraphs hold neither: one regex pass decides before any tokenising.
  lex.cueProbe.lastIndex = 0;
  if (quotes.length === 0 && !lex.cueProbe.test(text)) return null;
  const toks = tokenize(text);
  const n = toks.starts.length;
  const inQuote = new Uint8Array(n);
  for (const q of quotes) {
    const from = q.open >= 0 ? q.open : q.start;
    const to = q.close >= 0 ? q.close : text.length;
    for (let i = tokenAt(toks, from); i < n && toks.starts[i] < to; i++) inQuote[i] = 1;
  }
  const cues: Cue[] = [];
  const w = toks.words;
  for (let i = 0; i < n; i++) {
    if (inQuote[i]) continue;
    const word = w[i];
    const pair = lex.pairs.get(word);
    if (pair && i + 1 < n && !inQuote[i + 1]) {
      const next = w[i + 1].endsWith(".") ? w[i + 1].slice(0, -1) : w[i + 1];
      const lemma2 = pair.get(next);
      if (lemma2) {
        cues.push({
          start: toks.starts[i],
          end: toks.starts[i + 1] + next.length,
          form: `${word.toLowerCase()} ${next}`,
          lemma: lemma2,
          tok: i,
          tokEnd: i + 2,
        });
        i++;
        continue;
      }
    }
    let lemma = lex.firstWord.get(word);
    let len = word.length;
    if (lemma === undefined && word.endsWith(".")) {
      lemma = lex.firstWord.get(word.slice(0, -1));
      len--;
    }
    if (lemma !== undefined)
      cues.push({
        start: toks.starts[i],
        end: toks.starts[i] + len,
        form: word.slice(0, len).toLowerCase(),
        lemma,
        tok: i,
        tokEnd: i + 1,
      });
  }
  if (cues.length === 0 && quotes.length === 0) return null;
  const starts = sentenceStarts(text, quotes, given);
  return { index: p, text, toks, quotes, cues, starts, blocked: (i: number) => inQuote[i] === 1 };
}

interface Found {
  attr: Attribution;
  cueObj: Cue;
}

/** Finds the cue and speaker of one quotation inside its sentence [ss, se). */
function attributeQuote(
  lex: Lexicon,
  para: Para,
  q: QuoteSpan,
  ss: number,
  se: number,
  nextOpen: number,
  cues: Cue[],
  state: ResolveState,
): Found | null {
  const { text, toks } = para;
  const words = countWords(text.slice(q.start, q.end));
  const openAt = q.open >= 0 ? q.open : q.start;
  const sentenceStart = tokenAt(toks, ss);
  const sentenceEnd = tokenAt(toks, se);
  const atSentenceStart = text.slice(ss, openAt).trim() === "" || /^[\s([]*$/u.test(text.slice(ss, openAt));
  const inner = text.slice(q.start, q.end);
  const after = q.close >= 0 ? text.slice(q.close, Math.min(text.length, q.close + 2)) : "";
  const endsClause = PUNCT_END.test(inner) || PUNCT_START.test(after);
  const make = (cue: Cue, phrase: Phrase, kind: QuoteKind): Found => ({
    cueObj: cue,
    attr: {
      paragraph: para.index,
      start: q.start,
      end: q.end,
      text: inner,
      kind,
      speaker: state.speakerOf(para, phrase),
      cue: text.slice(cue.start, cue.end),
      cueStart: cue.start,
      cueEnd: cue.end,
    },
  });
  // A short title-case stretch inside a sentence is a title or a name ("told the show “Morning Talk”").
  if (!atSentenceStart && words <= MAX_TITLE_TOKENS && TITLE_CASE.test(inner.replace(/[,.]$/u, "")))
    return null;
  // 1. Speaker after the quotation: “…,” she said / “…,” said Jane Roe / “…” that …, Mr. X said.
  if (q.close >= 0 && (endsClause || atSentenceStart)) {
    const limit = Math.min(nextOpen >= 0 ? nextOpen : se, se, q.close + MAX_POST_CUE_DISTANCE);
    const cue = cues.find((c) => c.start >= q.close && c.start < limit);
    if (cue) {
      const between = text.slice(q.close, cue.start);
      const inverted = /^[\s,\u2014\u2013]*$/u.test(between);
      let phrase: Phrase | null = null;
      if (inverted) phrase = phraseAfter(lex, toks, cue.tokEnd, sentenceEnd, para.blocked);
      else if (lex.speakerAfter.has(cue.lemma))
        phrase = sourceAfter(lex, toks, cue.tokEnd, sentenceEnd, para.blocked);
      else {
        const first = tokenAt(toks, q.close);
        phrase =
          segmentPhrase(lex, toks, first, cue.tok, para.blocked) ??
          phraseBefore(lex, toks, cue.tok, first, para.blocked);
      }
      if (phrase) return make(cue, phrase, atSentenceStart || endsClause ? "direct" : "partial");
    }
  }
  // 2. Cue before the quotation in the same sentence: X said that “…”; according to X, “…”.
  const before = cues.filter((c) => c.end <= openAt).reverse();
  for (const cue of before) {
    const phrase = subjectOf(lex, para, cue, sentenceStart);
    if (phrase) {
      const gap = text.slice(cue.end, openAt);
      const direct = /^[\s,:\u2014]*$/u.test(gap) && isCapitalised(inner) && words > MAX_TERM_TOKENS;
      return make(cue, phrase, direct ? "direct" : "partial");
    }
  }
  // 3. A cue before it whose subject comes later ("Moments after declaring the talks “deep”, the minister warned").
  if (before.length > 0) {
    const later = cues.find((c) => c.start >= (q.close >= 0 ? q.close : q.end));
    if (later) {
      const phrase = subjectOf(lex, para, later, sentenceStart);
      if (phrase) return make(before[0], phrase, "partial");
    }
  }
  return null;
}

/** "Mr. Putin's spokesman, Dmitri S. Peskov," between a quotation and its cue, when it reads as a speaker. */
function segmentPhrase(
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

function actorKindOf(actors: Map<string, Actor>, id: string | null): string | null {
  return id ? (actors.get(id)?.kind ?? null) : null;
}

/** A paragraph that ends with a colon introduces what follows. */
const COLON_END = /:\s*$/u;

/** Start offset of the sentence holding `pos`. */
function sentenceStartOf(para: Para, pos: number): number {
  let start = 0;
  for (const s of para.starts) if (s <= pos) start = s;
  return start;
}

/** End offset of the sentence holding `pos`. */
function sentenceEndOf(para: Para, pos: number): number {
  for (const s of para.starts) if (s > pos) return s;
  return para.text.length;
}

/**
 * The source after "according to": a name or group when one stands there, else every word up to the comma
 * ("according to early results of exit polls conducted for the networks, …").
 */
function sourceAfter(
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

/** The subject of a cue: before it, after it (according to), or the clause subject for participles. */
function subjectOf(lex: Lexicon, para: Para, cue: Cue, sentenceStart: number): Phrase | null {
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
  if (!SUBJECT_DETERMINERS.has(toks.words[from].toLowerCase())) return null;
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

/** "WASHINGTON (AP) —" or "KYIV, Ukraine —" opening a paragraph: the token after it. */
function skipDateline(toks: Tokens, from: number, before: number): number {
  let i = from;
  while (i < before && DATELINE_WORD.test(toks.words[i])) i++;
  if (i === from) return from;
  let k = i;
  while (k < before && k - i < 8 && toks.words[k] !== "\u2014" && toks.words[k] !== "\u2013") k++;
  return k < before && k - i < 8 ? k + 1 : from;
}

/** A word of a dateline: capitals only ("WASHINGTON", "U.S."), two letters or more. */
const DATELINE_WORD = /^[\p{Lu}.'’-]{2,}$/u;

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
  const p = phraseAfter(lex, toks, i, before, blocked);
  if (!p) return null;
  // The phrase must be followed by a verb-ish word, not be the object of something.
  return p;
}

/** Indirect speech around a cue that no quotation used: "X said (on Friday) (that) …", "…, X said." */
function indirectAt(
  lex: Lexicon,
  para: Para,
  cue: Cue,
  ss: number,
  se: number,
  state: ResolveState,
): Attribution | null {
  if (!lex.takesClause.has(cue.lemma) && !lex.objectContent.has(cue.lemma) && !lex.objectVerbs.has(cue.lemma))
    return null;
  const { text, toks, blocked } = para;
  const sentenceStart = tokenAt(toks, ss);
  const sentenceEnd = tokenAt(toks, se);
  let contentStart = -1;
  let contentEnd = -1;
  let phrase: Phrase | null = null;
  const trimEnd = (e: number) => {
    let x = e;
    while (x > 0 && TRAILING.includes(text[x - 1])) x--;
    return x;
  };
  if (lex.speakerAfter.has(cue.lemma)) {
    phrase = sourceAfter(lex, toks, cue.tokEnd, sentenceEnd, blocked);
    if (!phrase) return null;
    const afterPhrase = phrase.to < toks.starts.length ? toks.starts[phrase.to] : text.length;
    // "According to X, A." reports what follows; "A, according to X, an analyst." what comes before.
    const fronted = cue.tok - sentenceStart < 3;
    if (fronted && afterPhrase < se && toks.words[phrase.to] === ",") {
      contentStart = toks.ends[phrase.to];
      contentEnd = trimEnd(se);
    } else if (cue.tok > sentenceStart) {
      contentStart = ss;
      contentEnd = trimEnd(cue.start);
    } else return null;
  } else {
    const prevWord = cue.tok - 1 >= sentenceStart ? toks.words[cue.tok - 1] : "";
    const tailWords = sentenceEnd - cue.tokEnd;
    if (cue.tok - sentenceStart >= 4) {
      // Post-position: "…, said the minister." / "…, sources said." with little after the cue.
      if (prevWord === ",") {
        const after = phraseAfter(lex, toks, cue.tokEnd, sentenceEnd, blocked);
        if (after && (after.to >= sentenceEnd - 1 || toks.words[after.to] === ",")) {
          phrase = after;
          contentStart = ss;
          contentEnd = trimEnd(toks.starts[cue.tok - 1] + 1);
        }
      } else if (tailWords <= 8 || (cue.tokEnd < sentenceEnd && toks.words[cue.tokEnd] === ",")) {
        const before = phraseBefore(lex, toks, cue.tok, sentenceStart, blocked);
        const comma = before ? before.from - 1 : -1;
        let clauseAfter = false;
        for (let i = cue.tokEnd; i < sentenceEnd; i++) if (toks.words[i] === "that") clauseAfter = true;
        // Only adverbials may follow a post-position cue ("…, she said on Monday."), never a clause.
        const tailFirst = cue.tokEnd < sentenceEnd ? bare(toks.words[cue.tokEnd]).toLowerCase() : "";
        const adverbialTail = tailFirst === "" || tailFirst === "," || lex.clauseBlockers.has(tailFirst);
        if (
          before &&
          comma > sentenceStart + 2 &&
          toks.words[comma] === "," &&
          !clauseAfter &&
          adverbialTail
        ) {
          phrase = before;
          contentStart = ss;
          contentEnd = trimEnd(toks.starts[comma] + 1);
          // "In the end, Mr. Roe said, the vote …": a short fronted phrase; the clause follows the cue.
          if (tailFirst === "," && comma - sentenceStart < MIN_FRONT_CLAUSE && cue.tokEnd + 1 < sentenceEnd) {
            contentStart = toks.starts[cue.tokEnd + 1];
            contentEnd = trimEnd(se);
          }
        }
      }
    }
    if (!phrase) {
      phrase = subjectOf(lex, para, cue, sentenceStart);
      if (!phrase) return null;
      let k = cue.tokEnd;
      if (k < sentenceEnd && toks.words[k] === ":") k++;
      let that = -1;
      let infinitive = -1;
      for (let i = k; i < sentenceEnd && i - k <= MAX_TO_THAT; i++) {
        // A quoted hearer may stand before "that": told the show “Morning Talk” that …
        if (blocked(i)) continue;
        const w = toks.words[i];
        if (w === "that" || w === "whether") {
          that = i;
          break;
        }
        if (w === "to" && infinitive < 0) infinitive = i;
        if (w === "," || w === ";" || lex.formToLemma.has(w.toLowerCase())) break;
      }
      const first = k < sentenceEnd ? toks.words[k] : ",";
      const lf = bare(first).toLowerCase();
      if (that >= 0) k = that + (toks.words[that] === "that" ? 1 : 0);
      else if (lex.objectContent.has(cue.lemma) || (lex.objectVerbs.has(cue.lemma) && infinitive >= 0)) {
        // "called for a moratorium", "urged lawmakers to act", "pledged to cut taxes": the object is the content.
        if (first === "," || blocked(k) || (cue.lemma === "call" && PASSIVE.has(prevWordOf(toks, cue.tok))))
          return null;
      } else {
        if (
          !lex.takesClause.has(cue.lemma) ||
          !lex.bareClause.has(cue.lemma) ||
          lex.objectVerbs.has(cue.lemma)
        )
          return null;
        if (first === "," || lex.clauseBlockers.has(lf) || lex.formToLemma.has(lf)) return null;
        // "wrote a letter", "announced his plan": after cues that also take objects, only a pronoun or a name opens a clause.
        if (!lex.takesBareObjectlessClause.has(cue.lemma) && OBJECT_OPENERS.has(lf)) return null;
      }
      if (k >= sentenceEnd) return null;
      contentStart = toks.starts[k];
      contentEnd = trimEnd(se);
      // A semicolon ends the reported clause ("X say A; Y say B").
      for (let i = k; i < sentenceEnd; i++) {
        if (toks.words[i] === ";" && !blocked(i)) {
          contentEnd = trimEnd(toks.starts[i]);
          break;
        }
      }
    }
  }
  if (contentStart < 0 || contentEnd <= contentStart) return null;
  while (contentStart < contentEnd && TRAILING.includes(text[contentStart]) && text[contentStart] !== ")")
    contentStart++;
  // "X said A and said B": the second cue starts its own attribution, so A ends before it.
  for (const other of para.cues) {
    if (other.start <= contentStart || other.start >= contentEnd) continue;
    let b = other.tok - 1;
    while (b > 0 && lex.auxiliaries.has(toks.words[b].toLowerCase())) b--;
    if (b > 0 && (toks.words[b] === "and" || toks.words[b] === "but") && toks.starts[b] > contentStart) {
      contentEnd = trimEnd(toks.starts[b]);
      break;
    }
  }
  if (contentEnd <= contentStart) return null;
  const content = text.slice(contentStart, contentEnd);
  if (countWords(content) < 3) return null;
  // A clause that is nothing but one quotation is the quotation's, already reported.
  const stripped = content.replace(QUOTE_MARK, "");
  if (QUOTE_MARK.test(content[0] ?? "") && !QUOTE_MARK.test(stripped.slice(0, -2))) return null;
  return {
    paragraph: para.index,
    start: contentStart,
    end: contentEnd,
    text: content,
    kind: "indirect",
    speaker: state.speakerOf(para, phrase),
    cue: text.slice(cue.start, cue.end),
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}

/** Per-article memory for pronouns and short names: who spoke, who was named, in which sentence. */
class ResolveState {
  private history: Known[] = [];
  private bySurname = new Map<string, Known>();
  private sentence: Known[] = [];
  private prevSentence: Known[] = [];
  private pending: { para: Para; ss: number; se: number } | null = null;
  private personMentions: Map<number, Mention[]>;
  private actorById: Map<string, Actor>;

  constructor(
    private lex: Lexicon,
    mentions: readonly Mention[],
    actors: readonly Actor[],
  ) {
    this.personMentions = new Map();
    for (const m of mentions) {
      const list = this.personMentions.get(m.paragraph);
      if (list) list.push(m);
      else this.personMentions.set(m.paragraph, [m]);
    }
    this.actorById = new Map(actors.map((a) => [a.id, a]));
  }

  /** Reads a phrase into a speaker: its words, its name (titles stripped), its actor when a mention covers it. */
  speakerOf(para: Para, phrase: Phrase): SpeakerRef {
    const { toks } = para;
    const start = toks.starts[phrase.from];
    const end = toks.ends[phrase.to - 1];
    let textOf = para.text.slice(start, end).replace(/[,;:]+$/u, "");
    if (textOf.endsWith(".") && !/(?:\b\p{Lu}|Mr|Mrs|Ms|Dr|Jr|Sr)\.$/u.test(textOf))
      textOf = textOf.slice(0, -1);
    if (phrase.kind === "pronoun")
      return {
        text: textOf,
        name: null,
        actor: null,
        paragraph: para.index,
        start,
        end: start + textOf.length,
        kind: "pronoun",
      };
    const found: NameInPhrase = nameInPhrase(this.lex, toks, phrase.from, phrase.to);
    let name = found.name;
    let actor: string | null = null;
    const mentions = this.personMentions.get(para.index) ?? [];
    // Only a mention over the name itself counts: "Mr. Putin's spokesman, Dmitri Peskov" is not Putin.
    const nameStart = found.name ? toks.starts[found.from] : start;
    const nameEnd = found.name ? toks.ends[found.to - 1] : end;
    for (const m of mentions) {
      if (!m.actor || m.end <= nameStart || m.start >= nameEnd) continue;
      if (/^['’]s?\b/u.test(para.text.slice(m.end, m.end + 2))) continue;
      if (phrase.kind === "group" && m.type !== "PERSON") {
        // "NATO officials", "Russian diplomats": the group stays the speaker, the body it belongs to the actor.
        actor = actor ?? m.actor;
        continue;
      }
      if (name && m.type !== "PERSON") continue;
      actor = m.actor;
      const a = this.actorById.get(m.actor);
      if (a && (m.type === "PERSON" || !name)) name = a.name;
      if (m.type === "PERSON") break;
    }
    if (phrase.kind === "group" && (!found.name || actorKindOf(this.actorById, actor) !== "person"))
      name = textOf.replace(/^(?:the|some|several|many|other)\s+/iu, "");
    // "The Harbour Authority", "the Tanaka administration": an organisation named by the whole phrase.
    if (!name && phrase.kind === "role" && /\p{Lu}/u.test(textOf.slice(1)))
      name = textOf.replace(/^(?:the|a|an)\s+/iu, "");
    const actorKind = actor ? this.actorById.get(actor)?.kind : undefined;
    // "The Harbour Authority", "The Daily Courier": a name led by "the" or ending in an organisation word.
    const orgName =
      found.name !== null &&
      (this.lex.orgWords.has(bare(toks.words[found.to - 1])) ||
        (found.from > phrase.from && /^the$/iu.test(toks.words[found.from - 1])));
    const personLike =
      phrase.kind !== "group" && (actorKind ? actorKind === "person" : found.name !== null && !orgName);
    if (name && !actor) {
      // "Mr. Peskov" after "Dmitri S. Peskov": the full name seen before.
      const last = surname(name);
      const known = this.bySurname.get(last);
      if (known && known.name.length > name.length) {
        name = known.name;
        actor = known.actor;
      }
    }
    return {
      text: textOf,
      name,
      actor,
      paragraph: para.index,
      start,
      end: start + textOf.length,
      kind: personLike ? "name" : phrase.kind === "name" ? "role" : phrase.kind,
    };
  }

  /** Resolves pronoun speakers to their antecedent; records the gender a pronoun reveals. */
  resolve(sp: SpeakerRef, _sentence: number, _paragraph: number): SpeakerRef {
    if (sp.kind !== "pronoun") return sp;
    const key = sp.text.toLowerCase();
    const g = this.lex.pronouns.get(key) ?? null;
    // "I" is the writer or the quoted person; "it" is a paper or a report, which names no person.
    if (g === "s" || g === "n") return sp;
    const ok = (k: Known) =>
      g === "p" ? true : k.person && !k.plural && (k.gender === null || k.gender === g);
    const pick = (list: Known[]) => {
      for (let i = list.length - 1; i >= 0; i--) if (ok(list[i])) return list[i];
      return null;
    };
    let found: Known | null = null;
    if (g === "p")
      found = pick(this.sentence.filter((k) => k.plural)) ?? pick(this.prevSentence.filter((k) => k.plural));
    found = found ?? pick(this.sentence) ?? pick(this.prevSentence);
    if (!found) {
      const subject = this.previousSubject();
      if (subject && ok(subject)) found = subject;
    }
    found = found ?? pick(this.history);
    if (!found) {
      // The actors stage may have linked the pronoun itself; take its word when ours found nobody.
      const m = (this.personMentions.get(sp.paragraph) ?? []).find((x) => x.start === sp.start && x.actor);
      const a = m?.actor ? this.actorById.get(m.actor) : undefined;
      return a ? { ...sp, name: a.name, actor: a.id } : sp;
    }
    if (g === "m" || g === "f") found.gender = found.gender ?? g;
    return { ...sp, name: found.name, actor: found.actor };
  }

  /** Remembers an attribution's speaker for later pronouns. */
  note(a: Attribution, _sentence: number, _paragraph: number): void {
    const sp = a.speaker;
    if (!sp?.name) return;
    const plural =
      sp.kind === "group" ||
      /\band\b/u.test(sp.text) ||
      (sp.kind === "pronoun" && this.lex.pronouns.get(sp.text.toLowerCase()) === "p");
    const person =
      sp.kind === "name" ||
      (sp.kind === "pronoun" && !plural && this.lex.pronouns.get(sp.text.toLowerCase()) !== "n");
    const known = this.known(sp.name, sp.actor, plural, genderOfText(this.lex, sp.text), person);
    this.sentence.push(known);
    this.history.push(known);
  }

  private known(
    name: string,
    actor: string | null,
    plural: boolean,
    gender: "m" | "f" | null,
    person = true,
  ): Known {
    const key = surname(name);
    const prev = this.bySurname.get(key);
    if (prev && !plural && (prev.name.includes(name) || name.includes(prev.name))) {
      if (name.length > prev.name.length) prev.name = name;
      prev.actor = prev.actor ?? actor;
      prev.gender = prev.gender ?? gender;
      return prev;
    }
    const k: Known = { name, actor, gender, plural, person };
    if (!plural) this.bySurname.set(key, k);
    return k;
  }

  /** Closes a sentence; its subject is only worked out if a later pronoun asks (most sentences have none). */
  endSentence(para: Para, ss: number, se: number, _s: number, _p: number): void {
    this.prevSentence = this.sentence;
    this.sentence = [];
    this.pending = { para, ss, se };
  }

  /** The previous sentence's first named person after any fronted clause: the likely antecedent of he/she. */
  private previousSubject(): Known | null {
    if (!this.pending) return null;
    const { para, ss, se } = this.pending;
    this.pending = null;
    const { toks } = para;
    let i = tokenAt(toks, ss);
    const end = tokenAt(toks, se);
    if (i < end && this.lex.subordinators.has(toks.words[i].toLowerCase())) {
      let k = i;
      while (k < end && toks.words[k] !== ",") k++;
      if (k < end) i = k + 1;
    }
    const mentions = (this.personMentions.get(para.index) ?? []).filter(
      (m) => m.type === "PERSON" && m.start >= toks.starts[i] && m.start < se,
    );
    let best: { pos: number; known: Known } | null = null;
    if (mentions.length) {
      const m = mentions[0];
      const a = m.actor ? this.actorById.get(m.actor) : undefined;
      best = { pos: m.start, known: this.known(a?.name ?? m.text, m.actor, false, null) };
    }
    if (!best && i < end && !para.blocked(i)) {
      // A titled or two-word name opening the main clause: "President Ivo Renn himself did not".
      const run = subjectName(this.lex, toks, i, end);
      if (run)
        best = {
          pos: toks.starts[i],
          known: this.bySurname.get(surname(run.name)) ?? this.known(run.name, null, false, run.gender),
        };
    }
    for (; i < end; i++) {
      if (para.blocked(i)) continue;
      const w = toks.words[i];
      const g = this.lex.honorifics.get(w);
      if (g === undefined || i + 1 >= end || !isCapitalised(toks.words[i + 1])) continue;
      if (best && best.pos < toks.starts[i]) break;
      const nm = bare(toks.words[i + 1]).replace(/['’]s?$/u, "");
      if (/['’]/u.test(toks.words[i + 1])) continue;
      const known = this.bySurname.get(nm);
      best = { pos: toks.starts[i], known: known ?? this.known(nm, null, false, g) };
      if (known && g) known.gender = known.gender ?? g;
      break;
    }
    return best ? best.known : null;
  }

  endParagraph(): void {
    this.prevSentence = [];
    this.sentence = [];
    this.pending = null;
  }
}

/** A person-like name at token i: a run of name words with a title or honorific before it, or two name words. */
function subjectName(
  lex: Lexicon,
  toks: Tokens,
  i: number,
  end: number,
): { name: string; gender: "m" | "f" | null } | null {
  let j = i;
  while (j < end && isNameToken(lex, toks.words[j]) && !isPossessive(toks.words[j])) j++;
  if (j === i) return null;
  let s = i;
  let gender: "m" | "f" | null = null;
  while (s < j && (lex.titles.has(toks.words[s]) || lex.honorifics.has(toks.words[s]))) {
    gender = lex.honorifics.get(toks.words[s]) ?? gender;
    s++;
  }
  if (s === j || (s === i && j - s < 2)) return null;
  return { name: toks.text.slice(toks.starts[s], toks.ends[j - 1]).replace(/[.,]$/u, ""), gender };
}

function surname(name: string): string {
  const parts = name.split(/\s+/u);
  return parts[parts.length - 1].replace(/[.,]$/u, "");
}

function genderOfText(lex: Lexicon, text: string): "m" | "f" | null {
  for (const w of text.split(/\s+/u)) {
    const h = lex.honorifics.get(w);
    if (h) return h;
    const r = lex.genderedRoles.get(w.toLowerCase().replace(/[,.]$/u, ""));
    if (r) return r;
  }
  return null;
}
