import type { LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders, type RequestOptions, type Server } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import tls from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { checkUrl, type FetchOptions, fetchUrl, pinnedLookup } from "../../src/ingest/fetch-url.ts";
import type { InputProblem } from "../../src/ingest/index.ts";

/**
 * DNS rebinding and address pinning. No test here reaches the network: the only sockets go to
 * servers on 127.0.0.1, and the "public" answers are either refused before a socket opens or, in the
 * routed tests, sent to the local server by a stand-in for the internet (see `routeToLocal`).
 */

const PUBLIC = "93.184.216.34";
const PUBLIC_2 = "2606:2800:220:1:248:1893:25c8:1946";

/** A resolver that gives each answer in turn (the last one repeats) and counts the questions. */
function flipping(...answers: string[][]) {
  const asked: string[] = [];
  const lookup = async (host: string): Promise<string[]> => {
    asked.push(host);
    return answers[Math.min(asked.length, answers.length) - 1];
  };
  return { lookup, asked };
}

function options(over: Partial<FetchOptions>): FetchOptions {
  return {
    allowPrivate: false,
    timeoutMs: 5_000,
    maxFetchBytes: 1_000_000,
    maxRedirects: 5,
    lookup: async (host) => {
      throw new Error(`test: no resolver given for ${host}`);
    },
    ...over,
  };
}

interface Handed {
  err: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

/** Calls a LookupFunction the way a socket does and returns what it handed back. */
function ask(fn: LookupFunction, host: string, how: Parameters<LookupFunction>[1]): Promise<Handed> {
  return new Promise((done) => fn(host, how, (err, address, family) => done({ err, address, family })));
}

function isProblem(x: unknown): x is InputProblem {
  return (x as InputProblem).kind === "problem";
}

describe("pinnedLookup judges every answer when the socket asks", () => {
  it("resolves afresh on each call, so an answer that flips to private is refused", async () => {
    const dns = flipping([PUBLIC], ["127.0.0.1"], [PUBLIC]);
    const fn = pinnedLookup({ allowPrivate: false, lookup: dns.lookup });
    const first = await ask(fn, "news.example.test", { all: true });
    expect(first.err).toBeNull();
    expect(first.address).toEqual([{ address: PUBLIC, family: 4 }]);
    const second = await ask(fn, "news.example.test", { all: true });
    expect(second.err?.message).toBe(
      "refused: news.example.test resolves to 127.0.0.1, which is not a public address (loopback); use --allow-private to allow it",
    );
    expect(second.address).toBe("");
    const third = await ask(fn, "news.example.test", { all: true });
    expect(third.address).toEqual([{ address: PUBLIC, family: 4 }]);
    expect(dns.asked).toEqual(["news.example.test", "news.example.test", "news.example.test"]);
  });

  it("refuses the whole answer when one address of several is private", async () => {
    const fn = pinnedLookup({ allowPrivate: false, lookup: async () => [PUBLIC, "::ffff:10.0.0.8"] });
    const got = await ask(fn, "mixed.example.test", { all: true });
    expect(got.err?.message).toMatch(
      /resolves to ::ffff:10\.0\.0\.8, which is not a public address \(private/,
    );
  });

  it("hands one address with its family, or only the family the socket asked for", async () => {
    const fn = pinnedLookup({ allowPrivate: false, lookup: async () => [PUBLIC_2, PUBLIC] });
    expect(await ask(fn, "dual.example.test", {})).toEqual({ err: null, address: PUBLIC_2, family: 6 });
    expect(await ask(fn, "dual.example.test", { family: 4 })).toEqual({
      err: null,
      address: PUBLIC,
      family: 4,
    });
    const v4only = pinnedLookup({ allowPrivate: false, lookup: async () => [PUBLIC] });
    const none = await ask(v4only, "v4.example.test", { family: 6, all: true });
    expect(none.err?.message).toBe("could not resolve v4.example.test (no IPv6 address)");
  });

  it("turns a resolver failure into an error that names the host", async () => {
    const fn = pinnedLookup({
      allowPrivate: false,
      lookup: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      },
    });
    const got = await ask(fn, "gone.example.test", { all: true });
    expect(got.err?.message).toBe("could not resolve gone.example.test (ENOTFOUND)");
  });

  it("never hands the socket something that is not an address", async () => {
    const fn = pinnedLookup({ allowPrivate: true, lookup: async () => ["not-an-address"] });
    const got = await ask(fn, "odd.example.test", { all: true });
    expect(got.err?.message).toBe("could not resolve odd.example.test (no usable address)");
  });

  it("passes private answers through with allowPrivate", async () => {
    const fn = pinnedLookup({ allowPrivate: true, lookup: async () => ["10.0.0.5"] });
    expect(await ask(fn, "intranet.example.test", { all: true })).toMatchObject({
      err: null,
      address: [{ address: "10.0.0.5", family: 4 }],
    });
  });
});

describe("fetching against a local server", () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  let seen: { path: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? "", headers: req.headers });
      switch (req.url) {
        case "/page":
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end("<html><body><p>The harbour reopened at dawn.</p></body></html>");
          return;
        case "/to-metadata":
          res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
          return;
        case "/to-intranet":
          res.writeHead(302, { location: "http://intranet.example.test/admin" }).end();
          return;
        case "/hop":
          res.writeHead(301, { location: "/page" }).end();
          return;
        default:
          res.writeHead(404).end();
      }
    });
    server.on("connection", () => {
      connections++;
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => {
    seen = [];
    connections = 0;
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it("refuses a rebinding name: checked public first, private when the fetch connects", async () => {
    // The old fetcher checked with one lookup and connected with another; this resolver answers
    // public to the first question and this machine to the second.
    const dns = flipping([PUBLIC], ["127.0.0.1"]);
    const url = `http://rebind.example.test:${port}/page`;
    expect(await checkUrl(url, { allowPrivate: false, lookup: dns.lookup })).toBeNull();
    const got = await fetchUrl(url, options({ lookup: dns.lookup }));
    expect(got).toMatchObject({
      kind: "problem",
      code: "refused-url",
      uri: url,
      message:
        "refused: rebind.example.test resolves to 127.0.0.1, which is not a public address (loopback); use --allow-private to allow it",
    });
    expect(dns.asked).toEqual(["rebind.example.test", "rebind.example.test"]);
    expect(connections).toBe(0);
  });

  it("connects to the address the lookup gave, with the name in Host (allowPrivate)", async () => {
    // news.example.test exists in no DNS (.test is reserved), so reaching the server proves the
    // socket used the injected answer.
    const dns = flipping(["127.0.0.1"]);
    const got = await fetchUrl(
      `http://news.example.test:${port}/hop`,
      options({ allowPrivate: true, lookup: dns.lookup }),
    );
    if (isProblem(got)) throw new Error(`test: expected a page, got ${got.message}`);
    expect(got.url).toBe(`http://news.example.test:${port}/page`);
    expect(got.address).toBe("127.0.0.1");
    expect(got.bytes.toString()).toContain("The harbour reopened at dawn.");
    expect(got.contentType).toBe("text/html; charset=utf-8");
    expect(seen.map((s) => [s.path, s.headers.host])).toEqual([
      ["/hop", `news.example.test:${port}`],
      ["/page", `news.example.test:${port}`],
    ]);
    // One resolution per hop, no more: nothing resolves the name behind the check's back.
    expect(dns.asked).toEqual(["news.example.test", "news.example.test"]);
  });

  it("gives up within the timeout when the resolver never answers", async () => {
    const got = await fetchUrl(
      "http://slow-dns.example.test/page",
      options({ timeoutMs: 150, lookup: () => new Promise<string[]>(() => {}) }),
    );
    expect(got).toMatchObject({
      code: "timeout",
      message: "no complete answer from http://slow-dns.example.test/page within 0.15 s (timeout)",
    });
  });

  /**
   * Stands in for the internet: every request still goes through the fetcher's own pinned lookup
   * (so its check runs on the real answer), and whatever that lookup hands the socket is recorded,
   * then delivered to the local server instead. Returns the recorded hand-overs.
   */
  function routeToLocal(): { handed: string[][]; request: ReturnType<typeof vi.spyOn> } {
    const real = http.request;
    const handed: string[][] = [];
    const request = vi.spyOn(http, "request").mockImplementation(((
      opts: RequestOptions,
      cb?: (res: http.IncomingMessage) => void,
    ) => {
      const pinned = opts.lookup as LookupFunction;
      const local: LookupFunction = (host, how, done) =>
        pinned(host, how, (err, address, family) => {
          if (err) {
            done(err, address, family);
            return;
          }
          handed.push(Array.isArray(address) ? address.map((a) => a.address) : [address]);
          if (how.all) done(null, [{ address: "127.0.0.1", family: 4 }]);
          else done(null, "127.0.0.1", 4);
        });
      return real({ ...opts, port, lookup: local }, cb);
    }) as typeof http.request);
    return { handed, request };
  }

  it("hands the socket only the checked answer, even when the next answer would be private", async () => {
    const { handed, request } = routeToLocal();
    const dns = flipping([PUBLIC], ["10.9.8.7"]);
    const got = await fetchUrl("http://news.example.test/page", options({ lookup: dns.lookup }));
    if (isProblem(got)) throw new Error(`test: expected a page, got ${got.message}`);
    expect(got.bytes.toString()).toContain("The harbour reopened at dawn.");
    expect(handed).toEqual([[PUBLIC]]);
    expect(dns.asked).toEqual(["news.example.test"]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(seen.map((s) => s.headers.host)).toEqual(["news.example.test"]);
  });

  it("re-checks a redirect to an address literal before any request", async () => {
    const { request } = routeToLocal();
    const got = await fetchUrl(
      "http://news.example.test/to-metadata",
      options({ lookup: async () => [PUBLIC] }),
    );
    expect(got).toMatchObject({ code: "refused-url" });
    expect((got as InputProblem).message).toMatch(
      /^redirect 1 to http:\/\/169\.254\.169\.254\/latest\/meta-data\/: refused: 169\.254\.169\.254 is not a public address \(link-local\)/,
    );
    expect(request).toHaveBeenCalledTimes(1);
  });

  it("re-checks a redirect to a name at connect time", async () => {
    const { handed } = routeToLocal();
    const lookup = async (host: string) => (host === "intranet.example.test" ? ["10.1.1.1"] : [PUBLIC]);
    const got = await fetchUrl("http://news.example.test/to-intranet", options({ lookup }));
    expect(got).toMatchObject({
      code: "refused-url",
      message:
        "redirect 1 to http://intranet.example.test/admin: refused: intranet.example.test resolves to 10.1.1.1, which is not a public address (private); use --allow-private to allow it",
    });
    expect(handed).toEqual([[PUBLIC]]);
    expect(seen.map((s) => s.path)).toEqual(["/to-intranet"]);
  });
});

describe("https names the host in the TLS handshake", () => {
  it("sends SNI for the name while connecting to the looked-up address", async () => {
    const names: string[] = [];
    // No certificate at all: the handshake fails, but only after the client said which name it wants.
    const server = tls.createServer({
      SNICallback: (name, cb) => {
        names.push(name);
        cb(new Error("test: no certificate"), undefined);
      },
    });
    server.on("tlsClientError", () => {});
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const tlsPort = (server.address() as AddressInfo).port;
    try {
      const url = `https://news.example.test:${tlsPort}/page`;
      const got = await fetchUrl(url, options({ allowPrivate: true, lookup: async () => ["127.0.0.1"] }));
      expect(names).toEqual(["news.example.test"]);
      expect(got).toMatchObject({ kind: "problem", code: "fetch-failed", uri: url });
      expect((got as InputProblem).message.startsWith(`fetch of ${url} failed: `)).toBe(true);
      expect((got as InputProblem).message).not.toContain("\n");
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
