/**
 * Flat word tokens for the actors stage: parallel arrays of offsets and lookup keys, no object per token.
 * Keys fold case, diacritics and the dots of initialisms ("U.S." → "us", "Élysée" → "elysee") so one
 * Map lookup finds a name however it is written; the raw text stays available for case checks.
 */

/**
 * A word: an initialism with dots ("U.S."; "R.Politik" is two words), or letters/digits/marks joined by
 * apostrophes ("N'Djamena", "d'Orsay"). Hyphens split words but are remembered (`HYPHEN_BEFORE`), so
 * "American-born" is "American" + "born" and callers can refuse a demonym glued to "-born".
 * A possessive 's is cut off the token and flagged (`POSS`): "Russia's" → "Russia".
 */
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
  /** Offsets of each word. */
  start: Int32Array;
  end: Int32Array;
  key: string[];
  flags: Uint8Array;
  /** Sentence number of each token, counted from 0 within the paragraph. */
  sentence: Int32Array;
}

/**
 * Typed arrays for one article, cut as views from a few large per-process buffers. A typed array of
 * more than a few dozen bytes gets its own off-heap buffer in V8 (a malloc and GC bookkeeping each);
 * the actors stage needs about ten per paragraph, so it takes views of a slab instead. `reset` starts a
 * new article: views handed out before it are overwritten, so nothing cut from a slab may outlive the
 * call that reset it. Views come zero-filled.
 * @example const slab = new Slab(); slab.reset(); const covered = slab.uint8(12);
 */
export class Slab {
  private i32 = new Int32Array(SLAB_START);
  private u8 = new Uint8Array(SLAB_START);
  private used32 = 0;
  private used8 = 0;

  reset(): void {
    this.used32 = 0;
    this.used8 = 0;
  }

  int32(n: number): Int32Array {
    if (this.used32 + n > this.i32.length) {
      // Views already handed out keep the old buffer alive; new ones come from a bigger one.
      this.i32 = new Int32Array(Math.max(this.i32.length * 2, n));
      this.used32 = 0;
    }
    const v = this.i32.subarray(this.used32, this.used32 + n);
    this.used32 += n;
    v.fill(0);
    return v;
  }

  uint8(n: number): Uint8Array {
    if (this.used8 + n > this.u8.length) {
      this.u8 = new Uint8Array(Math.max(this.u8.length * 2, n));
      this.used8 = 0;
    }
    const v = this.u8.subarray(this.used8, this.used8 + n);
    this.used8 += n;
    v.fill(0);
    return v;
  }
}
/** First size of a slab's buffers, in elements: a long article fits without growing. */
const SLAB_START = 1 << 16;

/** Scan buffers reused by every tokenize call (sized for the longest paragraph seen): copied out at the end. */
let scanStart = new Int32Array(1024);
let scanEnd = new Int32Array(1024);
let scanFlags = new Uint8Array(1024);

/**
 * Folds a surface to its lookup key.
 * @example foldKey("Élysée") // "elysee"; foldKey("U.S.") // "us"
 */
export function foldKey(surface: string): string {
  // Fast path: plain ASCII needs no Unicode normalisation (most tokens in English news).
  let ascii = true;
  let dots = false;
  for (let i = 0; i < surface.length; i++) {
    const c = surface.charCodeAt(i);
    if (c > 127) {
      ascii = false;
      break;
    }
    if (c === 46) dots = true;
  }
  if (ascii) return dots ? surface.replace(DOTS, "").toLowerCase() : surface.toLowerCase();
  return surface.normalize("NFD").replace(MARKS, "").replace(DOTS, "").toLowerCase();
}

/** Character classes for the scanner, one byte per UTF-16 code unit, built once at load. */
const WORDCHAR = 1;
const UPPER = 2;
const LOWER = 4;
const CLASS = buildClasses();
function buildClasses(): Uint8Array {
  const table = new Uint8Array(65536 + 1); // the extra slot answers charCodeAt past the end (NaN → 0)
  const word = /[\p{L}\p{N}\p{M}]/u;
  const upper = /\p{Lu}/u;
  const lower = /\p{Ll}/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves: astral letters are not names we know
    const ch = String.fromCharCode(c);
    if (c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : word.test(ch))
      table[c] |= WORDCHAR;
    if (c < 128 ? c >= 65 && c <= 90 : upper.test(ch)) table[c] |= UPPER;
    if (c < 128 ? c >= 97 && c <= 122 : lower.test(ch)) table[c] |= LOWER;
  }
  return table;
}

/** "ll", "re", "ve", "d", "m", "t" right after an apostrophe and ending the word: a contraction. */
function isContraction(text: string, at: number): boolean {
  const a = text.charCodeAt(at) | 32;
  const b = text.charCodeAt(at + 1) | 32;
  // No closure here: this runs for every apostrophe inside a word.
  if ((a === 108 && b === 108) || (a === 114 && b === 101) || (a === 118 && b === 101))
    return !(CLASS[text.charCodeAt(at + 2)] & WORDCHAR); // ll re ve
  if (a === 100 || a === 109 || a === 116) return !(CLASS[text.charCodeAt(at + 1)] & WORDCHAR); // d m t
  return false;
}

/** A sentence ends between two tokens when the gap holds . ! or ?, and is not a dash-joined "-". */
function endsSentence(text: string, from: number, to: number): boolean {
  let mark = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63) mark = true;
    else if (c === 45 && !mark) return false;
  }
  return mark;
}

/** Abbreviations whose final dot does not end a sentence ("Mr. Putin"). */
const NON_FINAL = new Set([
  "mr",
  "ms",
  "mrs",
  "dr",
  "gen",
  "lt",
  "col",
  "adm",
  "sen",
  "rep",
  "gov",
  "st",
  "prof",
  "sgt",
  "capt",
  "maj",
  "no",
  "vs",
  "jr",
  "sr",
]);

/**
 * Tokenises one paragraph. `sentenceStarts` (offsets, ascending) come from the nlp stage when it ran;
 * otherwise sentences are guessed: a ., ! or ? (with optional closing quote) followed by an upper-case
 * word, also without a space ("minister.She" in badly joined text), unless the word before is an
 * abbreviation like "Mr" or a single initial. Known failure: a sentence ending in "U.S." does not split
 * (the dot belongs to the initialism), and "Gen. Smith" style abbreviations missing from NON_FINAL split.
 * @example tokenize("Mr. Putin met Xi.").key // ["mr", "putin", "met", "xi"]
 */
export function tokenize(text: string, sentenceStarts?: number[], slab?: Slab): Tokens {
  const n = text.length;
  // Words are separated by at least one other character, so a paragraph holds at most n/2 + 1 of them:
  // the scan buffers grow to that once, then are filled in place (no per-token object).
  const cap = (n >> 1) + 2;
  if (scanStart.length < cap) {
    scanStart = new Int32Array(cap);
    scanEnd = new Int32Array(cap);
    scanFlags = new Uint8Array(cap);
  }
  const sStart = scanStart;
  const sEnd = scanEnd;
  const sFlags = scanFlags;
  const key: string[] = [];
  let count = 0;
  let i = 0;
  // A hand-written scanner instead of a regex: no match object per token (this runs on every word).
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!(CLASS[c] & WORDCHAR)) {
      i++;
      continue;
    }
    const from = i;
    let f = 0;
    let to: number;
    // Case and script seen while scanning, so the key needs no second pass in the common cases.
    let upper = 0;
    let lower = 0;
    let nonAscii = 0;
    if (
      CLASS[c] & UPPER &&
      text.charCodeAt(i + 1) === 46 &&
      CLASS[text.charCodeAt(i + 2)] & UPPER &&
      text.charCodeAt(i + 3) === 46
    ) {
      // Initialism with dots: "U.S.", "U.K.", "U.S.A."
      to = i + 4;
      while (CLASS[text.charCodeAt(to)] & UPPER && text.charCodeAt(to + 1) === 46) to += 2;
      i = to;
      upper = 2;
      nonAscii = 1; // take the slow path, which drops the dots
    } else {
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i);
          const cls = CLASS[d];
          if (!(cls & WORDCHAR)) break;
          if (cls & UPPER) upper++;
          else if (cls & LOWER) lower++;
          if (d > 127) nonAscii++;
          i++;
        }
        const q = text.charCodeAt(i);
        // Apostrophe inside a word: "N'Djamena", "Russia's" (possessive split off below); a contraction
        // ends the word before it ("We’ll" → "We", so "we" is still a function word).
        if (
          (q === 39 || q === 8217) &&
          i + 1 < n &&
          CLASS[text.charCodeAt(i + 1)] & WORDCHAR &&
          !isContraction(text, i + 1)
        ) {
          if (q === 8217) nonAscii++;
          i++;
          continue;
        }
        break;
      }
      to = i;
      const last = text.charCodeAt(to - 1);
      if (to - from > 2 && (last === 115 || last === 83)) {
        const ap = text.charCodeAt(to - 2);
        if (ap === 39 || ap === 8217) {
          to -= 2;
          f |= POSS;
          if (ap === 8217) nonAscii--;
          if (last === 83) upper--;
          else lower--;
        }
      }
    }
    const s = text.slice(from, to);
    if (CLASS[c] & UPPER) {
      f |= CAP;
      if (lower === 0) f |= ALLCAPS;
    }
    if (from > 0 && text.charCodeAt(from - 1) === 45) f |= HYPHEN_BEFORE;
    key.push(nonAscii === 0 ? (upper === 0 ? s : s.toLowerCase()) : foldKey(s));
    sStart[count] = from;
    sEnd[count] = to;
    sFlags[count] = f;
    count++;
  }
  const start = slab ? slab.int32(count) : new Int32Array(count);
  const end = slab ? slab.int32(count) : new Int32Array(count);
  const flags = slab ? slab.uint8(count) : new Uint8Array(count);
  const sentence = slab ? slab.int32(count) : new Int32Array(count);
  start.set(sStart.subarray(0, count));
  end.set(sEnd.subarray(0, count));
  flags.set(sFlags.subarray(0, count));
  let sent = 0;
  let si = 0;
  const starts = sentenceStarts;
  for (let i = 0; i < count; i++) {
    if (starts) {
      while (si < starts.length && starts[si] <= start[i]) si++;
      sent = si > 0 ? si - 1 : 0;
    } else if (i > 0 && flags[i] & CAP && endsSentence(text, end[i - 1], start[i])) {
      const prev = key[i - 1];
      const prevIsInitial = end[i - 1] - start[i - 1] === 1 && flags[i - 1] & CAP;
      if (!(text.charCodeAt(end[i - 1]) === 46 && (NON_FINAL.has(prev) || prevIsInitial))) sent++;
    }
    sentence[i] = sent;
    if (i === 0 || sentence[i] !== sentence[i - 1]) flags[i] |= SENT_START;
  }
  return { count, start, end, key, flags, sentence };
}
