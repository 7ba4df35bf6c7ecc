import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES, readInputs } from "../../src/ingest/index.ts";
import { collect, fixture, tempDir } from "./helpers.ts";

const ARTICLE =
  "Rescue teams reached the village on Friday.\n\nThe road had been blocked by a landslide for three days.\n";

describe("files", () => {
  it("reads a plain-text article with its file URI", async () => {
    const dir = tempDir();
    const path = join(dir, "landslide.txt");
    writeFileSync(path, ARTICLE.replace(/\n/g, "\r\n"));
    const { docs } = await collect([path]);
    expect(docs).toEqual([
      {
        uri: pathToFileURL(path).href,
        format: "text",
        contentType: "text",
        content: ARTICLE,
        meta: {},
        messages: [],
      },
    ]);
  });

  it("reads an HTML page, also gzipped, as html", async () => {
    const dir = tempDir();
    const gz = join(dir, "page.html.gz");
    writeFileSync(gz, gzipSync(Buffer.from("<html><body><p>Compressed page.</p></body></html>")));
    const { docs } = await collect([fixture("harbour-page.html"), gz]);
    expect(docs.map((d) => [d.format, d.contentType])).toEqual([
      ["html", "html"],
      ["html", "html"],
    ]);
    expect(docs[0].content).toContain("Ferry link to the islands restored after storm");
    expect(docs[1].content).toBe("<html><body><p>Compressed page.</p></body></html>");
  });

  it("decodes a Latin-1 page declared and undeclared, and counts invalid UTF-8 bytes", async () => {
    const dir = tempDir();
    const declared = join(dir, "declared.html");
    const undeclared = join(dir, "undeclared.html");
    const damaged = join(dir, "damaged.txt");
    writeFileSync(
      declared,
      Buffer.from(
        '<html><head><meta charset="iso-8859-1"></head><body><p>L\'\xe9quipe a gagn\xe9.</p></body></html>',
        "latin1",
      ),
    );
    writeFileSync(
      undeclared,
      Buffer.from("<html><body><p>L'\xe9quipe a gagn\xe9.</p></body></html>", "latin1"),
    );
    writeFileSync(
      damaged,
      Buffer.concat([
        Buffer.from("Größe, Übung, Straße, Köln, Düsseldorf: "),
        Buffer.from([0xc0, 0xfe, 0x80]),
        Buffer.from(" Ende."),
      ]),
    );
    const { docs } = await collect([declared, undeclared, damaged]);
    expect(docs[0].content).toContain("L'équipe a gagné.");
    expect(docs[0].messages).toEqual([]);
    expect(docs[1].content).toContain("L'équipe a gagné.");
    expect(docs[1].messages.map((m) => m.rule)).toEqual(["charset-guessed"]);
    expect(docs[2].content).toContain("Düsseldorf: \ufffd");
    expect(docs[2].messages.find((m) => m.rule === "invalid-bytes")?.reason).toMatch(
      /^3 invalid utf-8 byte sequences replaced/,
    );
  });

  it("turns bad inputs into problems and keeps the batch going", async () => {
    const dir = tempDir();
    const empty = join(dir, "empty.txt");
    const blank = join(dir, "blank.txt");
    const png = join(dir, "photo.txt");
    const pdf = join(dir, "report.pdf");
    const good = join(dir, "good.txt");
    writeFileSync(empty, "");
    writeFileSync(blank, "  \n\t\r\n  ");
    writeFileSync(
      png,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    writeFileSync(pdf, Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "latin1"));
    writeFileSync(good, ARTICLE);
    const missing = join(dir, "nowhere.txt");
    const { all } = await collect([empty, missing, blank, png, good, pdf]);
    const summary = all.map((x) =>
      "kind" in x ? `${x.code}: ${x.message}` : `doc ${x.content.slice(0, 12)}`,
    );
    expect(summary).toEqual([
      `empty: ${empty} is empty (0 bytes)`,
      `missing: ${missing}: no such file or directory`,
      `empty: ${blank} is empty (white space only)`,
      `binary: ${png} is binary (PNG image), not an article`,
      "doc Rescue teams",
      `binary: ${pdf} is binary (PDF document), not an article`,
    ]);
  });

  it("refuses a 50 MB file from its size alone", async () => {
    const dir = tempDir();
    const path = join(dir, "huge.txt");
    const fd = openSync(path, "w");
    try {
      writeSync(fd, "A very long article begins here.\n");
      ftruncateSync(fd, 50 * 1024 * 1024); // sparse: the test stays fast and the file is never committed
    } finally {
      closeSync(fd);
    }
    expect(DEFAULT_MAX_BYTES).toBe(20_000_000);
    const { docs, problems } = await collect([path]);
    expect(docs).toEqual([]);
    expect(problems).toEqual([
      {
        kind: "problem",
        uri: pathToFileURL(path).href,
        code: "too-large",
        message: "file is 52 MB, larger than the 20 MB limit (--max-bytes)",
      },
    ]);
  });

  it("resolves relative paths against options.cwd", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "rel.txt"), ARTICLE);
    const { docs } = await collect(["rel.txt"], { cwd: dir });
    expect(docs[0].uri).toBe(pathToFileURL(join(dir, "rel.txt")).href);
  });
});

describe("directories", () => {
  it("walks nested folders in sorted order, skipping dotfiles and node_modules", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "b-sub", "deeper"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    mkdirSync(join(dir, "node_modules", "pkg"), { recursive: true });
    writeFileSync(join(dir, "c.txt"), "Third file at the top.");
    writeFileSync(join(dir, "a.txt"), "First file at the top.");
    writeFileSync(join(dir, ".hidden.txt"), "Never read.");
    writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/main");
    writeFileSync(join(dir, "node_modules", "pkg", "README.txt"), "Never read either.");
    writeFileSync(join(dir, "b-sub", "page.html"), "<html><body><p>Nested page.</p></body></html>");
    writeFileSync(join(dir, "b-sub", "deeper", "lines.jsonl"), '{"text": "From a nested dump."}\n');
    copyFileSync(fixture("newsroom.atom"), join(dir, "b-sub", "feed.atom"));
    const { docs, problems } = await collect([dir]);
    expect(problems).toEqual([]);
    expect(docs.map((d) => d.uri.slice(pathToFileURL(dir).href.length))).toEqual([
      "/a.txt",
      "/b-sub/deeper/lines.jsonl#line=1",
      "/b-sub/feed.atom#item=1",
      "/b-sub/feed.atom#item=2",
      "/b-sub/feed.atom#item=3",
      "/b-sub/page.html",
      "/c.txt",
    ]);
  });
});

describe("empty directories", () => {
  it("say so instead of yielding nothing", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, ".cache"));
    writeFileSync(join(dir, ".cache", "x.txt"), "hidden");
    const { docs, problems } = await collect([dir]);
    expect(docs).toEqual([]);
    expect(problems).toMatchObject([{ code: "empty", uri: pathToFileURL(dir).href }]);
  });
});

describe("standard input", () => {
  it('reads "-" from options.stdin and detects its format', async () => {
    const { docs } = await collect(["-"], {
      stdin: async () => Buffer.from('{"text": "one"}\n{"text": "two"}\n'),
    });
    expect(docs.map((d) => [d.uri, d.format, d.content])).toEqual([
      ["stdin:#line=1", "jsonl", "one"],
      ["stdin:#line=2", "jsonl", "two"],
    ]);
  });

  it("throws a configuration error for a nonsensical option", async () => {
    await expect(readInputs(["x"], { maxBytes: -1 }).next()).rejects.toThrow(
      /options\.maxBytes must be a positive number, found -1/,
    );
    await expect(readInputs(["x"], { maxRedirects: 1.5 }).next()).rejects.toThrow(
      /options\.maxRedirects must be a whole number/,
    );
  });

  it("throws a configuration error when stdin is asked for but not given", async () => {
    const gen = readInputs(["-"], {});
    await expect(gen.next()).rejects.toThrow(/input "-" needs options\.stdin/);
  });
});

describe("robustness", () => {
  it("never throws on random bytes from stdin and always answers with something", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
          fc
            .constantFrom(
              "WARC/1.0\r\n",
              "<rss><channel><item>",
              '{"text": ',
              "<feed><entry><content type='xhtml'>",
              "\x1f\x8b\x08\x00",
            )
            .chain((head) =>
              fc
                .uint8Array({ maxLength: 200 })
                .map((tail) => new Uint8Array([...Buffer.from(head, "latin1"), ...tail])),
            ),
        ),
        async (bytes) => {
          const { all } = await collect(["-"], { stdin: async () => Buffer.from(bytes) });
          expect(all.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200, seed: 20261 },
    );
  });

  it("keeps a JSON Feed UTF-8 even when an item quotes a Latin-1 meta tag", async () => {
    const feed = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Kiosk",
      items: [{ id: "1", content_html: '<meta charset="iso-8859-1"><p>Zürich’s “big” day</p>' }],
    });
    const { docs } = await collect(["-"], { stdin: async () => Buffer.from(feed, "utf8") });
    expect(docs[0].content).toContain("Zürich’s “big” day");
  });
});
