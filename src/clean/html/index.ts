import type { ParagraphKind, Removed } from "../../record.ts";

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
  published: string | null;
  description: string | null;
  language: string | null;
  url: string | null;
}

export interface HtmlExtraction {
  blocks: TextBlock[];
  /** Reader comments found on the page, as raw blocks (author lines included) for the comment splitter. */
  commentBlocks: TextBlock[];
  removed: Removed[];
  meta: PageMeta;
}

/**
 * Main content and metadata of an HTML page.
 * STUB: to be replaced by the HTML extraction work.
 */
export function extractHtml(html: string, url?: string | null): HtmlExtraction {
  const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, " ").replace(/<[^>]+>/g, "\n");
  const blocks = text
    .split(/\n+/)
    .map((t) => t.replace(/\s+/g, " ").trim())
    .filter((t) => t.length > 0)
    .map((t) => ({ kind: "paragraph" as const, text: t }));
  return {
    blocks,
    commentBlocks: [],
    removed: [],
    meta: { title: null, siteName: null, authors: [], published: null, description: null, language: null, url: url ?? null },
  };
}
