import { describe, expect, it } from "vitest";
import { analyzeDocument, articleId, STAGES } from "../src/pipeline.ts";

describe("pipeline", () => {
  it("lists its stages in dependency order", () => {
    expect(STAGES.map((s) => s.name)).toEqual(["clean", "language", "nlp", "actors", "quotes", "events"]);
  });

  it("gives the same id to the same text whatever its spacing", () => {
    expect(articleId("Talks  resume\nin Geneva.")).toBe(articleId("Talks resume in Geneva. "));
    expect(articleId("Talks resume in Geneva.")).not.toBe(articleId("Talks resumed in Geneva."));
  });

  it("returns a record in the output contract's shape", () => {
    const r = analyzeDocument({
      uri: "file:///x.txt",
      format: "text",
      contentType: "text",
      content: "Ministers met in Vienna.\n\nThey agreed to meet again.",
      meta: {},
      messages: [],
    });
    expect(r.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.paragraphs.length).toBeGreaterThan(0);
    for (const key of [
      "title",
      "subtitle",
      "authors",
      "publisher",
      "originalSource",
      "published",
      "language",
      "genre",
      "comments",
      "removed",
      "actors",
      "mentions",
      "quotes",
      "events",
      "messages",
    ]) {
      expect(r).toHaveProperty(key);
    }
  });
});
