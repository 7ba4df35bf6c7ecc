/**
 * The content words of a title and lead that the story grouper compares. The words to ignore (function
 * words, reporting vocabulary, weekdays) live in data/corpus/story-words.json.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "../version.ts";

/** Where the ignored words live. */
export const STORY_WORDS_FILE = resolve(REPO_ROOT, "data/corpus/story-words.json");

/** Runs of letters or digits, lower-cased by the caller; apostrophes split ("Russia's" → "russia", "s"). */
const WORD = /[\p{L}\p{N}]+/gu;

interface StoryWordsFile {
  minLength: number;
  ignore: string[];
}

let cache: { minLength: number; ignore: Set<string> } | null = null;

function storyWordsData(): { minLength: number; ignore: Set<string> } {
  if (cache) return cache;
  let parsed: StoryWordsFile;
  try {
    parsed = JSON.parse(readFileSync(STORY_WORDS_FILE, "utf8")) as StoryWordsFile;
  } catch (err) {
    throw new Error(`corpus: cannot read ${STORY_WORDS_FILE}: ${(err as Error).message}`, { cause: err });
  }
  if (!Number.isInteger(parsed.minLength) || !Array.isArray(parsed.ignore)) {
    throw new Error(
      `corpus: ${STORY_WORDS_FILE} must hold {"minLength": integer, "ignore": [words]}, found keys ${Object.keys(parsed).join(", ")}`,
    );
  }
  cache = { minLength: parsed.minLength, ignore: new Set(parsed.ignore) };
  return cache;
}

/**
 * The distinct content words of some texts, lower-cased, without ignored words, short words or numbers.
 * Known failure: no stemming, so "sanction" and "sanctions" differ; names split in words ("Zelensky" and
 * "Zelenskyy" differ too).
 * @example contentWords("Russia's army shells Kharkiv", null) // ["russia", "army", "shells", "kharkiv"]
 */
export function contentWords(...texts: Array<string | null>): string[] {
  const { minLength, ignore } = storyWordsData();
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const m of t.toLowerCase().matchAll(WORD)) {
      const w = m[0];
      if (w.length < minLength || ignore.has(w) || (w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57)) continue;
      out.add(w);
    }
  }
  return [...out];
}
