import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recognizeEntities } from "../../src/nlp/index.ts";
import { parseConll } from "../../src/nlp/ner/conll.ts";
import { defaultTagger, spansFromTags, tagTokens, tokenize } from "../../src/nlp/ner/index.ts";
import { tagList, tagsFromSpans, transitionMask } from "../../src/nlp/ner/tags.ts";

/** Entities as "surface/TYPE" strings, for readable asserts. */
function named(text: string): string[] {
  return recognizeEntities(text).map((e) => `${text.slice(e.start, e.end)}/${e.type}`);
}

describe("recognizeEntities", () => {
  it("finds a person, a place and an organisation with exact offsets", () => {
    const text = "Angela Merkel spoke with officials in Berlin about NATO.";
    expect(recognizeEntities(text)).toEqual([
      { start: 0, end: 13, type: "PER" },
      { start: 38, end: 44, type: "LOC" },
      { start: 51, end: 55, type: "ORG" },
    ]);
  });

  it("handles curly quotes, possessives, initials and abbreviations in a news paragraph", () => {
    const text =
      "“The talks are over,” Ukraine’s foreign minister told reporters in Geneva on Friday, " +
      "after the U.S. envoy met Russian officials at the United Nations.";
    const got = named(text);
    expect(got).toContain("Ukraine/LOC");
    expect(got).toContain("Geneva/LOC");
    expect(got).toContain("U.S./LOC");
    expect(got).toContain("Russian/MISC");
    expect(got).toContain("United Nations/ORG");
    expect(got.some((g) => g.startsWith("Friday"))).toBe(false);
  });

  it("keeps a whole multi-word name and a later surname as the same type", () => {
    const text =
      "Prime Minister Lars Okonkwo arrived in Oslo late on Monday. Okonkwo said the deal with Norway’s " +
      "largest union was close.";
    const got = named(text);
    expect(got).toContain("Lars Okonkwo/PER");
    expect(got).toContain("Okonkwo/PER");
    expect(got).toContain("Oslo/LOC");
  });

  it("reports offsets that slice back to the entity text", () => {
    const text = "Gen. Mark Hollis of the Pentagon flew from Kyiv to Warsaw, the BBC reported.";
    for (const e of recognizeEntities(text)) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(e.start, e.end).trim()).toBe(text.slice(e.start, e.end));
      expect(e.end).toBeGreaterThan(e.start);
    }
    expect(named(text)).toEqual(
      expect.arrayContaining(["Kyiv/LOC", "Warsaw/LOC", "BBC/ORG", "Pentagon/ORG"]),
    );
  });

  it("with a focus tags only the names touching it, exactly as without one", () => {
    const text =
      "Defence Minister Ilona Varga met Tomas Brandt of the Joint Chiefs of Staff in Budapest. " +
      "Brandt later flew to Vienna.";
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const whole = recognizeEntities(text).map((e) => `${text.slice(e.start, e.end)}/${e.type}`);
    // Asked about one word of a name, the whole name comes back; a name in another stretch is not looked at.
    const focused = recognizeEntities(text, [at("Brandt"), at("Chiefs")]).map(
      (e) => `${text.slice(e.start, e.end)}/${e.type}`,
    );
    expect(focused).toContain("Tomas Brandt/PER");
    expect(focused.some((f) => f.startsWith("Joint Chiefs of Staff"))).toBe(true);
    expect(focused.some((f) => f.startsWith("Vienna"))).toBe(false);
    for (const f of focused) expect(whole).toContain(f);
    expect(recognizeEntities(text, [])).toEqual([]);
  });

  it("never throws on empty or odd input", () => {
    const odd = [
      "",
      "   ",
      "\n\n",
      "!!! ??? ...",
      "😀😀 🇺🇦",
      "x".repeat(5000),
      "Москва и Киев",
      "A.",
      "’s",
      "-",
    ];
    for (const text of odd) {
      const got = recognizeEntities(text);
      expect(Array.isArray(got)).toBe(true);
      for (const e of got) expect(e.end).toBeLessThanOrEqual(text.length);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (text) => {
        const got = recognizeEntities(text);
        let last = 0;
        for (const e of got) {
          expect(e.start).toBeGreaterThanOrEqual(last);
          expect(e.end).toBeLessThanOrEqual(text.length);
          last = e.end;
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("tokenize", () => {
  it("round-trips offsets for every token", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300, unit: "binary" })),
        (text) => {
          const t = tokenize(text, defaultTagger().lexicon.abbreviations);
          let last = 0;
          for (let i = 0; i < t.tokens.length; i++) {
            expect(text.slice(t.starts[i], t.ends[i])).toBe(t.tokens[i]);
            expect(t.starts[i]).toBeGreaterThanOrEqual(last);
            expect(/\s/.test(t.tokens[i])).toBe(false);
            last = t.ends[i];
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("keeps initials, dotted abbreviations and hyphenated words whole and splits possessives", () => {
    const abbreviations = defaultTagger().lexicon.abbreviations;
    const t = tokenize(
      "Gen. V. Petrov’s Kremlin-backed plan reached the U.S. on 2014-03-18, costing 1,200 dollars.",
      abbreviations,
    );
    expect(t.tokens).toEqual([
      "Gen.",
      "V.",
      "Petrov",
      "’s",
      "Kremlin-backed",
      "plan",
      "reached",
      "the",
      "U.S.",
      "on",
      "2014-03-18",
      ",",
      "costing",
      "1,200",
      "dollars",
      ".",
    ]);
  });

  it("keeps U.S.-led whole and splits n't as the training data does", () => {
    expect(tokenize("U.S.-led talks didn’t stall").tokens).toEqual([
      "U.S.-led",
      "talks",
      "did",
      "n’t",
      "stall",
    ]);
  });

  it("starts sentences after final punctuation and at line breaks", () => {
    const t = tokenize("Talks ended. Officials left\nLater that day");
    expect(Array.from(t.sentenceStart)).toEqual([1, 0, 0, 1, 0, 1, 0, 0]);
  });
});

describe("per-word score caches", () => {
  it("give the same tags as scoring every feature one by one", () => {
    const tagger = defaultTagger();
    const text =
      "Ukraine’s defence minister Olena Marchuk met U.S. envoys in Geneva. Marchuk said the Pentagon had agreed. " +
      "ODESSA PORT REOPENS\nThe port of Odessa reopened on Tuesday, the Black Sea Grain Initiative said.";
    const tok = tokenize(text, tagger.lexicon.abbreviations);
    const fast = tagger.tagIndices(tok.tokens, tok.sentenceStart);
    const slow = tagger.tagIndices(tok.tokens, tok.sentenceStart, "reference");
    expect(Array.from(fast)).toEqual(Array.from(slow));
    expect(new Set(fast).size).toBeGreaterThan(2);
  });
});

describe("headlines", () => {
  it("does not swallow the verbs of a Title-Case Headline into one long name", () => {
    const text = "Russia Says Talks With Ukraine Have Stalled Over Grain Deal";
    const got = recognizeEntities(text).map((e) => text.slice(e.start, e.end));
    for (const name of got) expect(name).not.toMatch(/Says|With|Have|Over/);
    expect(got).toContain("Russia");
  });
});

describe("tagTokens", () => {
  it("returns one BIO tag per token", () => {
    const tokens = ["Angela", "Merkel", "visited", "Paris", "with", "NATO", "officials", "."];
    const tags = tagTokens(tokens);
    expect(tags).toHaveLength(tokens.length);
    expect(tags).toEqual(["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O", "O"]);
    expect(tagTokens([])).toEqual([]);
  });

  it("never emits an inside tag without its beginning", () => {
    const tags = tagTokens(["the", "of", "New", "York", "Stock", "Exchange", "and", "Bank"]);
    for (let i = 0; i < tags.length; i++) {
      if (tags[i].startsWith("I-")) expect(tags[i - 1]?.slice(2)).toBe(tags[i].slice(2));
    }
  });
});

describe("tag schemes and CoNLL reading", () => {
  it("reads IOB1 spans the way conlleval does", () => {
    expect(spansFromTags(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"])).toEqual([
      { start: 0, end: 2, type: "PER" },
      { start: 2, end: 3, type: "PER" },
      { start: 4, end: 5, type: "LOC" },
      { start: 5, end: 6, type: "ORG" },
    ]);
  });

  it("writes BILOU and forbids I- after O", () => {
    expect(
      tagsFromSpans(
        [
          { start: 0, end: 3, type: "ORG" },
          { start: 3, end: 4, type: "LOC" },
        ],
        5,
        "BILOU",
      ),
    ).toEqual(["B-ORG", "I-ORG", "L-ORG", "U-LOC", "O"]);
    const tags = tagList("BIO");
    const mask = transitionMask(tags);
    const W = tags.length + 1;
    expect(mask[tags.indexOf("O") * W + tags.indexOf("I-PER")]).toBe(0);
    expect(mask[tags.indexOf("B-PER") * W + tags.indexOf("I-PER")]).toBe(1);
    expect(mask[tags.length * W + tags.indexOf("I-LOC")]).toBe(0);
  });

  it("parses documents and sentences of a CoNLL column file", () => {
    const text =
      "-DOCSTART- -X- O O\n\nMoscow NNP I-NP I-LOC\nwaits VBZ I-VP O\n\nKaspar NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nOK UH O O\n";
    const docs = parseConll(text);
    expect(docs).toHaveLength(2);
    expect(docs[0].sentences.map((s) => s.tokens)).toEqual([["Moscow", "waits"], ["Kaspar"]]);
    expect(docs[0].sentences[0].tags).toEqual(["I-LOC", "O"]);
  });
});

describe("shipped model", () => {
  it("records the dev score it reached beside the weights", () => {
    const meta = JSON.parse(
      readFileSync(new URL("../../data/models/ner.meta.json", import.meta.url), "utf8"),
    );
    expect(meta.dev.ALL.f1).toBeGreaterThanOrEqual(0.88);
    expect(meta.data.train).toMatch(/eng\.train/);
    expect(meta.epochs).toBeGreaterThan(0);
  });
});

describe("fast path (only tokens near name candidates scored)", () => {
  /** Paragraphs written for this test: names at sentence starts, lower-case particles, headlines, lists. */
  const TEXTS = [
    "The ceasefire collapsed on Sunday. But officials in Mariupol said the shelling had stopped by noon, " +
      "and the mayor, Petro Halych, told reporters the water supply would return within a week.",
    "In a statement, the Dutch lawyer Jan van der Berg said his client had never met anyone from the " +
      "interior ministry. Van der Berg added that the court in The Hague would rule next month.",
    "MISSILES HIT KHARKIV SUBURB\nEmergency crews worked through the night. He said nothing more.",
    "Talks With Moscow Stall As Winter Nears\nThe foreign ministry declined to comment on the report.",
    "Osama bin Laden's former driver, a man named Salim Hamdan, was later released, according to " +
      "lawyers who asked not to be named because the case was still sealed.",
    "prices rose again this week as traders waited for news from the central bank, which is expected " +
      "to hold rates steady until at least the spring, analysts at Nordbank said.",
    "It was late. However, the convoy reached Zaporizhzhia before dawn, where the Red Cross and UNHCR " +
      "staff were waiting with food, blankets and fuel for the generators.",
  ];

  it("gives the same tags as scoring every token", () => {
    const tagger = defaultTagger();
    const all = [...TEXTS, TEXTS.join("\n\n")];
    for (const text of all) {
      const tok = tokenize(text, tagger.lexicon.abbreviations);
      const fast = Array.from(tagger.tagIndices(tok.tokens, tok.sentenceStart, "fast"));
      const full = Array.from(tagger.tagIndices(tok.tokens, tok.sentenceStart, "exhaustive"));
      const ref = Array.from(tagger.tagIndices(tok.tokens, tok.sentenceStart, "reference"));
      expect(fast).toEqual(full);
      expect(full).toEqual(ref);
    }
  });

  it("still finds the names, including lower-case particles inside them", () => {
    const text = TEXTS[1];
    const got = named(text);
    expect(got.some((g) => g.startsWith("Jan van der Berg/") || g.startsWith("van der Berg/"))).toBe(true);
    expect(got.some((g) => g.includes("Hague"))).toBe(true);
    const text2 = TEXTS[0];
    expect(named(text2)).toEqual(expect.arrayContaining(["Mariupol/LOC", "Petro Halych/PER"]));
    for (const g of named(text2)) expect(g.startsWith("The/") || g.startsWith("But/")).toBe(false);
  });
});
