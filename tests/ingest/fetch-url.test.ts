import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkUrl, specialAddress, USER_AGENT } from "../../src/ingest/index.ts";
import { collect } from "./helpers.ts";

/** A resolver that must not be reached: the hostile URLs below are all refused before DNS. */
const noDns = async (host: string): Promise<string[]> => {
  throw new Error(`test: DNS lookup of ${host} was not expected`);
};

describe("hostile URLs are refused without any network", () => {
  const hostile = [
    ["http://127.0.0.1/", /127\.0\.0\.1 is not a public address \(loopback\)/],
    ["http://localhost:8080/admin", /localhost names this machine/],
    ["http://[::1]/", /::1 is not a public address \(loopback\)/],
    ["http://10.1.2.3/", /private/],
    ["http://169.254.169.254/latest/meta-data/", /link-local/],
    ["http://0.0.0.0/", /unspecified/],
    ["http://[::ffff:127.0.0.1]/", /loopback \(IPv4-mapped\)/],
    ["http://2130706433/", /127\.0\.0\.1 is not a public address/],
    ["http://0177.0.0.1/", /127\.0\.0\.1 is not a public address/],
    ["http://0x7f.1/", /127\.0\.0\.1 is not a public address/],
    ["http://100.64.0.7/", /carrier-grade NAT/],
    ["http://224.0.0.251/", /multicast/],
    ["http://[fe80::1]/", /link-local/],
    ["http://[fd12:3456::1]/", /unique local/],
    ["https://user:secret@news.example.com/", /credentials/],
    ["file:///etc/passwd", /file: URLs are not read/],
    ["ftp://files.example.com/a.txt", /ftp: URLs are not read/],
    ["data:text/html,<p>hi</p>", /data: URLs are not read/],
    ["javascript:alert(1)", /javascript: URLs are not read/],
  ] as const;

  it.each(hostile)("%s", async (url, reason) => {
    const { docs, problems } = await collect([url], { lookup: noDns });
    expect(docs).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: "problem", code: "refused-url", uri: url });
    expect(problems[0].message).toMatch(reason);
  });

  it("refuses a name when any of its addresses is private", async () => {
    const lookup = async () => ["93.184.216.34", "10.0.0.5"];
    const why = await checkUrl("https://mixed.example.org/story", { allowPrivate: false, lookup });
    expect(why).toMatch(
      /mixed\.example\.org resolves to 10\.0\.0\.5, which is not a public address \(private\)/,
    );
    expect(
      await checkUrl("https://fine.example.org/", {
        allowPrivate: false,
        lookup: async () => ["93.184.216.34"],
      }),
    ).toBeNull();
  });

  it("reports a name that does not resolve", async () => {
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const { problems } = await collect(["https://no-such-host.example/"], { lookup });
    expect(problems[0]).toMatchObject({
      code: "dns-failed",
      message: "could not resolve no-such-host.example (ENOTFOUND)",
    });
  });
});

describe("specialAddress", () => {
  it("judges IPv6 forms that carry IPv4 by the IPv4 inside", () => {
    expect(specialAddress("::ffff:10.0.0.1")).toBe("private (IPv4-mapped)");
    expect(specialAddress("64:ff9b::a9fe:a9fe")).toBe("link-local (NAT64)");
    expect(specialAddress("2002:7f00:1::")).toBe("loopback (6to4)");
    expect(specialAddress("::7f00:1")).toBe("loopback (IPv4-compatible)");
    expect(specialAddress("fe80::1%eth0")).toBe("link-local");
  });

  it("lets public addresses through", () => {
    expect(specialAddress("93.184.216.34")).toBeNull();
    expect(specialAddress("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
    expect(specialAddress("::ffff:93.184.216.34")).toBeNull();
    expect(specialAddress("172.32.0.1")).toBeNull(); // just outside 172.16.0.0/12
  });
});

describe("fetching from a local server with allowPrivate", () => {
  let server: Server;
  let base = "";
  let lastHeaders: IncomingHttpHeaders = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      lastHeaders = req.headers;
      const url = new URL(req.url ?? "/", "http://x");
      const hop = /^\/hops\/(\d+)$/.exec(url.pathname);
      if (hop) {
        const n = Number(hop[1]);
        if (n === 0) {
          res
            .writeHead(200, { "content-type": "text/html" })
            .end("<html><body><p>Arrived.</p></body></html>");
        } else res.writeHead(302, { location: `/hops/${n - 1}` }).end();
        return;
      }
      switch (url.pathname) {
        case "/article":
          res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
          res.end(Buffer.from("<html><body><p>Le pr\xe9fet a parl\xe9.</p></body></html>", "latin1"));
          return;
        case "/plain":
          res.writeHead(200, { "content-type": "text/plain" }).end("A plain dispatch.\r\nSecond line.");
          return;
        case "/feed.xml":
          res.writeHead(200, { "content-type": "application/rss+xml" });
          res.end(
            "<rss><channel><title>Wire</title><item><title>One</title><description>First item.</description></item></channel></rss>",
          );
          return;
        case "/to-file":
          res.writeHead(301, { location: "file:///etc/passwd" }).end();
          return;
        case "/big": {
          res.writeHead(200, { "content-type": "text/html" });
          const chunk = Buffer.from(`<p>${"y".repeat(64 * 1024)}</p>`);
          let sent = 0;
          const pump = () => {
            while (sent < 48 && res.write(chunk)) sent++;
            if (sent >= 48) res.end();
            else res.once("drain", pump);
          };
          pump();
          res.on("close", () => {
            sent = 48;
          });
          return;
        }
        case "/slow":
          res.writeHead(200, { "content-type": "text/html" });
          res.write("<p>start");
          return; // never ends: the client's timeout must
        default:
          res.writeHead(404, { "content-type": "text/plain" }).end("nope");
      }
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    lastHeaders = {};
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it("is refused without allowPrivate", async () => {
    const { problems } = await collect([`${base}/article`]);
    expect(problems[0].code).toBe("refused-url");
  });

  it("fetches a page, honours the header charset and sends the sitrep User-Agent", async () => {
    const { docs, problems } = await collect([`${base}/article`], { allowPrivate: true });
    expect(problems).toEqual([]);
    expect(docs[0]).toMatchObject({
      format: "url",
      contentType: "html",
      uri: `${base}/article`,
      meta: { url: `${base}/article` },
    });
    expect(docs[0].content).toContain("Le préfet a parlé.");
    expect(lastHeaders["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^sitrep\/\S+ \(news analysis; \+self-hosted\)$/);
  });

  it("lets the content decide: plain text stays text, a feed yields its items", async () => {
    const { docs } = await collect([`${base}/plain`, `${base}/feed.xml`], { allowPrivate: true });
    expect(docs[0]).toMatchObject({
      format: "url",
      contentType: "text",
      content: "A plain dispatch.\nSecond line.",
    });
    expect(docs[1]).toMatchObject({
      format: "rss",
      content: "First item.",
      meta: { title: "One", publisher: "Wire" },
    });
  });

  it("follows up to five redirects and refuses the sixth", async () => {
    const ok = await collect([`${base}/hops/5`], { allowPrivate: true });
    expect(ok.docs[0].meta.url).toBe(`${base}/hops/0`);
    const tooMany = await collect([`${base}/hops/6`], { allowPrivate: true });
    expect(tooMany.docs).toEqual([]);
    expect(tooMany.problems[0]).toMatchObject({ code: "too-many-redirects" });
    expect(tooMany.problems[0].message).toMatch(/more than 5 redirects/);
  });

  it("refuses a redirect to a file: URL even with allowPrivate", async () => {
    const { problems } = await collect([`${base}/to-file`], { allowPrivate: true });
    expect(problems[0].code).toBe("refused-url");
    expect(problems[0].message).toMatch(/file: URLs are not fetched/);
  });

  it("cuts a body over the cap and says so", async () => {
    const { docs, problems } = await collect([`${base}/big`], {
      allowPrivate: true,
      maxFetchBytes: 1_000_000,
    });
    expect(problems.map((p) => p.code)).toEqual(["too-large"]);
    expect(problems[0].message).toMatch(/larger than the 1 MB cap/);
    expect(docs).toHaveLength(1);
    expect(docs[0].content.length).toBe(1_000_000);
    expect(docs[0].messages.map((m) => m.rule)).toContain("body-cut");
  });

  it("gives up on a server that never finishes", async () => {
    const { docs, problems } = await collect([`${base}/slow`], { allowPrivate: true, timeoutMs: 300 });
    expect(docs).toEqual([]);
    expect(problems[0].code).toBe("timeout");
  });

  it("reports HTTP errors", async () => {
    const { problems } = await collect([`${base}/missing`], { allowPrivate: true });
    expect(problems[0]).toMatchObject({ code: "http-error" });
    expect(problems[0].message).toMatch(/^HTTP 404/);
  });
});
