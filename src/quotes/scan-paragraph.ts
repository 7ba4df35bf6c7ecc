import type { Lexicon } from "./lexicon.ts";
import type { QuoteSpan } from "./scan-quote-marks.ts";
import { sentenceStarts } from "./split-clauses.ts";
import { type Tokens, tokenAt, tokenize } from "./tokens.ts";

/**
 * One paragraph read once for the attribution engine: flat tokens, which of them sit inside quotations,
 * the cue words outside quotations, and quotation-aware sentence starts.
 */

/** A cue word or phrase outside quotations, with its token range. */
export interface Cue {
  start: number;
  end: number;
  form: string;
  lemma: string;
  tok: number;
  tokEnd: number;
}

/** One paragraph read for attribution: tokens, quotations, cues, sentence starts, and which tokens are quoted. */
export interface Para {
  index: number;
  text: string;
  toks: Tokens;
  quotes: QuoteSpan[];
  cues: Cue[];
  starts: number[];
  blocked: (i: number) => boolean;
}

/**
 * Words in a stretch: starts of runs of letters or digits (any non-ASCII character counts as a letter).
 * @example countWords("deal breaker.") // 2
 */
export function countWords(s: string): number {
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

/**
 * Tokens, cues and sentences of a paragraph; null when it holds neither a quotation nor a cue.
 * @example prepare(lexicon(), 0, "He said so.", [])?.cues[0].lemma // "say"
 */
export function prepare(
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

/**
 * Start offset of the sentence holding `pos`.
 * @example with starts [0, 9], sentenceStartOf(para, 12) // 9
 */
export function sentenceStartOf(para: Para, pos: number): number {
  let start = 0;
  for (const s of para.starts) if (s <= pos) start = s;
  return start;
}

/**
 * End offset of the sentence holding `pos` (the next start, or the paragraph's length).
 * @example with starts [0, 9], sentenceEndOf(para, 3) // 9
 */
export function sentenceEndOf(para: Para, pos: number): number {
  for (const s of para.starts) if (s > pos) return s;
  return para.text.length;
}
