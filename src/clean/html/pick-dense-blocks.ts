import type { Removed } from "../../record.ts";
import type { DraftBlock } from "./collect-blocks.ts";

/** A block this long, with few links, is content on its own (about two sentences). */
const GOOD_MIN_CHARS = 70;
/** More than a third of the characters inside links: navigation, teasers, tag lists. */
const BAD_LINK_DENSITY = 0.33;
/** Sentence-ending punctuation marks prose even in a short block. */
const SENTENCE_END = /[.!?…。！？]["'”’»)]?$/u;
const SHORT_PROSE_MIN_CHARS = 40;
/** How far (in blocks) a short block or heading may sit from good blocks and still be kept as context. */
const CONTEXT_WINDOW = 2;

enum Class {
  Bad = 0,
  Short = 1,
  Good = 2,
}

function classify(b: DraftBlock): Class {
  if (b.linkDensity > BAD_LINK_DENSITY) return Class.Bad;
  const len = b.text.length;
  if (len >= GOOD_MIN_CHARS) return Class.Good;
  if (len >= SHORT_PROSE_MIN_CHARS && SENTENCE_END.test(b.text)) return Class.Good;
  return Class.Short;
}

/**
 * The fallback when Readability finds nothing or too little (tiny articles, table layouts, pages too
 * deep for it): classifies every block of the whole page by length and link density (in the spirit of
 * jusText), keeps the good ones, and keeps short blocks and headings that sit between good blocks.
 * Blocks before the first and after the last good block are chrome. Dropped blocks go to `removed`.
 * Known failures: a long cookie banner or footer disclaimer in prose counts as good; a page whose
 * article is one short sentence keeps nothing.
 * @example pickDenseBlocks(blocks, removed).map((b) => b.text) // ["Long paragraph…", "Next paragraph…"]
 */
export function pickDenseBlocks(blocks: readonly DraftBlock[], removed: Removed[]): DraftBlock[] {
  const n = blocks.length;
  const cls = new Uint8Array(n);
  for (let i = 0; i < n; i++) cls[i] = classify(blocks[i]);
  // Distance to the nearest good block on each side, in blocks, bad blocks breaking the run.
  const keep = new Uint8Array(n);
  let lastGood = -1_000_000;
  for (let i = 0; i < n; i++) {
    if (cls[i] === Class.Good) {
      keep[i] = 1;
      lastGood = i;
    } else if (cls[i] === Class.Bad) lastGood = -1_000_000;
    else if (i - lastGood <= CONTEXT_WINDOW) keep[i] = 2; // near a good block before it
  }
  let nextGood = 1_000_000;
  for (let i = n - 1; i >= 0; i--) {
    if (cls[i] === Class.Good) nextGood = i;
    else if (cls[i] === Class.Bad) nextGood = 1_000_000;
    else if (keep[i] === 2 && nextGood - i > CONTEXT_WINDOW)
      keep[i] = 0; // short block must sit between good ones
    else if (keep[i] === 0 && blocks[i].kind === "heading" && nextGood - i <= CONTEXT_WINDOW) keep[i] = 3;
  }
  const out: DraftBlock[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i]) out.push(blocks[i]);
    else
      removed.push({
        text: blocks[i].text,
        reason: cls[i] === Class.Bad ? "navigation" : "boilerplate",
        rule: "low-density-block",
      });
  }
  return out;
}
