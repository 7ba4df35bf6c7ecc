/**
 * Word tokens of the article's paragraphs: the nlp layer's one tokenisation for the stages after it
 * (the actors stage reads them; see paragraphTokens). Flat parallel arrays of offsets, flags and lookup
 * keys, no object per token. Keys fold case, diacritics and the dots of initialisms ("U.S." → "us",
 * "Élysée" → "elysee") so one Map lookup finds a name however it is written; the raw text stays
 * available for case checks.
 *
 * A word is an initialism with dots ("U.S."; "R.Politik" is two words), or letters/digits/marks joined by
 * apostrophes ("N'Djamena", "d'Orsay"). Hyphens split words but are remembered (`HYPHEN_BEFORE`), so
 * "American-born" is "American" + "born" and callers can refuse a demonym glued to "-born". A possessive
 * 's is cut off the token and flagged (`POSS`): "Russia's" → "Russia"; a contraction ends the word before
 * it ("We’ll" → "We").
 */
import type { ArticleRecord, Paragraph } from "../record.ts";

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
 * Index of the first value at or after `value` in an ascending array (binary search; `length` when none):
 * the token starting at, or first after, a character offset, whichever tokenizer cut the starts.
 * @example firstAtOrAfter(Int32Array.of(0, 3, 8), 3) // 1; firstAtOrAfter([0, 3, 8], 4) // 2
 */
export function firstAtOrAfter(sorted: ArrayLike<number>, value: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** V8 makes slices of at least this many characters views into their parent string; shorter ones are copies. */
const SLICE_VIEW_MIN = 13;
/**
 * A string equal to `s` that keeps no longer string alive: a slice of 13 or more characters is a view into
 * its parent (a whole article), so a long-lived cache keyed by it would hold every article it ever saw.
 * @example ownString(article.slice(10, 40)) // same characters, its own memory
 */
export function ownString(s: string): string {
  return s.length >= SLICE_VIEW_MIN ? ` ${s}`.slice(1) : s;
}

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
  const table = new Uint8Array(65536);
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

/** Class of the code unit at `i`, 0 past the end (never an out-of-range typed-array read). */
function classAt(text: string, i: number): number {
  return i < text.length ? CLASS[text.charCodeAt(i)] : 0;
}

/** "ll", "re", "ve", "d", "m", "t" right after an apostrophe and ending the word: a contraction. */
function isContraction(text: string, at: number): boolean {
  const a = text.charCodeAt(at) | 32;
  const b = text.charCodeAt(at + 1) | 32;
  if ((a === 108 && b === 108) || (a === 114 && b === 101) || (a === 118 && b === 101))
    return !(classAt(text, at + 2) & WORDCHAR); // ll re ve
  if (a === 100 || a === 109 || a === 116) return !(classAt(text, at + 1) & WORDCHAR); // d m t
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

/** Abbreviations whose final dot does not end a sentence ("Mr. Putin"), for the guessed split. */
const NON_FINAL = new Set(
  "mr ms mrs dr gen lt col adm sen rep gov st prof sgt capt maj no vs jr sr".split(" "),
);

/** Scan buffers reused by every call (sized for the longest paragraph seen): copied out at the end. */
let scanStart = new Int32Array(1024);
let scanEnd = new Int32Array(1024);
let scanFlags = new Uint8Array(1024);

/**
 * Tokenises one paragraph. `sentenceStarts` (offsets, ascending) come from the nlp stage's sentence
 * split; without them sentences are guessed: a ., ! or ? followed by an upper-case word, also without a
 * space ("minister.She" in badly joined text), unless the word before is an abbreviation like "Mr" or a
 * single initial. Known failure: a sentence ending in "U.S." does not split (the dot belongs to the
 * initialism).
 * @example tokenize("Mr. Putin met Xi.").key // ["mr", "putin", "met", "xi"]
 */
export function tokenize(text: string, sentenceStarts?: readonly number[]): Tokens {
  const n = text.length;
  // Words are separated by at least one other character, so a paragraph holds at most n/2 + 1 of them.
  const cap = (n >> 1) + 2;
  if (scanStart.length < cap) {
    scanStart = new Int32Array(cap);
    scanEnd = new Int32Array(cap);
    scanFlags = new Uint8Array(cap);
  }
  const sStart = scanStart;
  const sEnd = scanEnd;
  const sFlags = scanFlags;
  // Lower-cased once per paragraph: plain-ASCII keys are slices of it. Lower-casing never shortens a
  // string; when it lengthens one ("İ"), offsets no longer line up and each key is lower-cased alone.
  const lowered = text.toLowerCase();
  const aligned = lowered.length === n;
  const key: string[] = [];
  let count = 0;
  let i = 0;
  // A hand-written scanner instead of a regex: no match object per token (this runs on every word).
  while (i < n) {
    const c = text.charCodeAt(i);
    const first = CLASS[c];
    if (!(first & WORDCHAR)) {
      i++;
      continue;
    }
    const from = i;
    let f = 0;
    let to: number;
    let plain = true; // ASCII letters and digits only: the key is a slice of `lowered`
    if (
      first & UPPER &&
      text.charCodeAt(i + 1) === 46 &&
      classAt(text, i + 2) & UPPER &&
      text.charCodeAt(i + 3) === 46
    ) {
      // Initialism with dots: "U.S.", "U.K.", "U.S.A."
      to = i + 4;
      while (classAt(text, to) & UPPER && text.charCodeAt(to + 1) === 46) to += 2;
      i = to;
      plain = false; // foldKey drops the dots
    } else {
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i);
          if (!(CLASS[d] & WORDCHAR)) break;
          if (d > 127) plain = false;
          i++;
        }
        // Apostrophe inside a word: "N'Djamena", "Russia's" (possessive split off below); a contraction
        // ends the word before it ("We’ll" → "We", so "we" is still a function word).
        const q = i < n ? text.charCodeAt(i) : 0;
        if ((q === 39 || q === 8217) && classAt(text, i + 1) & WORDCHAR && !isContraction(text, i + 1)) {
          if (q === 8217) plain = false;
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
          // A curly apostrophe inside the rest of the word still needs the slow key; re-check cheaply.
          if (ap === 8217 && !plain) plain = !hasNonAscii(text, from, to);
        }
      }
    }
    if (first & UPPER) {
      f |= CAP;
      let lowerSeen = false;
      for (let k = from + 1; k < to && !lowerSeen; k++) lowerSeen = (CLASS[text.charCodeAt(k)] & LOWER) !== 0;
      if (!lowerSeen) f |= ALLCAPS;
    }
    if (from > 0 && text.charCodeAt(from - 1) === 45) f |= HYPHEN_BEFORE;
    key.push(
      plain
        ? aligned
          ? lowered.slice(from, to)
          : text.slice(from, to).toLowerCase()
        : foldKey(text.slice(from, to)),
    );
    sStart[count] = from;
    sEnd[count] = to;
    sFlags[count] = f;
    count++;
  }
  const start = sStart.slice(0, count);
  const end = sEnd.slice(0, count);
  const flags = sFlags.slice(0, count);
  const sentence = new Int32Array(count);
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

function hasNonAscii(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) > 127) return true;
  return false;
}

/** Where a paragraph keeps its tokens: a non-enumerable symbol property, so JSON and equality ignore it. */
const TOKENS = Symbol("sitrep.tokens");
interface Cached {
  text: string;
  starts: readonly number[] | undefined;
  tokens: Tokens;
}

/**
 * The word tokens of one paragraph, cut at its sentence starts: the nlp stage's when it ran in this
 * process (kept on the paragraph object, invisible to JSON, so the record stays plain data), else made
 * now and kept for the next stage. A paragraph read back from JSON is simply tokenised again.
 * @example paragraphTokens(record.paragraphs[0], [0]).key // ["mr", "putin", "met", "xi"]
 */
export function paragraphTokens(para: Paragraph, starts: readonly number[] | undefined): Tokens {
  const hit = (para as { [TOKENS]?: Cached })[TOKENS];
  if (hit && hit.text === para.text && sameStarts(hit.starts, starts)) return hit.tokens;
  const tokens = tokenize(para.text, starts);
  const entry: Cached = { text: para.text, starts, tokens };
  if (hit) (para as { [TOKENS]?: Cached })[TOKENS] = entry;
  else if (Object.isExtensible(para))
    Object.defineProperty(para, TOKENS, { value: entry, writable: true, enumerable: false });
  return tokens;
}

/** Sentence start offsets per paragraph index, from `record.sentences` (empty map when absent). */
export function sentenceStartsByParagraph(record: ArticleRecord): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const s of record.sentences ?? []) {
    const list = out.get(s.paragraph);
    if (list) list.push(s.start);
    else out.set(s.paragraph, [s.start]);
  }
  return out;
}

function sameStarts(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Tokenises every paragraph of a record (the nlp stage's last step), so later stages find them ready. */
export function tokenizeRecord(record: ArticleRecord): void {
  const starts = sentenceStartsByParagraph(record);
  for (const p of record.paragraphs) paragraphTokens(p, starts.get(p.index));
}
