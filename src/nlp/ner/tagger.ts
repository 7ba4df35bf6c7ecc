/**
 * NerTagger: a loaded model plus its feature extractor, tagging whole documents (sentences of tokens) so
 * document-level features see every occurrence of a name. Scratch arrays grow once and are reused.
 */
import {
  CANDIDATE_WINDOW,
  FEATURE_VERSION,
  FeatureExtractor,
  MAX_HISTORY_FEATURES_PER_TOKEN,
  NEIGHBOUR_OFFSETS,
  neighbourFeatures,
  PredictionHistory,
  type WordInfo,
} from "./features.ts";
import { Lexicon } from "./lexicon.ts";
import { addFeature, emissions, loadModel, type NerModel, viterbi, weightRow, wordScores } from "./model.ts";
import { ENTITY_TYPES } from "./tags.ts";

/**
 * How tagIndices scores: "fast" scores only tokens near name candidates (see CANDIDATE_WINDOW) and tags the
 * rest O; "exhaustive" scores every token; "reference" scores every token feature by feature, without the
 * per-word score caches. The three give the same tags on the texts tested (tests/nlp-ner).
 */
export type TagMode = "fast" | "exhaustive" | "reference";

/** Score vectors per word row: its own, then as neighbour at each NEIGHBOUR_OFFSETS slot. */
const WORD_ROW = 1 + NEIGHBOUR_OFFSETS.length;

/** Tags documents with one model. Not safe to share across worker threads (scratch buffers). */
export class NerTagger {
  readonly model: NerModel;
  readonly lexicon: Lexicon;
  private readonly fx: FeatureExtractor;
  private em = new Float32Array(0);
  private score = new Float64Array(0);
  private back = new Int32Array(0);
  private histTok = new Int32Array(0);
  private histFeat = new Int32Array(0);
  private readonly history = new PredictionHistory();
  /** Per tag index: history slot (0 = O, 1 + index in ENTITY_TYPES). */
  private readonly slotOfTag: Int32Array;
  /** Scores of the sentence boundary seen as the neighbour at each NEIGHBOUR_OFFSETS slot. */
  private readonly boundaryScores: Float32Array;
  /**
   * Per-word scores, one row of 5 × T per WordInfo.row: the word's own features, then the word seen as
   * neighbour at -2, -1, +1, +2. Filled on first use (`ready`); one flat array, so adding a token's five
   * vectors walks plain memory instead of five small objects.
   */
  private wordVec = new Float32Array(0);
  private ready = new Uint8Array(0);
  private generation = -1;
  /** Index of the O tag: the tag of every token the fast path does not score. */
  private readonly tagO: number;

  constructor(modelPath: string, lexiconPath: string) {
    this.model = loadModel(modelPath, FEATURE_VERSION);
    this.lexicon = Lexicon.load(lexiconPath);
    this.fx = new FeatureExtractor(this.lexicon);
    const T = this.model.T;
    this.boundaryScores = new Float32Array(NEIGHBOUR_OFFSETS.length * T);
    NEIGHBOUR_OFFSETS.forEach((o, k) => {
      wordScores(this.model, neighbourFeatures(null, o), this.boundaryScores, k * T);
    });
    this.tagO = this.model.tags.indexOf("O");
    if (this.tagO < 0)
      throw new Error(`ner tagger: expected an "O" tag in ${modelPath}, found ${this.model.tags}`);
    this.slotOfTag = Int32Array.from(this.model.tags, (t) =>
      t === "O" ? 0 : 1 + ENTITY_TYPES.indexOf(t.slice(2) as (typeof ENTITY_TYPES)[number]),
    );
  }

  /**
   * Best tag index per token of a document given as flat tokens with sentence-start flags; `mode` as in
   * TagMode (the default, "fast", is what recognizeEntities and the eval use). `focus` (fast mode only) flags
   * the tokens the caller asks about: only candidates among them and their neighbours are scored, every
   * other token is O and does not enter the prediction history.
   * @example tagger.tagIndices(["Angela","Merkel"], Uint8Array.of(1,0)) // Int32Array [1, 2] (B-PER, I-PER)
   */
  tagIndices(
    tokens: readonly string[],
    sentenceStart: ArrayLike<number>,
    mode: TagMode = "fast",
    focus: ArrayLike<number> | null = null,
  ): Int32Array {
    const n = tokens.length;
    const out = new Int32Array(n);
    if (n === 0) return out;
    const T = this.model.T;
    const reference = mode === "reference";
    const window = mode === "fast" ? CANDIDATE_WINDOW : -1;
    const { feats, offsets, keys, words, active, rows } = this.fx.extract(
      tokens,
      sentenceStart,
      reference,
      window,
      window >= 0 ? focus : null,
    );
    if (this.em.length < n * T) {
      this.em = new Float32Array(n * T * 2);
      this.score = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
      this.histTok = new Int32Array(n * 2 * MAX_HISTORY_FEATURES_PER_TOKEN);
      this.histFeat = new Int32Array(n * 2 * MAX_HISTORY_FEATURES_PER_TOKEN);
    }
    if (reference) emissions(this.model, feats, offsets, n, this.em);
    else this.scoreTokens(feats, offsets, words, rows, sentenceStart, n, active);
    this.history.reset();
    const O = this.tagO;
    const slotOf = (i: number) => this.slotOfTag[out[i]];
    for (let s = 0; s < n; ) {
      let e = s + 1;
      while (e < n && !sentenceStart[e]) e++;
      const h = this.history.features(keys, s, e, this.histTok, this.histFeat);
      for (let k = 0; k < h; k++) addFeature(this.model, this.histFeat[k], this.em, this.histTok[k] * T);
      if (active === null) this.decode(s, e, T, T, out);
      else {
        // Decode each stretch of scored tokens on its own; the words between them are O.
        for (let a = s; a < e; ) {
          if (active[a] === 0) {
            out[a++] = O;
            continue;
          }
          let z = a + 1;
          while (z < e && active[z] !== 0) z++;
          this.decode(a, z, a === s ? T : O, z === e ? T : O, out);
          a = z;
        }
      }
      this.history.record(keys, s, e, slotOf, focus !== null ? active : null);
      s = e;
    }
    return out;
  }

  /** Viterbi over tokens [s, e) into out[s..e), entering from `startRow` and leaving to `endCol`. */
  private decode(s: number, e: number, startRow: number, endCol: number, out: Int32Array): void {
    const T = this.model.T;
    const m = this.model;
    viterbi(this.em, e - s, T, m.trans, out, this.score, this.back, startRow, endCol, m.prev, s * T, s);
  }

  /** Makes room for every row the extractor has handed out; forgets all rows when it cleared its cache. */
  private ensureRows(): void {
    const T = this.model.T;
    if (this.generation !== this.fx.generation) {
      this.ready.fill(0);
      this.generation = this.fx.generation;
    }
    const need = this.fx.rowCount;
    if (this.ready.length >= need) return;
    const size = Math.max(need, this.ready.length * 2, 1024);
    const vec = new Float32Array(size * WORD_ROW * T);
    vec.set(this.wordVec);
    this.wordVec = vec;
    const ready = new Uint8Array(size);
    ready.set(this.ready);
    this.ready = ready;
  }

  /** Fills a word's row: own scores, then its scores as each neighbour (computed once per word). */
  private fillRow(w: WordInfo): void {
    const T = this.model.T;
    const base = w.row * WORD_ROW * T;
    this.wordVec.fill(0, base, base + WORD_ROW * T);
    wordScores(this.model, w.local, this.wordVec, base);
    NEIGHBOUR_OFFSETS.forEach((o, k) => {
      wordScores(this.model, neighbourFeatures(w, o), this.wordVec, base + (k + 1) * T);
    });
    this.ready[w.row] = 1;
  }

  /**
   * Emission scores of the tokens to decode (all, or those `active`): the token's context features looked
   * up one by one, plus the single-word features (the word's own and each neighbour's) added from scores
   * cached per distinct word — together about half of all lookups. One pass per token, nothing allocated.
   */
  private scoreTokens(
    feats: Int32Array,
    offsets: Int32Array,
    words: readonly WordInfo[],
    rows: Int32Array,
    sentenceStart: ArrayLike<number>,
    n: number,
    active: Uint8Array | null,
  ): void {
    const { T, weights, scale } = this.model;
    const em = this.em;
    const bound = this.boundaryScores;
    this.ensureRows();
    const ready = this.ready;
    const vec = this.wordVec;
    const RT = WORD_ROW * T;
    for (let s = 0; s < n; ) {
      let e = s + 1;
      while (e < n && !sentenceStart[e]) e++;
      for (let i = s; i < e; i++) {
        if (active !== null && active[i] === 0) continue;
        const base = i * T;
        for (let t = 0; t < T; t++) em[base + t] = 0;
        for (let k = offsets[i]; k < offsets[i + 1]; k++) {
          const wb = weightRow(this.model, feats[k]);
          if (wb < 0) continue;
          for (let t = 0; t < T; t++) em[base + t] += weights[wb + t];
        }
        const r = rows[i];
        if (ready[r] === 0) this.fillRow(words[i]);
        const own = r * RT;
        for (let t = 0; t < T; t++) em[base + t] = em[base + t] * scale + vec[own + t];
        for (let k = 0; k < NEIGHBOUR_OFFSETS.length; k++) {
          const j = i + NEIGHBOUR_OFFSETS[k];
          if (j < s || j >= e) {
            const vb = k * T;
            for (let t = 0; t < T; t++) em[base + t] += bound[vb + t];
            continue;
          }
          const rj = rows[j];
          if (ready[rj] === 0) this.fillRow(words[j]);
          const vb = rj * RT + (k + 1) * T;
          for (let t = 0; t < T; t++) em[base + t] += vec[vb + t];
        }
      }
      s = e;
    }
  }

  /**
   * Tags of each sentence of a document, as tag strings of the model's scheme (BIO: "B-PER", "I-PER", "O").
   * @example tagger.tagDocument([["Angela","Merkel","spoke","."]]) // [["B-PER","I-PER","O","O"]]
   */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const tokens: string[] = [];
    const starts: number[] = [];
    for (const s of sentences) {
      for (let k = 0; k < s.length; k++) {
        tokens.push(s[k]);
        starts.push(k === 0 ? 1 : 0);
      }
    }
    const idx = this.tagIndices(tokens, starts);
    const out: string[][] = [];
    let o = 0;
    for (const s of sentences) {
      const tags = new Array<string>(s.length);
      for (let k = 0; k < s.length; k++) tags[k] = this.model.tags[idx[o++]];
      out.push(tags);
    }
    return out;
  }
}
