import { describe, expect, it } from "vitest";
import { MAX_LIMIT, OPENAPI, startServer } from "../../src/server/index.ts";
import type { Store } from "../../src/store/index.ts";
import { getJson, HOSTILE_ACTOR_ID, httpRequest, serveFixture } from "./fixtures.ts";

const served = serveFixture();

const enc = encodeURIComponent;

describe("GET /api/v1 resources", () => {
  it("stats counts what the store holds", async () => {
    const { status, json } = await getJson(served.base, "/api/v1/stats");
    expect(status).toBe(200);
    expect(json).toEqual(await served.fx.store.stats());
    expect(json.articles).toBe(3);
  });

  it("articles lists summaries in ingest order, with the publisher filter and limit", async () => {
    const all = await getJson(served.base, "/api/v1/articles");
    expect(all.status).toBe(200);
    expect(all.json.items.map((a: { id: string }) => a.id)).toEqual([
      served.fx.records.border.id,
      served.fx.records.grain.id,
      served.fx.records.hostile.id,
    ]);
    expect(all.json.items[0]).toMatchObject({
      title: "Border Talks Stall as Ministers Trade Warnings",
      publisher: "The Harbour Courier",
      published: "2022-03-03",
      comments: 2,
    });
    expect(all.json.items[0].paragraphs).toBeGreaterThan(0);
    const ledger = await getJson(served.base, "/api/v1/articles?publisher=ledger");
    expect(ledger.json.items.map((a: { publisher: string }) => a.publisher)).toEqual(["Northern Ledger"]);
    const one = await getJson(served.base, "/api/v1/articles?limit=1");
    expect(one.json).toMatchObject({ count: 1, limit: 1 });
  });

  it("since and until filter by publication date", async () => {
    const in2022 = await getJson(served.base, "/api/v1/articles?since=2022-01-01&until=2022-12-31");
    expect(in2022.json.items.map((a: { published: string }) => a.published).sort()).toEqual([
      "2022-03-03",
      "2022-04-02",
    ]);
    const early = await getJson(served.base, "/api/v1/articles?until=2021");
    expect(early.json.items.map((a: { id: string }) => a.id)).toEqual([served.fx.records.grain.id]);
  });

  it("articles/:id returns the stored record, whole", async () => {
    const { status, json } = await getJson(
      served.base,
      `/api/v1/articles/${enc(served.fx.records.border.id)}`,
    );
    expect(status).toBe(200);
    expect(json.id).toBe(served.fx.records.border.id);
    expect(json.paragraphs).toEqual(served.fx.records.border.paragraphs);
    expect(json.comments.map((c: { author: string }) => c.author)).toEqual(["Tomasz R.", "Greta"]);
    expect(json.events.length).toBe(served.fx.records.border.events.length);
  });

  it("search finds paragraphs with highlighted words and respects filters", async () => {
    const { status, json } = await getJson(served.base, "/api/v1/search?q=diplomats");
    expect(status).toBe(200);
    expect(json.count).toBe(1);
    expect(json.items[0]).toMatchObject({ articleId: served.fx.records.border.id, paragraph: 2 });
    expect(json.items[0].snippet).toContain("[diplomats]");
    const none = await getJson(served.base, "/api/v1/search?q=diplomats&publisher=ledger");
    expect(none.json.items).toEqual([]);
  });

  it("actors lists the most mentioned; actors/:id finds one by id or name", async () => {
    const list = await getJson(served.base, "/api/v1/actors");
    const ids = list.json.items.map((a: { id: string }) => a.id);
    expect(ids).toContain("state:POL");
    expect(list.json.items[0]).toHaveProperty("mentions");
    const byId = await getJson(served.base, `/api/v1/actors/${enc("state:BLR")}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toMatchObject({ id: "state:BLR", name: "Belarus", country: "BLR" });
    expect(byId.json.recentArticles.map((a: { id: string }) => a.id)).toEqual([served.fx.records.border.id]);
    const byName = await getJson(served.base, "/api/v1/actors/Zbigniew%20Rau");
    expect(byName.json.id).toBe("person:zbigniew-rau");
    const hostile = await getJson(served.base, `/api/v1/actors/${enc(HOSTILE_ACTOR_ID)}`);
    expect(hostile.json.id).toBe(HOSTILE_ACTOR_ID);
  });

  it("quotes filter by speaker and by words", async () => {
    const rau = await getJson(served.base, "/api/v1/quotes?speaker=Rau");
    expect(rau.status).toBe(200);
    expect(rau.json.items.length).toBe(1);
    expect(rau.json.items[0]).toMatchObject({
      kind: "direct",
      speaker: { actor: "person:zbigniew-rau" },
      articleId: served.fx.records.border.id,
      title: "Border Talks Stall as Ministers Trade Warnings",
    });
    const door = await getJson(served.base, "/api/v1/quotes?text=door%20is%20open");
    expect(door.json.items.map((q: { articleId: string }) => q.articleId)).toEqual([
      served.fx.records.grain.id,
    ]);
  });

  it("events filter by source, target, modality and category, newest first", async () => {
    const denied = await getJson(served.base, "/api/v1/events?modality=denied");
    expect(denied.json.items.length).toBe(1);
    expect(denied.json.items[0]).toMatchObject({ source: { country: "RUS" }, category: "MOBILIZE" });
    expect(denied.json.items[0].sentence).toContain("denied");
    const threats = await getJson(served.base, "/api/v1/events?source=blr&target=POL&category=threaten");
    expect(threats.json.items.map((e: { category: string }) => e.category)).toEqual(["THREATEN"]);
    const turkey = await getJson(served.base, `/api/v1/events?source=${enc("state:TUR")}`);
    expect(
      turkey.json.items.every((e: { source: { actor: string } }) => e.source.actor === "state:TUR"),
    ).toBe(true);
    expect(turkey.json.items.length).toBeGreaterThan(0);
    const all = await getJson(served.base, "/api/v1/events");
    const dates = all.json.items.map((e: { date: string; published: string }) => e.date ?? e.published);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("API errors", () => {
  const noStack = (body: string) => {
    expect(body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(body).not.toContain("Error:");
  };

  it.each([
    ["/api/v1/articles?limit=0", "limit"],
    [`/api/v1/articles?limit=${MAX_LIMIT + 1}`, "limit"],
    ["/api/v1/events?limit=ten", "limit"],
    ["/api/v1/articles?since=2022-13-01", "since"],
    ["/api/v1/articles?since=2022-05-01&until=2022-01-01", "until"],
    ["/api/v1/events?modality=perhaps", "modality"],
    ["/api/v1/events?category=no%20such", "category"],
    ["/api/v1/events?source=not%20a%20country", "source"],
    ["/api/v1/quotes?speaker=a%00b", "speaker"],
    ["/api/v1/articles?sinse=2022", "sinse"],
    ["/api/v1/articles?limit=1&limit=2", "limit"],
    ["/api/v1/search", "q"],
    ["/api/v1/search?q=%20%20", "q"],
    ["/api/v1/stats?verbose=1", "verbose"],
    [`/api/v1/search?q=${"x".repeat(501)}`, "q"],
    ["/api/v1/articles/%E0%A4%A", "id"],
  ])("%s is a 400 naming %s", async (path, param) => {
    const r = await httpRequest(served.base, path);
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body.parameter).toBe(param);
    expect(body.error).toContain(param);
    noStack(r.body);
  });

  it("unknown ids and paths are 404 with an error", async () => {
    for (const path of [
      `/api/v1/articles/${enc("sha256:0000")}`,
      "/api/v1/actors/nobody-at-all-xyz",
      "/api/v1/nothing",
      "/api/v2/stats",
      "/api/v1/stats/",
    ]) {
      const r = await httpRequest(served.base, path);
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.body).error).toBeTruthy();
      noStack(r.body);
    }
  });

  it("any method but GET and HEAD is 405 with Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await httpRequest(served.base, "/api/v1/stats", { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD");
      expect(JSON.parse(r.body).error).toContain("read-only");
    }
    const page = await httpRequest(served.base, "/", { method: "POST" });
    expect(page.status).toBe(405);
    expect(page.headers["content-type"]).toContain("text/html");
  });

  it("HEAD answers with GET's headers and no body", async () => {
    const get = await httpRequest(served.base, "/api/v1/stats");
    const head = await httpRequest(served.base, "/api/v1/stats", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
  });

  it("a failing store gives a plain 500; the stack goes to the log only", async () => {
    const lines: string[] = [];
    const broken = {
      stats: async () => {
        throw new Error("disk on fire at /secret/path.db");
      },
    } as unknown as Store;
    const s = await startServer({ store: broken, port: 0, log: (l) => lines.push(l) });
    try {
      const r = await httpRequest(s.url, "/api/v1/stats");
      expect(r.status).toBe(500);
      expect(r.body).not.toContain("secret");
      expect(JSON.parse(r.body).error).toContain("internal error");
      const page = await httpRequest(s.url, "/");
      expect(page.status).toBe(500);
      expect(page.body).not.toContain("secret");
      expect(lines.join("\n")).toContain("disk on fire");
    } finally {
      await s.close();
    }
  });

  it("answers only to loopback host names when bound to loopback (DNS rebinding)", async () => {
    const evil = await httpRequest(served.base, "/api/v1/stats", {
      headers: { Host: "attacker.example:80" },
    });
    expect(evil.status).toBe(421);
    const local = await httpRequest(served.base, "/api/v1/stats", {
      headers: { Host: `localhost:${served.srv.port}` },
    });
    expect(local.status).toBe(200);
  });
});

describe("API headers and OpenAPI", () => {
  it("JSON responses carry the security headers", async () => {
    const r = await httpRequest(served.base, "/api/v1/events");
    expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("no-referrer");
    expect(r.headers["content-security-policy"]).toContain("default-src 'none'");
  });

  it("openapi.json describes every endpoint, and every described endpoint answers", async () => {
    const { status, json } = await getJson(served.base, "/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(json).toEqual(JSON.parse(JSON.stringify(OPENAPI)));
    const paths = Object.keys(json.paths);
    expect(paths.sort()).toEqual(
      [
        "/api/v1/actors",
        "/api/v1/actors/{id}",
        "/api/v1/articles",
        "/api/v1/articles/{id}",
        "/api/v1/events",
        "/api/v1/openapi.json",
        "/api/v1/quotes",
        "/api/v1/search",
        "/api/v1/stats",
      ].sort(),
    );
    for (const p of paths) {
      const concrete = p
        .replace("articles/{id}", `articles/${enc(served.fx.records.grain.id)}`)
        .replace("actors/{id}", "actors/state%3ATUR");
      const query = p === "/api/v1/search" ? "?q=grain" : "";
      const r = await httpRequest(served.base, concrete + query);
      expect(r.status, p).toBe(200);
    }
  });

  it("each endpoint accepts exactly the query parameters it documents", async () => {
    const { json } = await getJson(served.base, "/api/v1/openapi.json");
    for (const [p, item] of Object.entries(
      json.paths as Record<string, { get: { parameters?: Array<{ in: string; name: string }> } }>,
    )) {
      const names = (item.get.parameters ?? [])
        .filter((x: { in: string }) => x.in === "query")
        .map((x: { name: string }) => x.name);
      if (p.includes("{")) continue;
      const values: Record<string, string> = {
        since: "2020",
        until: "2030",
        limit: "5",
        modality: "asserted",
        category: "THREATEN",
        source: "RUS",
        target: "UKR",
      };
      const qs = names.map((n: string) => `${n}=${values[n] ?? "x"}`).join("&");
      const r = await httpRequest(served.base, `${p}${qs ? `?${qs}` : ""}`);
      expect(r.status, `${p}?${qs}: ${r.body}`).toBe(200);
      const extra = await httpRequest(served.base, `${p}?${qs ? `${qs}&` : ""}undocumented=1`);
      expect(extra.status, p).toBe(400);
    }
  });
});
