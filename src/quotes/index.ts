import type { ArticleRecord } from "../record.ts";

/** STUB: the quotes stage. Replaced by the quotes work. */
export function findQuotes(record: ArticleRecord): ArticleRecord {
  return record;
}
