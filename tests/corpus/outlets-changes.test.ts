import { describe, expect, it } from "vitest";
import {
  articlesNaming,
  compareOutlets,
  dayNumber,
  groupStories,
  UNKNOWN_OUTLET,
  whatChanged,
} from "../../src/corpus/index.ts";
import { art, DRILLS, ev, quote, rowsOf } from "./rows.ts";

describe("compareOutlets", () => {
  const rows = rowsOf(
    [
      art("o1", "2022-02-08", {
        publisher: "State Voice",
        actors: ["state:RUS", "state:UKR"],
        actorMentions: [5, 2],
      }),
      art("o2", "2022-02-09", {
        publisher: "State Voice",
        genre: "opinion",
        actors: ["state:RUS"],
        actorMentions: [3],
      }),
      art("o3", "2022-02-09", {
        publisher: "Free Wire",
        actors: ["igo:OSCE", "state:UKR"],
        actorMentions: [1, 4],
      }),
      art("o4", "2022-02-10", { publisher: null }),
    ],
    [
      ev("o1", "RUS>UKR", "THREATEN", "138", -7),
      ev("o1", "UKR>RUS", "ASSAULT", "190", -10, "claimed"),
      ev("o2", "UKR>RUS", "ASSAULT", "190", -10, "claimed"),
      ev("o2", "RUS>UKR", "CONSULT", "040", 1),
      ev("o3", "RUS>UKR", "ASSAULT", "190", -10),
      ev("o3", "RUS>UKR", "THREATEN", "138", -7, "denied"),
    ],
    [
      quote("o1", "Anna Volkova"),
      quote("o1", "Anna Volkova"),
      quote("o2", "Ivan Petrenko"),
      quote("o3", "Ivan Petrenko"),
    ],
  );

  it("summarises each publisher: articles, genres, modality shares, pairs, speakers, actors", () => {
    const out = compareOutlets(rows);
    expect(out.map((o) => [o.publisher, o.articles])).toEqual([
      ["State Voice", 2],
      [UNKNOWN_OUTLET, 1],
      ["Free Wire", 1],
    ]);
    const sv = out[0];
    expect(sv.genres).toEqual({ opinion: 1, reporting: 1 });
    expect(sv.modalities).toEqual({ asserted: { count: 2, share: 0.5 }, claimed: { count: 2, share: 0.5 } });
    expect(sv.pairs).toEqual([{ source: "RUS", target: "UKR", events: 2, meanIntensity: -3 }]);
    expect(sv.speakers).toEqual([
      { speaker: "Anna Volkova", quotes: 2 },
      { speaker: "Ivan Petrenko", quotes: 1 },
    ]);
    expect(sv.actors[0]).toEqual({ id: "state:RUS", name: "Russia", mentions: 8, articles: 2 });
    const fw = out[2];
    expect(fw.modalities).toEqual({ asserted: { count: 1, share: 0.5 }, denied: { count: 1, share: 0.5 } });
    expect(fw.pairs[0].meanIntensity).toBe(-10);
  });

  it("compares only the articles given, e.g. those naming an actor", () => {
    const only = articlesNaming(rows, "igo:OSCE");
    expect(compareOutlets(rows, { only }).map((o) => o.publisher)).toEqual(["Free Wire"]);
  });
});

describe("whatChanged", () => {
  const rows = rowsOf(
    [
      art("x1", "2022-02-01", { actors: ["state:RUS", "state:UKR"] }),
      art("x2", "2022-02-02", { actors: ["state:RUS"] }),
      art("y1", "2022-02-08", { actors: ["state:RUS", "igo:OSCE"], ...DRILLS[0] }),
      art("y2", "2022-02-09", {
        actors: ["igo:OSCE", "person:ivan-petrenko"],
        publisher: "Free Wire",
        ...DRILLS[1],
      }),
      art("y3", "2022-02-09", { actors: ["igo:OSCE"] }),
    ],
    [
      ev("x1", "RUS>UKR", "DISAPPROVE", "111", -2),
      ev("y1", "RUS>UKR", "ASSAULT", "195", -10),
      ev("y2", "RUS>UKR", "ASSAULT", "195", -10),
    ],
    [quote("y2", "Ivan Petrenko", "person:ivan-petrenko"), quote("x1", "Anna Volkova")],
  );

  it("reports new stories, pair moves and rising actors and speakers of the latest week", () => {
    const r = whatChanged(rows, groupStories(rows), { period: "week" });
    expect(r).not.toBeNull();
    if (!r) return;
    expect([r.period, r.previous, r.from, r.to]).toEqual([
      "2022-W06",
      "2022-W05",
      "2022-02-07",
      "2022-02-09",
    ]);
    expect(r.articles).toEqual({ now: 3, before: 2 });
    expect(r.newStories.map((s) => s.label)).toContain("RUS → UKR · ASSAULT");
    expect(r.newStories.every((s) => (s.first ?? "") >= "2022-02-07")).toBe(true);
    expect(r.pairs[0]).toMatchObject({
      source: "RUS",
      target: "UKR",
      sum: -10,
      previousSum: -2,
      trend: "escalating",
    });
    expect(r.actors[0]).toEqual({ name: "OSCE", id: "igo:OSCE", now: 3, before: 0, change: 3, isNew: true });
    expect(r.actors.map((a) => a.id)).not.toContain("state:RUS");
    expect(r.speakers).toEqual([
      { name: "Ivan Petrenko", id: "person:ivan-petrenko", now: 1, before: 0, change: 1, isNew: true },
    ]);
  });

  it("compares against a chosen day and says null with nothing dated", () => {
    const r = whatChanged(rows, groupStories(rows), { period: "week", day: dayNumber("2022-02-03") });
    expect(r?.period).toBe("2022-W05");
    expect(r?.articles).toEqual({ now: 2, before: 0 });
    expect(whatChanged(rowsOf([art("z", null)]), groupStories(rowsOf([art("z", null)])))).toBeNull();
  });
});
