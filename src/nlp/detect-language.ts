import { readFileSync } from "node:fs";
import { franc } from "franc";
import type { ArticleRecord } from "../record.ts";

const CONFIG = JSON.parse(
  readFileSync(new URL("../../data/nlp/languages.json", import.meta.url), "utf8"),
) as {
  languages: Record<string, string>;
  minChars: number;
  englishFunctionWords: string[];
  englishShortcut: { words: number; share: number };
};
const ONLY = Object.keys(CONFIG.languages);
/** franc is reliable from a few hundred characters; more text only costs time (about 0.5 ms per 1,000 chars). */
const SAMPLE_CHARS = 1000;
const ENGLISH = new Set(CONFIG.englishFunctionWords);
const WORD = /[\p{L}']+/gu;

/**
 * Most of what sitrep reads is English. Running text where a quarter of the words are English function words
 * (the, of, and, to…) is English whatever else it contains; this skips franc for it. Other languages
 * almost never reach that share (Scots and pidgins would, and are not in our list).
 */
function looksEnglish(sample: string): boolean {
  WORD.lastIndex = 0;
  let total = 0;
  let hits = 0;
  for (let m = WORD.exec(sample); m !== null && total < CONFIG.englishShortcut.words; m = WORD.exec(sample)) {
    total++;
    if (ENGLISH.has(m[0].toLowerCase())) hits++;
  }
  return total >= CONFIG.englishShortcut.words / 2 && hits / total >= CONFIG.englishShortcut.share;
}

/**
 * The language stage: franc over the article body, restricted to the languages in data/nlp/languages.json.
 * Text shorter than `minChars` letters is "und" (undetermined) rather than a guess.
 * @example detectLanguage(record).language // "en"
 */
export function detectLanguage(record: ArticleRecord): ArticleRecord {
  let sample = record.title ? `${record.title}\n` : "";
  for (const p of record.paragraphs) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `${p.text}\n`;
  }
  sample = sample.slice(0, SAMPLE_CHARS);
  const letters = sample.replace(/[^\p{L}]/gu, "").length;
  if (letters < CONFIG.minChars) return { ...record, language: "und" };
  if (looksEnglish(sample)) return { ...record, language: "en" };
  const code = franc(sample, { only: ONLY, minLength: 10 });
  return { ...record, language: CONFIG.languages[code] ?? "und" };
}
