import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readJsonl } from "../../src/ingest/index.ts";
import { resolveFields } from "../../src/ingest/read-jsonl.ts";
import type { RawDocument } from "../../src/record.ts";
import { collect, drain, fixture, tempDir } from "./helpers.ts";

const ODD_FIELDS = {
  text: "story",
  title: "headline",
  url: "permalink",
  date: "when",
  source: "outlet",
  authors: "writers",
};

describe("JSONL input", () => {
  it("maps configured field names and reports each bad line with its number while the rest still yield", async () => {
    const { docs, problems, all } = await collect([fixture("odd-fields.jsonl")], { fields: ODD_FIELDS });
    expect(docs.map((d) => d.meta.title)).toEqual([
      "Grain shipments resume",
      "Talks end without statement",
      "Markup in text",
    ]);
    const first = docs[0];
    expect(first.format).toBe("jsonl");
    expect(first.contentType).toBe("text");
    expect(first.content).toBe(
      "Grain shipments resumed from the southern port on Monday, officials said.\n\nThe first vessel carried wheat bound for a buyer abroad.",
    );
    expect(first.meta).toMatchObject({
      url: "https://news.example.org/grain",
      date: "2023-07-03",
      publisher: "Harbour Wire",
      authors: ["Ana Lind", "Piet Vos"],
    });
    expect(first.uri).toMatch(/odd-fields\.jsonl#line=1$/);
    // Epoch seconds become ISO; the string "None" is no publisher.
    expect(docs[1].meta.date).toBe("2023-07-04T00:00:00.000Z");
    expect(docs[1].meta.publisher).toBeNull();
    // A page stored in a text field is still HTML.
    expect(docs[2].contentType).toBe("html");

    expect(problems.map((p) => [p.code, p.uri.replace(/.*#/, "")])).toEqual([
      ["no-content", "line=3"],
      ["malformed-line", "line=4"],
      ["malformed-line", "line=5"],
    ]);
    expect(problems[1].message).toMatch(/^jsonl: line 4 is not valid JSON/);
    // Order is kept: the problem for line 3 comes between the documents of lines 2 and 7.
    expect(all.indexOf(problems[0])).toBe(2);
  });

  it("uses the default field names without options", async () => {
    const dir = tempDir();
    const path = join(dir, "defaults.jsonl");
    writeFileSync(
      path,
      `${JSON.stringify({ content: "Body text here.", headline: "H", link: "https://x.example/a", published: "2022-01-02", publisher: "Desk" })}\n` +
        `${JSON.stringify({ raw_html: "<p>Only markup</p>", title: "T" })}\n`,
    );
    const { docs } = await collect([path]);
    expect(docs[0]).toMatchObject({
      content: "Body text here.",
      meta: { title: "H", url: "https://x.example/a", date: "2022-01-02", publisher: "Desk" },
    });
    expect(docs[1]).toMatchObject({ contentType: "html", content: "<p>Only markup</p>" });
  });

  it("streams a gzipped dump line by line", async () => {
    const dir = tempDir();
    const path = join(dir, "dump.jsonl.gz");
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ text: `Article number ${i} about the harbour.`, title: `No. ${i}` }),
    );
    writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
    const { docs, problems } = await collect([path]);
    expect(problems).toEqual([]);
    expect(docs.length).toBe(2500);
    expect(docs[2499].meta.title).toBe("No. 2499");
    expect(docs[2499].uri).toMatch(/dump\.jsonl\.gz#line=2500$/);
  });

  it("splits lines across chunk borders and skips an over-long line without holding it", async () => {
    const fields = resolveFields();
    const line1 = Buffer.from('{"text": "first article"}\n{"text": "sec');
    const line2 = Buffer.from('ond article"}\n{"text": "');
    const long = Buffer.from("x".repeat(500));
    const tail = Buffer.from('"}\n{"text": "last"}');
    const items = await drain(
      readJsonl([line1, line2, long, tail], "file:///t.jsonl", { fields, maxLineBytes: 200 }),
    );
    expect(items.map((i) => ("content" in i ? i.content : i.code))).toEqual([
      "first article",
      "second article",
      "too-large",
      "last",
    ]);
  });

  it("reports invalid UTF-8 inside a line as a message on that document", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text": "caf'),
      Buffer.from([0xe9]),
      Buffer.from(' noir"}\n'),
    ]);
    const [doc] = (await drain(
      readJsonl([bytes], "file:///b.jsonl", { fields: resolveFields(), maxLineBytes: 1000 }),
    )) as RawDocument[];
    expect(doc.content).toBe("caf\ufffd noir");
    expect(doc.messages.map((m) => m.rule)).toContain("invalid-bytes");
  });

  it("strips a BOM on the first line and trusts the .jsonl name when the first line is broken", async () => {
    const dir = tempDir();
    const bom = join(dir, "bom.jsonl");
    const broken = join(dir, "broken-first.jsonl");
    writeFileSync(
      bom,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text": "After the mark."}\n')]),
    );
    writeFileSync(broken, '{"text": "never closed\n{"text": "Second line is fine."}\n');
    const { docs, problems } = await collect([bom, broken]);
    expect(docs.map((d) => d.content)).toEqual(["After the mark.", "Second line is fine."]);
    expect(problems.map((p) => p.uri.replace(/.*#/, ""))).toEqual(["line=1"]);
  });

  it("reads a JSON array of articles as several documents", async () => {
    const dir = tempDir();
    const path = join(dir, "batch.json");
    writeFileSync(path, JSON.stringify([{ text: "One." }, { text: "Two." }], null, 2));
    const { docs } = await collect([path]);
    expect(docs.map((d) => [d.content, d.uri.replace(/.*#/, "")])).toEqual([
      ["One.", "item=1"],
      ["Two.", "item=2"],
    ]);
  });

  it("rejects a bad fields option as a programmer error", () => {
    expect(() => resolveFields({ text: "" })).toThrow(/options\.fields\.text must be a non-empty string/);
  });
});
