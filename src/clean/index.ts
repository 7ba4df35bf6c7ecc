/**
 * The clean stage, the first in the pipeline: the raw document becomes the article's own paragraphs,
 * reader comments, removed text (each with a reason) and metadata (title, subtitle, authors,
 * publisher, original and cited sources, publication date, genre). Plain text is cut into lines by
 * segment-text; HTML goes through clean/html (extractHtml) and its blocks then meet the same rules.
 * Each concern is one file; this door composes them in order. Nothing is dropped silently: every
 * line ends in title/subtitle (also listed in removed), paragraphs, comments or removed.
 */
import type { ArticleRecord, Paragraph, Removed } from "../record.ts";
import type { StageContext } from "../stage.ts";
import { classifyGenre } from "./classify-genre.ts";
import { type Draft, makeUnit, newDraft, type Unit } from "./draft.ts";
import { dropDuplicates } from "./drop-duplicates.ts";
import { findDate } from "./find-date.ts";
import { findHeadings } from "./find-headings.ts";
import { findPublisher } from "./find-publisher.ts";
import { findSources } from "./find-sources.ts";
import { findTitle } from "./find-title.ts";
import { extractHtml, type PageMeta } from "./html/index.ts";
import { readBylines } from "./read-byline.ts";
import { repairText } from "./repair-text.ts";
import { segmentText } from "./segment-text.ts";
import { splitComments } from "./split-comments.ts";
import { splitInsertions } from "./split-insertions.ts";
import { stripBoilerplate } from "./strip-boilerplate.ts";
import { stripTrailing } from "./strip-trailing.ts";

export { readDate } from "./find-date.ts";
export { flagComment } from "./flag-comments.ts";
export { repairSpacing } from "./repair-text.ts";
export { segmentText } from "./segment-text.ts";

const STAGE = "clean";

function blocksToUnits(blocks: readonly { kind: Paragraph["kind"]; text: string }[]): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((b, block) => {
    const text = b.text.trim();
    if (text) units.push(makeUnit(text, 0, block, b.kind));
  });
  return units;
}

function removedOf(draft: Draft): Removed[] {
  const out: Removed[] = [];
  const extras = [...draft.extraRemoved].sort((a, b) => a.at - b.at);
  let e = 0;
  draft.units.forEach((u, at) => {
    while (e < extras.length && extras[e].at <= at) {
      out.push({ text: extras[e].text, reason: extras[e].reason, rule: extras[e].rule });
      e++;
    }
    if (u.state === "title" || u.state === "subtitle")
      out.push({ text: u.text, reason: u.state, rule: u.rule });
    else if (u.state === "removed") out.push({ text: u.text, reason: u.reason ?? "other", rule: u.rule });
  });
  for (; e < extras.length; e++)
    out.push({ text: extras[e].text, reason: extras[e].reason, rule: extras[e].rule });
  return out;
}

function clean(record: ArticleRecord, ctx: StageContext): ArticleRecord {
  const doc = ctx.doc;
  const messages = [...record.messages];
  let draft: Draft;
  let page: PageMeta | null = null;
  let htmlRemoved: Removed[] = [];
  let commentDraft: Draft | null = null;

  if (doc.contentType === "html") {
    const extraction = extractHtml(doc.content, doc.meta.url ?? null);
    page = extraction.meta;
    htmlRemoved = extraction.removed;
    for (const p of extraction.problems ?? [])
      messages.push({ stage: STAGE, rule: p.rule, reason: p.reason });
    draft = newDraft(blocksToUnits(extraction.blocks));
    if (extraction.commentBlocks.length > 0) {
      commentDraft = newDraft(blocksToUnits(extraction.commentBlocks));
      splitComments(commentDraft, true);
    }
    splitComments(draft, false);
  } else {
    const seg = segmentText(doc.content);
    messages.push(...seg.messages);
    draft = newDraft(seg.units);
    splitComments(draft, false);
  }
  if (commentDraft) {
    const base = draft.comments.length;
    for (const c of commentDraft.comments) {
      draft.comments.push({
        ...c,
        index: base + c.index,
        replyTo: c.replyTo === null ? null : base + c.replyTo,
      });
    }
  }

  const meta = { ...doc.meta, title: doc.meta.title ?? page?.title ?? null };
  // Order matters: furniture above the headline goes before the title is read; the title before
  // bylines (a text that opens with a byline has none); author notes before the tail (a note that
  // carries a site disclaimer is an author note); the tail before sources (teasers name the
  // original); repairs last, on the paragraphs that stay.
  stripBoilerplate(draft);
  findTitle(draft, meta, page?.description ?? null);
  readBylines(draft);
  stripTrailing(draft);
  findSources(draft);
  dropDuplicates(draft);
  splitInsertions(draft);
  findHeadings(draft);
  repairText(draft);
  const published = findDate(draft, doc.meta.date, page?.published ?? null);

  if (doc.meta.publisher) draft.publisherClues.push({ name: doc.meta.publisher, rank: 0, rule: "container" });
  if (page?.siteName) draft.publisherClues.push({ name: page.siteName, rank: 1, rule: "page-site-name" });
  const publisher = findPublisher(draft);
  const originalSource =
    draft.originalSource && draft.originalSource !== publisher ? draft.originalSource : null;
  const genre = classifyGenre(draft);

  let authors = draft.authors;
  if (authors.length === 0)
    authors = doc.meta.authors?.length ? [...doc.meta.authors] : [...(page?.authors ?? [])];

  const paragraphs: Paragraph[] = [];
  for (const u of draft.units) {
    if (u.state === "body" && u.text.trim())
      paragraphs.push({ index: paragraphs.length, kind: u.kind, text: u.text });
  }
  const removed = [...htmlRemoved, ...removedOf(draft)];
  const comments = draft.comments;
  if (commentDraft) removed.push(...removedOf(commentDraft));
  if (paragraphs.length === 0 && doc.content.trim()) {
    messages.push({ stage: STAGE, rule: "empty-body", reason: "no article paragraph survived cleaning" });
  }

  return {
    ...record,
    title: draft.title,
    subtitle: draft.subtitle,
    authors,
    publisher,
    originalSource,
    citedSources: draft.citedSources,
    published,
    genre,
    paragraphs,
    comments,
    removed,
    messages: [...messages, ...draft.messages, ...(commentDraft?.messages ?? [])],
  };
}

/**
 * The clean stage. Never throws on input text: an unexpected failure inside a rule is reported as a
 * message and the document falls back to blank-line paragraphs, so one odd page cannot stop a run.
 * @example cleanArticle(emptyRecord(doc, id, version), { doc, options: {} }).paragraphs[0].text
 */
export function cleanArticle(record: ArticleRecord, ctx: StageContext): ArticleRecord {
  try {
    return clean(record, ctx);
  } catch (err) {
    const parts = ctx.doc.content
      .split(/\n\s*\n/)
      .map((t) => t.trim())
      .filter(Boolean);
    return {
      ...record,
      paragraphs: parts.map((text, index) => ({ index, kind: "paragraph", text })),
      messages: [
        ...record.messages,
        {
          stage: STAGE,
          rule: "internal-error",
          reason: `cleaning failed, kept raw paragraphs: ${(err as Error).message}`,
        },
      ],
    };
  }
}

export type { HtmlExtraction, PageMeta, TextBlock } from "./html/index.ts";
export { extractHtml } from "./html/index.ts";
