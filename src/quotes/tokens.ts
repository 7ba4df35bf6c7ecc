/**
 * Flat word tokens of one paragraph, for the speaker and cue scans: parallel arrays, no object per token.
 * A token is a word (letters/digits, with inner . ' ’ - and one trailing period: "U.S.", "Mr.", "Putin’s")
 * or one punctuation mark that bounds a phrase (, ; : ( ) [ ] — – ―).
 */

import { firstAtOrAfter } from "../nlp/index.ts";

export interface Tokens {
  text: string;
  starts: number[];
  ends: number[];
  words: string[];
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*\.?|[,;:()[\]\u2014\u2013\u2015]/gu;

/**
 * Tokenises a paragraph.
 * @example tokenize("Mr. Putin said, no.").words // ["Mr.", "Putin", "said", ",", "no."]
 */
export function tokenize(text: string): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null = TOKEN.exec(text);
  while (m !== null) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    words.push(m[0]);
    m = TOKEN.exec(text);
  }
  return { text, starts, ends, words };
}

/**
 * Index of the first token starting at or after `pos` (binary search).
 * @example tokenAt(tokenize("He said no."), 3) // 1
 */
export function tokenAt(t: Tokens, pos: number): number {
  return firstAtOrAfter(t.starts, pos);
}

const UPPER_START = /^\p{Lu}/u;
const POSSESSIVE = /['’]s?$/u;

/**
 * The word without a trailing sentence period; "U.S." keeps its periods.
 * @example bare("Europe.") // "Europe"
 */
export function bare(word: string): string {
  return word.endsWith(".") && word.length > 2 && !word.slice(0, -1).includes(".") ? word.slice(0, -1) : word;
}

/** @example isCapitalised("Kyiv") // true */
export function isCapitalised(word: string): boolean {
  return UPPER_START.test(word);
}

/** @example isPossessive("Putin’s") // true */
export function isPossessive(word: string): boolean {
  return word.length > 2 && POSSESSIVE.test(bare(word)) && /['’]/.test(word);
}

/**
 * An initial like "S." or "A." inside a name.
 * @example isInitial("S.") // true
 */
export function isInitial(word: string): boolean {
  return word.length === 2 && word[1] === "." && UPPER_START.test(word);
}
