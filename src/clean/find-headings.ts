/**
 * Section headings inside the article: a short Title Case line without closing punctuation that
 * sits between paragraphs ("Severe Weather Ahead" between two paragraphs) becomes kind heading.
 * Known failures: a one-line sentence-case heading ("What happens next") stays a paragraph; a short
 * Title Case line that is really a fragment (a name on its own line) becomes a heading.
 */
import type { Draft } from "./draft.ts";

const HEADING_MAX_WORDS = 10;
const HEADING_MAX_CHARS = 90;
/** A heading's longer words are capitalised (small words like "of", "the" are ignored). */
const TITLE_CASE_SHARE = 0.6;
const NO_END_PUNCT = /[^.,;:!…"”’)\]]$/u;
const LONG_WORD = /\p{L}{4,}[\p{L}'’-]*/gu;
const UPPER_START = /^\p{Lu}/u;
/** The paragraph after a heading is prose, longer than a heading. */
const FOLLOWER_MIN_WORDS = 12;

function isTitleCase(text: string): boolean {
  let words = 0;
  let upper = 0;
  for (const m of text.matchAll(LONG_WORD)) {
    words++;
    if (UPPER_START.test(m[0])) upper++;
  }
  return words > 0 && upper / words >= TITLE_CASE_SHARE;
}

/**
 * Marks heading lines in the body.
 * @example findHeadings(draft) // "Markets React" between two paragraphs → kind heading
 */
export function findHeadings(draft: Draft): void {
  const body = draft.units.filter((u) => u.state === "body");
  for (let i = 1; i < body.length - 1; i++) {
    const u = body[i];
    const words = u.words;
    if (words === 0 || words > HEADING_MAX_WORDS || u.text.length > HEADING_MAX_CHARS) continue;
    if (!NO_END_PUNCT.test(u.text) || !isTitleCase(u.text)) continue;
    if (body[i + 1].words < FOLLOWER_MIN_WORDS) continue;
    u.kind = "heading";
  }
}
