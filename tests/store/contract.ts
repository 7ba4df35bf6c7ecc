import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.ts";
import { makeRecord } from "../helpers/records.ts";

const BORDER = [
  "Defence ministers from the alliance gathered in Tallinn on Thursday to discuss the build-up of armoured units along the eastern border, officials said.",
  "The meeting ended with a joint statement calling for restraint and for a new round of talks in Vienna before the end of the month.",
  "Observers from the regional security organisation will be invited to visit the border crossings, according to a draft seen by reporters.",
];
const HARVEST = [
  "Farmers in the southern provinces reported the largest wheat harvest in a decade, helped by a mild spring and late rains across the plains.",
  "Grain prices on the commodity exchange fell for the third week running as exporters cleared their warehouses ahead of the new season.",
];

/**
 * The Store contract: every adapter (SQLite now, PostgreSQL later) must pass these.
 * @param open makes a fresh, empty store
 */
export function storeContract(name: string, open: () => Promise<Store> | Store): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      return async () => store.close();
    });

    it("stores a record once and reads it back whole", async () => {
      const r = makeRecord(BORDER);
      expect(await store.put(r)).toMatchObject({ status: "stored", id: r.id, nearDuplicateOf: null });
      expect(await store.put(r)).toEqual({ status: "known", id: r.id });
      expect(await store.has(r.id)).toBe(true);
      const back = await store.get(r.id);
      expect(back?.paragraphs).toEqual(r.paragraphs);
      expect(back?.title).toBe(r.title);
      expect((await store.stats()).articles).toBe(1);
    });

    it("links a lightly reworded copy to the stored original", async () => {
      const original = makeRecord(BORDER, { title: "Ministers meet" });
      const copy = makeRecord(
        BORDER.map((p) => p.replace("gathered", "met").replace("officials said", "officials told reporters")),
        { title: "Ministers met", publisher: "Copycat Daily" },
      );
      await store.put(original);
      const out = await store.put(copy);
      expect(out).toMatchObject({ status: "stored", nearDuplicateOf: original.id });
      const unrelated = await store.put(makeRecord(HARVEST, { title: "Harvest" }));
      expect(unrelated).toMatchObject({ status: "stored", nearDuplicateOf: null });
      expect((await store.stats()).nearDuplicates).toBe(1);
    });

    it("stores a batch in one call, linking copies and skipping repeats inside the batch", async () => {
      const a = makeRecord(BORDER, { title: "Batch original" });
      const b = makeRecord(
        BORDER.map((p) => p.replace("gathered", "assembled")),
        { title: "Batch copy" },
      );
      const out = await store.putMany([a, b, a]);
      expect(out.map((o) => o.status)).toEqual(["stored", "stored", "known"]);
      expect(out[1]).toMatchObject({ nearDuplicateOf: a.id });
      expect((await store.stats()).articles).toBe(2);
    });

    it("finds paragraphs by full-text search with filters and highlighted snippets", async () => {
      await store.put(makeRecord(BORDER, { title: "Border", publisher: "Baltic Wire" }));
      await store.put(
        makeRecord(HARVEST, {
          title: "Harvest",
          publisher: "Farm Weekly",
          published: { date: "2021-08-01", earliest: null, latest: null, basis: "explicit" },
        }),
      );
      const hits = await store.search("talks Vienna");
      expect(hits).toHaveLength(1);
      expect(hits[0].title).toBe("Border");
      expect(hits[0].snippet).toContain("[Vienna]");
      expect(await store.search("harvest", { publisher: "Baltic" })).toHaveLength(0);
      expect(await store.search("harvest", { since: "2022-01-01" })).toHaveLength(0);
      expect(await store.search("harvest", { until: "2021-12-31" })).toHaveLength(1);
      // An until bound names a whole period: the year, the month or the day it gives.
      expect(await store.search("harvest", { until: "2021" })).toHaveLength(1);
      expect(await store.search("harvest", { until: "2021-08" })).toHaveLength(1);
      expect(await store.search("harvest", { until: "2021-07" })).toHaveLength(0);
      // Stray punctuation is not an FTS syntax error.
      expect(await store.search("minister's \"border")).toBeInstanceOf(Array);
    });

    it("keeps actors, quotes and events queryable", async () => {
      const r = makeRecord(BORDER, {
        actors: [
          {
            id: "person:anna-berg",
            name: "Anna Berg",
            kind: "person",
            country: "EST",
            sector: "GOV",
            role: "defence minister",
          },
        ],
        mentions: [
          { paragraph: 0, start: 0, end: 9, text: "Anna Berg", type: "PERSON", actor: "person:anna-berg" },
          { paragraph: 1, start: 0, end: 3, text: "His", type: "PERSON", actor: "person:anna-berg" },
          { paragraph: 1, start: 4, end: 12, text: "herself", type: "PERSON", actor: "person:anna-berg" },
          { paragraph: 2, start: 0, end: 4, text: "Berg", type: "PERSON", actor: "person:anna-berg" },
        ],
        quotes: [
          {
            paragraph: 1,
            start: 0,
            end: 20,
            text: "We want restraint now",
            kind: "direct",
            speaker: { text: "Berg", name: "Anna Berg", actor: "person:anna-berg" },
            cue: "said",
          },
        ],
        events: [
          {
            paragraph: 1,
            sentence: BORDER[1],
            evidence: "calling for restraint",
            source: { actor: "state:EST", country: "EST", sector: "GOV" },
            target: { actor: "state:RUS", country: "RUS", sector: "GOV" },
            category: "APPEAL",
            cameo: "010",
            intensity: 3,
            modality: "asserted",
            claimedBy: null,
            date: "2022-02-10",
          },
        ],
      });
      await store.put(r);
      const quotes = await store.quotes({ speaker: "berg" });
      expect(quotes).toHaveLength(1);
      expect(quotes[0].speaker?.name).toBe("Anna Berg");
      expect(await store.quotes({ speaker: "nobody" })).toHaveLength(0);
      expect(await store.events({ source: "est", target: "RUS", modality: "asserted" })).toHaveLength(1);
      expect(await store.events({ modality: "negated" })).toHaveLength(0);
      const actors = await store.actors();
      expect(actors[0]).toMatchObject({ id: "person:anna-berg", mentions: 4, articles: 1 });
      const detail = await store.actor("Berg");
      expect(detail?.id).toBe("person:anna-berg");
      // Names only: pronouns and lower-case words are no aliases.
      expect(detail?.aliases).toEqual(["Anna Berg", "Berg"]);
      expect(detail?.roles[0].role).toBe("defence minister");
    });

    it("answers a name two actors share with the more mentioned one and names the other", async () => {
      const ministry = (id: string, country: string) => ({
        id,
        name: "Interior Ministry",
        kind: "org" as const,
        country,
        sector: "GOV",
        role: null,
      });
      const mention = (paragraph: number, actor: string) => ({
        paragraph,
        start: 0,
        end: 17,
        text: "Interior Ministry",
        type: "ORG" as const,
        actor,
      });
      await store.put(
        makeRecord(BORDER, {
          actors: [ministry("org:est-interior-ministry", "EST")],
          mentions: [mention(0, "org:est-interior-ministry"), mention(1, "org:est-interior-ministry")],
        }),
      );
      await store.put(
        makeRecord(HARVEST, {
          actors: [ministry("org:lva-interior-ministry", "LVA")],
          mentions: [mention(0, "org:lva-interior-ministry")],
        }),
      );
      const detail = await store.actor("Interior Ministry");
      expect(detail?.id).toBe("org:est-interior-ministry");
      expect(detail?.sameName).toEqual([
        { id: "org:lva-interior-ministry", name: "Interior Ministry", country: "LVA", mentions: 1 },
      ]);
      expect((await store.actor("org:lva-interior-ministry"))?.sameName).toEqual([]);
    });

    it("lists records for export, filtered by date", async () => {
      await store.put(makeRecord(BORDER));
      await store.put(
        makeRecord(HARVEST, {
          published: { date: "2021-08-01", earliest: null, latest: null, basis: "explicit" },
        }),
      );
      const all: string[] = [];
      for await (const r of store.list()) all.push(r.published.date ?? "");
      expect(all).toEqual(["2022-02-10", "2021-08-01"]);
      const recent: string[] = [];
      for await (const r of store.list({ since: "2022-01-01" })) recent.push(r.id);
      expect(recent).toHaveLength(1);
    });
  });
}
