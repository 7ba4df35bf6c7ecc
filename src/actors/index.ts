import type { ArticleRecord } from "../record.ts";

/** STUB: the actors stage. Replaced by the actors work. */
export function findActors(record: ArticleRecord): ArticleRecord {
  return record;
}
