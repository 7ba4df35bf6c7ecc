/**
 * MinHash signatures over word shingles, and LSH band keys, for near-duplicate detection.
 * A repost or a machine-reworded copy shares most of its short word runs with the original even when
 * words are swapped here and there; two unrelated articles on the same story share few.
 */

/** Words per shingle. Three keeps reworded copies (a word changed every sentence or so) above threshold. */
export const SHINGLE_WORDS = 3;
/** Hash functions in a signature. */
export const NUM_HASHES = 63;
/**
 * LSH bands × rows = NUM_HASHES. With 21 bands of 3 rows a pair at Jaccard 0.5 becomes a candidate with
 * probability 0.94, at 0.3 with 0.43; candidates are then checked against the full signature.
 */
export const BANDS = 21;
export const ROWS = NUM_HASHES / BANDS;
/** Estimated Jaccard at or above which two texts are near-duplicates (a reworded copy keeps about half its 3-word runs). */
export const NEAR_DUPLICATE_JACCARD = 0.45;
/** Texts with fewer shingles than this are too short to call near-duplicates. */
export const MIN_SHINGLES = 12;

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_U32 = 0xffffffff;

/** murmur3's finaliser: spreads the bits of a 32-bit hash so that its low and high parts are independent. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The set of shingle hashes of a text (lower-cased words, `SHINGLE_WORDS` at a time). */
export function shingleHashes(text: string): Uint32Array {
  const words = text.toLowerCase().match(WORD) ?? [];
  // Hash each word once, then mix SHINGLE_WORDS consecutive word hashes: no string building per shingle.
  const wh = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wh[i] = fnv1a(words[i]);
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ wh[i + k], 0x01000193) ^ (h >>> 15);
    set.add(h >>> 0);
  }
  return Uint32Array.from(set);
}

/**
 * The MinHash signature of a text, or null when it is too short to compare.
 * One-permutation hashing: each shingle hash falls in one of NUM_HASHES bins (by its mixed value) and each
 * bin keeps its minimum, so a signature costs one hash per shingle instead of NUM_HASHES. Empty bins are
 * filled from the next non-empty bin with a per-distance offset ("densification", Shrivastava 2017), which
 * keeps equal positions an unbiased estimate of Jaccard similarity.
 * @example signature(articleText)?.length // 63
 */
export function signature(text: string): Uint32Array | null {
  const shingles = shingleHashes(text);
  if (shingles.length < MIN_SHINGLES) return null;
  const sig = new Uint32Array(NUM_HASHES).fill(MAX_U32);
  const filled = new Uint8Array(NUM_HASHES);
  for (let s = 0; s < shingles.length; s++) {
    const h = fmix32(shingles[s]);
    const bin = h % NUM_HASHES;
    const v = fmix32(h ^ 0x9e3779b9);
    if (v <= sig[bin]) {
      sig[bin] = v;
      filled[bin] = 1;
    }
  }
  for (let i = 0; i < NUM_HASHES; i++) {
    if (filled[i]) continue;
    for (let d = 1; d < NUM_HASHES; d++) {
      const j = (i + d) % NUM_HASHES;
      if (filled[j]) {
        sig[i] = (sig[j] + Math.imul(d, 0x27d4eb2d)) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures: the share of equal positions. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** One key per band ("band:hash"), for the LSH index: texts sharing any key are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      h ^= sig[b * ROWS + r];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}

export function signatureToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function signatureFromBuffer(buf: Buffer): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}
