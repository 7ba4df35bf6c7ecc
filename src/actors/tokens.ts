/**
 * Flat word tokens for the actors stage: parallel arrays of offsets and lookup keys, no object per token.
 * Keys fold case, diacritics and the dots of initialisms ("U.S." → "us", "Élysée" → "elysee") so one
 * Map lookup finds a name however it is written; the raw text stays available for case checks.
 */

/**
 * A word: an initialism with dots ("U.S.", "R.Politik" stays two parts), or letters/digits joined by
 * apostrophes ("N'Djamena", "d'Orsay"). Hyphens split words but are remembered (`hyphenBefore`), so
 * "American-born" is "American" + "born" and callers can refuse a demonym glued to "-born".
 */
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** Possessive ending removed from a token's key and end ("Russia's" → "Russia"); the flag is kept. */
const POSSESSIVE = /['’]s$/u;
const MARKS = /\p{M}+/gu;
const DOTS = /\./g;

/** Flags per token, bit-packed into one byte. */
export const CAP = 1; // first letter upper case
export const ALLCAPS = 2; // no lower-case letter and at least one upper-case letter ("US", "NATO")
export const POSS = 4; // possessive 's was stripped
export const HYPHEN_BEFORE = 8; // glued to the previous token by a hyphen ("born" in "American-born")
export const SENT_START = 16; // first token of a sentence

export interface Tokens {
  count: number;
  start: number[];
  end: number[];
  key: string[];
  flags: Uint8Array;
  /** Sentence number of each token, counted from 0 within the paragraph. */
  sentence: Int32Array;
}

/**
 * Folds a surface to its lookup key.
 * @example foldKey("Élysée") // "elysee"; foldKey("U.S.") // "us"
 */
export function foldKey(surface: string): string {
  return surface.normalize("NFD").replace(MARKS, "").replace(DOTS, "").toLowerCase();
}

/** Abbreviations whose final dot does not end a sentence ("Mr. Putin"). */
const NON_FINAL = new Set(["mr", "ms", "mrs", "dr", "gen", "lt", "col", "adm", "sen", "rep", "gov", "st", "prof", "sgt", "capt", "maj", "no", "vs", "jr", "sr"]);

/**
 * Tokenises one paragraph. `sentenceStarts` (offsets, ascending) come from the nlp stage when it ran;
 * otherwise sentences are guessed: a ., ! or ? (with optional closing quote) followed by an upper-case
 * word, also without a space ("minister.She" in badly joined text), unless the word before is an
 * abbreviation like "Mr" or a single initial. Known failure: a sentence ending in "U.S." does not split
 * (the dot belongs to the initialism), and "Gen. Smith" style abbreviations missing from NON_FINAL split.
 * @example tokenize("Mr. Putin met Xi.").key // ["mr", "putin", "met", "xi"]
 */
export function tokenize(text: string, sentenceStarts?: number[]): Tokens {
  const start: number[] = [];
  const end: number[] = [];
  const key: string[] = [];
  const flagList: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let s = m[0];
    let f = 0;
    if (POSSESSIVE.test(s) && s.length > 2) {
      s = s.slice(0, -2);
      f |= POSS;
    }
    const first = s.charCodeAt(0);
    const ch = s[0];
    if (ch !== ch.toLowerCase() || (first >= 65 && first <= 90)) f |= CAP;
    if (s !== s.toLowerCase() && s === s.toUpperCase()) f |= ALLCAPS;
    if (m.index > 0 && text[m.index - 1] === "-") f |= HYPHEN_BEFORE;
    start.push(m.index);
    end.push(m.index + s.length);
    key.push(foldKey(s));
    flagList.push(f);
  }
  const count = start.length;
  const flags = Uint8Array.from(flagList);
  const sentence = new Int32Array(count);
  let sent = 0;
  let si = 0;
  const starts = sentenceStarts;
  for (let i = 0; i < count; i++) {
    if (starts) {
      while (si < starts.length && starts[si] <= start[i]) si++;
      sent = si > 0 ? si - 1 : 0;
    } else if (i > 0 && flags[i] & CAP) {
      const gap = text.slice(end[i - 1], start[i]);
      if (/[.!?]/.test(gap) && !/^[.]?\s*-/.test(gap)) {
        const prev = key[i - 1];
        const prevIsInitial = end[i - 1] - start[i - 1] === 1 && flags[i - 1] & CAP;
        if (!(gap.startsWith(".") && (NON_FINAL.has(prev) || prevIsInitial))) sent++;
      }
    }
    sentence[i] = sent;
    if (i === 0 || sentence[i] !== sentence[i - 1]) flags[i] |= SENT_START;
  }
  return { count, start, end, key, flags, sentence };
}
