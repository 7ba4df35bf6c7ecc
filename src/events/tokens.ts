/**
 * Flat token arrays for one paragraph: lower-case forms and character offsets, no object per token.
 * The possessive "'s" and the negation "n't" are split off ("Russia's" → "russia" + "'s";
 * "didn't" → "didn" + "n't"), so an actor name and a verb stay whole tokens.
 */

import { firstAtOrAfter } from "../nlp/index.ts";

/*
 * Token rules (the scanner below implements them by hand, for speed): words keep inner hyphens, dots,
 * ampersands and digit-group commas ("cease-fire", "U.S", "AT&T", "25,000") and inner apostrophes
 * except a final 's or 't ("O'Brien" stays whole); every other non-space character is its own token.
 * Known failure: "U.S." loses its final dot to a separate "." token; "." is not a clause boundary here.
 */
/** Curly apostrophes fold to straight ones so data files need one spelling. */
const CURLY = /’/g;

export interface ParagraphTokens {
  /** Lower-case token forms ("'t" is stored as "n't"). */
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Tokenises a paragraph once.
 * @example tokenize("Russia's troops didn't move").words // ["russia", "'s", "troops", "didn", "n't", "move"]
 */
export function tokenize(text: string): ParagraphTokens {
  // Lower-case once per paragraph; per-token slices of it are cheap. Unicode can change length when
  // lower-casing ("İ"), in which case each token is lower-cased on its own.
  const lowered = text.toLowerCase().replace(CURLY, "'");
  const sameLength = lowered.length === text.length;
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  // A hand-written scanner with the same rules as TOKEN: several times faster than the Unicode regex
  // on long articles; non-ASCII characters fall back to a per-character Unicode test.
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isWordChar(text, i)) {
      i++;
      for (;;) {
        while (i < n && isWordChar(text, i)) i++;
        if (i + 1 >= n) break;
        const d = text.charCodeAt(i);
        if ((d === 45 || d === 46 || d === 38) && isWordChar(text, i + 1)) {
          i++; // "cease-fire", "U.S", "AT&T"
        } else if (d === 44 && isDigits3(text, i + 1) && isDigit(text.charCodeAt(i - 1))) {
          i += 4; // "25,000"
        } else if ((d === 39 || d === 8217) && isWordChar(text, i + 1) && !isFinalSOrT(text, i + 1)) {
          i++; // "O'Brien", not "Russia's" or "didn't"
        } else break;
      }
    } else if ((c === 39 || c === 8217) && i + 1 < n && isFinalSOrT(text, i + 1)) {
      i += 2; // "'s", "'t"
    } else {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    let w = sameLength ? lowered.slice(start, i) : text.slice(start, i).toLowerCase().replace(CURLY, "'");
    if (w === "'t") w = "n't";
    words.push(w);
    starts.push(start);
    ends.push(i);
  }
  return { words, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Non-ASCII letters and digits, for the scanner's slow path. */
const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/;

function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral symbols (emoji) are not words here
  return UNICODE_WORD.test(text[i] as string);
}

function isDigits3(text: string, i: number): boolean {
  return (
    i + 2 < text.length &&
    isDigit(text.charCodeAt(i)) &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    !(i + 3 < text.length && isDigit(text.charCodeAt(i + 3)))
  );
}

/** An "s" or "t" after an apostrophe that ends the word ("Russia's", "didn't"). */
function isFinalSOrT(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  if (c !== 115 && c !== 116) return false;
  return i + 1 >= text.length || !isWordChar(text, i + 1);
}

/**
 * Index of the first token starting at or after a character offset (binary search).
 * @example firstTokenAt(tokenize("a b c"), 2) // 1
 */
export function firstTokenAt(tokens: ParagraphTokens, offset: number): number {
  return firstAtOrAfter(tokens.starts, offset);
}
