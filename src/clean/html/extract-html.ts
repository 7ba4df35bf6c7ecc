/**
 * extractHtml: main content, reader comments and metadata of one HTML page.
 *
 * How: scripts and styles are cut in one forward pass (JSON-LD kept aside for metadata), broken
 * structure is repaired (missing <html>/<body>, unclosed <title>), linkedom parses the rest,
 * the comment section is lifted out, metadata is read, then Readability picks the article; its DOM is
 * turned into blocks, and share/newsletter/related/caption leftovers are dropped. When Readability
 * returns too little, or the page is too deep for its recursive passes, a block-density fallback over
 * the whole page takes over. Nothing throws: a failure is an empty extraction with a problem note.
 */
import { Readability } from "@mozilla/readability";
import { DOMParser } from "linkedom";
import type { Removed } from "../../record.ts";
import { collectBlocks, type DraftBlock } from "./collect-blocks.ts";
import { type DomDocument, type DomElement, maxDepth } from "./dom.ts";
import { filterBlocks } from "./filter-blocks.ts";
import { findComments } from "./find-comments.ts";
import type { HtmlExtraction, HtmlProblem, PageMeta, TextBlock } from "./index.ts";
import { pickDenseBlocks } from "./pick-dense-blocks.ts";
import { readPageMeta } from "./read-meta.ts";

/** Pages above this many UTF-16 units are cut: the article sits early, and linkedom's cost is linear but not free. */
export const MAX_HTML_CHARS = 3_000_000;
/**
 * Readability walks some passes recursively (_cleanStyles, _cleanClasses); past this element depth it
 * can overflow the stack and turns quadratic, so deeper pages go straight to the iterative fallback.
 */
const MAX_READABILITY_DEPTH = 400;
/** Readability text shorter than this is "too little": the fallback is tried and the longer result kept. */
const MIN_MAIN_CHARS = 400;
/**
 * Readability's own threshold for a successful pass. Its default (500) is kept on purpose: at 300 its
 * strict first pass accepts print-footer boxes on some pages; short briefs are the fallback's job.
 */
const READABILITY_CHAR_THRESHOLD = 500;
/** JSON-LD blocks read for metadata, before scripts are cut. */
const JSON_LD = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
const MAX_JSON_LD_BLOCKS = 20;
/** Code and invisible markup, cut before parsing: a third of a typical news page's bytes, never its text. */
const NON_CONTENT_OPEN = /<(script|style|svg|noscript)\b|<!--/gi;
const NON_CONTENT_CLOSE: Readonly<Record<string, RegExp>> = {
  script: /<\/script\s*>/gi,
  style: /<\/style\s*>/gi,
  svg: /<\/svg\s*>/gi,
  noscript: /<\/noscript\s*>/gi,
  "!--": /-->/g,
};

/**
 * Cuts scripts, styles, SVG, noscript and HTML comments in one forward pass. Not a lazy regex over the
 * page: with an unclosed "<script" a lazy match rescans to the end from every opening (quadratic on
 * hostile pages). Here an unclosed element stops the cutting and the rest is left to the parser.
 * @example cutNonContent("<p>a</p><script>x()</script><p>b</p>") // "<p>a</p> <p>b</p>"
 */
function cutNonContent(html: string): string {
  const parts: string[] = [];
  let from = 0;
  NON_CONTENT_OPEN.lastIndex = 0;
  for (let m = NON_CONTENT_OPEN.exec(html); m; m = NON_CONTENT_OPEN.exec(html)) {
    const close = NON_CONTENT_CLOSE[m[1] ? m[1].toLowerCase() : "!--"];
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) break;
    parts.push(html.slice(from, m.index), " ");
    from = end.index + end[0].length;
    NON_CONTENT_OPEN.lastIndex = from;
  }
  if (from === 0) return html;
  parts.push(html.slice(from));
  return parts.join("");
}
const BLANK = /^\s*$/;
/** Opening <title>; its text runs to </title>, so a page missing that close tag loses its whole body into the title. */
const TITLE_OPEN = /<title\b[^>]*>/i;
const TITLE_CLOSE = /<\/title\s*>/i;
/** A real title is one line; beyond this the close tag is missing (seen in saved pages cut mid-head). */
const TITLE_MAX_CHARS = 1000;
const LINE_END = /[\r\n<]/;

/** A doctype cut off before its ">" swallows the markup up to the next ">" (seen in saved pages). */
const BROKEN_DOCTYPE = /^\s*<!doctype[^>]*?(?=<)/i;
const HAS_HTML = /<html\b/i;
/**
 * Text-free tags before <html> (a stray <br>, a doctype, comments): linkedom makes the first of them the
 * documentElement and leaves the real page beside it, outside what Readability and metadata read.
 */
const HTML_OPEN = /<html\b/i;
const BODY_OPEN = /<body\b[^>]*>/i;
/** What may legitimately precede <html>: white space, a doctype, comments. */
const DOCTYPE_ONLY = /^\s*(?:<!doctype[^>]*>\s*|<!--[\s\S]*?-->\s*)*$/i;
const TAGS_BEFORE_HTML = /^\s*(?:<(?!html\b|!doctype)[^<>]*>\s*)+(?=<html\b)/i;
const HAS_BODY = /<body\b/i;
const HEAD_CLOSE = /<\/head\s*>/i;

/**
 * linkedom builds no implied <html>/<body> (unlike a browser): a fragment or a page missing those tags
 * leaves its text outside documentElement, where neither Readability nor the walker sees it. Adds them.
 * @example repairStructure("<p>Hi</p>") // "<html><body><p>Hi</p></body></html>"
 */
function repairStructure(input: string): string {
  let html = input.replace(BROKEN_DOCTYPE, "").replace(TAGS_BEFORE_HTML, "");
  const htmlAt = html.search(HTML_OPEN);
  if (htmlAt > 0 && !DOCTYPE_ONLY.test(html.slice(0, htmlAt))) {
    // Text before <html> (server warnings printed ahead of the page): move it into the body, where a
    // browser shows it too, so the page itself stays one tree.
    const prefix = html.slice(0, htmlAt);
    const rest = html.slice(htmlAt);
    const body = BODY_OPEN.exec(rest);
    html = body
      ? `${rest.slice(0, body.index + body[0].length)}${prefix}${rest.slice(body.index + body[0].length)}`
      : rest;
  }
  if (!HAS_HTML.test(html))
    return HAS_BODY.test(html) ? `<html>${html}</html>` : `<html><body>${html}</body></html>`;
  if (HAS_BODY.test(html)) return html;
  const head = HEAD_CLOSE.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}<body>${html.slice(at)}</body>`;
  }
  return html.replace(/(<html\b[^>]*>)/i, "$1<body>");
}

/**
 * Closes a <title> that never closes (or closes after the body started): the title keeps its first line.
 * @example repairTitle("<title>Talks\nvar x;<body><p>Hi</p>") // "<title>Talks</title>\nvar x;<body><p>Hi</p>"
 */
function repairTitle(html: string): string {
  const open = TITLE_OPEN.exec(html);
  if (!open) return html;
  const start = open.index + open[0].length;
  const window = html.slice(start, start + TITLE_MAX_CHARS + 20);
  const close = TITLE_CLOSE.exec(window);
  if (
    close &&
    close.index <= TITLE_MAX_CHARS &&
    !/<(?:body|div|table|p)\b/i.test(window.slice(0, close.index))
  )
    return html;
  const end = LINE_END.exec(window);
  const cut = start + (end ? end.index : Math.min(window.length, 200));
  return `${html.slice(0, cut)}</title>${html.slice(cut)}`;
}

function emptyMeta(url: string | null): PageMeta {
  return {
    title: null,
    siteName: null,
    authors: [],
    published: null,
    description: null,
    language: null,
    url,
  };
}

function emptyExtraction(url: string | null, removed: Removed[], problems: HtmlProblem[]): HtmlExtraction {
  return { blocks: [], commentBlocks: [], removed, meta: emptyMeta(url), problems, method: "none" };
}

function parse(html: string): DomDocument {
  return new DOMParser().parseFromString(html, "text/html") as unknown as DomDocument;
}

function chars(blocks: readonly DraftBlock[]): number {
  let n = 0;
  for (const b of blocks) n += b.text.length;
  return n;
}

/** Readability's pick as blocks, or null when it finds nothing. */
function readabilityBlocks(doc: DomDocument, removed: Removed[]): DraftBlock[] | null {
  const reader = new Readability(doc as unknown as Document, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    serializer: (el: Node) => el,
  });
  const article = reader.parse();
  const content = article?.content as unknown as DomElement | null | undefined;
  if (!content) return null;
  return collectBlocks(content, { skipChrome: false, skipCueElements: true }, removed);
}

/**
 * Where the page's text is: <body>, unless broken markup in <head> (a cut-off tag) left the body nearly
 * empty, in which case the parser put the text under <head> and the whole document is walked.
 */
function textRoot(doc: DomDocument, bodyChars: number): DomElement | null {
  const body = doc.body;
  const all = doc.documentElement;
  if (!all) return body;
  if (!body) return all;
  // <head> is small on a sound page, so its text (not the whole document's again) decides.
  const headChars = (doc.head?.textContent ?? "").length;
  return bodyChars < headChars ? all : body;
}

/** Page blocks shorter than this are checked against the kept text by exact match only (cheap); longer ones by substring. */
const ACCOUNT_SUBSTRING_MIN_CHARS = 30;

/**
 * "Nothing is dropped silently": page text that Readability left out (nav, teasers, footers) goes to
 * `removed`. Page blocks are compared with the kept text because Readability restructures markup
 * (div→p, br→p), so block boundaries differ. Known failure: a short page block whose text survives
 * only inside a longer kept block is listed as removed.
 */
function accountForDropped(
  pageBlocks: readonly DraftBlock[],
  pageRemoved: readonly Removed[],
  kept: readonly DraftBlock[],
  alreadyRemoved: readonly Removed[],
): Removed[] {
  const keptSet = new Set<string>();
  for (const b of kept) keptSet.add(b.text);
  const keptJoined = kept.map((b) => b.text).join("\n");
  const known = new Set<string>();
  for (const r of alreadyRemoved) known.add(r.text);
  const out: Removed[] = [];
  const isKept = (text: string): boolean =>
    keptSet.has(text) || (text.length >= ACCOUNT_SUBSTRING_MIN_CHARS && keptJoined.includes(text));
  for (const r of pageRemoved) {
    if (!known.has(r.text) && !isKept(r.text)) {
      out.push(r);
      known.add(r.text);
    }
  }
  for (const b of pageBlocks) {
    if (known.has(b.text) || isKept(b.text)) continue;
    out.push({
      text: b.text,
      reason: b.linkDensity > 0.5 ? "navigation" : "boilerplate",
      rule: "outside-main-content",
    });
    known.add(b.text);
  }
  return out;
}

function extract(
  input: string,
  url: string | null,
  removed: Removed[],
  problems: HtmlProblem[],
): HtmlExtraction {
  let html = input;
  if (html.length > MAX_HTML_CHARS) {
    problems.push({
      rule: "page-truncated",
      reason: `page has ${html.length} characters; read the first ${MAX_HTML_CHARS}`,
    });
    html = html.slice(0, MAX_HTML_CHARS);
  }
  const jsonLd: string[] = [];
  for (const m of html.matchAll(JSON_LD)) {
    if (jsonLd.length >= MAX_JSON_LD_BLOCKS) break;
    jsonLd.push(m[1]);
  }
  html = repairStructure(repairTitle(cutNonContent(html)));
  const doc = parse(html);
  const body = doc.body;
  if (!body) {
    problems.push({ rule: "no-body", reason: "the parser found no <body>" });
    return emptyExtraction(url, removed, problems);
  }
  const pageChars = (body.textContent ?? "").length;

  const comments = findComments(doc, removed, pageChars);
  for (const c of comments?.containers ?? []) c.remove();
  const meta = readPageMeta(doc, jsonLd, url);

  // The whole page as blocks, before Readability mutates the tree: the fallback's input and the record
  // of what the main-content pick leaves out.
  const pageRemoved: Removed[] = [];
  const root = textRoot(doc, pageChars) ?? body;
  const pageBlocks = collectBlocks(root, { skipChrome: true, skipCueElements: true }, pageRemoved);

  const depth = maxDepth(body, MAX_READABILITY_DEPTH);
  let method: HtmlExtraction["method"] = "readability";
  let drafts: DraftBlock[] | null = null;
  const readRemoved: Removed[] = [];
  if (depth <= MAX_READABILITY_DEPTH) {
    try {
      drafts = readabilityBlocks(doc, readRemoved);
    } catch (err) {
      problems.push({ rule: "readability-failed", reason: `Readability threw: ${(err as Error).message}` });
    }
  } else {
    problems.push({
      rule: "page-too-deep",
      reason: `elements nest deeper than ${MAX_READABILITY_DEPTH}; used the density fallback`,
    });
  }
  let kept = drafts ? filterBlocks(drafts, meta.title, readRemoved) : null;
  if (!kept || chars(kept) < MIN_MAIN_CHARS) {
    const denseRemoved: Removed[] = [...pageRemoved];
    const dense = filterBlocks(pickDenseBlocks(pageBlocks, denseRemoved), meta.title, denseRemoved);
    if (!kept || chars(dense) > chars(kept)) {
      if (kept)
        problems.push({
          rule: "readability-too-little",
          reason: `Readability kept ${chars(kept)} characters; the density fallback kept ${chars(dense)}`,
        });
      kept = dense;
      method = "density";
      removed.push(...denseRemoved);
    }
  }
  if (method === "readability" && kept) {
    removed.push(...readRemoved, ...accountForDropped(pageBlocks, pageRemoved, kept, readRemoved));
  }
  if (!kept) kept = [];

  const blocks: TextBlock[] = kept.map((b) => ({ kind: b.kind, text: b.text }));
  if (!blocks.length) {
    problems.push({
      rule: "no-main-content",
      reason: "neither Readability nor the density fallback found article text",
    });
    method = "none";
  }
  return { blocks, commentBlocks: comments?.blocks ?? [], removed, meta, problems, method };
}

/**
 * Main content, reader comments and metadata of an HTML page. Never throws: an empty or broken page gives
 * an empty extraction whose `problems` say why.
 * @example
 *   const { blocks, meta } = extractHtml("<html><head><title>Talks stall | Ledger</title></head><body><article><p>…</p></article></body></html>");
 *   meta.title // "Talks stall"; meta.siteName // "Ledger"; blocks[0].kind // "paragraph"
 */
export function extractHtml(html: string, url?: string | null): HtmlExtraction {
  const removed: Removed[] = [];
  const problems: HtmlProblem[] = [];
  const pageUrl = url ?? null;
  if (typeof html !== "string" || BLANK.test(html)) {
    problems.push({ rule: "empty-page", reason: "the page has no content" });
    return emptyExtraction(pageUrl, removed, problems);
  }
  try {
    return extract(html, pageUrl, removed, problems);
  } catch (err) {
    problems.push({
      rule: "extract-failed",
      reason: `HTML extraction failed: ${(err as Error).message ?? String(err)}`,
    });
    return emptyExtraction(pageUrl, removed, problems);
  }
}
