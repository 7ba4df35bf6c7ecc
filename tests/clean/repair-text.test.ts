import { describe, expect, it } from "vitest";
import { repairSpacing } from "../../src/clean/index.ts";
import { cleanText } from "./run-clean.ts";

describe("repairSpacing", () => {
  it.each([
    ["the end of the Cold War.The alliance met.", "the end of the Cold War. The alliance met."],
    ["he said.“Nothing has changed,” she said.", "he said. “Nothing has changed,” she said."],
    ["“we will not move.”The minister left.", "“we will not move.” The minister left."],
    ["Is it over?Nobody knows.", "Is it over? Nobody knows."],
    ["talks ended in 2014.The war went on.", "talks ended in 2014. The war went on."],
  ])("restores the space in %j", (input, expected) => {
    expect(repairSpacing(input)).toBe(expected);
  });

  it.each([
    "The U.S. and the E.U. agreed.",
    "Growth was 2.5 percent.",
    "Mr. V. Putin spoke, e.g. about gas.",
    "a firm called K.Analitika said",
    "see www.example.Com/page for details",
    "she adds..",
    "visit https://news.example.org/Story now",
  ])("leaves %j alone", (input) => {
    expect(repairSpacing(input)).toBe(input);
  });

  it("keeps non-breaking spaces as they are in the text", () => {
    const r = cleanText(
      "A headline\n\nNo one knows, except perhaps\u00a0the minister himself, what comes next in these talks.",
    );
    expect(r.paragraphs[0].text).toContain("perhaps\u00a0the");
  });

  it("only strips a scraping prefix glued to a capitalised word", () => {
    const glued = cleanText(
      "Some Headline Here\n\nphotoOfficials met on Monday to discuss the grain deal in detail.",
    );
    expect(glued.paragraphs[0].text.startsWith("Officials met")).toBe(true);
    const word = cleanText(
      "Some Headline Here\n\nimages of the flooded town spread quickly across social media that week.",
    );
    expect(word.paragraphs[0].text.startsWith("images of")).toBe(true);
  });
});
