import { readFileSync } from "node:fs";
import type { ArticleRecord, SentenceSpan } from "../record.ts";

const ABBREVIATIONS = new Set(
  (
    JSON.parse(readFileSync(new URL("../../data/nlp/abbreviations.json", import.meta.url), "utf8")) as {
      abbreviations: string[];
    }
  ).abbreviations,
);

/**
 * Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, then white space.
 * Precompiled once; the scan is linear in the paragraph length.
 */
const BOUNDARY = /[.!?…]+["'”’»)\]]*(?=\s+)/g;
/** What must follow a real boundary: an opening quote/bracket or an upper-case letter or digit. */
const NEXT_STARTS_SENTENCE = /^\s+["'“‘«([]*[\p{Lu}\p{N}]/u;
/** The word before a full stop, to test for abbreviations ("Mr.", "U.S.") and initials ("V."). */
const WORD_BEFORE = /([\p{L}.]+)\.$/u;

/**
 * Splits one paragraph into sentence spans (UTF-16 offsets).
 * Known failures: an abbreviation that really ends a sentence ("…in the U.S. The talks…") is not split;
 * a sentence starting with a lower-case word after a full stop is joined to the previous one.
 * @example sentenceSpans("Mr. Putin spoke. Talks resumed.") // [[0,16],[17,31]]
 */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    if (!NEXT_STARTS_SENTENCE.test(text.slice(end, end + 6))) continue;
    if (m[0] === ".") {
      const before = WORD_BEFORE.exec(text.slice(Math.max(start, m.index - 12), m.index + 1));
      if (before) {
        const word = before[1].toLowerCase();
        // A single capital ("V.") is an initial; a known abbreviation does not end a sentence.
        if (/^\p{Lu}$/u.test(before[1]) || ABBREVIATIONS.has(word)) continue;
      }
    }
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Array<[number, number]>): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push([start, end]);
}

/**
 * The nlp stage: sentence spans for every paragraph, on `record.sentences`, for the stages that read sentences.
 * @example splitSentences(record).sentences[0] // { paragraph: 0, start: 0, end: 42 }
 */
export function splitSentences(record: ArticleRecord): ArticleRecord {
  const sentences: SentenceSpan[] = [];
  for (const p of record.paragraphs) {
    for (const [start, end] of sentenceSpans(p.text)) sentences.push({ paragraph: p.index, start, end });
  }
  return { ...record, sentences };
}
