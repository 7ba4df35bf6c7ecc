import type { ArticleRecord } from "../record.ts";

/** STUB language stage. */
export function detectLanguage(record: ArticleRecord): ArticleRecord {
  return record;
}

/** STUB sentence stage. */
export function splitSentences(record: ArticleRecord): ArticleRecord {
  return record;
}
