import type { ParagraphKind, Removed } from "../../record.ts";
import { CUES } from "./cues.ts";
import { type DomElement, type DomNode, ELEMENT_NODE, idClass, normaliseText, TEXT_NODE } from "./dom.ts";

/** A block as the walker sees it: text plus the evidence later filters need. */
export interface DraftBlock {
  kind: ParagraphKind;
  text: string;
  /** Share of the block's characters that sit inside links (0..1). */
  linkDensity: number;
  /** Upper-case tag of the block element that closed it (P, LI, H2, TD, DIV…). */
  tag: string;
}

export interface CollectOptions {
  /** Skip site chrome (nav, header, footer, aside, forms): on for whole-page fallbacks, off for Readability output. */
  skipChrome: boolean;
  /** Skip elements whose id/class matches share/newsletter/caption/related cues. */
  skipCueElements: boolean;
}

/** Elements that end a block of text when they open or close. */
const BLOCK_TAGS = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "BLOCKQUOTE",
  "LI",
  "UL",
  "OL",
  "DL",
  "DT",
  "DD",
  "PRE",
  "TABLE",
  "TBODY",
  "THEAD",
  "TFOOT",
  "TR",
  "TD",
  "TH",
  "FIGURE",
  "HEADER",
  "FOOTER",
  "ADDRESS",
  "HR",
  "BR",
  "CENTER",
  "FORM",
  "FIELDSET",
  "DETAILS",
  "SUMMARY",
  "HGROUP",
  "CAPTION",
  "NAV",
  "ASIDE",
]);
/**
 * Never text of the page: code, media, controls. Dropped without a removed note (nothing a reader saw as text).
 * HEAD is not here: a page whose markup breaks inside <head> (a cut-off meta tag) has its whole body parsed into it.
 */
const SILENT_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "CANVAS",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "VIDEO",
  "AUDIO",
  "BUTTON",
  "SELECT",
  "INPUT",
  "TEXTAREA",
  "OPTION",
  "TITLE",
  "META",
  "LINK",
  "MAP",
]);
/** Image captions and credits: shown beside the article, not part of it. */
const CAPTION_TAGS = new Set(["FIGCAPTION"]);
/** Site chrome, skipped on whole-page walks (Readability has already dropped these from its output). */
const CHROME_TAGS = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "MENU"]);
const HEADING_TAGS = new Set(["H1", "H2", "H3", "H4", "H5", "H6"]);
/**
 * A cue-matched element is skipped only when small: "share" or "related" in a class of a big wrapper
 * (e.g. `class="article share-enabled"`) must not take the article with it. Known failure: a real
 * 400-character paragraph inside a `.promo` box is dropped.
 */
const CUE_SKIP_MAX_CHARS = 600;
/** Longest removed text kept verbatim in `removed`, so a dropped sidebar does not bloat the record. */
const REMOVED_TEXT_MAX = 300;

/**
 * Text of a skipped element for its `removed` note, with a space wherever a block boundary was, so a
 * dropped menu reads "Home World Sport" and not "HomeWorldSport" (textContent glues list items).
 */
function spacedText(root: DomNode): string {
  const parts: string[] = [];
  let total = 0;
  let node: DomNode | null = root.firstChild;
  while (node && total < REMOVED_TEXT_MAX * 2) {
    if (node.nodeType === TEXT_NODE) {
      const d = node.data ?? "";
      parts.push(d);
      total += d.length;
    } else if (node.nodeType === ELEMENT_NODE) {
      const tag = (node as DomElement).tagName;
      if (BLOCK_TAGS.has(tag) || tag === "A") parts.push(" ");
      if (!SILENT_TAGS.has(tag) && node.firstChild) {
        node = node.firstChild;
        continue;
      }
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has((node as DomElement).tagName))
        parts.push(" ");
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return normaliseText(parts.join(""));
}

function clip(text: string): string {
  return text.length > REMOVED_TEXT_MAX ? `${text.slice(0, REMOVED_TEXT_MAX)}…` : text;
}

/** Why a cue-matched element is dropped, from the cue words in its id/class. */
function cueReason(ic: string): Removed {
  if (/caption|credit/.test(ic)) return { text: "", reason: "other", rule: "image-caption" };
  if (/byline|timestamp/.test(ic)) return { text: "", reason: "byline", rule: "byline-element" };
  if (/related|recommend|read-?more|promo|tags|tag-list|breadcrumb/.test(ic)) {
    return { text: "", reason: "teaser", rule: "related-element" };
  }
  if (/newsletter|sign-?up|subscribe/.test(ic))
    return { text: "", reason: "boilerplate", rule: "newsletter-element" };
  if (/advert|ad-slot|sponsored|outbrain|taboola/.test(ic))
    return { text: "", reason: "boilerplate", rule: "ad-element" };
  return { text: "", reason: "boilerplate", rule: "share-element" };
}

/**
 * Walks `root` in document order without recursion and returns its text blocks: p, h1–h6, blockquote,
 * li, pre, td and text-bearing divs each become one block; `<br>` ends a block. Captions and (optionally)
 * chrome and cue-matched boxes are skipped and noted in `removed`.
 * @example collectBlocks(articleEl, { skipChrome: false, skipCueElements: true }, removed)
 *   // [{ kind: "heading", text: "Talks resume", linkDensity: 0, tag: "H2" }, …]
 */
export function collectBlocks(root: DomNode, options: CollectOptions, removed: Removed[]): DraftBlock[] {
  const out: DraftBlock[] = [];
  let parts: string[] = [];
  let chars = 0;
  let linkChars = 0;
  let headingDepth = 0;
  let quoteDepth = 0;
  let linkDepth = 0;

  const flush = (tag: string): void => {
    if (chars === 0) {
      parts = [];
      return;
    }
    const raw = parts.join("");
    parts = [];
    const text = normaliseText(raw);
    const density = chars > 0 ? Math.min(1, linkChars / chars) : 0;
    chars = 0;
    linkChars = 0;
    if (!text) return;
    const kind: ParagraphKind = headingDepth > 0 ? "heading" : quoteDepth > 0 ? "blockquote" : "paragraph";
    out.push({ kind, text, linkDensity: density, tag });
  };

  /** Returns true when the walker should descend into the element. */
  const enter = (el: DomElement): boolean => {
    const tag = el.tagName;
    if (SILENT_TAGS.has(tag)) return false;
    if (CAPTION_TAGS.has(tag)) {
      const text = spacedText(el);
      if (text) removed.push({ text: clip(text), reason: "other", rule: "image-caption" });
      return false;
    }
    if (options.skipChrome && CHROME_TAGS.has(tag)) {
      const text = spacedText(el);
      if (text) removed.push({ text: clip(text), reason: "navigation", rule: `page-${tag.toLowerCase()}` });
      return false;
    }
    if (options.skipCueElements) {
      const ic = idClass(el);
      if (ic && CUES.skipElement.test(ic)) {
        if (normaliseText(el.textContent ?? "").length <= CUE_SKIP_MAX_CHARS) {
          const text = spacedText(el);
          if (text) removed.push({ ...cueReason(ic), text: clip(text) });
          return false;
        }
      }
    }
    if (BLOCK_TAGS.has(tag)) {
      flush(tag);
      if (HEADING_TAGS.has(tag)) headingDepth++;
      else if (tag === "BLOCKQUOTE") quoteDepth++;
    } else if (tag === "A") linkDepth++;
    return true;
  };

  const leave = (el: DomElement): void => {
    const tag = el.tagName;
    if (BLOCK_TAGS.has(tag)) {
      flush(tag);
      if (HEADING_TAGS.has(tag)) headingDepth--;
      else if (tag === "BLOCKQUOTE") quoteDepth--;
    } else if (tag === "A") linkDepth--;
    else if (tag === "IMG" || tag === "TD") parts.push(" ");
  };

  let node: DomNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      const data = node.data ?? "";
      if (data.length) {
        parts.push(data);
        // Link density counts visible characters: the indentation between "<li>" and "<a>" would
        // otherwise dilute a pure link list to ~0.6 and let it pass as prose.
        const visible = data.trim().length;
        chars += visible;
        if (linkDepth > 0) linkChars += visible;
      }
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as DomElement;
      // Inline elements get a separating space only where markup implies one (img, td); "<b>Mos</b>cow" stays whole.
      descend = enter(el);
      if (descend && !node.firstChild) {
        leave(el);
        descend = false;
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Climb until a next sibling exists, closing each element we leave.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === ELEMENT_NODE) leave(node as DomElement);
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  flush("END");
  return out;
}
