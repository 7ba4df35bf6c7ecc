/**
 * Offset-keeping tokenizer for the entity recogniser, close to the CoNLL-2003 (Penn-style) tokenization the
 * model was trained on: "U.S." and initials "V." stay whole, listed abbreviations keep their period
 * ("Gen."), hyphenated words stay whole ("Kremlin-backed"), possessive 's/’s is split off, numbers keep
 * their separators ("1,000", "2014-03-18"), every other symbol is its own token. Offsets are UTF-16 indices
 * into the input, so text.slice(start, end) gives the token back.
 * Known failure cases: "U.S." ending a sentence does not end it; emoticons split; "won't" → "wo" + "n't".
 */

/**
 * Tokens in priority order: URL, dotted initialism with an optional hyphenated tail ("U.S.-led", one token
 * as in the training data), number, word with inner ' ’ - &, any other symbol.
 */
const TOKEN =
  /https?:\/\/[^\s<>"“”]+|(?:\p{L}\.){2,}(?:-[\p{L}\p{N}]+)*|\p{N}+(?:[.,:/-]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’\-&][\p{L}\p{M}\p{N}]+)*|\S/gu;
/** Endings split off a word token as in Penn tokenization: "Russia's" → "Russia" + "'s", "don't" → "do" + "n't". */
const POSSESSIVE = /^(.+?)(['’][sS]|[nN]['’][tT])$/u;
/** Sentence-final punctuation tokens. */
const SENTENCE_END = new Set([".", "!", "?"]);
/** A following token that may begin a sentence: upper-case letter, digit or opening quote. */
const SENTENCE_OPENER = /^[\p{Lu}\p{N}"“‘'(]/u;
const SINGLE_UPPER = /^\p{Lu}$/u;

/** Tokens of a text with their UTF-16 offsets and sentence starts, in flat arrays. */
export interface Tokens {
  tokens: string[];
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a sentence begins (always at token 0). */
  sentenceStart: Uint8Array;
}

/**
 * Splits text into tokens with offsets and guesses sentence starts (after . ! ? before an opener, and at
 * every line break).
 * @example tokenize("Putin’s aide met V. Zelensky in the U.S.").tokens
 * // ["Putin", "’s", "aide", "met", "V.", "Zelensky", "in", "the", "U.S."]
 */
export function tokenize(text: string, abbreviations: ReadonlySet<string> = new Set()): Tokens {
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const breaks: number[] = [];
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  // Next line break at or after the previous token's end; recomputed only once we pass it.
  let nextNewline = text.indexOf("\n");
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    let tok = m[0];
    let start = m.index;
    let end = start + tok.length;
    if (text.charCodeAt(end) === 46 /* . */ && (SINGLE_UPPER.test(tok) || abbreviations.has(`${tok}.`))) {
      end++;
      tok += ".";
      re.lastIndex = end;
    }
    let lineBreak = 0;
    if (nextNewline >= 0 && nextNewline < start) {
      lineBreak = 1;
      nextNewline = text.indexOf("\n", start);
    }
    // An apostrophe second to last covers both "'s" and "n't"; only then is the regex worth running.
    const apos = tok.length > 2 ? tok.charCodeAt(tok.length - 2) : 0;
    const poss = apos === 39 || apos === 0x2019 ? POSSESSIVE.exec(tok) : null;
    if (poss) {
      tokens.push(poss[1]);
      starts.push(start);
      ends.push(start + poss[1].length);
      breaks.push(lineBreak);
      lineBreak = 0;
      start += poss[1].length;
      tok = poss[2];
    }
    tokens.push(tok);
    starts.push(start);
    ends.push(end);
    breaks.push(lineBreak);
    m = re.exec(text);
  }
  const n = tokens.length;
  const sentenceStart = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0 || breaks[i]) sentenceStart[i] = 1;
    else if (SENTENCE_END.has(tokens[i - 1]) && SENTENCE_OPENER.test(tokens[i])) sentenceStart[i] = 1;
  }
  return { tokens, starts: Int32Array.from(starts), ends: Int32Array.from(ends), sentenceStart };
}
