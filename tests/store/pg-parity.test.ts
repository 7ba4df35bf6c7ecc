import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { ArticleRecord } from "../../src/record.ts";
import { openPgStore, openSqliteStore, parsePgUrl, type Store } from "../../src/store/index.ts";
import { makeRecord } from "../helpers/records.ts";
import { dropPgSchemas, freshPgUrl, PG_URL, pgSuiteName } from "../queue/pg-url.ts";

afterAll(dropPgSchemas);

const SUMMIT = [
  "Foreign ministers of the two neighbours met in Kraków on Monday for the first direct talks since the border incident in March.",
  "The Polish host said the meeting was a step toward restoring the hotline between the two general staffs.",
  "Neither side announced a date for a second round, and a joint communiqué was not published.",
];
const PORT = [
  "Dock workers in the northern port walked out on Tuesday over unpaid wages, halting grain shipments for a second day.",
  "The harbour authority said talks with the union would resume once the night shift returned to work.",
];

function record(paragraphs: string[], date: string, over: Partial<ArticleRecord> = {}): ArticleRecord {
  return makeRecord(paragraphs, {
    published: { date, earliest: date, latest: date, basis: "explicit" },
    ...over,
  });
}

/** Three articles with actors, quotes and events, as both stores must keep them. */
function corpus(): ArticleRecord[] {
  const minister = {
    id: "person:jan-nowak",
    name: "Jan Nowak",
    kind: "person" as const,
    country: "POL",
    sector: "GOV",
    role: "foreign minister",
  };
  return [
    record(SUMMIT, "2021-03-15", {
      title: "Ministers meet",
      publisher: "Vistula Post",
      actors: [
        minister,
        { id: "state:POL", name: "Poland", kind: "state", country: "POL", sector: "GOV", role: null },
      ],
      mentions: [
        { paragraph: 1, start: 4, end: 10, text: "Polish", type: "NORP", actor: "state:POL" },
        { paragraph: 0, start: 0, end: 9, text: "Jan Nowak", type: "PERSON", actor: "person:jan-nowak" },
        { paragraph: 1, start: 0, end: 5, text: "NOWAK", type: "PERSON", actor: "person:jan-nowak" },
        { paragraph: 2, start: 0, end: 9, text: "JAN NOWAK", type: "PERSON", actor: "person:jan-nowak" },
      ],
      quotes: [
        {
          paragraph: 1,
          start: 10,
          end: 40,
          text: "a step toward restoring the hotline",
          kind: "indirect",
          speaker: { text: "The Polish host", name: "Jan Nowak", actor: "person:jan-nowak" },
          cue: "said",
        },
      ],
      events: [
        {
          paragraph: 0,
          sentence: SUMMIT[0],
          evidence: "met in Kraków",
          source: { actor: "state:POL", country: "POL", sector: "GOV" },
          target: { actor: "state:LTU", country: "LTU", sector: "GOV" },
          category: "CONSULT",
          cameo: "040",
          intensity: 1,
          modality: "asserted",
          claimedBy: null,
          date: "2021-03-15",
          start: 0,
          end: 20,
        },
      ],
    }),
    record(PORT, "2021-11-02", { title: "Port strike", publisher: "Harbour Times" }),
    record(
      SUMMIT.map((p) => p.replace("met", "gathered")),
      "2022-01-20",
      { title: "Ministers gathered", publisher: "vistula post weekly", actors: [minister], mentions: [] },
    ),
  ];
}

async function collect(store: Store) {
  const list: string[] = [];
  for await (const r of store.list({ since: "2021", until: "2021-12-31" })) list.push(r.id);
  return {
    stats: await store.stats(),
    list,
    quotes: await store.quotes({ speaker: "NOWAK" }),
    events: await store.events({ source: "pol" }),
    actors: await store.actors({ until: "2021-12" }),
    actor: await store.actor("jan nowak"),
    byAlias: (await store.actor("nowak"))?.id,
    publisher: (await store.search("talks", { publisher: "VISTULA" })).map((h) => h.articleId).sort(),
    corpus: await store.corpusRows({ since: "2021-03-15", until: "2021-12-31" }),
    corpusAll: await store.corpusRows(),
    // publisher and limit are ignored by corpusRows: views need every outlet of the range.
    corpusOutlets: await store.corpusRows({ since: "2021-11-01", publisher: "Harbour", limit: 1 }),
    span: await store.dateSpan(),
  };
}

describe.skipIf(!PG_URL)(pgSuiteName("postgres store, beside SQLite"), () => {
  it("answers every read of the port as the SQLite store does", async () => {
    const sqlite = openSqliteStore(":memory:");
    const pgStore = await openPgStore(freshPgUrl("parity"));
    try {
      const records = corpus();
      expect(await pgStore.dateSpan()).toEqual({ first: null, last: null });
      expect(await pgStore.corpusRows()).toEqual(await sqlite.corpusRows());
      expect((await pgStore.putMany(records)).map((o) => o.status)).toEqual(
        (await sqlite.putMany(records)).map((o) => o.status),
      );
      const [a, b] = [await collect(sqlite), await collect(pgStore)];
      expect(b).toEqual(a);
      // The parts of the answer that parity alone would not catch.
      expect(b.list).toHaveLength(2);
      // "JAN NOWAK" is "Jan Nowak" again: aliases are unique whatever their case.
      expect(b.actor?.aliases).toEqual(["Jan Nowak", "NOWAK"]);
      expect(b.corpus.articles.map((x) => x.title)).toEqual(["Ministers meet", "Port strike"]);
      expect(b.events[0].sentence).toBe(SUMMIT[0]);
      expect(b.corpusOutlets.articles).toHaveLength(2);
      expect(b.corpusAll.articles[2].nearDuplicateOf).toBe(b.corpusAll.articles[0].id);
    } finally {
      await sqlite.close();
      await pgStore.close();
    }
  });

  it("finds and marks a word written with diacritics, and 'until' takes in the whole year", async () => {
    const store = await openPgStore(freshPgUrl("search"));
    try {
      await store.putMany(corpus());
      const hits = await store.search("krakow", { until: "2021" }, ["<b>", "</b>"]);
      expect(hits.map((h) => h.paragraph)).toEqual([0]);
      expect(hits[0].snippet).toContain("<b>Kraków</b>");
      expect(await store.search('"second round"')).toHaveLength(2);
      expect(await store.search('"round second"')).toHaveLength(0);
      expect(await store.search("communi*")).toHaveLength(2);
      expect(await store.search("talks NOT union")).toHaveLength(2);
      expect(await store.search("grain OR hotline")).toHaveLength(3);
      expect(await store.search("?!")).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("stores an article once when several workers put it at the same moment", async () => {
    const url = freshPgUrl("race");
    const stores = await Promise.all([1, 2, 3, 4].map(() => openPgStore(url)));
    try {
      const records = corpus();
      const outcomes = await Promise.all(stores.map((s) => s.putMany(records)));
      for (let i = 0; i < records.length; i++) {
        expect(outcomes.filter((o) => o[i].status === "stored")).toHaveLength(1);
      }
      const stats = await stores[0].stats();
      expect(stats).toMatchObject({ articles: 3, paragraphs: 8, quotes: 1, events: 1, actors: 2 });
      expect((await stores[1].actors()).find((a) => a.id === "person:jan-nowak")?.articles).toBe(2);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("keeps what it stored across reopen and says which server it cannot reach", async () => {
    const url = freshPgUrl("reopen");
    const first = await openPgStore(url);
    const [r] = corpus();
    await first.put(r);
    await first.close();
    const again = await openPgStore(url);
    expect((await again.get(r.id))?.title).toBe("Ministers meet");
    await again.close();
    // A store written by a newer sitrep is refused with both versions named, not misread.
    const raw = new pg.Client({ connectionString: PG_URL });
    await raw.connect();
    await raw.query(`UPDATE ${parsePgUrl(url).schema}.meta SET value = '9' WHERE key = 'schema_version'`);
    await raw.end();
    await expect(openPgStore(url)).rejects.toThrow(/store schema version 9, this sitrep reads version 1/);
    const nowhere = new URL(PG_URL);
    nowhere.searchParams.set("host", "/nonexistent-socket-dir");
    await expect(openPgStore(nowhere.toString())).rejects.toThrow(/nonexistent-socket-dir.*cannot connect/);
  });
});
