import { describe, expect, it } from "vitest";
import {
  contentWords,
  groupStories,
  STORY_MAX_SPAN_DAYS,
  storiesNaming,
  storyLabel,
} from "../../src/corpus/index.ts";
import { art, DRILLS, ev, rowsOf } from "./rows.ts";

const storyWith = (grouping: ReturnType<typeof groupStories>, id: string) =>
  grouping.stories.find((s) => s.articles.some((a) => a.id === `sha256:${id}`));

describe("groupStories", () => {
  it("groups reports of the same asserted event from several outlets within the window", () => {
    const rows = rowsOf(
      [
        art("a1", "2022-02-07", { publisher: "North Wire", ...DRILLS[0] }),
        art("a2", "2022-02-08", { publisher: "South Post", ...DRILLS[1] }),
        art("a3", "2022-02-09", { publisher: "East Herald", ...DRILLS[2] }),
        art("b1", "2022-02-08", { publisher: "North Wire" }),
      ],
      [
        ev("a1", "RUS>UKR", "THREATEN", "138", -7),
        ev("a2", "RUS>UKR", "THREATEN", "138", -7),
        ev("a2", "RUS>UKR", "THREATEN", "138", -7, "claimed"),
        ev("a3", "RUS>UKR", "THREATEN", "130", -4.4),
        ev("b1", "USA>RUS", "COERCE", "163", -8),
      ],
    );
    const g = groupStories(rows);
    expect(g.stories).toHaveLength(2);
    const s = g.stories[0];
    expect(s.articles.map((a) => a.id)).toEqual(["sha256:a1", "sha256:a2", "sha256:a3"]);
    expect(s.label).toBe("RUS → UKR · THREATEN");
    expect(s.id).toBe("story:a1");
    expect([s.first, s.last]).toEqual(["2022-02-07", "2022-02-09"]);
    expect(s.outlets).toHaveLength(3);
    expect(s.events[0]).toMatchObject({
      source: "RUS",
      target: "UKR",
      reports: 4,
      modalities: { asserted: 3, claimed: 1 },
    });
    expect(s.links.sharedEvent).toBe(2);
    expect(g.storyOf.get("sha256:b1")).toBe("story:b1");
  });

  it("does not link on the event alone, nor on words every article of the range carries", () => {
    // A month of war: every article asserts RUS → UKR · ASSAULT and says "invasion" and "Ukraine".
    const titles = [
      "Invasion of Ukraine: hospital in Mariupol hit",
      "Invasion of Ukraine: grain port in Odesa blockaded",
      "Invasion of Ukraine: power station near Kharkiv burns",
    ];
    const articles = Array.from({ length: 30 }, (_, i) =>
      art(`k${String(i).padStart(2, "0")}`, "2022-03-02", {
        title: titles[i % 3],
        lead: i < 3 ? "The invasion of Ukraine entered its second week." : "Russian forces pressed on.",
        actors: ["state:RUS", "state:UKR"],
      }),
    );
    const events = articles.map((a) => ev(a.id.slice(7), "RUS>UKR", "ASSAULT", "190", -10));
    const g = groupStories(rowsOf(articles, events));
    // Ten reports per place: three stories, not one.
    expect(g.stories.map((s) => s.articles.length)).toEqual([10, 10, 10]);
    const lone = groupStories(
      rowsOf(
        [art("l1", "2022-03-02", DRILLS[0]), art("l2", "2022-03-02", { title: "Grain port blockaded" })],
        [ev("l1", "RUS>UKR", "ASSAULT", "190", -10), ev("l2", "RUS>UKR", "ASSAULT", "190", -10)],
      ),
    );
    expect(lone.stories).toHaveLength(2);
  });

  it("does not chain through a side topic: a joiner must share words with the story's first article", () => {
    const actors = ["state:RUS", "state:UKR"];
    const rows = rowsOf(
      [
        art("n1", "2022-08-20", {
          title: "Reactor hall at Enerhodar plant shelled",
          lead: "Inspectors warned of radiation risk at the plant.",
          actors,
        }),
        art("n2", "2022-08-21", {
          title: "Enerhodar reactor shelled again; inspectors named monument dispute",
          lead: "Inspectors also criticised the removal of a Soviet monument in Riga.",
          actors,
        }),
        art("n3", "2022-08-22", {
          title: "Riga removes Soviet monument",
          lead: "Crowds watched as the Soviet monument in Riga came down; inspectors criticised it.",
          actors,
        }),
      ],
      [
        ev("n1", "RUS>UKR", "ASSAULT", "190", -10),
        ev("n2", "RUS>UKR", "ASSAULT", "190", -10),
        ev("n3", "RUS>UKR", "ASSAULT", "190", -10),
      ],
    );
    const g = groupStories(rows);
    expect(storyWith(g, "n1")?.articles.map((a) => a.id)).toEqual(["sha256:n1", "sha256:n2"]);
    expect(storyWith(g, "n3")?.articles).toHaveLength(1);
    // Without the leader check the side topic would chain all three.
    expect(groupStories(rows, { minLeaderSharedWords: 0 }).stories).toHaveLength(1);
  });

  it("does not link on events only claimed, denied or hypothetical", () => {
    const rows = rowsOf(
      [art("c1", "2022-03-01", DRILLS[0]), art("c2", "2022-03-01", DRILLS[1])],
      [
        ev("c1", "RUS>UKR", "ASSAULT", "190", -10, "denied"),
        ev("c2", "RUS>UKR", "ASSAULT", "190", -10, "hypothetical"),
      ],
    );
    expect(groupStories(rows).stories).toHaveLength(2);
  });

  it("keeps the same pair and category apart when the reports are further apart than the window", () => {
    const rows = rowsOf(
      [art("d1", "2022-03-01", DRILLS[0]), art("d2", "2022-03-10", DRILLS[1])],
      [ev("d1", "RUS>UKR", "THREATEN", "138", -7), ev("d2", "RUS>UKR", "THREATEN", "138", -7)],
    );
    expect(groupStories(rows).stories).toHaveLength(2);
  });

  it("does not chain a daily drumbeat of one pair into one long story", () => {
    const articles = Array.from({ length: 16 }, (_, i) =>
      art(`e${String(i).padStart(2, "0")}`, `2022-04-${String(i + 1).padStart(2, "0")}`, DRILLS[i % 3]),
    );
    const events = articles.map((a) => ev(a.id.slice(7), "RUS>UKR", "FIGHT", "190", -10));
    const g = groupStories(rowsOf(articles, events));
    expect(g.stories.length).toBeGreaterThanOrEqual(2);
    for (const s of g.stories) {
      const span = (Date.parse(s.last ?? "") - Date.parse(s.first ?? "")) / 86_400_000;
      expect(span).toBeLessThanOrEqual(STORY_MAX_SPAN_DAYS);
    }
  });

  it("links a near-duplicate whatever its date, and an undated copy too", () => {
    const rows = rowsOf([
      art("f1", "2021-06-01", { title: "Original" }),
      art("f2", "2021-11-20", { nearDuplicateOf: "sha256:f1", publisher: "Repost Daily" }),
      art("f3", null, { nearDuplicateOf: "sha256:f1" }),
    ]);
    const g = groupStories(rows);
    expect(g.stories).toHaveLength(1);
    expect(g.stories[0].id).toBe("story:f1");
    expect(g.stories[0].links.nearDuplicate).toBe(2);
    expect(g.stories[0].label).toBe("Original");
  });

  it("links articles that share two actors and enough title and lead words, and not on words alone", () => {
    const shared = ["state:UKR", "person:ivan-petrenko"];
    const rows = rowsOf([
      art("g1", "2022-05-02", {
        title: "Petrenko visits flooded Kherson villages",
        lead: "Ivan Petrenko toured flooded villages near Kherson where the dam breach forced evacuations.",
        actors: shared,
      }),
      art("g2", "2022-05-03", {
        title: "Evacuations continue in Kherson after dam breach",
        lead: "Petrenko promised shelters for villages flooded when the dam gave way near Kherson.",
        actors: [...shared, "igo:OSCE"],
      }),
      // Same words, but only one actor in common: a different story about the same place.
      art("g3", "2022-05-03", {
        title: "Kherson dam breach: flooded villages wait for evacuations",
        lead: "Residents of flooded villages near Kherson asked when evacuations would reach them.",
        actors: ["state:UKR"],
      }),
      // Same actors, unrelated words.
      art("g4", "2022-05-03", {
        title: "Petrenko opens grain terminal",
        lead: "A new export terminal for grain opened in Odesa with Ivan Petrenko cutting the ribbon.",
        actors: shared,
      }),
    ]);
    const g = groupStories(rows);
    expect(storyWith(g, "g1")?.articles.map((a) => a.id)).toEqual(["sha256:g1", "sha256:g2"]);
    expect(storyWith(g, "g1")?.links.sharedWords).toBe(1);
    expect(storyWith(g, "g3")?.articles).toHaveLength(1);
    expect(storyWith(g, "g4")?.articles).toHaveLength(1);
    expect(storyWith(g, "g1")?.label).toBe("Ivan Petrenko · Ukraine");
  });

  it("keeps a story's id when a later article joins it", () => {
    const base = [art("h1", "2022-06-01", DRILLS[0]), art("h2", "2022-06-02", DRILLS[1])];
    const events = [ev("h1", "RUS>UKR", "THREATEN", "138", -7), ev("h2", "RUS>UKR", "THREATEN", "138", -7)];
    const before = groupStories(rowsOf(base, events)).stories[0].id;
    const after = groupStories(
      rowsOf(
        [...base, art("h0", "2022-06-03", DRILLS[2])],
        [...events, ev("h0", "RUS>UKR", "THREATEN", "138", -7)],
      ),
    ).stories[0];
    expect(after.articles).toHaveLength(3);
    expect(after.id).toBe(before);
  });

  it("filters stories by a country code or an actor id", () => {
    const rows = rowsOf(
      [art("i1", "2022-07-01", { actors: ["igo:OSCE"] }), art("i2", "2022-07-20")],
      [ev("i2", "USA>CHN", "CONSULT", "040", 1)],
    );
    const g = groupStories(rows);
    expect(storiesNaming(g, rows, "igo:OSCE").map((s) => s.id)).toEqual(["story:i1"]);
    expect(storiesNaming(g, rows, "chn").map((s) => s.id)).toEqual(["story:i2"]);
    expect(storiesNaming(g, rows, "RUS")).toEqual([]);
  });

  it("gives an empty grouping for no rows", () => {
    expect(groupStories(rowsOf([])).stories).toEqual([]);
  });
});

describe("story helpers", () => {
  it("labels events without a target with the source only", () => {
    expect(
      storyLabel(
        [{ source: "UKR", target: null, category: "PROTEST", reports: 1, modalities: {} }],
        [],
        null,
      ),
    ).toBe("UKR · PROTEST");
    expect(storyLabel([], [], null)).toBe("(untitled)");
  });

  it("keeps content words and drops reporting vocabulary, weekdays and numbers", () => {
    expect(contentWords("Officials said on Monday that 40 tanks crossed the border", null)).toEqual([
      "tanks",
      "crossed",
      "border",
    ]);
  });
});
