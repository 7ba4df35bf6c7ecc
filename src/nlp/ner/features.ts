/**
 * Feature extraction for the entity recogniser, shared by training (scripts/train-ner.ts) and run time so
 * both see exactly the same features. Features are 32-bit hashes (template id mixed with value hashes), not
 * strings: no feature dictionary is stored and nothing is allocated per token except the flat output arrays.
 *
 * Three kinds of feature:
 *  - word-local (the word, lower case, shape, affixes, flags, lexicon) — cached per distinct word string;
 *  - context in the sentence (±2 words and shapes, bigrams, sentence start, all-caps headline);
 *  - document-level: for a capitalised word, what surrounds its OTHER occurrences in the same document
 *    ("Clinton" after "Bill Clinton" or "Mr Clinton" earlier), whether it also occurs in lower case, and
 *    whether a sentence-initial word also occurs capitalised mid-sentence.
 * Known failure cases: a document that mixes two people with one surname shares their context features;
 * one-word documents get no document evidence.
 */

import { ownString } from "../word-tokens.ts";
import type { Lexicon } from "./lexicon.ts";

// Template ids: any distinct small integers; changing one changes every hash, so a model records FEATURE_VERSION.
const T_BIAS = 1;
const T_WORD = 2;
const T_LOWER = 3;
const T_SHAPE = 4;
const T_SSHAPE = 5;
const T_PRE = 10; // + length 1..4
const T_SUF = 20; // + length 1..4
const T_FLAG = 30; // + flag index
const T_LEN = 40;
const T_CTX_LOWER = 50; // + offset index (0..4)
const T_CTX_SSHAPE = 60; // + offset index
const T_BI_L = 70;
const T_BI_R = 71;
const T_SH_TRI = 72;
const T_SH_BI_L = 73;
const T_SH_BI_R = 74;
const T_FIRST_SSHAPE = 75;
const T_FIRST_LOWER = 76;
const T_CAPS_SENT = 77;
const T_CAPS_SENT_LOWER = 78;
const T_LOWER_NSHAPE = 79;
const T_PSHAPE_LOWER = 80;
const T_CTX_SUF3 = 81; // + offset index
const T_LEX_SPAN = 90; // lexicon match; value = type*3 + (0 whole, 1 first, 2 later token) + 1
const T_RUN_LAST = 91; // capitalised run: lower-case last word
const T_RUN_FIRST = 92; // capitalised run: lower-case first word
const T_RUN_SHAPE = 93; // capitalised run: length and position, capped
const T_D_PREV = 100;
const T_D_NEXT = 101;
const T_D_LOWER_SEEN = 102;
const T_D_CAP_MIDSENT = 103;
const T_D_LONG_L = 104;
const T_D_LONG_R = 105;
const T_D_ALONE = 106;
const T_D_LONG_L_W = 107;
const T_D_LONG_R_W = 108;
const T_HIST = 110; // type predicted for earlier occurrences: value = slot*4 + share bucket
const T_HIST_MAJ = 111; // majority type predicted for earlier occurrences

/** Bumped whenever a template or hash changes; the model file must carry the same number. */
export const FEATURE_VERSION = 7;

/** Most other occurrences of a word that feed document features: bounds the work on long repetitive docs. */
const MAX_DOC_OCCURRENCES = 8;
/** Word-info cache is dropped when it grows past this many distinct words (long-running servers). */
const WORD_CACHE_LIMIT = 100_000;
/** A sentence counts as an all-caps headline when it has at least this many letter tokens, all upper case. */
const CAPS_SENT_MIN_WORDS = 2;
/**
 * Slots of the direct-mapped front cache before the word cache (a power of two). A word found here costs a
 * cheap slot hash and one comparison; a word that misses it goes to the Map, which must hash the fresh
 * token string and probe a table of up to WORD_CACHE_LIMIT entries. Its size is a trade between hits and
 * its own footprint in the CPU cache: while the model's weight table was 2 MB and the actors stage sent
 * the model longer windows, 131,072 slots (a megabyte of references) were fastest; with the 512 kB table
 * and short windows, same-process A/Bs of the actors stage against 65,536 slots gave −7.0 and −4.5 points
 * of stage share for 16,384, −8.3 and −7.8 for 8,192, −14.6 and −4.3 for 4,096. The output is the same
 * at any size.
 */
const FRONT_SLOTS = 1 << 13;
/** Capitalised runs longer than this count as this long in the run-shape feature. */
const RUN_LEN_CAP = 4;
/** A sentence of at least this many letter tokens, this share of them capitalised, is a title-case headline. */
const TITLE_SENT_MIN_WORDS = 4;
const TITLE_SENT_SHARE = 0.8;
const TITLE_SENT_MIN_CUES = 2;
/** Shape runs longer than this are cut ("Xxxxxxxx" → "Xxxx"), so long words share a shape. */
const SHAPE_RUN_CAP = 3;
/**
 * Fast path: tokens farther than this from any name candidate (same sentence) are not scored and are tagged O.
 * A scored token keeps all its features (they read the ±2 words, scored or not), and each scored stretch is
 * decoded exactly given O on both sides; what the window can change is only a plain word the exhaustive
 * decoder would have put in a name. With 1 (and name particles as candidates) the fast and exhaustive tags
 * agree on CoNLL dev and on all but a handful of tokens in 1,000 news articles (scripts/bench-ner.ts --compare);
 * the misses are lower-case names two words from any capital ("the interior ministry").
 */
export const CANDIDATE_WINDOW = 1;

const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;
const ALL_PUNCT = /^[^\p{L}\p{N}]+$/u;

/**
 * 32-bit FNV-1a of a string: the value hash of every string feature.
 * @example hashString("kyiv") // a signed 32-bit integer, the same on every run
 */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** hashString of s.slice(from, to), without making the slice. */
function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Whether a string holds a surrogate pair half (an astral character), where code units are not characters. */
function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Mixes a value hash into a running hash (murmur3 finaliser over a xor); template ids go first.
 * @example mix(mix(T_BI_L, hashString("mr.")), hashString("smith")) // the bigram feature "mr. smith"
 */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x27d4eb2d, 0x165667b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const H_BOS = hashString("<s>");
const H_EOS = hashString("</s>");

/** Per distinct word string: its word-local feature hashes and the values context features reuse. */
export interface WordInfo {
  local: Int32Array;
  /** The word itself, as the cache keys it (a flat copy: a slice would keep its whole article alive). */
  word: string;
  /**
   * Dense index of this word in the extractor's cache (0, 1, 2, … until the cache is cleared, see
   * FeatureExtractor.generation): the tagger keeps the word's scores in one flat table at this row, since
   * word-local features are the same at every occurrence and are looked up once per distinct word.
   */
  row: number;
  lowerStr: string;
  lower: number;
  sshape: number;
  suf3: number;
  /** 0 = not capitalised, 1 = initial capital, 2 = all capitals (2+ letters). */
  cap: number;
  /** Has letters and all of them lower case. */
  isLowerWord: boolean;
  hasLetter: boolean;
  /**
   * Could be (part of) a name on its own evidence: any upper-case letter ("Kyiv", "iPhone", "NATO"),
   * letters of a script without case (Arabic, Chinese), where case tells nothing, or a name particle ("van").
   */
  candidate: boolean;
  /** Capitalised form of a common word ("The", "But"): no name evidence when it opens a sentence. */
  plainStart: boolean;
  /** Some lexicon entry begins with this word (lower case). */
  lexStart: boolean;
  /** The info of this word's lower-case form (itself when already lower case); set on first need. */
  lowerInfo: WordInfo | null;
  /** Number of the last document (FeatureExtractor call) in which the word occurred in lower case. */
  lowerSeenIn: number;
}

/** The shape character of one character (see shapeOf). */
function shapeChar(ch: string): string {
  if (ch >= "0" && ch <= "9") return "d";
  if (ch !== ch.toLowerCase()) return "X";
  if (ch !== ch.toUpperCase()) return "x";
  return HAS_DIGIT.test(ch) ? "d" : ch;
}
/** shapeChar of every ASCII character, by code: most words are plain ASCII, and need no case mapping. */
const ASCII_SHAPE = Array.from({ length: 128 }, (_, code) => shapeChar(String.fromCharCode(code)));

/** Word shape: X for upper, x for lower, d for digit, other characters as they are; runs cut or collapsed. */
function shapeOf(word: string, runCap: number): string {
  let out = "";
  let last = "";
  let run = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    const c = code < 128 ? ASCII_SHAPE[code] : shapeChar(ch);
    if (c === last) run++;
    else {
      last = c;
      run = 1;
    }
    if (run <= runCap) out += c;
  }
  return out;
}

/**
 * Maps curly quotes, apostrophes and dashes to the plain ones the training data uses.
 * @example normaliseToken("’s") // "'s"
 */
export function normaliseToken(token: string): string {
  let t = token;
  if (t.length === 1) {
    const c = t.charCodeAt(0);
    if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return '"';
    if (c === 0x2018 || c === 0x2019) return "'";
    if (c === 0x2013 || c === 0x2014) return "-";
    return t;
  }
  if (t.indexOf("\u2019") >= 0 || t.indexOf("\u2018") >= 0) t = t.replace(/[\u2018\u2019]/g, "'");
  return t;
}

/** Neighbour offsets whose single-word features neighbourFeatures() gives, in ctxScores order. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

/**
 * Features token i gets from the single word at i + offset (offset in NEIGHBOUR_OFFSETS), or from the
 * sentence boundary when `word` is null. Together with `local` these are exactly the features extract()
 * leaves out when withLocal is false.
 * @example neighbourFeatures(null, -1) // [ctx-lower=<s>, ctx-shape=<s>] hashes
 */
export function neighbourFeatures(word: WordInfo | null, offset: number): number[] {
  const slot = offset + 2;
  if (word === null) {
    const h = offset < 0 ? H_BOS : H_EOS;
    return [mix(T_CTX_LOWER + slot, h), mix(T_CTX_SSHAPE + slot, h)];
  }
  const out = [mix(T_CTX_LOWER + slot, word.lower), mix(T_CTX_SSHAPE + slot, word.sshape)];
  if (offset === -1) out.push(mix(T_CTX_SUF3 + 1, word.suf3));
  if (offset === 1) out.push(mix(T_CTX_SUF3 + 3, word.suf3));
  return out;
}

/** Extracts features per word and per document; holds the word cache and reusable output buffers. */
export class FeatureExtractor {
  private readonly cache = new Map<string, WordInfo>();
  private feats = new Int32Array(1 << 16);
  private offsets = new Int32Array(1 << 10);
  private infos: WordInfo[] = [];
  private keys: (string | null)[] = [];
  private rows = new Int32Array(1 << 10);
  private scratch32 = new Int32Array(1 << 12);
  private scratch8 = new Uint8Array(1 << 10);
  /** Front cache: one word's info per slot (its `word` says which word), one array read per lookup. */
  private readonly front: (WordInfo | undefined)[] = new Array(FRONT_SLOTS).fill(undefined);
  /** Bumped each time the word cache is cleared (rows are then reused by other words). */
  generation = 0;
  /** Rows handed out so far in this generation. */
  get rowCount(): number {
    return this.cache.size;
  }
  private active = new Uint8Array(1 << 10);
  /** Counts extract() calls: WordInfo.lowerSeenIn compares against it instead of a per-document Set. */
  private docNo = 0;

  constructor(private readonly lexicon: Lexicon) {}

  private wordInfo(word: string): WordInfo {
    const hit = this.cache.get(word);
    if (hit) return hit;
    // Flatten the key: a token sliced from a long text may share the text's memory.
    const own = ownString(word);
    const lowerStr = own.toLowerCase();
    const hasLetter = HAS_LETTER.test(word);
    const isLowerWord = hasLetter && lowerStr === word;
    const upper = word.toUpperCase();
    const first = word[0] ?? "";
    let cap = 0;
    if (hasLetter && word === upper && word.length > 1 && first !== first.toLowerCase()) cap = 2;
    else if (first !== first.toLowerCase()) cap = 1;
    const shape = shapeOf(word, SHAPE_RUN_CAP);
    const sshapeStr = shapeOf(word, 1);
    const lower = hashString(lowerStr);
    const sshape = hashString(sshapeStr);
    const local: number[] = [
      mix(T_BIAS, 0),
      mix(T_WORD, hashString(word)),
      mix(T_LOWER, lower),
      mix(T_SHAPE, hashString(shape)),
      mix(T_SSHAPE, sshape),
      mix(T_LEN, Math.min(word.length, 12)),
    ];
    // Prefixes and suffixes of 1–4 characters, hashed in place when code units are characters.
    const chars = hasSurrogate(word) ? Array.from(word) : null;
    const length = chars ? chars.length : word.length;
    for (let n = 1; n <= 4 && n <= length; n++) {
      if (chars) {
        local.push(mix(T_PRE + n, hashString(chars.slice(0, n).join(""))));
        local.push(mix(T_SUF + n, hashString(chars.slice(length - n).join(""))));
      } else {
        local.push(mix(T_PRE + n, hashRange(word, 0, n)));
        local.push(mix(T_SUF + n, hashRange(word, length - n, length)));
      }
    }
    const flags = [
      cap === 2,
      cap === 1,
      HAS_DIGIT.test(word),
      word.includes("-"),
      word.includes("."),
      word.includes("'"),
      ALL_PUNCT.test(word),
      hasLetter && HAS_DIGIT.test(word),
    ];
    for (let f = 0; f < flags.length; f++) if (flags[f]) local.push(mix(T_FLAG + f, 1));
    const suf3 = hashString(
      (chars
        ? chars.slice(Math.max(0, length - 3)).join("")
        : word.slice(Math.max(0, length - 3))
      ).toLowerCase(),
    );
    const info: WordInfo = {
      row: this.cache.size,
      word: own,
      local: Int32Array.from(local),
      lowerStr,
      lower,
      sshape,
      suf3,
      cap,
      isLowerWord,
      hasLetter,
      candidate: hasLetter && (!isLowerWord || upper === word || this.lexicon.nameParticles.has(lowerStr)),
      plainStart: cap === 1 && this.lexicon.plainSentenceStarts.has(lowerStr),
      lexStart: this.lexicon.startsEntry(lowerStr),
      lowerInfo: null,
      lowerSeenIn: -1,
    };
    if (lowerStr === word) info.lowerInfo = info;
    this.cache.set(own, info);
    return info;
  }

  /**
   * wordInfo through the front cache. The slot comes from the length and three characters: cheap, and
   * good enough to spread the frequent words.
   */
  private lookup(word: string): WordInfo {
    const len = word.length;
    let h = Math.imul(len, 0x9e3779b1) ^ word.charCodeAt(0);
    if (len > 1) h = Math.imul(h, 0x85ebca6b) ^ word.charCodeAt(len - 1) ^ (word.charCodeAt(len >> 1) << 8);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const slot = (h ^ (h >>> 16)) & (FRONT_SLOTS - 1);
    const hit = this.front[slot];
    if (hit !== undefined && hit.word === word) return hit;
    const info = this.wordInfo(word);
    this.front[slot] = info;
    return info;
  }

  /** The info of a word's lower-case form, linked on first need. */
  private lowerOf(w: WordInfo): WordInfo {
    const low = this.wordInfo(w.lowerStr);
    w.lowerInfo = low;
    return low;
  }

  private push(count: number, value: number): number {
    if (count >= this.feats.length) {
      const grown = new Int32Array(this.feats.length * 2);
      grown.set(this.feats);
      this.feats = grown;
    }
    this.feats[count] = value;
    return count + 1;
  }

  /**
   * Features of one document. `tokens` is the whole document flattened; `sentenceStart[i]` is 1 where a
   * sentence begins (index 0 always does). Returns views into reusable buffers — copy them to keep them.
   * Features of token i are feats[offsets[i] .. offsets[i+1]). With `withLocal` false the features that
   * depend on one word only are left out — the word's own (`words[i].local`) and each single neighbour's
   * (neighbourFeatures) — so a tagger can add them as scores cached per distinct word.
   * With `focus` (fast path only), only the scored stretches holding a focus token are kept: the caller asks
   * about a few names and the rest of the text is context.
   * @example fx.extract(["Angela","Merkel","spoke"], Uint8Array.of(1,0,0)).offsets.length // 4
   */
  extract(
    tokens: readonly string[],
    sentenceStart: ArrayLike<number>,
    withLocal = true,
    window = -1,
    focus: ArrayLike<number> | null = null,
  ): {
    feats: Int32Array;
    offsets: Int32Array;
    keys: (string | null)[];
    words: readonly WordInfo[];
    active: Uint8Array | null;
    rows: Int32Array;
  } {
    const n = tokens.length;
    // Dropped only between documents: infos of one document link to each other (lowerInfo).
    if (this.cache.size >= WORD_CACHE_LIMIT) {
      this.cache.clear();
      this.front.fill(undefined);
      this.generation++;
    }
    if (this.offsets.length < n + 1) this.offsets = new Int32Array(Math.max(n + 1, this.offsets.length * 2));
    const infos = this.infos;
    infos.length = n;
    const keys = this.keys;
    keys.length = n;
    for (let i = 0; i < n; i++) {
      const w = this.lookup(normaliseToken(tokens[i]));
      infos[i] = w;
      keys[i] = w.cap > 0 && w.hasLetter ? w.lowerStr : null;
    }

    // Sentence bounds: sentEnd[i] is one past the last token of i's sentence.
    // Per-token scratch as views of buffers reused across documents (fully rewritten below before use).
    if (this.scratch32.length < 4 * n)
      this.scratch32 = new Int32Array(Math.max(4 * n, 2 * this.scratch32.length));
    if (this.scratch8.length < n) this.scratch8 = new Uint8Array(Math.max(n, 2 * this.scratch8.length));
    const sentEnd = this.scratch32.subarray(0, n);
    const sentBegin = this.scratch32.subarray(n, 2 * n);
    const capsSent = this.scratch8.subarray(0, n);
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && !sentenceStart[j]) j++;
      let letters = 0;
      let capped = 0;
      let cues = 0;
      let allCaps = true;
      for (let k = i; k < j; k++) {
        const w = infos[k];
        if (!w.hasLetter) continue;
        letters++;
        if (w.cap > 0) capped++;
        if (w.cap === 1 && k > i && this.lexicon.titleCaseCues.has(w.lowerStr)) cues++;
        if (w.cap !== 2 && !(w.cap === 1 && tokens[k].length === 1)) allCaps = false;
      }
      // A Title-Case Headline carries no case evidence, like an all-caps one; the training data has the
      // latter, so title case is read as all caps. Capitalised function words ("Says", "With") tell a
      // headline from a list of names or a results table. Known failure: "The Hague And The Rest".
      if (
        !allCaps &&
        letters >= TITLE_SENT_MIN_WORDS &&
        capped >= TITLE_SENT_SHARE * letters &&
        cues >= TITLE_SENT_MIN_CUES
      ) {
        allCaps = true;
        for (let k = i; k < j; k++) {
          if (infos[k].hasLetter) infos[k] = this.wordInfo(normaliseToken(tokens[k]).toUpperCase());
        }
      }
      const caps = allCaps && letters >= CAPS_SENT_MIN_WORDS ? 1 : 0;
      for (let k = i; k < j; k++) {
        sentEnd[k] = j;
        sentBegin[k] = i;
        capsSent[k] = caps;
      }
      i = j;
    }

    // Document index: capitalised words by lower form, and the set of words seen in lower case.
    // Lower-case sightings are stamped on the word (no per-document Set: most tokens are lower case).
    const occurrences = new Map<string, number[]>();
    const doc = ++this.docNo;
    for (let i = 0; i < n; i++) {
      const w = infos[i];
      if (w.cap > 0 && w.hasLetter) {
        const list = occurrences.get(w.lowerStr);
        if (list) list.push(i);
        else occurrences.set(w.lowerStr, [i]);
      } else if (w.isLowerWord) (w.lowerInfo ?? this.lowerOf(w)).lowerSeenIn = doc;
    }

    // Lexicon matches, marked per token as type*3 + position (see Lexicon.markSpans), -1 for none.
    const lexMark = this.lexicon.markSpans(infos, sentEnd, (i) => infos[i].lexStart);

    // Fast path: only tokens within `window` of a candidate get features; the tagger labels the rest O.
    const active =
      window >= 0 ? this.activeTokens(infos, sentBegin, sentEnd, capsSent, lexMark, window, focus) : null;

    // Capitalised runs ("Brown Deer Park Golf Course"): their first and last word type the whole name.
    const runStart = this.scratch32.subarray(2 * n, 3 * n);
    const runEnd = this.scratch32.subarray(3 * n, 4 * n);
    for (let i = 0; i < n; ) {
      if (!(infos[i].cap > 0 && infos[i].hasLetter)) {
        runStart[i] = i;
        runEnd[i] = i + 1;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < sentEnd[i] && infos[j].cap > 0 && infos[j].hasLetter) j++;
      for (let k = i; k < j; k++) {
        runStart[k] = i;
        runEnd[k] = j;
      }
      i = j;
    }

    let c = 0;
    const offsets = this.offsets;
    for (let i = 0; i < n; i++) {
      offsets[i] = c;
      if (active !== null && active[i] === 0) continue;
      const w = infos[i];
      const b = sentBegin[i];
      const e = sentEnd[i];
      if (withLocal) for (let k = 0; k < w.local.length; k++) c = this.push(c, w.local[k]);
      // Neighbours inline (no closures: this loop runs per token).
      const lm2 = i - 2 >= b ? infos[i - 2].lower : H_BOS;
      const lm1 = i - 1 >= b ? infos[i - 1].lower : H_BOS;
      const lp1 = i + 1 < e ? infos[i + 1].lower : H_EOS;
      const lp2 = i + 2 < e ? infos[i + 2].lower : H_EOS;
      const sm2 = i - 2 >= b ? infos[i - 2].sshape : H_BOS;
      const sm1 = i - 1 >= b ? infos[i - 1].sshape : H_BOS;
      const sp1 = i + 1 < e ? infos[i + 1].sshape : H_EOS;
      const sp2 = i + 2 < e ? infos[i + 2].sshape : H_EOS;
      if (withLocal) {
        // One-neighbour features; the tagger adds these from neighbourFeatures() scores cached per word.
        c = this.push(c, mix(T_CTX_LOWER + 0, lm2));
        c = this.push(c, mix(T_CTX_LOWER + 1, lm1));
        c = this.push(c, mix(T_CTX_LOWER + 3, lp1));
        c = this.push(c, mix(T_CTX_LOWER + 4, lp2));
        c = this.push(c, mix(T_CTX_SSHAPE + 0, sm2));
        c = this.push(c, mix(T_CTX_SSHAPE + 1, sm1));
        c = this.push(c, mix(T_CTX_SSHAPE + 3, sp1));
        c = this.push(c, mix(T_CTX_SSHAPE + 4, sp2));
        if (i - 1 >= b) c = this.push(c, mix(T_CTX_SUF3 + 1, infos[i - 1].suf3));
        if (i + 1 < e) c = this.push(c, mix(T_CTX_SUF3 + 3, infos[i + 1].suf3));
      }
      c = this.push(c, mix(mix(T_BI_L, lm1), w.lower));
      c = this.push(c, mix(mix(T_BI_R, w.lower), lp1));
      c = this.push(c, mix(mix(mix(T_SH_TRI, sm1), w.sshape), sp1));
      c = this.push(c, mix(mix(T_SH_BI_L, sm1), w.sshape));
      c = this.push(c, mix(mix(T_SH_BI_R, w.sshape), sp1));
      c = this.push(c, mix(mix(T_LOWER_NSHAPE, w.lower), sp1));
      c = this.push(c, mix(mix(T_PSHAPE_LOWER, sm1), w.lower));
      if (i === b) {
        c = this.push(c, mix(T_FIRST_SSHAPE, w.sshape));
        c = this.push(c, mix(T_FIRST_LOWER, w.lower));
      }
      if (capsSent[i]) {
        c = this.push(c, mix(T_CAPS_SENT, 1));
        c = this.push(c, mix(T_CAPS_SENT_LOWER, w.lower));
      }
      if (w.cap > 0 && w.hasLetter && !capsSent[i]) {
        const rs = runStart[i];
        const re = runEnd[i];
        const len = Math.min(re - rs, RUN_LEN_CAP);
        c = this.push(c, mix(T_RUN_SHAPE, len * 8 + Math.min(i - rs, RUN_LEN_CAP)));
        if (re - rs > 1) {
          c = this.push(c, mix(T_RUN_LAST, infos[re - 1].lower));
          c = this.push(c, mix(T_RUN_FIRST, infos[rs].lower));
        }
      }
      const lm = lexMark[i];
      // Conjoined with capitalisation: "turkey" and "frank" in lower case are rarely the names listed.
      if (lm >= 0) c = this.push(c, mix(mix(T_LEX_SPAN, lm + 1), w.cap));

      // Document features for capitalised words.
      if (w.cap > 0 && w.hasLetter) {
        if ((w.lowerInfo ?? this.lowerOf(w)).lowerSeenIn === doc) c = this.push(c, mix(T_D_LOWER_SEEN, 1));
        const occ = occurrences.get(w.lowerStr);
        if (occ && occ.length > 1) {
          let seen = 0;
          let midSent = false;
          let longL = false;
          let longR = false;
          let alone = false;
          for (let k = 0; k < occ.length && seen < MAX_DOC_OCCURRENCES; k++) {
            const j = occ[k];
            if (j === i) continue;
            seen++;
            const jb = sentBegin[j];
            const je = sentEnd[j];
            const pl = j - 1 >= jb ? infos[j - 1].lower : H_BOS;
            const nl = j + 1 < je ? infos[j + 1].lower : H_EOS;
            if (pl !== lm1) c = this.push(c, mix(T_D_PREV, pl));
            if (nl !== lp1) c = this.push(c, mix(T_D_NEXT, nl));
            if (j > jb && !capsSent[j] && infos[j].cap === 1) midSent = true;
            const leftCap = j - 1 >= jb && infos[j - 1].cap > 0 && infos[j - 1].hasLetter && !capsSent[j];
            const rightCap = j + 1 < je && infos[j + 1].cap > 0 && infos[j + 1].hasLetter && !capsSent[j];
            if (leftCap && j - 1 > jb) {
              longL = true;
              c = this.push(c, mix(T_D_LONG_L_W, infos[j - 1].lower));
            }
            if (rightCap) {
              longR = true;
              c = this.push(c, mix(T_D_LONG_R_W, infos[j + 1].lower));
            }
            if (!leftCap && !rightCap && !capsSent[j]) alone = true;
          }
          if (midSent) c = this.push(c, mix(T_D_CAP_MIDSENT, i === b || capsSent[i] ? 1 : 2));
          if (longL) c = this.push(c, mix(T_D_LONG_L, 1));
          if (longR) c = this.push(c, mix(T_D_LONG_R, 1));
          if (alone) c = this.push(c, mix(T_D_ALONE, 1));
        }
      }
    }
    offsets[n] = c;
    if (this.rows.length < n) this.rows = new Int32Array(Math.max(n, this.rows.length * 2));
    const rows = this.rows.subarray(0, n);
    for (let i = 0; i < n; i++) rows[i] = infos[i].row;
    return {
      feats: this.feats.subarray(0, c),
      offsets: offsets.subarray(0, n + 1),
      keys,
      words: infos,
      active,
      rows,
    };
  }

  /**
   * Marks tokens within `window` (same sentence) of a name candidate: a candidate word, any token of an
   * all-caps or title-case headline, or a lexicon hit. In news most tokens are plain lower-case words far
   * from any name; those are left out. Known failure case: a lower-case name ("the euro" as MISC) far from
   * capitals is never found — the exhaustive path rarely finds those either.
   */
  private activeTokens(
    infos: readonly WordInfo[],
    sentBegin: Int32Array,
    sentEnd: Int32Array,
    capsSent: Uint8Array,
    lexMark: Int32Array,
    window: number,
    focus: ArrayLike<number> | null,
  ): Uint8Array {
    const n = infos.length;
    if (this.active.length < n) this.active = new Uint8Array(Math.max(n, this.active.length * 2));
    const active = this.active.subarray(0, n);
    active.fill(0);
    // Last index marked so far, so each token is written about once however dense the candidates.
    let marked = -1;
    for (let i = 0; i < n; i++) {
      const w = infos[i];
      if (!(w.candidate || capsSent[i] || lexMark[i] >= 0)) continue;
      // "The", "But" opening a sentence (or a quote/bracket opening it): the capital is no evidence.
      if (w.plainStart && !capsSent[i] && lexMark[i] < 0) {
        const b = sentBegin[i];
        if (i === b || (i === b + 1 && !infos[b].hasLetter)) continue;
      }
      const from = Math.max(sentBegin[i], i - window, marked + 1);
      const to = Math.min(sentEnd[i], i + window + 1);
      for (let k = from; k < to; k++) active[k] = 1;
      if (to - 1 > marked) marked = to - 1;
    }
    // A focus keeps whole stretches: each stretch of scored tokens is decoded on its own between O's, so a
    // kept stretch gets exactly the tags it gets without a focus ("Joint Chiefs of Staff" stays one name).
    if (focus !== null) {
      for (let a = 0; a < n; ) {
        if (active[a] === 0) {
          a++;
          continue;
        }
        let z = a;
        let keep = false;
        while (z < n && active[z] !== 0 && (z === a || sentBegin[z] === sentBegin[a])) {
          if (focus[z] !== 0) keep = true;
          z++;
        }
        if (!keep) active.fill(0, a, z);
        a = z;
      }
    }
    return active;
  }
}

/** History slots: 0 = outside any entity, 1.. = ENTITY_TYPES order. */
const HISTORY_SLOTS = 5;
/** Share of earlier predictions per slot, cut into this many buckets. */
const HISTORY_BUCKETS = 4;

/**
 * Prediction history of one document (Ratinov & Roth's "extended prediction history"): for each
 * capitalised word, how its earlier occurrences in the document were tagged. Sentences are tagged in
 * order, so a name typed confidently in the body ("President Zelensky") lends its type to a bare or
 * headline mention later. Training runs the same procedure with the model's own predictions, not gold.
 * Known failure case: an early wrong guess propagates to later mentions.
 */
export class PredictionHistory {
  private readonly counts = new Map<string, Int32Array>();

  /** Forgets everything: call at each document start. */
  reset(): void {
    this.counts.clear();
  }

  /**
   * Writes history features of tokens [from, to) as (token index, hash) pairs; returns how many.
   * @example const k = history.features(keys, 0, 5, tok, feat) // tok[0..k) token indices, feat[0..k) hashes
   */
  features(
    keys: readonly (string | null)[],
    from: number,
    to: number,
    tok: Int32Array,
    feat: Int32Array,
  ): number {
    let k = 0;
    for (let i = from; i < to; i++) {
      const key = keys[i];
      if (key === null) continue;
      const c = this.counts.get(key);
      if (!c) continue;
      let total = 0;
      let best = 0;
      for (let s = 0; s < HISTORY_SLOTS; s++) {
        total += c[s];
        if (c[s] > c[best]) best = s;
      }
      for (let s = 0; s < HISTORY_SLOTS; s++) {
        if (c[s] === 0) continue;
        const bucket = Math.min(HISTORY_BUCKETS - 1, Math.floor((HISTORY_BUCKETS * c[s]) / total));
        tok[k] = i;
        feat[k++] = mix(T_HIST, s * HISTORY_BUCKETS + bucket);
      }
      tok[k] = i;
      feat[k++] = mix(T_HIST_MAJ, best);
    }
    return k;
  }

  /**
   * Records the predicted slot (0 = O, 1 + type index) of tokens [from, to); tokens whose `scored` flag is 0
   * were never looked at (outside a focus) and are left out rather than counted as O.
   */
  record(
    keys: readonly (string | null)[],
    from: number,
    to: number,
    slotOf: (i: number) => number,
    scored: ArrayLike<number> | null = null,
  ): void {
    for (let i = from; i < to; i++) {
      const key = keys[i];
      if (key === null || (scored !== null && scored[i] === 0)) continue;
      let c = this.counts.get(key);
      if (!c) {
        c = new Int32Array(HISTORY_SLOTS);
        this.counts.set(key, c);
      }
      c[slotOf(i)]++;
    }
  }
}

/** Most history features one token can get (one per slot plus the majority). */
export const MAX_HISTORY_FEATURES_PER_TOKEN = HISTORY_SLOTS + 1;
