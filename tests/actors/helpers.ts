import { findActors } from "../../src/actors/index.ts";
import { type ArticleRecord, emptyRecord, type PublishedDate } from "../../src/record.ts";

/** Runs the actors stage over paragraphs written for the test, with an optional publication date. */
export function analyse(
  paragraphs: string[],
  date: string | null = null,
  range?: [string, string],
): ArticleRecord {
  const record = emptyRecord(
    {
      uri: "test://actors",
      format: "text",
      contentType: "text",
      content: paragraphs.join("\n\n"),
      meta: {},
      messages: [],
    },
    "test",
    "0",
  );
  record.paragraphs = paragraphs.map((text, index) => ({ index, kind: "paragraph", text }));
  const published: PublishedDate = {
    date,
    earliest: range?.[0] ?? date,
    latest: range?.[1] ?? date,
    basis: date || range ? "explicit" : "unknown",
  };
  record.published = published;
  return findActors(record);
}

/** The actor id of the mention whose text is exactly `text` (first one), or undefined when none. */
export function actorOf(record: ArticleRecord, text: string): string | null | undefined {
  return record.mentions.find((m) => m.text === text)?.actor;
}
