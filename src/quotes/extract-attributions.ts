import type { QuoteKind } from "../record.ts";
import { segmentPhrase, sourceAfter, subjectOf } from "./find-subject.ts";
import { type Lexicon, lexicon } from "./lexicon.ts";
import { indirectAt } from "./report-indirect.ts";
import { ResolveState } from "./resolve-speakers.ts";
import { type Cue, countWords, type Para, prepare, sentenceStartOf } from "./scan-paragraph.ts";
import { type QuoteSpan, scanQuoteMarks } from "./scan-quote-marks.ts";
import { type Phrase, phraseAfter, phraseBefore } from "./speaker-phrase.ts";
import { isCapitalised, tokenAt } from "./tokens.ts";
import type { Attribution, AttributionInput, SpeakerRef } from "./types.ts";

export type { Attribution, AttributionInput, SpeakerRef } from "./types.ts";

/**
 * Attributions of one article: who said what, with spans for the words said, the speaker and the cue.
 * This is the engine behind the quotes stage; the PolNeAR eval reads it directly for the speaker spans.
 * Known failures: speakers named only in an earlier paragraph's heading; quotations whose cue is a noun
 * ("in a statement, …"); "he" whose antecedent is an object rather than a subject of the previous sentence.
 */

/** How far (UTF-16 units) a cue may follow a quotation and still introduce it ("…,” Jane Roe, an analyst at X, said"). */
const MAX_POST_CUE_DISTANCE = 260;
/** Quotations this short with no cue beside them are scare quotes, titles or terms ("partygate"). */
const MAX_TERM_TOKENS = 3;
/** A quotation this long with no cue is still somebody's words; kept with an unknown speaker. */
const MIN_UNCUED_TOKENS = 8;
/** Quotations of at most this many words, interrupted by an attribution ("“But,” he said, “…”"), are folded away. */
const MAX_FRAGMENT_TOKENS = 2;

/** Longest title-case stretch read as a title rather than a partial quotation. */
const MAX_TITLE_TOKENS = 6;
/** Every word capitalised, short function words allowed in lower case: "Make Your Kid a Millionaire". */
const TITLE_CASE =
  /^\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|a|an|the|of|in|on|and|or|to|for|is|at|by|with))*$/u;

/** A quotation ending in , ? ! — : ; hands over to an attribution ("“…,” she said"). */
const PUNCT_END = /[,?!\u2014\u2013:;]\s*$/u;
/** The same when the comma or dash stands after the closing mark ("“…”, she said"). */
const PUNCT_START = /^\s*[,\u2014\u2013]/u;

/** A paragraph that ends with a colon introduces what follows. */
const COLON_END = /:\s*$/u;

/**
 * The speaker memory of this process, reset for each article. One long-lived state rather than one per
 * article: V8 throws away code compiled against the hidden class of a per-article object when a full
 * collection finds none alive ("weak objects" in node --trace-deopt), and the quotes stage then
 * recompiled itself after every major GC. extractAttributions is synchronous, so one state is enough.
 */
let sharedState: ResolveState | null = null;
function resolveState(lex: Lexicon): ResolveState {
  if (sharedState === null) sharedState = new ResolveState(lex);
  return sharedState;
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
  const state = resolveState(lex);
  state.reset(input.mentions ?? [], input.actors ?? []);
  /** Chain of quotation parts running over paragraphs: the out-index of the previous part. */
  let carried: number | null = null;
  let lastSpoken: Attribution | null = null;
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
          lastSpoken?.speaker &&
          lastSpoken.paragraph === p - 1
        )
          speaker = lastSpoken.speaker;
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
        if (a.speaker) a.speaker = state.resolve(a.speaker);
        state.note(a);
        if (a.kind !== "indirect") prevInPara = a;
      }
      state.endSentence(para, ss, se);
      for (const a of found) out.push(a);
    }
    // Quotation parts running over paragraphs share one speaker, whichever part names it.
    const lastQuote = quotes.length ? quotes[quotes.length - 1] : null;
    const firstQuote = quotes.length ? quotes[0] : null;
    if (firstQuote?.fromPrevious && carried !== null) {
      let here = -1;
      for (let i = chainStart; i < out.length && here < 0; i++)
        if (out[i].start === firstQuote.start) here = i;
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
    // The paragraph's last attributed speaker (any kind): a next paragraph that is only a quotation is theirs.
    for (let i = out.length - 1; i >= chainStart; i--) {
      const sp = out[i].speaker;
      if (sp && (sp.kind !== "pronoun" || sp.name)) {
        lastSpoken = out[i];
        break;
      }
    }
    colonIntro = null;
    const lastCue = para.cues.length ? para.cues[para.cues.length - 1] : null;
    if (lastCue && COLON_END.test(text) && !quotes.some((q) => q.start > lastCue.start)) {
      const phrase = subjectOf(lex, para, lastCue, tokenAt(para.toks, sentenceStartOf(para, lastCue.start)));
      if (phrase) {
        const speaker = state.resolve(state.speakerOf(para, phrase));
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
