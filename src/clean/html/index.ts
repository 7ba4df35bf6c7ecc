/**
 * clean/html: main content, reader comments and metadata of one HTML page — the door of this sub-layer.
 * The cleaning stage calls `extractHtml` for HTML documents and runs its plain-text rules on the blocks.
 */
import type { ParagraphKind, Removed } from "../../record.ts";

export { normaliseText } from "./dom.ts";
export { extractHtml, MAX_HTML_CHARS } from "./extract-html.ts";
export { splitTitle } from "./read-meta.ts";

/** One block of text from a page, in reading order. */
export interface TextBlock {
  kind: ParagraphKind;
  text: string;
}

/** Metadata read from a page's head and markup. Unknown is null. */
export interface PageMeta {
  title: string | null;
  siteName: string | null;
  authors: string[];
  /** Publication day, ISO yyyy-mm-dd (the date as the publisher wrote it, no time-zone shift). */
  published: string | null;
  description: string | null;
  language: string | null;
  url: string | null;
}

/** Something that went wrong with the page (not with the code): the cleaning stage turns these into messages. */
export interface HtmlProblem {
  rule: string;
  reason: string;
}

export interface HtmlExtraction {
  blocks: TextBlock[];
  /** Reader comments found on the page, as raw blocks (author lines included) for the comment splitter. */
  commentBlocks: TextBlock[];
  removed: Removed[];
  meta: PageMeta;
  /** Page problems: truncated, empty, unparsable, fallback used. Optional so older callers need not read it. */
  problems?: HtmlProblem[];
  /** Which extractor produced `blocks`: "readability", "density" (fallback) or "none". */
  method?: "readability" | "density" | "none";
}
