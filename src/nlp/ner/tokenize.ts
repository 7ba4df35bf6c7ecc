/**
 * Offset-keeping tokenizer for the entity recogniser, close to the CoNLL-2003 (Penn-style) tokenization the
 * model was trained on: "U.S." and initials "V." stay whole, listed abbreviations keep their period
 * ("Gen."), hyphenated words stay whole ("Kremlin-backed"), possessive 's/’s is split off, numbers keep
 * their separators ("1,000", "2014-03-18"), every other symbol is its own token. Offsets are UTF-16 indices
 * into the input, so text.slice(start, end) gives the token back.
 * One pass over char codes (it runs on every paragraph of every article). It gives the tokens of this
 * regex, tried in order at each non-space position (tests/nlp-ner check the two agree on random text):
 *   https?:\/\/[^\s<>"“”]+ | (?:\p{L}\.){2,}(?:-[\p{L}\p{N}]+)* | \p{N}+(?:[.,:/-]\p{N}+)*
 *   | [\p{L}\p{M}\p{N}]+(?:['’\-&][\p{L}\p{M}\p{N}]+)* | \S
 * Known failure cases: "U.S." ending a sentence does not end it; emoticons split; "won't" → "wo" + "n't".
 */

/** Endings split off a word token as in Penn tokenization: "Russia's" → "Russia" + "'s", "don't" → "do" + "n't". */
const POSSESSIVE = /^(.+?)(['’][sS]|[nN]['’][tT])$/u;
/** A following token that may begin a sentence: upper-case letter, digit or opening quote. */
const SENTENCE_OPENER = /^[\p{Lu}\p{N}"“‘'(]/u;
const SINGLE_UPPER = /^\p{Lu}$/u;

// Character classes as bits, memoised per UTF-16 code unit on first sight (astral code points are rare in
// news and are classified each time).
const C_LETTER = 1;
const C_MARK = 2;
const C_NUMBER = 4;
const C_SPACE = 8;
const C_KNOWN = 16;
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_SPACE = /^\s$/u;
/** Class bits of each BMP code unit, filled lazily (0 = not yet classified). */
const CLASS = new Uint8Array(0x10000);

function classify(ch: string): number {
  let c = C_KNOWN;
  if (IS_LETTER.test(ch)) c |= C_LETTER;
  else if (IS_MARK.test(ch)) c |= C_MARK;
  else if (IS_NUMBER.test(ch)) c |= C_NUMBER;
  else if (IS_SPACE.test(ch)) c |= C_SPACE;
  return c;
}

/** Class bits of the code point at i (a lone surrogate is a symbol of its own). */
function classAt(text: string, i: number): number {
  const u = text.charCodeAt(i);
  if (u < 0xd800 || u > 0xdfff) {
    let c = CLASS[u];
    if (c === 0) {
      c = classify(String.fromCharCode(u));
      CLASS[u] = c;
    }
    return c;
  }
  const cp = text.codePointAt(i) ?? u;
  return cp > 0xffff ? classify(String.fromCodePoint(cp)) : C_KNOWN;
}

/** UTF-16 length of the code point at i. */
function widthAt(text: string, i: number): number {
  const u = text.charCodeAt(i);
  if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
    const v = text.charCodeAt(i + 1);
    if (v >= 0xdc00 && v <= 0xdfff) return 2;
  }
  return 1;
}

/** End of a run of code points whose class has any of `bits`, from i. */
function runEnd(text: string, i: number, bits: number): number {
  const n = text.length;
  let q = i;
  while (q < n && (classAt(text, q) & bits) !== 0) q += widthAt(text, q);
  return q;
}

const LMN = C_LETTER | C_MARK | C_NUMBER;
const LN = C_LETTER | C_NUMBER;

/** End of the URL starting at p ("http://" or "https://" then no space, < > or double quotes), or -1. */
function urlEnd(text: string, p: number): number {
  if (!text.startsWith("http", p)) return -1;
  let q = p + 4;
  if (text.charCodeAt(q) === 115 /* s */) q++;
  if (!text.startsWith("://", q)) return -1;
  q += 3;
  const start = q;
  const n = text.length;
  while (q < n) {
    const u = text.charCodeAt(q);
    if (u === 60 || u === 62 || u === 34 || u === 0x201c || u === 0x201d) break;
    if (classAt(text, q) & C_SPACE) break;
    q++;
  }
  return q > start ? q : -1;
}

/** End of a dotted initialism at p ("U.S.", "U.S.-led"): two or more letter+period pairs; or -1. */
function initialismEnd(text: string, p: number): number {
  let q = p;
  let pairs = 0;
  while (q < text.length && classAt(text, q) & C_LETTER) {
    const w = widthAt(text, q);
    if (text.charCodeAt(q + w) !== 46) break;
    q += w + 1;
    pairs++;
  }
  if (pairs < 2) return -1;
  while (text.charCodeAt(q) === 45 /* - */ && q + 1 < text.length && classAt(text, q + 1) & LN) {
    q = runEnd(text, q + 1, LN);
  }
  return q;
}

/** End of a number at p: digits with inner . , : / - between digits ("1,200", "2014-03-18"). */
function numberEnd(text: string, p: number): number {
  let q = runEnd(text, p, C_NUMBER);
  for (;;) {
    const u = text.charCodeAt(q);
    const sep = u === 46 || u === 44 || u === 58 || u === 47 || u === 45;
    if (!sep || q + 1 >= text.length || !(classAt(text, q + 1) & C_NUMBER)) return q;
    q = runEnd(text, q + 1, C_NUMBER);
  }
}

/** End of a word at p: letters, marks, digits, joined by inner ' ’ - & ("Kremlin-backed", "AT&T"). */
function wordEnd(text: string, p: number): number {
  let q = runEnd(text, p, LMN);
  for (;;) {
    const u = text.charCodeAt(q);
    const joiner = u === 39 || u === 0x2019 || u === 45 || u === 38;
    if (!joiner || q + 1 >= text.length || !(classAt(text, q + 1) & LMN)) return q;
    q = runEnd(text, q + 1, LMN);
  }
}

/** Tokens of a text with their UTF-16 offsets and sentence starts, in flat arrays. */
export interface Tokens {
  tokens: string[];
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a sentence begins (always at token 0). */
  sentenceStart: Uint8Array;
}

/** Scratch offsets, grown as needed and copied out per call. */
let scratchStarts = new Int32Array(1 << 12);
let scratchEnds = new Int32Array(1 << 12);
let scratchBreaks = new Uint8Array(1 << 12);

function grow(): void {
  const size = scratchStarts.length * 2;
  const s = new Int32Array(size);
  s.set(scratchStarts);
  scratchStarts = s;
  const e = new Int32Array(size);
  e.set(scratchEnds);
  scratchEnds = e;
  const b = new Uint8Array(size);
  b.set(scratchBreaks);
  scratchBreaks = b;
}

/**
 * Splits text into tokens with offsets and guesses sentence starts (after . ! ? before an opener, and at
 * every line break).
 * @example tokenize("Putin’s aide met V. Zelensky in the U.S.").tokens
 * // ["Putin", "’s", "aide", "met", "V.", "Zelensky", "in", "the", "U.S."]
 */
export function tokenize(text: string, abbreviations: ReadonlySet<string> = new Set()): Tokens {
  const tokens: string[] = [];
  const len = text.length;
  let count = 0;
  let lineBreak = 0;
  let p = 0;
  while (p < len) {
    const u = text.charCodeAt(p);
    // Plain ASCII space and newline first: most gaps between tokens are one of them.
    if (u === 32) {
      p++;
      continue;
    }
    if (u === 10) {
      lineBreak = 1;
      p++;
      continue;
    }
    const cls = classAt(text, p);
    if (cls & C_SPACE) {
      p++;
      continue;
    }
    let end = -1;
    if (u === 104 /* h */) end = urlEnd(text, p);
    if (end < 0 && cls & C_LETTER) end = initialismEnd(text, p);
    if (end < 0 && cls & C_NUMBER) end = numberEnd(text, p);
    if (end < 0 && cls & LMN) end = wordEnd(text, p);
    if (end < 0) end = p + widthAt(text, p);
    let tok = text.slice(p, end);
    if (
      text.charCodeAt(end) === 46 /* . */ &&
      (abbreviations.has(`${tok}.`) || (end - p <= 2 && SINGLE_UPPER.test(tok)))
    ) {
      end++;
      tok += ".";
    }
    let start = p;
    // An apostrophe second to last covers both "'s" and "n't"; only then is the regex worth running.
    const apos = tok.length > 2 ? tok.charCodeAt(tok.length - 2) : 0;
    const poss = apos === 39 || apos === 0x2019 ? POSSESSIVE.exec(tok) : null;
    if (poss) {
      if (count + 2 > scratchStarts.length) grow();
      tokens.push(poss[1]);
      scratchStarts[count] = start;
      scratchEnds[count] = start + poss[1].length;
      scratchBreaks[count++] = lineBreak;
      lineBreak = 0;
      start += poss[1].length;
      tok = poss[2];
    }
    if (count + 1 > scratchStarts.length) grow();
    tokens.push(tok);
    scratchStarts[count] = start;
    scratchEnds[count] = end;
    scratchBreaks[count++] = lineBreak;
    lineBreak = 0;
    p = end;
  }
  const sentenceStart = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    if (i === 0 || scratchBreaks[i]) sentenceStart[i] = 1;
    else {
      const prev = tokens[i - 1];
      const c = prev.length === 1 ? prev.charCodeAt(0) : 0;
      if ((c === 46 || c === 33 || c === 63) && SENTENCE_OPENER.test(tokens[i])) sentenceStart[i] = 1;
    }
  }
  return {
    tokens,
    starts: scratchStarts.slice(0, count),
    ends: scratchEnds.slice(0, count),
    sentenceStart,
  };
}
