import { articleId } from "../../src/pipeline.ts";
import { type ArticleRecord, emptyRecord, textDocument } from "../../src/record.ts";

/**
 * An empty record around paragraphs written for a test, as if the clean stage had produced them:
 * for testing a later stage alone.
 */
export function recordOfParagraphs(
  uri: string,
  paragraphs: string[],
  pipelineVersion = "test",
): ArticleRecord {
  const r = emptyRecord(textDocument(uri, paragraphs.join("\n\n")), "t", pipelineVersion);
  r.paragraphs = paragraphs.map((text, index) => ({ index, kind: "paragraph", text }));
  return r;
}

/** A hand-made article record for store and CLI tests, independent of the extraction stages. */
export function makeRecord(paragraphs: string[], over: Partial<ArticleRecord> = {}): ArticleRecord {
  const base = recordOfParagraphs("file:///fixture.txt", paragraphs);
  return {
    ...base,
    id: articleId(paragraphs.join("\n\n") + JSON.stringify(over.title ?? "")),
    title: "A test article",
    publisher: "The Test Gazette",
    published: { date: "2022-02-10", earliest: "2022-02-10", latest: "2022-02-10", basis: "explicit" },
    language: "en",
    genre: "reporting",
    ...over,
  };
}
