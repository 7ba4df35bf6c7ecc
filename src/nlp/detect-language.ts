import { readFileSync } from "node:fs";
import { franc } from "franc";
import type { ArticleRecord } from "../record.ts";

const CONFIG = JSON.parse(readFileSync(new URL("../../data/nlp/languages.json", import.meta.url), "utf8")) as {
  languages: Record<string, string>;
  minChars: number;
};
const ONLY = Object.keys(CONFIG.languages);
/** franc is reliable from a few hundred characters; more text only costs time. */
const SAMPLE_CHARS = 2000;

/**
 * The language stage: franc over the article body, restricted to the languages in data/nlp/languages.json.
 * Text shorter than `minChars` letters is "und" (undetermined) rather than a guess.
 * @example detectLanguage(record).language // "en"
 */
export function detectLanguage(record: ArticleRecord): ArticleRecord {
  let sample = "";
  for (const p of record.paragraphs) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `${p.text}\n`;
  }
  if (record.title) sample = `${record.title}\n${sample}`;
  const letters = sample.replace(/[^\p{L}]/gu, "").length;
  if (letters < CONFIG.minChars) {
    return { ...record, language: "und" };
  }
  const code = franc(sample.slice(0, SAMPLE_CHARS), { only: ONLY, minLength: 10 });
  return { ...record, language: CONFIG.languages[code] ?? "und" };
}
