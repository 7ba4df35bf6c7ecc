import { describe, expect, it } from "vitest";
import {
  ALLCAPS,
  CAP,
  firstAtOrAfter,
  HYPHEN_BEFORE,
  POSS,
  paragraphTokens,
  readText,
  SENT_START,
  tokenizeWords,
} from "../../src/nlp/index.ts";
import { recordOfParagraphs } from "../helpers/records.ts";

describe("word tokens", () => {
  it("folds case, diacritics and initialism dots into keys and keeps offsets into the text", () => {
    const text = "Mr. Dupré met U.S. envoys at the Élysée.";
    const t = tokenizeWords(text);
    expect(t.key).toEqual(["mr", "dupre", "met", "us", "envoys", "at", "the", "elysee"]);
    expect(text.slice(t.start[3], t.end[3])).toBe("U.S.");
    expect(text.slice(t.start[1], t.end[1])).toBe("Dupré");
  });

  it("cuts possessives and contractions and flags case and hyphens", () => {
    const text = "Russia’s NATO-born plan: we’ll see, O'Neill's aide said.";
    const t = tokenizeWords(text);
    expect(t.key).toEqual(["russia", "nato", "born", "plan", "we", "ll", "see", "o'neill", "aide", "said"]);
    expect(t.flags[0] & POSS).toBe(POSS);
    expect(t.flags[1] & ALLCAPS).toBe(ALLCAPS);
    expect(t.flags[0] & ALLCAPS).toBe(0);
    expect(t.flags[2] & HYPHEN_BEFORE).toBe(HYPHEN_BEFORE);
    expect(t.flags[7] & (CAP | POSS)).toBe(CAP | POSS);
  });

  it("numbers sentences from the given starts, or guesses them without", () => {
    const text = "Talks resumed. Mr. Kovac left early.";
    const given = tokenizeWords(text, [0, 15]);
    expect(Array.from(given.sentence)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(given.flags[2] & SENT_START).toBe(SENT_START);
    const guessed = tokenizeWords(text);
    expect(Array.from(guessed.sentence)).toEqual([0, 0, 1, 1, 1, 1]); // "Mr." does not end a sentence
  });

  it("keys a paragraph whose lower case is longer than itself one word at a time", () => {
    // "İ" lower-cases to two code units, so offsets into a lower-cased copy would drift.
    const t = tokenizeWords("İzmir hosted Ankara officials.");
    expect(t.key).toEqual(["izmir", "hosted", "ankara", "officials"]);
  });

  it("are made once by the nlp stage, kept out of the record's JSON, and remade when the text changes", () => {
    const record = readText(
      recordOfParagraphs("test://tokens", ["Kyiv and Warsaw met. Talks went on."], "0"),
    );
    const para = record.paragraphs[0];
    const starts = (record.sentences ?? []).map((s) => s.start);
    const first = paragraphTokens(para, starts);
    expect(paragraphTokens(para, starts)).toBe(first);
    expect(JSON.stringify(para)).toBe(JSON.stringify({ index: 0, kind: para.kind, text: para.text }));
    expect(Object.keys(para)).toEqual(["index", "kind", "text"]);
    const edited = { ...para, text: "Vilnius waited." };
    expect(paragraphTokens(edited, [0]).key).toEqual(["vilnius", "waited"]);
    expect(paragraphTokens(para, [0]).sentence[5]).toBe(0); // other starts: cut again
  });

  it("finds the first start at or after an offset, for any tokenizer's starts", () => {
    const starts = Int32Array.of(0, 3, 8, 12);
    expect(firstAtOrAfter(starts, 0)).toBe(0);
    expect(firstAtOrAfter(starts, 3)).toBe(1);
    expect(firstAtOrAfter(starts, 4)).toBe(2);
    expect(firstAtOrAfter(starts, 13)).toBe(4);
    expect(firstAtOrAfter([0, 3, 8, 12], 9, 3)).toBe(3);
  });
});
