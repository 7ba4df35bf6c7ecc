/**
 * Repeated paragraphs: a scraper that meets the same block twice (a pull quote, a re-rendered
 * widget) prints it twice. An exact or near-exact repeat (same words up to case, quote marks,
 * spacing and punctuation; or 90% of the same word pairs) of an earlier body paragraph is removed once,
 * reason duplicate, with a message "paragraph N repeats paragraph M".
 * Near repeats are checked against a short window of earlier paragraphs only, to stay linear.
 * Known failure: a deliberate refrain repeated word for word by the author is dropped too.
 */
import { type Draft, removeUnit } from "./draft.ts";

/**
 * Short lines repeat legitimately (headings, list items, recipe lines, "Eat an hour before training");
 * only paragraphs this long are compared.
 */
const MIN_WORDS = 12;
const NEAR_WINDOW = 8;
const NEAR_JACCARD = 0.9;
const TOKEN = /[\p{L}\p{N}]+/gu;

function tokensOf(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/**
 * The words of a paragraph, lower-cased and joined by single spaces, built in one pass over char codes:
 * the exact-repeat key, computed for every paragraph, so it avoids a regex match and a join.
 * Letters and digits are kept (any script: code points above 0x7F are kept as they are, lower-cased).
 */
function wordKey(text: string): string {
  const lower = text.toLowerCase();
  let out = "";
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && isWordChar(lower[i]));
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out += out ? ` ${lower.slice(start, i)}` : lower.slice(start, i);
      start = -1;
    }
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** Word pairs, so that a reordered list ("A v B; C v D" / "C v B; A v D") is no near repeat. */
function shingles(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < tokens.length; i++) out.add(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/**
 * Removes repeated body paragraphs, keeping the first.
 * @example dropDuplicates(draft) // the second copy of a paragraph → removed, reason duplicate
 */
export function dropDuplicates(draft: Draft): void {
  const seen = new Map<string, number>();
  // Tokens and word-pair sets are built only when a pair of paragraphs passes the length test.
  const recent: {
    text: string;
    words: number;
    tokens: string[] | null;
    set: Set<string> | null;
    para: number;
  }[] = [];
  let para = 0;
  for (const u of draft.units) {
    if (u.state !== "body") continue;
    if (u.words < MIN_WORDS) {
      para++;
      continue;
    }
    const key = wordKey(u.text);
    let repeats = seen.get(key);
    if (repeats === undefined) {
      // Sets are built only for pairs of similar length: most pairs fail the length test.
      let set: Set<string> | null = null;
      for (const r of recent) {
        const ratio = Math.min(r.words, u.words) / Math.max(r.words, u.words);
        if (ratio < NEAR_JACCARD) continue;
        set ??= shingles(tokensOf(u.text));
        r.tokens ??= tokensOf(r.text);
        r.set ??= shingles(r.tokens);
        if (jaccard(r.set, set) >= NEAR_JACCARD) {
          repeats = r.para;
          break;
        }
      }
    }
    if (repeats !== undefined) {
      removeUnit(u, "duplicate", "duplicate-paragraph");
      draft.messages.push({
        stage: "clean",
        rule: "duplicate-paragraph",
        reason: `paragraph ${para} repeats paragraph ${repeats}`,
        paragraph: repeats,
      });
      continue;
    }
    seen.set(key, para);
    recent.push({ text: u.text, words: u.words, tokens: null, set: null, para });
    if (recent.length > NEAR_WINDOW) recent.shift();
    para++;
  }
}
