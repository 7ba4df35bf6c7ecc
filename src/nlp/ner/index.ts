/**
 * Named-entity recogniser (PER, ORG, LOC, MISC), a statistical model trained in this repository on
 * CoNLL-2003 by scripts/train-ner.ts; weights in data/models/ner.model.gz, its dev scores beside them in
 * data/models/ner.meta.json. The model loads lazily, once, on first use.
 *
 *   recognizeEntities("Angela Merkel spoke with officials in Berlin about NATO.")
 *   // [{start:0,end:13,type:"PER"}, {start:38,end:44,type:"LOC"}, {start:51,end:55,type:"ORG"}]
 */
import { fileURLToPath } from "node:url";
import { NerTagger } from "./tagger.ts";
import type { EntityType } from "./tags.ts";
import { tokenize } from "./tokenize.ts";

export { type ConllDocument, countEntities, type EntityCounts, readConll } from "./conll.ts";
export { NerTagger } from "./tagger.ts";
export { ENTITY_TYPES, type EntityType, spansFromTags } from "./tags.ts";
export { type Tokens, tokenize } from "./tokenize.ts";

/** Where the shipped model and its lexicon live. */
export const MODEL_PATH = fileURLToPath(new URL("../../../data/models/ner.model.gz", import.meta.url));
export const LEXICON_PATH = fileURLToPath(new URL("../../../data/models/ner.lexicon.json", import.meta.url));

/** A recognised entity: UTF-16 offsets [start, end) into the text and its CoNLL type. */
export interface Entity {
  start: number;
  end: number;
  type: EntityType;
}

let tagger: NerTagger | null = null;
/** Per tag index: 0 = O, 1 = begins (B/U), 2 = continues (I/L); and its type. */
let tagKind: Uint8Array = new Uint8Array(0);
let tagType: EntityType[] = [];

/** The shared tagger, loaded on first call. */
export function defaultTagger(): NerTagger {
  if (tagger) return tagger;
  const t = new NerTagger(MODEL_PATH, LEXICON_PATH);
  tagKind = Uint8Array.from(t.model.tags, (s) => (s === "O" ? 0 : s[0] === "B" || s[0] === "U" ? 1 : 2));
  tagType = t.model.tags.map((s) => (s === "O" ? "MISC" : (s.slice(2) as EntityType)));
  tagger = t;
  return t;
}

/** Character ranges [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/** Reused per call: which tokens overlap the caller's focus ranges. */
let focusMask = new Uint8Array(1024);

/**
 * Finds PER, ORG, LOC and MISC names in text; the text is one document (names repeated in it help each other).
 * With `focus` (ranges sorted by start), only names touching those ranges are looked for; the rest of the
 * text is read as context (other occurrences of a word, its neighbours) but not tagged, which is much
 * cheaper when a caller has already settled most names itself.
 * Never throws on odd input: empty or symbol-only text gives [].
 * @example recognizeEntities("NATO met in Kyiv.") // [{start:0,end:4,type:"ORG"},{start:12,end:16,type:"LOC"}]
 * @example recognizeEntities("Anna Berg met Jan Novak.", [{ start: 14, end: 23 }]) // [{start:14,end:23,type:"PER"}]
 */
export function recognizeEntities(text: string, focus?: readonly Span[]): Entity[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const t = defaultTagger();
  const tok = tokenize(text, t.lexicon.abbreviations);
  const n = tok.tokens.length;
  if (n === 0) return [];
  let mask: Uint8Array | null = null;
  if (focus) {
    if (focusMask.length < n) focusMask = new Uint8Array(Math.max(n, focusMask.length * 2));
    mask = focusMask.subarray(0, n);
    mask.fill(0);
    let k = 0;
    for (let i = 0; i < n && k < focus.length; i++) {
      while (k < focus.length && focus[k].end <= tok.starts[i]) k++;
      if (k < focus.length && focus[k].start < tok.ends[i]) mask[i] = 1;
    }
  }
  const idx = t.tagIndices(tok.tokens, tok.sentenceStart, "fast", mask);
  const out: Entity[] = [];
  let open: Entity | null = null;
  for (let i = 0; i < n; i++) {
    const k = idx[i];
    const kind = tagKind[k];
    if (kind === 0) {
      open = null;
      continue;
    }
    const type = tagType[k];
    if (kind === 1 || open === null || open.type !== type || tok.sentenceStart[i]) {
      open = { start: tok.starts[i], end: tok.ends[i], type };
      out.push(open);
    } else {
      open.end = tok.ends[i];
    }
  }
  return out;
}

/**
 * Tags one pre-tokenized document for evaluation: BIO tags per token. `sentenceStarts` marks where
 * sentences begin (default: the whole array is one sentence).
 * @example tagTokens(["Angela","Merkel","visited","Paris","."]) // ["B-PER","I-PER","O","B-LOC","O"]
 */
export function tagTokens(tokens: string[], sentenceStarts?: ArrayLike<number>): string[] {
  if (tokens.length === 0) return [];
  const t = defaultTagger();
  const starts = sentenceStarts ?? Uint8Array.from(tokens, (_, i) => (i === 0 ? 1 : 0));
  const idx = t.tagIndices(tokens, starts);
  return Array.from(idx, (k) => t.model.tags[k]);
}
