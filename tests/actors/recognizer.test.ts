import { describe, expect, it } from "vitest";
import { findActors, type Recognizer } from "../../src/actors/index.ts";
import { recordOfParagraphs } from "../helpers/records.ts";

function record(paragraphs: string[]) {
  const r = recordOfParagraphs("test://ner", paragraphs, "0");
  r.published = { date: "2022-03-01", earliest: "2022-03-01", latest: "2022-03-01", basis: "explicit" };
  return r;
}

/** A stand-in for the nlp layer's model: labels every listed surface as the given type. */
function fakeRecognizer(labels: [string, "PER" | "ORG" | "LOC" | "MISC"][]): Recognizer {
  return (text) =>
    labels.flatMap(([surface, type]) => {
      const at = text.indexOf(surface);
      return at === -1 ? [] : [{ start: at, end: at + surface.length, type }];
    });
}

describe("combining the statistical recogniser with the registry", () => {
  it("adds people the cues miss, and keeps registry matches where the model disagrees", () => {
    const paragraphs = [
      "Talks went nowhere, Zorba Quillane remarked to nobody in particular, while Moscow waited.",
    ];
    const without = findActors(record(paragraphs), undefined, { recognizer: null });
    expect(without.actors.some((a) => a.name === "Zorba Quillane")).toBe(false);
    const withModel = findActors(record(paragraphs), undefined, {
      recognizer: fakeRecognizer([
        ["Zorba Quillane", "PER"],
        ["Moscow", "PER"],
      ]),
    });
    expect(withModel.actors.some((a) => a.name === "Zorba Quillane" && a.kind === "person")).toBe(true);
    expect(withModel.mentions.find((m) => m.text === "Moscow")?.actor).toBe("state:RUS");
  });

  it("asks the model about a common word capitalised in a headline fragment only after a given name", () => {
    const paragraphs = [
      "Readers wanted Coverage Brandt stories, the editor said.",
      "The committee heard from Andy Waters on Tuesday.",
    ];
    const asked: string[] = [];
    const recognizer: Recognizer = (text, focus) => {
      for (const f of focus ?? []) asked.push(text.slice(f.start, f.end));
      return fakeRecognizer([
        ["Coverage Brandt", "PER"],
        ["Andy Waters", "PER"],
      ])(text);
    };
    const out = findActors(record(paragraphs), undefined, { recognizer });
    // "coverage" is a common lower-case word, never in a name: the stretch left is one word, not asked.
    expect(asked.some((a) => a.includes("Coverage"))).toBe(false);
    expect(out.actors.some((a) => a.name === "Coverage Brandt")).toBe(false);
    // "waters" is a common word too, but "Andy" starts names: the run goes whole and the model decides.
    const bare = findActors(record(paragraphs), undefined, { recognizer: null });
    expect(bare.actors.some((a) => a.name === "Andy Waters")).toBe(false);
    expect(out.actors.some((a) => a.name === "Andy Waters" && a.kind === "person")).toBe(true);
  });

  it("keeps working when the recogniser throws, with a message", () => {
    const broken: Recognizer = () => {
      throw new Error("model file missing");
    };
    const r = findActors(record(["Kyiv said it was ready."]), undefined, { recognizer: broken });
    expect(r.mentions.find((m) => m.text === "Kyiv")?.actor).toBe("state:UKR");
    expect(r.messages.some((m) => m.rule === "ner-unavailable")).toBe(true);
  });
});
