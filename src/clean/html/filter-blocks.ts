import type { Removed } from "../../record.ts";
import type { DraftBlock } from "./collect-blocks.ts";
import { CUES } from "./cues.ts";

/** Page-tool lines ("Font size", "Print version", "Click here to…") are short; prose starting so is longer. */
const UI_LINE_MAX_CHARS = 120;
/** Share bars are a few words; a longer block that starts with "Email" is prose. */
const SHARE_MAX_CHARS = 100;
/** Newsletter boxes are one or two sentences; a long paragraph mentioning a newsletter is article text. */
const NEWSLETTER_MAX_CHARS = 250;
/** A "Related"/"Read more" label is short; a paragraph starting "Read more about…" in prose is longer. */
const RELATED_LABEL_MAX_CHARS = 80;
/** Text that is (nearly) all link: teaser lists, tag clouds, "next article" boxes. */
const LINK_ONLY_DENSITY = 0.8;
/** …but a short sentence with one big link in it is prose, so only short link-only blocks go. */
const LINK_ONLY_MAX_CHARS = 160;
/** A link whose text is an address (URL, e-mail) is a reference the author spelled out, not a teaser. */
const ADDRESS_TEXT = /^(?:https?:\/\/|www\.)\S+$|^\S+@\S+\.\w+$/i;
/** A byline line near the top: "By Jane Roe", "By Jane Roe, Moscow correspondent". */
const BYLINE_LINE =
  /^(?:by|von|par|por)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[^.]{0,60})?$/u;
const BYLINE_SEARCH_BLOCKS = 4;
/** Folding for title comparison: case, punctuation and spacing differences do not matter. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** The page title repeated as the first block(s): a heading, or a bold paragraph in old table layouts. */
const TITLE_SEARCH_BLOCKS = 3;
/** A block counts as the title when it is the title, or the title minus a site prefix/suffix, at least this share of it. */
const TITLE_PART_MIN_SHARE = 0.5;
/** A date or date-and-time alone on a line ("December 29, 2007", "12.05.2021 14:30 | Politics"). */
const DATE_LINE_MAX_CHARS = 60;
/** "Posted by Jane Roe at 12:03 PM | Email This": post footers and datelines, never article prose. */
const POSTED_LINE_MAX_CHARS = 160;

function isTitleRepeat(block: string, title: string): boolean {
  if (!block) return false;
  if (block === title) return true;
  if (block.length < title.length * TITLE_PART_MIN_SHARE) return false;
  return (
    title.endsWith(block) ||
    title.startsWith(block) ||
    (block.startsWith(title) && block.length - title.length < 40)
  );
}

function fold(text: string): string {
  return text.toLowerCase().replace(NON_WORD, " ").trim();
}

/**
 * Drops blocks that Readability (or the fallback) leaves in but are not the article: share bars,
 * newsletter appeals, "Related" labels with their link lists, ad labels, link-only teasers, the title
 * repeated as a heading, and a "By …" line at the top. Each drop goes to `removed` with its rule.
 * Known failures: a genuine one-line paragraph that is entirely a link (a linked sub-heading on a blog) is
 * dropped, which costs recall on non-news pages; a
 * related-links list without a label and without links (plain text teasers) survives.
 * @example filterBlocks([{ kind: "paragraph", text: "Share on Facebook", linkDensity: 1, tag: "LI" }], "T", removed) // []
 */
export function filterBlocks(
  blocks: readonly DraftBlock[],
  title: string | null,
  removed: Removed[],
): DraftBlock[] {
  const out: DraftBlock[] = [];
  const foldedTitle = title ? fold(title) : "";
  let inRelated = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const len = b.text.length;
    if (inRelated) {
      if (b.linkDensity >= 0.5 || (b.tag === "LI" && len < RELATED_LABEL_MAX_CHARS)) {
        removed.push({ text: b.text, reason: "teaser", rule: "related-links" });
        continue;
      }
      inRelated = false;
    }
    if (CUES.adLine.test(b.text)) {
      removed.push({ text: b.text, reason: "boilerplate", rule: "ad-label" });
      continue;
    }
    if (len <= UI_LINE_MAX_CHARS && CUES.uiLine.test(b.text)) {
      removed.push({ text: b.text, reason: "boilerplate", rule: "ui-line" });
      continue;
    }
    if (len <= SHARE_MAX_CHARS && CUES.shareLine.test(b.text)) {
      removed.push({ text: b.text, reason: "boilerplate", rule: "share-bar" });
      continue;
    }
    if (len <= NEWSLETTER_MAX_CHARS && CUES.newsletterLine.test(b.text)) {
      removed.push({ text: b.text, reason: "boilerplate", rule: "newsletter-appeal" });
      continue;
    }
    if (len <= RELATED_LABEL_MAX_CHARS && CUES.relatedLine.test(b.text)) {
      // A label alone opens a list of links; "Read more: <link>" carries its link inline.
      removed.push({ text: b.text, reason: "teaser", rule: "related-label" });
      inRelated = true;
      continue;
    }
    if (
      b.linkDensity >= LINK_ONLY_DENSITY &&
      len <= LINK_ONLY_MAX_CHARS &&
      b.kind !== "heading" &&
      !ADDRESS_TEXT.test(b.text)
    ) {
      removed.push({ text: b.text, reason: "teaser", rule: "link-only" });
      continue;
    }
    if (out.length < TITLE_SEARCH_BLOCKS && foldedTitle && isTitleRepeat(fold(b.text), foldedTitle)) {
      removed.push({ text: b.text, reason: "title", rule: "title-repeat" });
      continue;
    }
    if (len <= DATE_LINE_MAX_CHARS && CUES.dateLine.test(b.text)) {
      removed.push({ text: b.text, reason: "byline", rule: "date-line" });
      continue;
    }
    if (len <= POSTED_LINE_MAX_CHARS && CUES.postedLine.test(b.text)) {
      removed.push({ text: b.text, reason: "byline", rule: "posted-line" });
      continue;
    }
    if (i < BYLINE_SEARCH_BLOCKS && len < 100 && BYLINE_LINE.test(b.text)) {
      removed.push({ text: b.text, reason: "byline", rule: "byline-line" });
      continue;
    }
    out.push(b);
  }
  return out;
}
