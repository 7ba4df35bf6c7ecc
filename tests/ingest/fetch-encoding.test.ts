import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Fetched, type FetchOptions, fetchUrl } from "../../src/ingest/fetch-url.ts";
import type { InputProblem } from "../../src/ingest/index.ts";
import { collect } from "./helpers.ts";

/** Content-Encoding on fetched pages: undone while streaming, counted against the cap after decoding. */

const PAGE = Buffer.from(
  "<html><head><title>Ferry talks</title></head><body><p>Negotiators for the two ports met on Tuesday and agreed to resume the night ferry.</p></body></html>",
);
/** Repetitive so it compresses far: 4 MB of text in a few kB of gzip, to stand for a compression bomb. */
const BOMB_SIZE = 4_000_000;
const BOMB = gzipSync(Buffer.alloc(BOMB_SIZE, "all quiet on the quay. "));

const ENCODED: Record<string, [string, Buffer]> = {
  "/gzip": ["gzip", gzipSync(PAGE)],
  "/x-gzip": ["x-gzip", gzipSync(PAGE)],
  "/deflate": ["deflate", deflateSync(PAGE)],
  "/deflate-raw": ["deflate", deflateRawSync(PAGE)],
  "/br": ["br", brotliCompressSync(PAGE)],
  "/gzip-then-br": ["gzip, br", brotliCompressSync(gzipSync(PAGE))],
  "/identity": ["identity", PAGE],
  "/zstd": ["zstd", Buffer.from("\x28\xb5\x2f\xfd not really zstd", "latin1")],
};

function options(over: Partial<FetchOptions> = {}): FetchOptions {
  return {
    allowPrivate: true,
    timeoutMs: 5_000,
    maxFetchBytes: 1_000_000,
    maxRedirects: 5,
    lookup: async () => ["127.0.0.1"],
    ...over,
  };
}

function fetched(x: Fetched | InputProblem): Fetched {
  if ("kind" in x) throw new Error(`test: expected a fetched page, got ${x.code}: ${x.message}`);
  return x;
}

describe("compressed responses", () => {
  let server: Server;
  let base = "";
  let lastHeaders: IncomingHttpHeaders = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      lastHeaders = req.headers;
      const path = req.url ?? "/";
      const encoded = ENCODED[path];
      if (encoded) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": encoded[0] });
        res.end(encoded[1]);
        return;
      }
      if (path === "/gzip-cut") {
        // A gzip body cut off half-way, as when a proxy drops the tail: the status and length are fine.
        const whole = gzipSync(Buffer.alloc(200_000, "The crossing stays closed. "));
        const half = whole.subarray(0, whole.length >> 1);
        res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
        res.end(half);
        return;
      }
      if (path === "/bomb") {
        res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
        res.end(BOMB);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://news.example.test:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    lastHeaders = {};
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it.each(["/gzip", "/x-gzip", "/deflate", "/deflate-raw", "/br", "/gzip-then-br", "/identity"])(
    "undoes %s",
    async (path) => {
      const got = fetched(await fetchUrl(`${base}${path}`, options()));
      expect(got.bytes.equals(PAGE)).toBe(true);
      expect(got.messages).toEqual([]);
      expect(got.contentType).toBe("text/html; charset=utf-8");
      expect(lastHeaders["accept-encoding"]).toBe("gzip, deflate, br");
    },
  );

  it("passes an unknown encoding on as sent and says so", async () => {
    const got = fetched(await fetchUrl(`${base}/zstd`, options()));
    expect(got.bytes.equals(ENCODED["/zstd"][1])).toBe(true);
    expect(got.messages).toEqual([
      { stage: "ingest", rule: "content-encoding", reason: 'unknown Content-Encoding "zstd"; read as sent' },
    ]);
  });

  it("keeps what came before a cut-off gzip body and says it is damaged", async () => {
    const got = fetched(await fetchUrl(`${base}/gzip-cut`, options()));
    expect(got.bytes.length).toBeGreaterThan(10_000);
    expect(got.bytes.length).toBeLessThan(200_000);
    expect(got.bytes.toString().startsWith("The crossing stays closed. The crossing")).toBe(true);
    expect(got.messages.map((m) => m.rule)).toEqual(["content-encoding"]);
    expect(got.messages[0].reason).toMatch(/^the gzip body is damaged or cut off \(unexpected end of file/);
  });

  it("stops a compression bomb at the cap, counted after decoding", async () => {
    expect(BOMB.length).toBeLessThan(100_000);
    const got = fetched(await fetchUrl(`${base}/bomb`, options({ maxFetchBytes: 300_000 })));
    expect(got.cut).toBe(true);
    expect(got.bytes.length).toBe(300_000);
    expect(got.messages.map((m) => m.rule)).toEqual(["body-cut"]);
  });

  it("reads a gzip page through readInputs as its text", async () => {
    const { docs, problems } = await collect([`${base}/gzip`], {
      allowPrivate: true,
      lookup: async () => ["127.0.0.1"],
    });
    expect(problems).toEqual([]);
    expect(docs[0].content).toContain("agreed to resume the night ferry.");
  });
});
