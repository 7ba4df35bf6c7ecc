import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readWarc } from "../../src/ingest/index.ts";
import type { RawDocument } from "../../src/record.ts";
import { collect, drain, tempDir } from "./helpers.ts";

/** One WARC record: header lines, Content-Length, CRLFCRLF, block, CRLFCRLF. */
function record(type: string, uri: string, block: Buffer, extra: Record<string, string> = {}): Buffer {
  const headers = {
    "WARC-Type": type,
    "WARC-Date": "2024-03-05T11:22:33Z",
    "WARC-Record-ID": `<urn:uuid:${type}-${uri.length}>`,
    "WARC-Target-URI": uri,
    ...extra,
    "Content-Length": String(block.length),
  };
  const head = `WARC/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), block, Buffer.from("\r\n\r\n")]);
}

function httpResponse(status: string, headers: Record<string, string>, body: Buffer): Buffer {
  const head = `HTTP/1.1 ${status}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

const PAGE_A =
  "<html><head><title>Dam repairs</title></head><body><p>Repairs to the dam began on Monday.</p></body></html>";
const PAGE_B = "<html><body><p>Le conseil a vot\xe9 le budget.</p></body></html>";

function sampleWarc(): Buffer[] {
  return [
    record("warcinfo", "", Buffer.from("software: hand-built test\r\n"), {
      "Content-Type": "application/warc-fields",
    }),
    record(
      "request",
      "https://river.example/dam",
      Buffer.from("GET /dam HTTP/1.1\r\nHost: river.example\r\n\r\n"),
      {
        "Content-Type": "application/http; msgtype=request",
      },
    ),
    record(
      "response",
      "https://river.example/dam",
      httpResponse("200 OK", { "Content-Type": "text/html; charset=utf-8" }, Buffer.from(PAGE_A)),
      { "Content-Type": "application/http; msgtype=response" },
    ),
    record(
      "response",
      "https://river.example/logo.png",
      httpResponse("200 OK", { "Content-Type": "image/png" }, Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    ),
    record(
      "response",
      "https://conseil.example/budget",
      httpResponse(
        "200 OK",
        { "Content-Type": "text/html; charset=ISO-8859-1", "Content-Encoding": "gzip" },
        gzipSync(Buffer.from(PAGE_B, "latin1")),
      ),
    ),
    record(
      "response",
      "https://river.example/old",
      httpResponse("301 Moved Permanently", { Location: "/dam" }, Buffer.alloc(0)),
    ),
    record(
      "resource",
      "https://river.example/static",
      Buffer.from("<p>A resource record holding a page.</p>"),
      {
        "Content-Type": "text/html",
      },
    ),
  ];
}

describe("WARC", () => {
  it("yields HTML responses and resources, skipping requests, non-HTML, redirects and warcinfo", async () => {
    const items = await drain(
      readWarc([Buffer.concat(sampleWarc())], "file:///t.warc", { maxRecordBytes: 1e6 }),
    );
    const docs = items as RawDocument[];
    expect(docs.map((d) => d.meta.url)).toEqual([
      "https://river.example/dam",
      "https://conseil.example/budget",
      "https://river.example/static",
    ]);
    expect(docs[0]).toMatchObject({
      format: "warc",
      contentType: "html",
      content: PAGE_A,
      meta: { date: "2024-03-05T11:22:33Z" },
    });
    // Content-Encoding undone, then the charset from the HTTP header applied.
    expect(docs[1].content).toContain("Le conseil a voté le budget.");
    expect(docs[0].uri).toMatch(/^file:\/\/\/t\.warc#offset=\d+$/);
  });

  it("reads a per-record gzipped file from disk as one stream", async () => {
    const dir = tempDir();
    const path = join(dir, "crawl.warc.gz");
    writeFileSync(path, Buffer.concat(sampleWarc().map((r) => gzipSync(r))));
    const { docs, problems } = await collect([path]);
    expect(problems).toEqual([]);
    expect(docs).toHaveLength(3);
    expect(docs[2].content).toBe("<p>A resource record holding a page.</p>");
  });

  it("stops at a truncated record with a problem naming the file and byte offset, after yielding the records before it", async () => {
    const whole = Buffer.concat(sampleWarc());
    const cut = whole.subarray(0, whole.length - 40); // the last record loses its tail
    const dir = tempDir();
    const path = join(dir, "cut.warc");
    writeFileSync(path, cut);
    const { docs, problems } = await collect([path]);
    expect(docs).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe("malformed-warc");
    expect(problems[0].uri).toMatch(/cut\.warc$/);
    expect(problems[0].message).toMatch(
      /^warc: record at byte \d+ is truncated: Content-Length says \d+ bytes, only \d+ remain/,
    );
  });

  it("says what it found where a WARC header should be", async () => {
    const good = record("resource", "https://a.example/", Buffer.from("<p>first</p>"), {
      "Content-Type": "text/html",
    });
    const junk = Buffer.from("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>stray</p>");
    const items = await drain(readWarc([good, junk], "file:///j.warc", { maxRecordBytes: 1e6 }));
    expect(items).toHaveLength(2);
    expect((items[0] as RawDocument).content).toBe("<p>first</p>");
    expect(items[1]).toMatchObject({
      kind: "problem",
      message: `warc: expected a WARC/1.0 or 1.1 header at byte ${good.length}, found "HTTP/1.1"`,
    });
  });

  it("reports a gzip member cut short, keeping the records before it", async () => {
    const members = sampleWarc().map((r) => gzipSync(r));
    const gz = Buffer.concat(members);
    const dir = tempDir();
    const path = join(dir, "cut.warc.gz");
    writeFileSync(path, gz.subarray(0, gz.length - 25));
    const { docs, problems } = await collect([path]);
    expect(docs.length).toBe(2);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^warc: /);
  });

  it("handles records split across many small chunks", async () => {
    const whole = Buffer.concat(sampleWarc());
    const chunks: Buffer[] = [];
    for (let i = 0; i < whole.length; i += 7) chunks.push(whole.subarray(i, i + 7));
    const items = await drain(readWarc(chunks, "file:///s.warc", { maxRecordBytes: 1e6 }));
    expect(items.map((d) => (d as RawDocument).meta.url)).toEqual([
      "https://river.example/dam",
      "https://conseil.example/budget",
      "https://river.example/static",
    ]);
  });

  it("skips an oversized record with a problem and reads on", async () => {
    const big = record("resource", "https://a.example/big", Buffer.from(`<p>${"x".repeat(5000)}</p>`), {
      "Content-Type": "text/html",
    });
    const small = record("resource", "https://a.example/small", Buffer.from("<p>small</p>"), {
      "Content-Type": "text/html",
    });
    const items = await drain(readWarc([big, small], "file:///o.warc", { maxRecordBytes: 1000 }));
    expect(items.map((i) => ("kind" in i ? i.code : (i as RawDocument).meta.url))).toEqual([
      "too-large",
      "https://a.example/small",
    ]);
  });

  it("never throws wherever a file is cut, and yields only whole records before one problem", async () => {
    const whole = Buffer.concat(sampleWarc());
    for (let cut = 0; cut < whole.length; cut += 13) {
      const items = await drain(
        readWarc([whole.subarray(0, cut)], "file:///c.warc", { maxRecordBytes: 1e6 }),
      );
      const problems = items.filter((i) => "kind" in i);
      expect(problems.length).toBeLessThanOrEqual(1);
      for (const d of items.filter((i) => !("kind" in i)) as RawDocument[]) {
        expect(
          [PAGE_A, "<p>A resource record holding a page.</p>"].includes(d.content) ||
            d.content.includes("voté"),
        ).toBe(true);
      }
    }
  });

  it("reads text/plain conversion records (WET) as text", async () => {
    const wet = record(
      "conversion",
      "https://a.example/story",
      Buffer.from("Extracted story text.\r\nSecond line."),
      {
        "Content-Type": "text/plain",
      },
    );
    const [doc] = (await drain(readWarc([wet], "file:///w.wet", { maxRecordBytes: 1e6 }))) as RawDocument[];
    expect(doc).toMatchObject({
      contentType: "text",
      content: "Extracted story text.\nSecond line.",
      meta: { url: "https://a.example/story" },
    });
  });
});
