/**
 * The narrow slice of the DOM the extractor reads, so our code types against what it uses rather than
 * linkedom's full typings. linkedom keeps nodes in a linked list: firstChild/nextSibling are O(1), while
 * childNodes/children build arrays, so walkers here use the pointers only.
 */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  parentNode: DomNode | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
  /** Text nodes only. */
  data?: string;
}

export interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement | null;
  head: DomElement | null;
  body: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** White space of every kind (incl. no-break and zero-width spaces) collapses to one space. */
const SPACE_RUN = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
/** Soft hyphens are invisible line-break hints; left in, they split words for the tokenizer. */
const SOFT_HYPHEN = /\u00ad/g;
/** Entities left encoded after parsing: double-encoded sources ("&amp;#8217;") and broken CMS output. */
const RESIDUAL_ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeResidual(_m: string, dec?: string, hex?: string, name?: string): string {
  if (name) return NAMED[name.toLowerCase()] ?? _m;
  const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return _m;
  return String.fromCodePoint(code);
}

/**
 * Normalises a text run: residual entities decoded once, soft hyphens dropped, white space collapsed.
 * @example normaliseText(" a&amp;#8217;b \u00a0 c ") // "a’b c"
 */
export function normaliseText(text: string): string {
  let t = text;
  if (t.includes("&"))
    t = t.replace(RESIDUAL_ENTITY, decodeResidual).replace(RESIDUAL_ENTITY, decodeResidual);
  if (t.includes("\u00ad")) t = t.replace(SOFT_HYPHEN, "");
  return t.replace(SPACE_RUN, " ").trim();
}

/**
 * An element's "id class" string for cue matching, lower-cased.
 * @example idClass(div) // "main-story article-body"
 */
export function idClass(el: DomElement): string {
  const id = el.getAttribute("id");
  const cls = el.getAttribute("class");
  if (!id && !cls) return "";
  return `${id ?? ""} ${cls ?? ""}`.toLowerCase();
}

/**
 * Depth of the deepest element under root, walked without recursion; stops counting once `limit` is
 * passed so a pathological page costs no more than the walk up to that point plus a linear scan.
 * @example maxDepth(body, 500) // 12
 */
export function maxDepth(root: DomNode, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let node: DomNode | null = root.firstChild;
  while (node) {
    if (node.nodeType === ELEMENT_NODE && node.firstChild) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
      node = node.firstChild;
      continue;
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      depth--;
      if (!node || node === root) return deepest;
    }
    node = node ? node.nextSibling : null;
  }
  return deepest;
}
