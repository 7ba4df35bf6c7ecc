/**
 * Title and subtitle of plain text. The title is the first line when it reads like a headline
 * (short; Title Case, or no closing full stop, or a question); a " | Site" suffix (or " - Site" when
 * Site is a known outlet or the container's publisher) moves to the publisher clues. The line after
 * it is a subtitle (standfirst) when it is one short sentence or an unpunctuated line. A text that
 * starts with a byline or straight with body has no title: null, never invented.
 * Known failures: a one-sentence lede of 25 words or fewer right after the title is taken for a
 * subtitle unless it reports ("said", a weekday, "today"); a headline that is a long full sentence
 * ending in a full stop is taken for body.
 */
import type { RawMeta } from "../record.ts";
import { canonicalOutlet, LEDE_CUES, looksLikeSite } from "./cues.ts";
import { type Draft, foldText, removeUnit, type Unit, wordCount } from "./draft.ts";
import { parseByline } from "./read-byline.ts";

const TITLE_MAX_WORDS = 25;
const TITLE_MAX_CHARS = 250;
/** Share of longer words (4+ letters) that are capitalised for a line to count as Title Case. */
const TITLE_CASE_SHARE = 0.6;
const SUBTITLE_MAX_WORDS = 30;
const SUBTITLE_SENTENCE_MAX_WORDS = 25;
/** A subtitle without final punctuation still has a few words; a 2-word line is a heading or a kicker. */
const SUBTITLE_MIN_WORDS = 4;
const SUBTITLE_BODY_RATIO = 2;
const LONG_WORD = /\p{L}{4,}[\p{L}'’-]*/gu;
const UPPER_START = /^\p{Lu}/u;
const END_PUNCT = /[.!?…"”’]$/u;
const QUESTION_END = /[?!]["”’]?$/u;
const INNER_SENTENCE = /[.!?]["”’]?\s+["“‘]?\p{Lu}/u;
const OPENS_WITH_QUOTE = /^["“‘'«]/u;
/** Scraping prefixes glued to the first word ("imageUS …") mark the start of the body. */
const GLUED_PREFIX = /^(?:image|photo|picture|video)\p{Lu}/u;
const PIPE_SUFFIX = /^(.{8,}?)\s+[|]\s+([^|]{2,60})$/u;
const DASH_SUFFIX = /^(.{8,}?)\s+[-–—]\s+([^-–—]{2,60})$/u;
const SUFFIX_MAX_WORDS = 6;
const COMMENT_HEADER_LIKE = /\b(?:says|said|wrote)\s*:?$/u;
/** "KYIV (Reuters) —", "LONDON —": a dateline opens the body, never a standfirst. */
const DATELINE = /^\p{Lu}[\p{Lu} ,.'’-]{1,40}(?:\([^)]{2,30}\))?\s*[—–-]{1,2}\s|^\([^)]{2,30}\)\s*[—–-]/u;

function titleCaseShare(text: string): number {
  let words = 0;
  let upper = 0;
  for (const m of text.matchAll(LONG_WORD)) {
    words++;
    if (UPPER_START.test(m[0])) upper++;
  }
  return words === 0 ? 0 : upper / words;
}

/** True when a line reads like a headline. */
function isHeadline(text: string): boolean {
  const words = wordCount(text);
  if (words === 0 || words > TITLE_MAX_WORDS || text.length > TITLE_MAX_CHARS) return false;
  if (text.endsWith(":") || text.endsWith(",") || COMMENT_HEADER_LIKE.test(text)) return false;
  if (parseByline(text) || DATELINE.test(text)) return false;
  const titleCase = titleCaseShare(text) >= TITLE_CASE_SHARE;
  // Two sentences in sentence case are a paragraph or a caption, whatever their ending.
  if (INNER_SENTENCE.test(text) && !titleCase) return false;
  if (!END_PUNCT.test(text) || QUESTION_END.test(text)) return true;
  return titleCase;
}

function isSubtitle(text: string): boolean {
  const words = wordCount(text);
  if (words < SUBTITLE_MIN_WORDS || words > SUBTITLE_MAX_WORDS) return false;
  if (text.endsWith(":") || OPENS_WITH_QUOTE.test(text) || GLUED_PREFIX.test(text) || DATELINE.test(text))
    return false;
  if (parseByline(text) || COMMENT_HEADER_LIKE.test(text)) return false;
  if (!END_PUNCT.test(text)) return true;
  return words <= SUBTITLE_SENTENCE_MAX_WORDS && !INNER_SENTENCE.test(text) && !LEDE_CUES.test(text);
}

function splitSuffix(text: string, meta: RawMeta): { title: string; site: string | null } {
  const pipe = PIPE_SUFFIX.exec(text);
  if (pipe && wordCount(pipe[2]) <= SUFFIX_MAX_WORDS) return { title: pipe[1].trim(), site: pipe[2].trim() };
  const dash = DASH_SUFFIX.exec(text);
  if (dash && wordCount(dash[2]) <= SUFFIX_MAX_WORDS) {
    const site = dash[2].trim();
    const known =
      canonicalOutlet(site) !== null ||
      (meta.publisher && foldText(meta.publisher) === foldText(site)) ||
      (looksLikeSite(site) && titleCaseShare(site) === 1);
    if (known) return { title: dash[1].trim(), site };
  }
  return { title: text, site: null };
}

/** A subtitle introduces an article: the body after it must be longer than it (twice, in words). */
function hasArticleAfter(units: readonly Unit[], at: number): boolean {
  let words = 0;
  for (let i = at + 1; i < units.length; i++) if (units[i].state === "body") words += units[i].words;
  return words >= units[at].words * SUBTITLE_BODY_RATIO;
}

function nextBody(units: readonly Unit[], from: number): number {
  for (let i = from; i < units.length; i++) if (units[i].state === "body") return i;
  return -1;
}

/** True when a line is the container's title, with or without its " | Site" suffix. */
function matchesMetaTitle(line: string, metaTitle: string, metaTitleBare: string): boolean {
  const l = foldText(line);
  return l === foldText(metaTitle) || l === foldText(metaTitleBare);
}

function takeSubtitle(draft: Draft, at: number, description: string | null): void {
  const units = draft.units;
  if (at < 0 || !hasArticleAfter(units, at)) return;
  const text = units[at].text;
  const isDescription = description !== null && foldText(description) === foldText(text);
  if (isDescription || isSubtitle(text)) {
    draft.subtitle = text;
    removeUnit(units[at], "subtitle", isDescription ? "subtitle-page-description" : "subtitle");
  }
}

/**
 * Finds the title (and subtitle). With a container or page title, that title is used and the first
 * line is removed only when it repeats it (no guessing from text); without one, the first line is
 * taken when it reads like a headline.
 * @example findTitle(draft, {}) // "Talks Stall in Vienna | Example Times" → title "Talks Stall in Vienna"
 */
export function findTitle(draft: Draft, meta: RawMeta, description: string | null = null): void {
  const units = draft.units;
  const first = nextBody(units, 0);
  const metaTitle = meta.title?.trim() || null;
  if (metaTitle) {
    const { title, site } = splitSuffix(metaTitle, meta);
    draft.title = title;
    if (site)
      draft.publisherClues.push({ name: canonicalOutlet(site) ?? site, rank: 2, rule: "title-suffix" });
    if (first >= 0 && matchesMetaTitle(units[first].text, metaTitle, title)) {
      removeUnit(units[first], "title", "title-repeats-metadata");
      takeSubtitle(draft, nextBody(units, first + 1), description);
    }
    return;
  }
  if (first < 0 || nextBody(units, first + 1) < 0 || !isHeadline(units[first].text)) return;
  const u = units[first];
  const { title, site } = splitSuffix(u.text, meta);
  draft.title = title;
  removeUnit(u, "title", site ? "title-with-site-suffix" : "title");
  if (site) draft.publisherClues.push({ name: canonicalOutlet(site) ?? site, rank: 2, rule: "title-suffix" });
  takeSubtitle(draft, nextBody(units, first + 1), description);
}
