import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ArticleRecord } from "../../src/record.ts";
import { cleanText } from "./run-clean.ts";

/** Lines that exercise the rules: headers, bylines, cues, brackets, glue, prefixes. */
const TRICKY_LINES = [
  "Talks Resume in Vienna | Example Times",
  "By Jane Roe, for New Atlanticist",
  "4 min read",
  "Sign up for the free Example Daily newsletter",
  "  1. Ann says",
  "    1. Bo says",
  "Cy on March 3, 2022 at 4:12 pm",
  "Reply",
  "12 Comments",
  "Post a comment",
  "Your e-mail is never shown to other readers. Mandatory fields are flagged with *",
  "Next Post",
  "(AP) — Officials said the talks would resume.",
  "Source: NYT",
  "From the LA Times:",
  "[That is not new at all, says our editor.]",
  "The talks ended.[An aside from the reposting site here.]",
  "imageUS officials met.The talks ended.“We agree,” he said.",
  "(The writer is a retired diplomat. The opinions here are the writer's alone.)",
  "DONATE NOW",
  "We rely on readers like you: support our journalism and donate today, because we need you.",
  "Markets React",
  "[",
  "]",
  "( )",
  "says",
  "1.",
  "$90/hr from home www.example.biz",
];

const line = fc.oneof(
  fc.constantFrom(...TRICKY_LINES),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.lorem({ maxCount: 30, mode: "sentences" }),
);
const document = fc
  .array(fc.tuple(line, fc.constantFrom("\n", "\n\n", "\n  ", "\r\n", "\n\n\n", "\u00a0\n")), {
    maxLength: 40,
  })
  .map((parts) => parts.map(([l, sep]) => l + sep).join(""));

function outputChars(r: ArticleRecord): Map<string, number> {
  const texts = [
    r.title ?? "",
    r.subtitle ?? "",
    ...r.paragraphs.map((p) => p.text),
    ...r.comments.flatMap((c) => [c.author ?? "", c.text]),
    ...r.removed.map((x) => x.text),
  ];
  return charCounts(texts.join(""));
}

function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) if (!/\s/u.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

describe("clean stage properties", () => {
  it("never throws and never falls back on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), document), (text) => {
        const r = cleanText(text);
        expect(r.messages.some((m) => m.rule === "internal-error")).toBe(false);
      }),
      { numRuns: 300, seed: 20221 },
    );
  });

  it("loses no text: every non-space input character ends in an output field", () => {
    fc.assert(
      fc.property(document, (text) => {
        const out = outputChars(cleanText(text));
        for (const [ch, n] of charCounts(text)) {
          if ((out.get(ch) ?? 0) < n)
            throw new Error(`lost ${JSON.stringify(ch)}: input has ${n}, output ${out.get(ch) ?? 0}`);
        }
      }),
      { numRuns: 300, seed: 20221 },
    );
  });

  it("never throws on HTML-ish strings either", () => {
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<h1>",
      "</h1>",
      "<article>",
      "<br>",
      "<li>",
    );
    const html = fc.array(fc.oneof(tag, line), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(html, (text) => {
        const r = cleanText(text, {}, "html");
        expect(r.messages.some((m) => m.rule === "internal-error")).toBe(false);
      }),
      { numRuns: 60, seed: 20221 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(cleanText(text)).toEqual(cleanText(text));
      }),
      { numRuns: 100, seed: 20221 },
    );
  });

  it("numbers paragraphs and comments in order and points replies backwards", () => {
    fc.assert(
      fc.property(document, (text) => {
        const r = cleanText(text);
        expect(r.paragraphs.map((p) => p.index)).toEqual(r.paragraphs.map((_, i) => i));
        r.comments.forEach((c, i) => {
          expect(c.index).toBe(i);
          if (c.replyTo !== null) expect(c.replyTo).toBeLessThan(i);
        });
      }),
      { numRuns: 100, seed: 20221 },
    );
  });
});
