import type { ArticleRecord } from "../record.ts";
import type { StageContext } from "../stage.ts";

/**
 * The clean stage: turns the raw document into paragraphs, comments, removed text and metadata.
 * STUB: splits on blank lines. Owned by the cleaning work (plain text) and calls clean/html for markup.
 */
export function cleanArticle(record: ArticleRecord, ctx: StageContext): ArticleRecord {
  const parts = ctx.doc.content.split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean);
  return { ...record, paragraphs: parts.map((text, index) => ({ index, kind: "paragraph", text })) };
}
