import { describe, expect, it } from "vitest";
import { findActors, type Recognizer } from "../../src/actors/index.ts";
import type { ArticleRecord, SentenceSpan } from "../../src/record.ts";
import { recordOfParagraphs } from "../helpers/records.ts";

function record(paragraphs: string[], sentences?: SentenceSpan[]): ArticleRecord {
  const r = recordOfParagraphs("test://gating", paragraphs, "0");
  if (sentences) r.sentences = sentences;
  r.published = { date: "2022-03-01", earliest: "2022-03-01", latest: "2022-03-01", basis: "explicit" };
  return r;
}

/** A stand-in model that remembers every text it reads and labels the listed surfaces as people. */
function spyRecognizer(people: string[]): { recognizer: Recognizer; seen: string[] } {
  const seen: string[] = [];
  const recognizer: Recognizer = (text) => {
    seen.push(text);
    const out: ReturnType<Recognizer> = [];
    for (const name of people) {
      for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1))
        out.push({ start: at, end: at + name.length, type: "PER" });
    }
    return out;
  };
  return { recognizer, seen };
}

describe("the statistical recogniser reads only what it can still decide", () => {
  it("skips paragraphs the registry explains and keeps those with an unexplained name or its repeats", () => {
    // No cue (title, given name, speech verb) settles "Brindle Oakhurst": only the model can.
    const paragraphs = [
      "Moscow and Kyiv traded accusations on Tuesday.",
      "The plan of Brindle Oakhurst had stalled for weeks.",
      "Later on, Oakhurst left the hall without a word.",
      "Officials in Moscow declined to comment.",
    ];
    const { recognizer, seen } = spyRecognizer(["Brindle Oakhurst"]);
    const r = findActors(record(paragraphs), undefined, { recognizer });
    const read = seen.join("\n");
    expect(read).toContain("plan of Brindle Oakhurst");
    expect(read).toContain("on, Oakhurst left"); // repeats the candidate surname: document evidence
    expect(read).not.toContain("traded accusations");
    expect(read).not.toContain("declined to comment");
    // Spans come back in paragraph offsets.
    const m = r.mentions.find((x) => x.actor === "person:brindle-oakhurst" && x.paragraph === 1);
    expect(m?.text).toBe("Brindle Oakhurst");
    expect(r.mentions.some((x) => x.paragraph === 2 && x.actor === "person:brindle-oakhurst")).toBe(true);
  });

  it("sends only the words around a candidate and maps spans back into the paragraph", () => {
    const first = "Markets were calm in Kyiv on Monday and trading was thin.";
    const second = "Later that week the quiet farmer Brindle Oakhurst walked out of the meeting.";
    const text = `${first} ${second}`;
    const sentences: SentenceSpan[] = [
      { paragraph: 0, start: 0, end: first.length },
      { paragraph: 0, start: first.length + 1, end: text.length },
    ];
    const { recognizer, seen } = spyRecognizer(["Brindle Oakhurst"]);
    const r = findActors(record([text], sentences), undefined, { recognizer });
    expect(seen.some((s) => s.includes("quiet farmer Brindle"))).toBe(true);
    expect(seen.some((s) => s.includes("the quiet farmer"))).toBe(false);
    expect(seen.some((s) => s.includes("Markets were calm"))).toBe(false);
    const m = r.mentions.find((x) => x.actor === "person:brindle-oakhurst");
    expect(m?.start).toBe(text.indexOf("Brindle"));
    expect(m?.text).toBe("Brindle Oakhurst");
  });

  it("sends a few words around a candidate's other occurrences, not their whole sentence, and asks only about the candidate", () => {
    const first = "The plan of Brindle Oakhurst had stalled for weeks.";
    const second =
      "By the time the harvest was in and the roads had dried, Oakhurst was back at the market selling apples again.";
    const paragraphs = [first, second];
    const sentences: SentenceSpan[] = [
      { paragraph: 0, start: 0, end: first.length },
      { paragraph: 1, start: 0, end: second.length },
    ];
    const seen: string[] = [];
    const asked: string[] = [];
    const recognizer: Recognizer = (text, focus) => {
      seen.push(text);
      for (const f of focus ?? []) asked.push(text.slice(f.start, f.end));
      const at = text.indexOf("Brindle Oakhurst");
      return at === -1 ? [] : [{ start: at, end: at + 16, type: "PER" }];
    };
    const r = findActors(record(paragraphs, sentences), undefined, { recognizer });
    const read = seen.join("\n");
    expect(read).toContain("plan of Brindle Oakhurst had stalled");
    expect(read).not.toContain("stalled for");
    expect(read).toContain("dried, Oakhurst was"); // the repeat with its neighbours: document evidence
    expect(read).not.toContain("Oakhurst was back");
    expect(read).not.toContain("harvest");
    expect(read).not.toContain("apples");
    expect(asked).toEqual(["Brindle Oakhurst"]);
    expect(r.mentions.some((x) => x.paragraph === 1 && x.actor === "person:brindle-oakhurst")).toBe(true);
  });

  it("sends a candidate with two words either side, not its whole long sentence", () => {
    const text =
      "After a long winter of arguments about fences, ditches and the price of seed in the valley, the quiet farmer Brindle Oakhurst walked out of the meeting before the vote on the new mill was taken.";
    const { recognizer, seen } = spyRecognizer(["Brindle Oakhurst"]);
    const r = findActors(record([text]), undefined, { recognizer });
    const read = seen.join("\n");
    expect(read).toContain("quiet farmer Brindle Oakhurst walked out");
    expect(read).not.toContain("the quiet");
    expect(read).not.toContain("out of");
    expect(read).not.toContain("valley");
    expect(read).not.toContain("meeting");
    expect(read).not.toContain("winter");
    expect(read).not.toContain("mill");
    const m = r.mentions.find((x) => x.actor === "person:brindle-oakhurst");
    expect(m?.start).toBe(text.indexOf("Brindle"));
  });

  it("sends at most three other occurrences of a candidate word as context, the first ones", () => {
    const repeats = Array.from(
      { length: 12 },
      (_, i) => `In week ${i + 1} Oakhurst sold apples at marker${i + 1} today.`,
    );
    const { recognizer, seen } = spyRecognizer(["Brindle Oakhurst"]);
    findActors(record(["The plan of Brindle Oakhurst had stalled.", ...repeats]), undefined, { recognizer });
    const read = seen.join("\n");
    expect(read).toContain("1 Oakhurst sold");
    expect(read).not.toContain("Oakhurst sold apples");
    expect(read).not.toContain("week 4 Oakhurst");
    const count = read.split("Oakhurst sold").length - 1;
    expect(count).toBe(3);
  });

  it("does not ask about a run holding a word never seen in a person's name", () => {
    const asked: string[] = [];
    const recognizer: Recognizer = (text, focus) => {
      for (const f of focus ?? []) asked.push(text.slice(f.start, f.end));
      return [];
    };
    findActors(
      record(["Shares of Quarry Data fell after the plan of Brindle Oakhurst had stalled."]),
      undefined,
      { recognizer },
    );
    expect(asked).toEqual(["Brindle Oakhurst"]);
  });

  it("does not call the model for a name a cue already makes a person", () => {
    const { recognizer, seen } = spyRecognizer([]);
    const r = findActors(record(["The plan, Brindle Oakhurst insisted, had stalled for weeks."]), undefined, {
      recognizer,
    });
    expect(seen.some((s) => s.includes("Oakhurst"))).toBe(false);
    expect(r.actors.some((a) => a.id === "person:brindle-oakhurst")).toBe(true);
  });

  it("gives the same people as reading the whole article when every paragraph needs the model", () => {
    const paragraphs = [
      "Brindle Oakhurst and Tamsin Vell spoke after the vote in Kyiv.",
      "Vell said the count was fair; Oakhurst disagreed.",
    ];
    const whole: Recognizer = spyRecognizer(["Brindle Oakhurst", "Tamsin Vell"]).recognizer;
    const r = findActors(record(paragraphs), undefined, { recognizer: whole });
    const people = r.actors.filter((a) => a.kind === "person").map((a) => a.id);
    expect(people).toEqual(["person:brindle-oakhurst", "person:tamsin-vell"]);
  });
});
