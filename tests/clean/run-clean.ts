/** Test helper: runs the clean stage alone on a text or HTML string. */
import { readFileSync } from "node:fs";
import { cleanArticle } from "../../src/clean/index.ts";
import { type ArticleRecord, emptyRecord, type RawDocument, type RawMeta } from "../../src/record.ts";

export function cleanText(
  content: string,
  meta: RawMeta = {},
  contentType: "text" | "html" = "text",
): ArticleRecord {
  const doc: RawDocument = {
    uri: "test://doc",
    format: contentType,
    contentType,
    content,
    meta,
    messages: [],
  };
  return cleanArticle(emptyRecord(doc, "sha256:test", "test"), { doc, options: {} });
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

export const bodyText = (r: ArticleRecord): string => r.paragraphs.map((p) => p.text).join("\n");
export const removedBy = (r: ArticleRecord, reason: string): string[] =>
  r.removed.filter((x) => x.reason === reason).map((x) => x.text);
