import { describe, expect, it } from "vitest";
import { sentenceSpans } from "../../src/nlp/index.ts";

const split = (t: string) => sentenceSpans(t).map(([s, e]) => t.slice(s, e));

describe("sentenceSpans", () => {
  it("splits on terminal punctuation followed by a capital", () => {
    expect(split("The envoys met in Vienna. They agreed to talk again! Will they?")).toEqual([
      "The envoys met in Vienna.",
      "They agreed to talk again!",
      "Will they?",
    ]);
  });

  it("keeps honorifics, initials and abbreviations inside the sentence", () => {
    expect(split("Mr. Orlov met Gen. Baker of the U.S. Army. Dr. Hale said nothing.")).toEqual([
      "Mr. Orlov met Gen. Baker of the U.S. Army.",
      "Dr. Hale said nothing.",
    ]);
    expect(split("President Ivan K. Petrov spoke first.")).toHaveLength(1);
  });

  it("ends a sentence after a closing quotation mark", () => {
    expect(split("“We will not yield,” she said. “Never.” The crowd cheered.")).toEqual([
      "“We will not yield,” she said.",
      "“Never.”",
      "The crowd cheered.",
    ]);
  });

  it("does not split decimals or lower-case continuations", () => {
    expect(split("Growth was 2.5 percent in 2021. prices rose.")).toEqual([
      "Growth was 2.5 percent in 2021. prices rose.",
    ]);
  });

  it("returns offsets into the original text", () => {
    const t = "  One. Two.  ";
    expect(sentenceSpans(t)).toEqual([
      [2, 6],
      [7, 11],
    ]);
  });
});

import { detectLanguage } from "../../src/nlp/index.ts";
import type { ArticleRecord } from "../../src/record.ts";

function withParagraphs(texts: string[]): ArticleRecord {
  return {
    paragraphs: texts.map((text, index) => ({ index, kind: "paragraph", text })),
    title: null,
  } as unknown as ArticleRecord;
}

describe("detectLanguage", () => {
  it("identifies English and Russian body text", () => {
    const en = withParagraphs([
      "The foreign ministers agreed on Tuesday to resume talks on the border dispute, officials said, after a week of rising tension.",
    ]);
    expect(detectLanguage(en).language).toBe("en");
    const ru = withParagraphs([
      "Министры иностранных дел во вторник договорились возобновить переговоры о пограничном споре, сообщили официальные лица.",
    ]);
    expect(detectLanguage(ru).language).toBe("ru");
  });

  it("does not take German with a few shared words for English", () => {
    const de = withParagraphs([
      "Die Außenminister haben am Dienstag vereinbart, die Gespräche über den Grenzstreit in Wien wieder aufzunehmen, was in der Hauptstadt als ein Zeichen der Entspannung gilt, sagten Diplomaten.",
    ]);
    expect(detectLanguage(de).language).toBe("de");
  });

  it("says und for text too short to tell", () => {
    expect(detectLanguage(withParagraphs(["Read more"])).language).toBe("und");
  });
});
