import { articleId } from "../../src/pipeline.ts";
import type { ArticleRecord } from "../../src/record.ts";

/** A hand-made article record for store and CLI tests, independent of the extraction stages. */
export function makeRecord(paragraphs: string[], over: Partial<ArticleRecord> = {}): ArticleRecord {
  const content = paragraphs.join("\n\n");
  return {
    id: articleId(content + JSON.stringify(over.title ?? "")),
    source: { uri: "file:///fixture.txt", format: "text", url: null },
    pipelineVersion: "test",
    title: "A test article",
    subtitle: null,
    authors: [],
    publisher: "The Test Gazette",
    originalSource: null,
    citedSources: [],
    published: { date: "2022-02-10", earliest: "2022-02-10", latest: "2022-02-10", basis: "explicit" },
    language: "en",
    genre: "reporting",
    paragraphs: paragraphs.map((text, index) => ({ index, kind: "paragraph", text })),
    comments: [],
    removed: [],
    actors: [],
    mentions: [],
    quotes: [],
    events: [],
    messages: [],
    ...over,
  };
}
