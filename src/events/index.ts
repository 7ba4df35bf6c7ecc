import type { ArticleRecord } from "../record.ts";

/** STUB: the events stage. Replaced by the events work. */
export function codeEvents(record: ArticleRecord): ArticleRecord {
  return record;
}
