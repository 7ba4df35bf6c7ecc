import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTagger, tokenize } from "../../src/nlp/ner/index.ts";

/**
 * The tokenizer as it was first written: one regex, tried in order at each position. The char-code
 * tokenizer in src must give exactly these tokens, offsets and sentence starts.
 */
const TOKEN =
  /https?:\/\/[^\s<>"“”]+|(?:\p{L}\.){2,}(?:-[\p{L}\p{N}]+)*|\p{N}+(?:[.,:/-]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’\-&][\p{L}\p{M}\p{N}]+)*|\S/gu;
const POSSESSIVE = /^(.+?)(['’][sS]|[nN]['’][tT])$/u;
const SENTENCE_END = new Set([".", "!", "?"]);
const SENTENCE_OPENER = /^[\p{Lu}\p{N}"“‘'(]/u;
const SINGLE_UPPER = /^\p{Lu}$/u;

function regexTokenize(text: string, abbreviations: ReadonlySet<string>) {
  const tokens: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const breaks: number[] = [];
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  let nextNewline = text.indexOf("\n");
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    let tok = m[0];
    let start = m.index;
    let end = start + tok.length;
    if (text.charCodeAt(end) === 46 && (SINGLE_UPPER.test(tok) || abbreviations.has(`${tok}.`))) {
      end++;
      tok += ".";
      re.lastIndex = end;
    }
    let lineBreak = 0;
    if (nextNewline >= 0 && nextNewline < start) {
      lineBreak = 1;
      nextNewline = text.indexOf("\n", start);
    }
    const poss = POSSESSIVE.exec(tok);
    if (poss) {
      tokens.push(poss[1]);
      starts.push(start);
      ends.push(start + poss[1].length);
      breaks.push(lineBreak);
      lineBreak = 0;
      start += poss[1].length;
      tok = poss[2];
    }
    tokens.push(tok);
    starts.push(start);
    ends.push(end);
    breaks.push(lineBreak);
    m = re.exec(text);
  }
  const sentenceStart = tokens.map((t, i) =>
    i === 0 || breaks[i] || (SENTENCE_END.has(tokens[i - 1]) && SENTENCE_OPENER.test(t)) ? 1 : 0,
  );
  return { tokens, starts, ends, sentenceStart };
}

/** Pieces that exercise every branch: URLs, initialisms, numbers, joiners, marks, surrogates, odd spaces. */
const PIECES = [
  "http://x.org/a?b=1",
  "https://",
  "http:",
  "U.S.",
  "U.S.-led",
  "e.g.",
  "A.",
  "Gen.",
  "Mr",
  ".",
  "V",
  "1,200",
  "2014-03-18",
  "3:45",
  "1/2",
  "12.",
  "Putin",
  "’s",
  "'s",
  "n't",
  "don’t",
  "AT&T",
  "Kremlin-backed",
  "-",
  "—",
  "“",
  "”",
  '"',
  "<",
  ">",
  "(",
  "!",
  "?",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\u00a0",
  "\u2009",
  "\u200b",
  "é",
  "e\u0301",
  "\u0301",
  "Київ",
  "٣",
  "²",
  "😀",
  "𝐀𝐁",
  "\ud800",
  "\udc00",
  "x",
  "h",
  "s",
];

describe("char-code tokenizer", () => {
  it("gives the same tokens, offsets and sentence starts as the regex it replaces", () => {
    const abbreviations = defaultTagger().lexicon.abbreviations;
    const check = (text: string) => {
      const got = tokenize(text, abbreviations);
      const want = regexTokenize(text, abbreviations);
      expect(got.tokens).toEqual(want.tokens);
      expect(Array.from(got.starts)).toEqual(want.starts);
      expect(Array.from(got.ends)).toEqual(want.ends);
      expect(Array.from(got.sentenceStart)).toEqual(want.sentenceStart);
    };
    check(
      "Gen. V. Petrov’s U.S.-led plan, costing 1,200 dollars, failed. Then https://a.b/c ended\nNew line",
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => check(parts.join(""))),
      { numRuns: 2000, seed: 5 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 120, unit: "binary" }), check), { numRuns: 500, seed: 9 });
  });
});
