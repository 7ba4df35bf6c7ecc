/**
 * The recogniser's model file and decoder. A model is a linear scorer over hashed features (one weight row
 * of T tag scores per feature bucket that survived pruning) plus tag-transition weights, decoded with
 * first-order Viterbi under the scheme's allowed transitions (no I-PER after O).
 *
 * File format (gzip of): "SNER", u32 header length, header JSON, then bucket ids as LEB128 deltas
 * (ascending), then rows*T signed ints (1 or 2 bytes, little-endian) times header.scale, then (T+1)² float32
 * transition weights (row T = sentence start, column T = sentence end).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { transitionMask } from "./tags.ts";

/** Score given to forbidden transitions: far below any reachable path score, but finite to keep sums exact. */
export const FORBIDDEN = -1e9;
const MAGIC = "SNER";
/**
 * Run-time lookup table: at least this many slots per stored row (load factor ≤ 2/3). Lookups are bound by
 * cache misses, so a small table beats short probe runs: the shipped 20k rows fit in 32,768 slots of 16
 * bytes (512 kB), where a load factor of 1/2 would need 1 MB.
 */
const MIN_SLOTS_PER_ROW = 1.5;

/** What the model file's header records. */
export interface ModelHeader {
  featureVersion: number;
  scheme: string;
  tags: string[];
  /** Feature hashes are masked to this many bits. */
  bits: number;
  rows: number;
  /** Bytes per stored weight (1 or 2) and the factor that turns stored ints back into weights. */
  weightBytes: number;
  scale: number;
}

/** A loaded model: flat arrays only. */
export interface NerModel {
  header: ModelHeader;
  tags: string[];
  T: number;
  mask: number;
  /**
   * Open-addressing table of the stored rows, one slot of 16, 32 or 64 bytes each: the bucket id as an int32
   * (-1 = empty), then its T quantised weights. Key and weights share a cache line, so a lookup that finds
   * its row costs one memory access instead of two: on real text the tables are cold between calls and
   * lookups are bound by cache misses. Sized ≥ 1.5× the rows (512 kB for the shipped model).
   */
  slots: Int32Array;
  slotMask: number;
  /** Int32 elements per slot: the bucket id of slot s is slots[s * keyStep]. */
  keyStep: number;
  /** Weight elements per slot: the row of slot s starts at weights[s * weightStep + weightStart]. */
  weightStep: number;
  /** Where a slot's weights start within it, in weight elements (after the 4-byte bucket id). */
  weightStart: number;
  /**
   * The same memory as `slots`, read as the stored weight width (1 byte for the shipped model); a weight is
   * weights[k] * scale, and a row starts where weightRow says.
   */
  weights: Int8Array | Int16Array;
  scale: number;
  /** (T+1)² transition scores with FORBIDDEN folded in. */
  trans: Float32Array;
  /** Allowed previous tags of each tag (see allowedPrevious), for Viterbi to skip forbidden transitions. */
  prev: AllowedPrevious;
}

/** Per tag t, the tags p with an allowed p → t transition: list[start[t] .. start[t+1]), ascending. */
export interface AllowedPrevious {
  start: Int32Array;
  list: Int32Array;
}

/**
 * Lists the allowed previous tags of every tag from folded transitions. In BIO, I-PER may follow only B-PER
 * and I-PER, so Viterbi visits 2 predecessors instead of 9 for each inside tag.
 * @example allowedPrevious(model.trans, 9).list // [0,1,…,8, 1,2, …]
 */
export function allowedPrevious(trans: Float32Array, T: number): AllowedPrevious {
  const W = T + 1;
  const start = new Int32Array(T + 1);
  const list: number[] = [];
  for (let t = 0; t < T; t++) {
    start[t] = list.length;
    for (let p = 0; p < T; p++) if (trans[p * W + t] > FORBIDDEN / 2) list.push(p);
  }
  start[T] = list.length;
  return { start, list: Int32Array.from(list) };
}

/**
 * First-order Viterbi. `em` holds n×T emission scores, `trans` (T+1)² transition scores (row T = start,
 * column T = end); writes the best tag index of each token to `out`. Scratch arrays are passed in so the
 * hot loop allocates nothing. `startRow`/`endCol` pick the transitions into the first and out of the last
 * token: T for a sentence edge, or a tag index when the span sits between tokens fixed to that tag (the fast
 * path decodes the stretches around names between words fixed to O; the fixed words add the same score to
 * every path, so the best path with them fixed is decoded exactly). `emBase` and `outBase` say where the
 * span starts in `em` (an index into it) and in `out`, so callers need no subarray views.
 * @example viterbi(em, 3, 9, trans, out, score, back) // out[0..3) = tag indices
 */
export function viterbi(
  em: Float32Array,
  n: number,
  T: number,
  trans: Float32Array,
  out: Int32Array,
  score: Float64Array,
  back: Int32Array,
  startRow = T,
  endCol = T,
  allowed?: AllowedPrevious,
  emBase = 0,
  outBase = 0,
): void {
  if (n === 0) return;
  const W = T + 1;
  for (let t = 0; t < T; t++) score[t] = trans[startRow * W + t] + em[emBase + t];
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * T;
    const base = i * T;
    for (let t = 0; t < T; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      if (allowed !== undefined) {
        // Forbidden predecessors score FORBIDDEN lower, so they never win; skipping them changes nothing.
        const list = allowed.list;
        for (let q = allowed.start[t]; q < allowed.start[t + 1]; q++) {
          const p = list[q];
          const s = score[prevBase + p] + trans[p * W + t];
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      } else {
        for (let p = 0; p < T; p++) {
          const s = score[prevBase + p] + trans[p * W + t];
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      score[base + t] = best + em[emBase + base + t];
      back[base + t] = arg;
    }
  }
  const lastBase = (n - 1) * T;
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    const s = score[lastBase + t] + trans[t * W + endCol];
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  out[outBase + n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[outBase + i - 1] = back[i * T + out[outBase + i]];
}

/**
 * Adds FORBIDDEN to the transitions the tag scheme does not allow.
 * @example foldMask(tagList("BIO"), learned)[0 * 10 + 2] // FORBIDDEN: O → I-PER
 */
export function foldMask(tags: readonly string[], learned: ArrayLike<number>): Float32Array {
  const mask = transitionMask(tags);
  const out = new Float32Array(mask.length);
  for (let k = 0; k < mask.length; k++) out[k] = mask[k] ? learned[k] : FORBIDDEN;
  return out;
}

/**
 * Writes a model file from dense training weights (2^bits × T) and learned transitions ((T+1)²),
 * dropping rows whose largest |weight| is below `prune`. Returns the number of rows kept and bytes written.
 * @example saveModel("data/models/ner.model.gz", header, dense, transitions, 0.5) // { rows: 80539, bytes: 3.2e5 }
 */
export function saveModel(
  path: string,
  base: Omit<ModelHeader, "rows" | "scale">,
  dense: Float32Array,
  transitions: Float32Array,
  prune: number,
): { rows: number; bytes: number } {
  const T = base.tags.length;
  const buckets = 1 << base.bits;
  const kept: number[] = [];
  let maxAbs = 0;
  for (let b = 0; b < buckets; b++) {
    let rowMax = 0;
    for (let t = 0; t < T; t++) rowMax = Math.max(rowMax, Math.abs(dense[b * T + t]));
    if (rowMax > prune) {
      kept.push(b);
      maxAbs = Math.max(maxAbs, rowMax);
    }
  }
  const limit = base.weightBytes === 1 ? 127 : 32767;
  const scale = maxAbs > 0 ? maxAbs / limit : 1;
  const header: ModelHeader = { ...base, rows: kept.length, scale };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const parts: Buffer[] = [Buffer.from(MAGIC, "latin1")];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length);
  parts.push(len, headerBytes);
  const varint: number[] = [];
  let prev = 0;
  for (const b of kept) {
    let d = b - prev;
    prev = b;
    while (d >= 0x80) {
      varint.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    varint.push(d);
  }
  parts.push(Buffer.from(varint));
  const w = Buffer.alloc(kept.length * T * base.weightBytes);
  let o = 0;
  for (const b of kept) {
    for (let t = 0; t < T; t++) {
      const q = Math.max(-limit, Math.min(limit, Math.round(dense[b * T + t] / scale)));
      if (base.weightBytes === 1) w.writeInt8(q, o);
      else w.writeInt16LE(q, o);
      o += base.weightBytes;
    }
  }
  parts.push(w);
  parts.push(Buffer.from(new Float32Array(transitions).buffer));
  const gz = gzipSync(Buffer.concat(parts), { level: 9 });
  writeFileSync(path, gz);
  return { rows: kept.length, bytes: gz.length };
}

/**
 * Loads a model file written by saveModel. Throws when the file is not a model or was made for another
 * feature version (a configuration error: retrain with scripts/train-ner.ts).
 * @example loadModel(MODEL_PATH, FEATURE_VERSION).tags // ["O","B-PER","I-PER",…]
 */
export function loadModel(path: string, expectedFeatureVersion: number): NerModel {
  const buf = gunzipSync(readFileSync(path));
  if (buf.toString("latin1", 0, 4) !== MAGIC) {
    throw new Error(
      `ner model: expected a file starting "${MAGIC}" at ${path}, found "${buf.toString("latin1", 0, 4)}"`,
    );
  }
  const headerLen = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString("utf8", 8, 8 + headerLen)) as ModelHeader;
  if (header.featureVersion !== expectedFeatureVersion) {
    throw new Error(
      `ner model: ${path} was trained for feature version ${header.featureVersion}, the code extracts version ${expectedFeatureVersion}; run scripts/train-ner.ts`,
    );
  }
  const T = header.tags.length;
  const wb = header.weightBytes;
  let stride = 16;
  while (stride < 4 + T * wb) stride *= 2;
  let slots = 1024;
  while (slots < header.rows * MIN_SLOTS_PER_ROW) slots *= 2;
  const memory = new ArrayBuffer(slots * stride);
  const table = new Int32Array(memory);
  const weights = wb === 1 ? new Int8Array(memory) : new Int16Array(memory);
  const keyStep = stride / 4;
  for (let slot = 0; slot < slots; slot++) table[slot * keyStep] = -1;
  const slotMask = slots - 1;
  // Bucket ids come first in the file, then every row's weights: place the buckets, then fill their rows.
  const slotOfRow = new Int32Array(header.rows);
  let o = 8 + headerLen;
  let bucket = 0;
  for (let r = 0; r < header.rows; r++) {
    let d = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = buf[o++];
      d += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    bucket += d;
    let slot = bucket & slotMask;
    while (table[slot * keyStep] !== -1) slot = (slot + 1) & slotMask;
    table[slot * keyStep] = bucket;
    slotOfRow[r] = slot;
  }
  for (let r = 0; r < header.rows; r++) {
    const at = (slotOfRow[r] * stride + 4) / wb;
    for (let t = 0; t < T; t++) {
      weights[at + t] = wb === 1 ? buf.readInt8(o) : buf.readInt16LE(o);
      o += wb;
    }
  }
  const learned = new Float32Array((T + 1) * (T + 1));
  for (let k = 0; k < learned.length; k++, o += 4) learned[k] = buf.readFloatLE(o);
  const trans = foldMask(header.tags, learned);
  return {
    header,
    tags: header.tags,
    T,
    mask: (1 << header.bits) - 1,
    slots: table,
    slotMask,
    keyStep,
    weightStep: stride / wb,
    weightStart: 4 / wb,
    weights,
    scale: header.scale,
    trans,
    prev: allowedPrevious(trans, T),
  };
}

/**
 * Adds one feature's weights to the T scores at em[base..base+T).
 * @example addFeature(model, hash, em, i * model.T)
 */
export function addFeature(model: NerModel, feature: number, em: Float32Array, base: number): void {
  const { T, weights, scale } = model;
  const wb = weightRow(model, feature);
  if (wb < 0) return;
  for (let t = 0; t < T; t++) em[base + t] += weights[wb + t] * scale;
}

/**
 * Where a hashed feature's T weights start in `model.weights`, or -1 when the model has none for it:
 * a probe of the open-addressing slot table (linear probing from the bucket). The one lookup every
 * scoring path uses.
 * @example const wb = weightRow(model, feature); if (wb >= 0) score += model.weights[wb + tag];
 */
export function weightRow(model: NerModel, feature: number): number {
  const { mask, slots, slotMask, keyStep } = model;
  const bucket = feature & mask;
  let slot = bucket & slotMask;
  let key = slots[slot * keyStep];
  while (key !== bucket && key !== -1) {
    slot = (slot + 1) & slotMask;
    key = slots[slot * keyStep];
  }
  return key === -1 ? -1 : slot * model.weightStep + model.weightStart;
}

/**
 * Summed, scaled scores of a set of features (one word's local features), for caching per word.
 * @example wordScores(model, info.local) // Float32Array(T)
 */
export function wordScores(
  model: NerModel,
  features: ArrayLike<number>,
  out: Float32Array = new Float32Array(model.T),
  base = 0,
): Float32Array {
  for (let k = 0; k < features.length; k++) addFeature(model, features[k], out, base);
  return out;
}

/**
 * Emission scores of tokens [0, n) into em (n×T) from hashed features, for a loaded model.
 * @example emissions(model, feats, offsets, n, em)
 */
export function emissions(
  model: NerModel,
  feats: Int32Array,
  offsets: Int32Array,
  n: number,
  em: Float32Array,
): void {
  const { T, weights, scale } = model;
  em.fill(0, 0, n * T);
  for (let i = 0; i < n; i++) {
    const base = i * T;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const wb = weightRow(model, feats[k]);
      if (wb < 0) continue;
      for (let t = 0; t < T; t++) em[base + t] += weights[wb + t];
    }
    for (let t = 0; t < T; t++) em[base + t] *= scale;
  }
}
