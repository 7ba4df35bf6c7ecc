/**
 * Flat token arrays for one paragraph: lower-case forms and character offsets, no object per token.
 * The possessive "'s" and the negation "n't" are split off ("Russia's" → "russia" + "'s";
 * "didn't" → "didn" + "n't"), so an actor name and a verb stay whole tokens.
 */

/**
 * Words keep inner hyphens, dots, ampersands and digit-group commas ("cease-fire", "U.S", "AT&T", "25,000") and inner apostrophes
 * except a final 's or 't ("O'Brien" stays whole). Every other non-space character is its own token.
 * Known failure: "U.S." loses its final dot to a separate "." token; "." is not a clause boundary here.
 */
const TOKEN =
  /[\p{L}\p{N}]+(?:[-.&][\p{L}\p{N}]+|,\d{3}(?!\d)|['’](?![sStT]\b)[\p{L}\p{N}]+)*|['’][sStT]\b|\S/gu;
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
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let w = m[0].toLowerCase().replace(CURLY, "'");
    if (w === "'t") w = "n't";
    words.push(w);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { words, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Index of the first token starting at or after a character offset (binary search).
 * @example firstTokenAt(tokenize("a b c"), 2) // 1
 */
export function firstTokenAt(tokens: ParagraphTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens.starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
