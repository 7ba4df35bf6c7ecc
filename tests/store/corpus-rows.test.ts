import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { ArticleRecord, CodedEvent } from "../../src/record.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { makeRecord } from "../helpers/records.ts";

const DRILLS = [
  "Armoured columns rolled towards the northern border on Tuesday as the defence ministry announced snap drills lasting ten days.",
  "Ivan Petrenko, the regional governor, said schools near the crossing would close until the exercises ended.",
];
const TALKS = [
  "Negotiators met in Geneva for a second day of talks on prisoner exchanges, according to both delegations.",
  "No date was set for a third round.",
];

function event(over: Partial<CodedEvent>): CodedEvent {
  return {
    paragraph: 0,
    sentence: DRILLS[0],
    evidence: "rolled towards the northern border",
    source: { actor: "state:RUS", country: "RUS", sector: "MIL" },
    target: { actor: "state:UKR", country: "UKR", sector: null },
    category: "MOBILIZE",
    cameo: "154",
    intensity: -7.2,
    modality: "asserted",
    claimedBy: null,
    date: "2022-02-08",
    ...over,
  };
}

function drillsRecord(): ArticleRecord {
  return makeRecord(DRILLS, {
    title: "Snap drills near the border",
    publisher: "North Wire",
    actors: [
      { id: "state:RUS", name: "Russia", kind: "state", country: "RUS", sector: null, role: null },
      {
        id: "person:ivan-petrenko",
        name: "Ivan Petrenko",
        kind: "person",
        country: "UKR",
        sector: "GOV",
        role: "governor",
      },
    ],
    mentions: [
      {
        paragraph: 1,
        start: 0,
        end: 13,
        text: "Ivan Petrenko",
        type: "PERSON",
        actor: "person:ivan-petrenko",
      },
      { paragraph: 1, start: 40, end: 42, text: "he", type: "PERSON", actor: "person:ivan-petrenko" },
    ],
    quotes: [
      {
        paragraph: 1,
        start: 55,
        end: 100,
        text: "schools near the crossing would close",
        kind: "indirect",
        speaker: { text: "Ivan Petrenko", name: "Ivan Petrenko", actor: "person:ivan-petrenko" },
        cue: "said",
      },
    ],
    events: [
      event({}),
      event({ modality: "hypothetical", category: "ASSAULT", cameo: "190", intensity: -10 }),
    ],
  });
}

function talksRecord(): ArticleRecord {
  return makeRecord(TALKS, {
    title: "Geneva talks",
    publisher: "South Post",
    genre: "analysis",
    published: { date: "2022-03-01", earliest: "2022-03-01", latest: "2022-03-01", basis: "explicit" },
  });
}

/** What every Store adapter must return from corpusRows and dateSpan. */
async function checkCorpusRows(store: Store): Promise<void> {
  expect(await store.dateSpan()).toEqual({ first: null, last: null });
  expect((await store.corpusRows()).articles).toEqual([]);
  const drills = drillsRecord();
  const talks = talksRecord();
  await store.putMany([drills, talks]);
  const rows = await store.corpusRows();
  expect(rows.articles.map((a) => a.id)).toEqual([drills.id, talks.id]);
  expect(rows.articles[0]).toMatchObject({
    publisher: "North Wire",
    date: "2022-02-10",
    title: "Snap drills near the border",
    genre: "reporting",
    nearDuplicateOf: null,
  });
  expect(rows.articles[0].lead).toBe(DRILLS[0]);
  expect(rows.articles[0].actors.sort()).toEqual(["person:ivan-petrenko", "state:RUS"]);
  const petrenko = rows.articles[0].actors.indexOf("person:ivan-petrenko");
  expect(rows.articles[0].actorMentions[petrenko]).toBe(2);
  expect(rows.events).toHaveLength(2);
  expect(rows.events[0]).toEqual({
    articleId: drills.id,
    sourceActor: "state:RUS",
    sourceCountry: "RUS",
    targetActor: "state:UKR",
    targetCountry: "UKR",
    category: "MOBILIZE",
    cameo: "154",
    intensity: -7.2,
    modality: "asserted",
    date: "2022-02-08",
  });
  expect(rows.quotes).toEqual([
    {
      articleId: drills.id,
      kind: "indirect",
      speakerName: "Ivan Petrenko",
      speakerActor: "person:ivan-petrenko",
    },
  ]);
  expect(rows.actors.map((a) => a.id).sort()).toEqual(["person:ivan-petrenko", "state:RUS"]);
  const march = await store.corpusRows({ since: "2022-03-01", publisher: "North Wire", limit: 1 });
  expect(march.articles.map((a) => a.id)).toEqual([talks.id]);
  expect(march.events).toEqual([]);
  expect(march.actors).toEqual([]);
  expect(await store.dateSpan()).toEqual({ first: "2022-02-10", last: "2022-03-01" });
}

describe("corpus rows", () => {
  it("sqlite returns articles with actors and leads, events, speakers and actor names for a range", async () => {
    const store = openSqliteStore(":memory:");
    try {
      await checkCorpusRows(store);
    } finally {
      await store.close();
    }
  });

  it("upgrades a schema v3 file in place: leads filled from the stored records, data kept", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sitrep-v3-")), "old.db");
    const s1 = openSqliteStore(path);
    const r = drillsRecord();
    await s1.put(r);
    await s1.close();
    // Turn the file back into what sitrep wrote before v4: no leads table, version 3.
    const raw = new Database(path);
    raw.exec("DROP TABLE article_leads; UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    raw.close();
    const s2 = openSqliteStore(path);
    const rows = await s2.corpusRows();
    expect(rows.articles[0].lead).toBe(DRILLS[0]);
    expect(rows.events).toHaveLength(2);
    await s2.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({
      value: "4",
    });
    check.close();
  });

  it("still refuses a file from a newer sitrep, naming the versions", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sitrep-v9-")), "new.db");
    await openSqliteStore(path).close();
    const raw = new Database(path);
    raw.exec("UPDATE meta SET value = '9' WHERE key = 'schema_version'");
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/schema version 9, this sitrep reads version 4/);
  });
});
