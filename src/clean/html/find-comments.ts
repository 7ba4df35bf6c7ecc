import type { Removed } from "../../record.ts";
import { collectBlocks } from "./collect-blocks.ts";
import { CUES } from "./cues.ts";
import { type DomDocument, type DomElement, idClass, normaliseText } from "./dom.ts";
import type { TextBlock } from "./index.ts";

/** Candidate containers: anything with an id or class; the cue regex decides. */
const CANDIDATE_SELECTOR = "[id], [class]";
/**
 * A comment section has at least this much text; smaller matches are comment counters ("12 comments")
 * or links to a comment page, which are chrome, not comments.
 */
const MIN_COMMENT_SECTION_CHARS = 40;
/** Elements that hold an author's name inside a comment; each becomes its own block for the splitter. */
const AUTHOR_TAGS = new Set(["CITE"]);
/** Separate comment sections taken at most; more is a page of many "comments" widgets, not one thread. */
const MAX_SECTIONS = 8;

function isInside(el: DomElement, ancestor: DomElement): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

/** What joins an author to the comment text: "ken says:", "ken wrote:", "ken -". */
const AFTER_AUTHOR = /^[\s:,-]*(?:says|said|wrote)?[\s:]*/i;

/** Scanning stops after this many candidates: class-heavy pages have tens of thousands of elements. */
const MAX_CANDIDATES = 20_000;

export interface CommentSection {
  blocks: TextBlock[];
  /** The containers, so the caller can detach them before main-content extraction. */
  containers: DomElement[];
}

/**
 * Finds the page's reader-comment section: the outermost element whose id/class names comments
 * (comments, commentlist, disqus_thread, respond…) and holds some text. Its text becomes blocks, with
 * author lines (cite, .comment-author, .fn) as blocks of their own and comment-form lines moved to
 * `removed`. Known failures: comments loaded by script are absent from saved HTML; a site that calls its
 * article body "discussion" would lose it, so a section holding `<article>` or most of the page is refused.
 * Cost: each block is compared with each author name, so a page with thousands of comments is
 * quadratic in the comment count (bounded by the 2,000 author elements read).
 * @example findComments(doc, removed, bodyChars)?.blocks // [{ kind: "paragraph", text: "ken" }, { kind: "paragraph", text: "Good piece." }]
 */
export function findComments(doc: DomDocument, removed: Removed[], pageChars: number): CommentSection | null {
  const els = doc.querySelectorAll(CANDIDATE_SELECTOR);
  const limit = Math.min(els.length, MAX_CANDIDATES);
  // Document order: a match inside an earlier match is part of it; separate sections (a first page of
  // comments, then "more comments") are all taken.
  const sections: DomElement[] = [];
  for (let i = 0; i < limit && sections.length < MAX_SECTIONS; i++) {
    const el = els[i] as DomElement;
    if (el.tagName === "BODY" || el.tagName === "HTML" || el.tagName === "A" || el.tagName === "SPAN")
      continue;
    const ic = idClass(el);
    if (!ic || !CUES.commentContainer.test(ic)) continue;
    if (sections.length && sections.some((s) => isInside(el, s))) continue;
    const text = el.textContent ?? "";
    if (text.length < MIN_COMMENT_SECTION_CHARS) continue;
    // The article itself is never the comment section.
    if (el.querySelector("article p") && text.length > pageChars * 0.6) continue;
    if (text.length > pageChars * 0.8) continue;
    sections.push(el);
  }
  if (!sections.length) return null;

  // Author names are usually inline (cite, span.fn) and would merge into the comment text; remember
  // them, then split any block that starts with one so the author line stands alone.
  const authorTexts = new Set<string>();
  for (const best of sections) {
    const authorEls = best.querySelectorAll("cite, [class*='author'], [class*='fn'], [class*='user']");
    for (let i = 0; i < authorEls.length && i < 2000; i++) {
      const a = authorEls[i] as DomElement;
      if (!AUTHOR_TAGS.has(a.tagName) && !CUES.commentAuthor.test(idClass(a))) continue;
      const t = normaliseText(a.textContent ?? "");
      if (t && t.length <= 80) authorTexts.add(t);
    }
  }
  const blocks: TextBlock[] = [];
  for (const best of sections) {
    const drafts = collectBlocks(best, { skipChrome: false, skipCueElements: false }, removed);
    for (const d of drafts) {
      if (CUES.commentFormLine.test(d.text) && d.text.length < 200) {
        removed.push({ text: d.text, reason: "comment-form", rule: "comment-form-line" });
        continue;
      }
      let text = d.text;
      for (const a of authorTexts) {
        if (text.length > a.length && text.startsWith(a)) {
          blocks.push({ kind: "paragraph", text: a });
          text = text.slice(a.length).replace(AFTER_AUTHOR, "").trim();
          break;
        }
      }
      if (text) blocks.push({ kind: "paragraph", text });
    }
  }
  return { blocks, containers: sections };
}
