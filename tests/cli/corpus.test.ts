import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleRecord, CodedEvent, Modality } from "../../src/record.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { runCli } from "../helpers/cli.ts";
import { makeRecord } from "../helpers/records.ts";

const RUS = {
  id: "state:RUS",
  name: "Russia",
  kind: "state" as const,
  country: "RUS",
  sector: null,
  role: null,
};
const UKR = {
  id: "state:UKR",
  name: "Ukraine",
  kind: "state" as const,
  country: "UKR",
  sector: null,
  role: null,
};
const MARTA = {
  id: "person:marta-hlyba",
  name: "Marta Hlyba",
  kind: "person" as const,
  country: "UKR",
  sector: "GOV",
  role: "mayor",
};

function ev(cameo: string, category: string, intensity: number, modality: Modality = "asserted"): CodedEvent {
  return {
    paragraph: 0,
    sentence: "",
    evidence: "",
    source: { actor: "state:RUS", country: "RUS", sector: "MIL" },
    target: { actor: "state:UKR", country: "UKR", sector: null },
    category,
    cameo,
    intensity,
    modality,
    claimedBy: null,
    date: null,
  };
}

/** One article of the fixture world: own words, a date, an outlet, its events. */
function article(
  date: string,
  publisher: string,
  title: string,
  lead: string,
  events: CodedEvent[],
  over: Partial<ArticleRecord> = {},
): ArticleRecord {
  return makeRecord([lead, `${publisher} filed this report on ${date}; more details were expected later.`], {
    title,
    publisher,
    published: { date, earliest: date, latest: date, basis: "explicit" },
    actors: [RUS, UKR],
    events,
    ...over,
  });
}

const WORLD: ArticleRecord[] = [
  article(
    "2022-02-07",
    "North Wire",
    "Tank columns move to the frontier",
    "Tank columns moved towards the frontier overnight as snap drills began.",
    [ev("154", "MOBILIZE", -7.2)],
  ),
  article(
    "2022-02-08",
    "South Post",
    "Drills bring armour close to the frontier",
    "Armour from the snap drills reached positions a few kilometres from the frontier.",
    [ev("154", "MOBILIZE", -7.2)],
  ),
  article(
    "2022-02-08",
    "East Herald",
    "Frontier drills: what we know",
    "The drills near the frontier involve several tank battalions, observers counted.",
    [ev("154", "MOBILIZE", -7.2), ev("190", "ASSAULT", -10, "claimed")],
    { genre: "analysis" },
  ),
  article(
    "2022-02-15",
    "North Wire",
    "Shelling hits river port",
    "Artillery shelled the river port at dawn, the mayor Marta Hlyba told residents.",
    [ev("190", "ASSAULT", -10)],
    {
      actors: [RUS, UKR, MARTA],
      quotes: [
        {
          paragraph: 0,
          start: 0,
          end: 20,
          text: "stay in the shelters",
          kind: "direct",
          speaker: { text: "Marta Hlyba", name: "Marta Hlyba", actor: MARTA.id },
          cue: "told",
        },
      ],
    },
  ),
  article(
    "2022-02-16",
    "South Post",
    "River port shelled again",
    "The river port came under artillery fire for a second morning, the mayor said.",
    [ev("190", "ASSAULT", -10), ev("138", "THREATEN", -7)],
    { actors: [RUS, UKR, MARTA] },
  ),
];

describe("sitrep stories / escalation / outlets / changes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-corpus-"));
    const store = openSqliteStore(join(dir, "w.db"));
    await store.putMany(WORLD);
    await store.close();
    await openSqliteStore(join(dir, "empty.db")).close();
  });

  it("stories groups the world into its two events and prints a readable block per story", async () => {
    const r = await runCli(["stories", "--db", "w.db"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("RUS → UKR · MOBILIZE");
    expect(r.stdout).toMatch(/2022-02-07 … 2022-02-08\s+·\s+3 articles from 3 outlets/);
    expect(r.stdout).toContain("RUS → UKR · ASSAULT");
    expect(r.stdout).toContain("(3 asserted)");
    const json = JSON.parse(
      (await runCli(["stories", "--db", "w.db", "--format", "json"], { cwd: dir })).stdout,
    );
    expect(json).toHaveLength(2);
    expect(json[0].events[0].modalities).toEqual({ asserted: 3 });
    expect(json[0].id).toMatch(/^story:[0-9a-f]{16}$/);
  });

  it("stories filters by date and actor", async () => {
    const later = JSON.parse(
      (await runCli(["stories", "--db", "w.db", "--since", "2022-02-10", "--format", "json"], { cwd: dir }))
        .stdout,
    );
    expect(later.map((s: { label: string }) => s.label)).toEqual(["RUS → UKR · ASSAULT"]);
    const marta = await runCli(["stories", "--db", "w.db", "--actor", "person:marta-hlyba"], { cwd: dir });
    expect(marta.stdout).toContain("Shelling hits river port");
    expect(marta.stdout).not.toContain("MOBILIZE");
    const nobody = await runCli(["stories", "--db", "w.db", "--actor", "CHN"], { cwd: dir });
    expect(nobody.stdout).toBe("no stories name CHN\n");
  });

  it("escalation prints the weekly index of a pair, each reported event once", async () => {
    const r = await runCli(["escalation", "--db", "w.db", "--source", "RUS", "--target", "UKR"], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("RUS → UKR: escalation index per week");
    expect(r.stdout).toMatch(/2022-W06\s+2022-02-07\s+1\s+3\s+-7\.2/);
    expect(r.stdout).toMatch(/2022-W07\s+2022-02-14\s+2\s+3\s+-17\.0.*-9\.8\s+escalating/);
    const csv = (
      await runCli(["escalation", "--db", "w.db", "--source", "RUS", "--target", "UKR", "--format", "csv"], {
        cwd: dir,
      })
    ).stdout
      .trim()
      .split("\n");
    expect(csv[0]).toBe(
      "source,target,period,start,events,reports,sum,mean,conflict,cooperation,previous,previous_sum,change,trend",
    );
    expect(csv[2]).toBe("RUS,UKR,2022-W07,2022-02-14,2,3,-17,-8.5,2,0,2022-W06,-7.2,-9.8,escalating");
    const monthly = JSON.parse(
      (
        await runCli(
          [
            "escalation",
            "--db",
            "w.db",
            "--source",
            "RUS",
            "--target",
            "UKR",
            "--period",
            "month",
            "--format",
            "json",
          ],
          { cwd: dir },
        )
      ).stdout,
    );
    expect(monthly[0].points).toHaveLength(1);
    expect(monthly[0].points[0]).toMatchObject({ period: "2022-02", events: 3, sum: -24.2 });
  });

  it("escalation without a pair lists the pairs that moved most in the latest week", async () => {
    const r = await runCli(["escalation", "--db", "w.db"], { cwd: dir });
    expect(r.stdout).toContain("week 2022-W07 against 2022-W06");
    expect(r.stdout).toMatch(/RUS\s+UKR\s+-17\.0\s+-7\.2\s+-9\.8\s+2 \(was 1\)\s+escalating/);
  });

  it("outlets compares publishers", async () => {
    const r = await runCli(["outlets", "--db", "w.db"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("North Wire — 2 articles (reporting 2)");
    expect(r.stdout).toMatch(
      /East Herald — 1 article \(analysis 1\)\n {2}events: 2 {2}\(asserted 50%, claimed 50%\)/,
    );
    expect(r.stdout).toContain("most quoted: Marta Hlyba (1)");
    const json = JSON.parse(
      (
        await runCli(["outlets", "--db", "w.db", "--format", "json", "--actor", "person:marta-hlyba"], {
          cwd: dir,
        })
      ).stdout,
    );
    expect(json.map((o: { publisher: string }) => o.publisher).sort()).toEqual(["North Wire", "South Post"]);
    expect(json.find((o: { publisher: string }) => o.publisher === "South Post").pairs[0]).toEqual({
      source: "RUS",
      target: "UKR",
      events: 2,
      meanIntensity: -8.5,
    });
  });

  it("changes compares the latest week with the one before", async () => {
    const r = await runCli(["changes", "--db", "w.db"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "What changed: week 2022-W07 (2022-02-14 … 2022-02-16) against 2022-W06 — 2 articles, 3 before",
    );
    expect(r.stdout).toMatch(/New stories \(1\):\n {2}RUS → UKR · ASSAULT/);
    expect(r.stdout).toContain("RUS → UKR  -7.2 → -17.0  (change -9.8, escalating)");
    expect(r.stdout).toContain("Marta Hlyba  2 (was 0, new)");
    const json = JSON.parse(
      (await runCli(["changes", "--db", "w.db", "--period", "month", "--format", "json"], { cwd: dir }))
        .stdout,
    );
    expect(json.period).toBe("2022-02");
  });

  it("an empty database gets a clear message, not a crash, from every command", async () => {
    for (const cmd of ["stories", "escalation", "outlets", "changes"]) {
      const r = await runCli([cmd, "--db", "empty.db"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("no articles stored yet");
    }
    const json = await runCli(["stories", "--db", "empty.db", "--format", "json"], { cwd: dir });
    expect(json.stdout).toBe("[]\n");
    expect(json.stderr).toContain("no articles stored yet");
    const missing = await runCli(["stories", "--db", "nope.db"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no database at");
  });

  it("refuses bad options with a one-line error", async () => {
    const period = await runCli(["escalation", "--db", "w.db", "--period", "fortnight"], { cwd: dir });
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('--period must be day, week or month, found "fortnight"');
    const format = await runCli(["stories", "--db", "w.db", "--format", "csv"], { cwd: dir });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format must be one of table, json");
    const date = await runCli(["outlets", "--db", "w.db", "--since", "yesterday"], { cwd: dir });
    expect(date.code).toBe(2);
  });
});
