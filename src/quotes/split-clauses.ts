import type { QuoteSpan } from "./scan-quote-marks.ts";

/**
 * Sentence boundaries of one paragraph that never fall inside a quotation, so a quotation of several
 * sentences stays in the sentence that carries its cue ("“A. B,” he said." is one unit).
 * Known failures: an abbreviation not in ABBREVIATIONS before a capitalised word ends a sentence early.
 */

/** End of a sentence: stop mark, optional closing marks/brackets, then space or a glued capital/opening mark. */
const BOUNDARY =
  /[.!?]+(?:["”’»)\]]|’’|'')*(?=\s+(?:["“‘«([]|''|‘‘)?[\p{Lu}\p{N}]|(?:["“‘«]|'')[\p{Lu}\p{N}]|[\p{Lu}][\p{Ll}])/gu;

/** Words whose final period is no sentence end. */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "gen",
  "sen",
  "rep",
  "gov",
  "lt",
  "col",
  "capt",
  "sgt",
  "adm",
  "prof",
  "jr",
  "sr",
  "no",
  "vs",
  "etc",
  "inc",
  "corp",
  "co",
  "ltd",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "u.s",
  "u.k",
  "u.n",
  "e.g",
  "i.e",
  "a.m",
  "p.m",
  "mt",
  "ft",
  "rev",
  "hon",
  "pres",
]);

/** A quotation closed by ? ! or , does not end the sentence its attribution follows. */
const QUOTED_NO_END = /[?!,]\s*(?:["”’»']|’’|'')\s*$/u;

const WORD_BEFORE = /([\p{L}.]+)$/u;

/**
 * Start offsets of the sentences of `text` (the first is 0), skipping boundaries inside `quotes`.
 * @example sentenceStarts("He left. She stayed.", []) // [0, 9]
 */
export function sentenceStarts(
  text: string,
  quotes: readonly QuoteSpan[],
  given?: readonly number[],
): number[] {
  const starts = [0];
  const inQuote = (pos: number) => {
    for (const q of quotes) if (pos > q.start && pos < q.end) return true;
    return false;
  };
  if (given) {
    for (const s of given) {
      // Keep the nlp stage's boundaries, except inside quotations and after “…?” or “…,” that an attribution follows.
      if (s > 0 && !inQuote(s) && !QUOTED_NO_END.test(text.slice(Math.max(0, s - 4), s))) starts.push(s);
    }
    return starts;
  }
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null = BOUNDARY.exec(text);
  while (m !== null) {
    const stop = m.index;
    let end = stop + m[0].length;
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, stop - 12), stop));
    const word = before ? before[1].toLowerCase() : "";
    const abbrev =
      text[stop] === "." &&
      (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(before?.[1] ?? "") || /^(?:\p{L}\.)+\p{L}$/u.test(word));
    // “Who knows?” the analyst said: a question or exclamation inside a quotation rarely ends the sentence.
    const quotedQuestion = (text[stop] === "?" || text[stop] === "!") && /["”’»']/u.test(m[0]);
    if (!abbrev && !quotedQuestion && !inQuote(stop + 1)) {
      while (end < text.length && /\s/.test(text[end])) end++;
      if (end < text.length && end > starts[starts.length - 1]) starts.push(end);
    }
    m = BOUNDARY.exec(text);
  }
  return starts;
}
