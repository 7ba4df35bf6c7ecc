import { describe, expect, it } from "vitest";
import {
  dayNumber,
  escalationIndex,
  groupStories,
  pairChanges,
  periodLabel,
  TREND_THRESHOLD,
  trendOf,
} from "../../src/corpus/index.ts";
import { art, DRILLS, ev, rowsOf } from "./rows.ts";

const OUTLETS = Array.from({ length: 30 }, (_, i) => `Outlet ${i + 1}`);

describe("escalationIndex", () => {
  it("counts one event reported by 30 outlets once", () => {
    const articles = OUTLETS.map((o, i) =>
      art(`r${i}`, i < 20 ? "2022-02-08" : "2022-02-09", { publisher: o }),
    );
    const events = articles.map((a) =>
      ev(a.id.slice(7), "RUS>UKR", "ASSAULT", "195", -10, "asserted", "2022-02-08"),
    );
    const rows = rowsOf(articles, events);
    const [series] = escalationIndex(rows, groupStories(rows), { source: "RUS", target: "UKR" });
    expect(series.points).toHaveLength(1);
    expect(series.points[0]).toMatchObject({ events: 1, reports: 30, sum: -10, mean: -10, conflict: 1 });
  });

  it("counts undated reports of one story once, and distinct CAMEO codes apart", () => {
    const rows = rowsOf(
      [
        art("s1", "2022-02-08", DRILLS[0]),
        art("s2", "2022-02-09", DRILLS[1]),
        art("s3", "2022-02-10", DRILLS[2]),
      ],
      [
        ev("s1", "RUS>UKR", "THREATEN", "138", -7),
        ev("s2", "RUS>UKR", "THREATEN", "138", -7),
        ev("s3", "RUS>UKR", "THREATEN", "138", -7),
        ev("s3", "RUS>UKR", "THREATEN", "130", -4.4),
      ],
    );
    const [series] = escalationIndex(rows, groupStories(rows));
    expect(series.points[0]).toMatchObject({ events: 2, reports: 4, sum: -11.4 });
  });

  it("counts only asserted events", () => {
    const rows = rowsOf(
      [art("m1", "2022-02-08")],
      [
        ev("m1", "RUS>UKR", "ASSAULT", "195", -10, "denied"),
        ev("m1", "RUS>UKR", "ASSAULT", "190", -10, "hypothetical"),
        ev("m1", "RUS>UKR", "ASSAULT", "190", -10, "future"),
        ev("m1", "RUS>UKR", "ASSAULT", "190", -10, "claimed"),
        ev("m1", "RUS>UKR", "ASSAULT", "190", -10, "negated"),
        ev("m1", "RUS>UKR", "CONSULT", "040", 1),
      ],
    );
    const [series] = escalationIndex(rows, groupStories(rows));
    expect(series.points[0]).toMatchObject({ events: 1, sum: 1, conflict: 0, cooperation: 1 });
  });

  it("files events per period and names the trend against the period before", () => {
    const rows = rowsOf(
      [art("w1", "2022-01-05"), art("w2", "2022-01-12"), art("w3", "2022-01-19"), art("w4", "2022-02-02")],
      [
        ev("w1", "RUS>UKR", "DISAPPROVE", "111", -2),
        ev("w2", "RUS>UKR", "THREATEN", "138", -7),
        ev("w2", "RUS>UKR", "MOBILIZE", "154", -7.2),
        ev("w3", "RUS>UKR", "THREATEN", "138", -7),
        ev("w3", "RUS>UKR", "DISAPPROVE", "111", -2),
        ev("w3", "RUS>UKR", "DISAPPROVE", "112", -2),
        ev("w4", "RUS>UKR", "CONSULT", "040", 1),
      ],
    );
    const [series] = escalationIndex(rows, groupStories(rows), { period: "week" });
    expect(series.points.map((p) => [p.period, p.sum, p.change, p.trend])).toEqual([
      ["2022-W01", -2, -2, "steady"],
      ["2022-W02", -14.2, -12.2, "escalating"],
      ["2022-W03", -11, 3.2, "steady"],
      // The week before (W04) had nothing: the change is against 0.
      ["2022-W05", 1, 1, "steady"],
    ]);
    expect(series.points[3].previous).toBe("2022-W04");
    const monthly = escalationIndex(rows, groupStories(rows), { period: "month" })[0].points;
    expect(monthly.map((p) => [p.period, p.events, p.trend])).toEqual([
      ["2022-01", 6, "escalating"],
      ["2022-02", 1, "de-escalating"],
    ]);
  });

  it("files an event under its own date when it is not after the article", () => {
    const rows = rowsOf(
      [art("d1", "2022-03-15"), art("d2", "2022-03-15")],
      [
        ev("d1", "RUS>UKR", "ASSAULT", "195", -10, "asserted", "2022-03-01"),
        // An event date after the article is a resolution error: the article date is used.
        ev("d2", "USA>RUS", "COERCE", "163", -8, "asserted", "2022-09-01"),
      ],
    );
    const series = escalationIndex(rows, groupStories(rows), { period: "day" });
    expect(series.map((s) => [s.source, s.points[0].period])).toEqual([
      ["RUS", "2022-03-01"],
      ["USA", "2022-03-15"],
    ]);
    // An event recalled from before --since is not a point of the series.
    const inRange = escalationIndex(rows, groupStories(rows), { period: "day", since: "2022-03-10" });
    expect(inRange.map((s) => s.source)).toEqual(["USA"]);
    const untilMonth = escalationIndex(rows, groupStories(rows), { period: "day", until: "2022-03" });
    expect(untilMonth.map((s) => s.source)).toEqual(["RUS", "USA"]);
  });

  it("filters by source or target only, by country or actor id", () => {
    const rows = rowsOf(
      [art("f1", "2022-03-15")],
      [
        ev("f1", "RUS>UKR", "THREATEN", "138", -7),
        ev("f1", "USA>UKR", "AID", "070", 7),
        ev("f1", "RUS>USA", "DISAPPROVE", "111", -2),
      ],
    );
    const g = groupStories(rows);
    expect(escalationIndex(rows, g, { target: "ukr" }).map((s) => s.source)).toEqual(["RUS", "USA"]);
    expect(escalationIndex(rows, g, { source: "state:RUS" }).map((s) => s.target)).toEqual(["UKR", "USA"]);
  });

  it("names trends at the threshold", () => {
    expect(trendOf(-TREND_THRESHOLD)).toBe("escalating");
    expect(trendOf(TREND_THRESHOLD)).toBe("de-escalating");
    expect(trendOf(TREND_THRESHOLD - 0.1)).toBe("steady");
  });
});

describe("pairChanges", () => {
  it("ranks pairs by how much their index moved in the latest period", () => {
    const rows = rowsOf(
      [art("p1", "2022-02-01"), art("p2", "2022-02-08"), art("p3", "2022-02-09")],
      [
        ev("p1", "RUS>UKR", "DISAPPROVE", "111", -2),
        ev("p1", "USA>RUS", "COERCE", "163", -8),
        ev("p2", "RUS>UKR", "ASSAULT", "195", -10),
        ev("p3", "RUS>UKR", "THREATEN", "138", -7),
        ev("p3", "UKR>USA", "APPEAL", "020", 3),
      ],
    );
    const changes = pairChanges(rows, groupStories(rows), { period: "week" });
    expect(changes.map((c) => [c.source, c.target, c.change, c.trend])).toEqual([
      ["RUS", "UKR", -15, "escalating"],
      // USA → RUS had events only the week before: left out, not "de-escalating".
      ["UKR", "USA", 3, "steady"],
    ]);
    expect(changes[0]).toMatchObject({
      period: "2022-W06",
      previous: "2022-W05",
      events: 2,
      previousEvents: 1,
    });
  });

  it("is empty without dated articles", () => {
    const rows = rowsOf([art("u1", null)], [ev("u1", "RUS>UKR", "THREATEN", "138", -7)]);
    expect(pairChanges(rows, groupStories(rows))).toEqual([]);
  });
});

describe("periods", () => {
  it("labels ISO weeks across a year boundary and months", () => {
    expect(periodLabel(dayNumber("2021-01-03"), "week")).toBe("2020-W53");
    expect(periodLabel(dayNumber("2021-01-04"), "week")).toBe("2021-W01");
    expect(periodLabel(dayNumber("2024-12-30"), "week")).toBe("2025-W01");
    expect(periodLabel(dayNumber("2022-02-17"), "month")).toBe("2022-02");
  });
});
