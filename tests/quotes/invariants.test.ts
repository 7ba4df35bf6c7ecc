import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractAttributions } from "../../src/quotes/index.ts";

/** Pieces of news prose and every kind of mark the scanner reads, shuffled into paragraphs. */
const PIECES = [
  "“",
  "”",
  '"',
  "‘‘",
  "’’",
  "''",
  "‘",
  "’",
  "«",
  "»",
  "„",
  " ",
  ", ",
  ". ",
  ":",
  "—",
  "said",
  "says",
  "told reporters",
  "according to",
  "he",
  "She",
  "Mr. Varga",
  "the minister",
  "officials",
  "that",
  "the port",
  "will reopen",
  "(D-Ore.)",
  "on Monday",
  "Nora Falk",
  "who",
  "and",
  "adding",
];

const paragraph = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(""));

describe("extractAttributions invariants", () => {
  it("never throws, and every span points at its own words in its paragraph", () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        for (const a of extractAttributions({ paragraphs })) {
          const text = paragraphs[a.paragraph];
          expect(text.slice(a.start, a.end)).toBe(a.text);
          expect(a.end).toBeGreaterThan(a.start);
          if (a.speaker) {
            const sp = paragraphs[a.speaker.paragraph].slice(a.speaker.start, a.speaker.end);
            expect(sp).toBe(a.speaker.text);
          }
        }
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
