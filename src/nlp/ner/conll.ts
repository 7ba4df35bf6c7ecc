/**
 * Reader for CoNLL-2003 column files (`token POS chunk NER`, blank line between sentences, a `-DOCSTART-`
 * line before each document). Used by the training script and the "ner" eval suite; the data itself is
 * read at run time from ../shared and never stored in the repository.
 */
import { readFileSync } from "node:fs";

/** One sentence: tokens and their NER tags as written in the file (IOB1 or BIO). */
export interface ConllSentence {
  tokens: string[];
  tags: string[];
}

/** One document: the sentences between two `-DOCSTART-` lines. */
export interface ConllDocument {
  sentences: ConllSentence[];
}

const DOCSTART = "-DOCSTART-";
const WHITESPACE = /\s+/;

/**
 * Parses CoNLL text into documents. The NER tag is the last column, the token the first.
 * A file without `-DOCSTART-` lines is read as one document.
 * @example parseConll("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\n")[0].sentences[0].tags // ["I-ORG"]
 */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: ConllSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (sent.tokens.length === 0) return;
    if (!doc) {
      doc = { sentences: [] };
      docs.push(doc);
    }
    doc.sentences.push(sent);
    sent = { tokens: [], tags: [] };
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      flush();
      continue;
    }
    const cols = line.split(WHITESPACE);
    if (cols[0] === DOCSTART) {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    sent.tokens.push(cols[0]);
    sent.tags.push(cols.length > 1 ? cols[cols.length - 1] : "O");
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

/**
 * Reads and parses a CoNLL file (see parseConll).
 * @example readConll("../shared/bench-data/ner/conll2003/eng.testa").length // 216 documents
 */
export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, "utf8"));
}

/** Per-type true positive, false positive and false negative counts for entity-level scoring. */
export type EntityCounts = Record<string, { tp: number; fp: number; fn: number }>;

/**
 * Adds one sentence's exact-match comparison (same start, end and type) to `counts`, conlleval-style.
 * @example countEntities(counts, spansFromTags(gold), spansFromTags(pred))
 */
export function countEntities(
  counts: EntityCounts,
  gold: readonly { start: number; end: number; type: string }[],
  pred: readonly { start: number; end: number; type: string }[],
): void {
  const key = (s: { start: number; end: number; type: string }) => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const bump = (type: string) => {
    counts[type] ??= { tp: 0, fp: 0, fn: 0 };
    return counts[type];
  };
  const predKeys = new Set<string>();
  for (const p of pred) {
    const k = key(p);
    predKeys.add(k);
    if (goldKeys.has(k)) bump(p.type).tp++;
    else bump(p.type).fp++;
  }
  for (const g of gold) if (!predKeys.has(key(g))) bump(g.type).fn++;
}
