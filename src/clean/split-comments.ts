/**
 * Reader comments after the article. A comment starts at a header line naming its author:
 * "1. Name says", "Name says:", "Name on March 3, 2022 at 4:12 pm"; its body runs to the next header.
 * Reply depth comes from the header's indentation (deeper = reply), else from dotted numbering
 * ("2.1."), else from numbering that restarts at 1 under a parent (a number that could continue both
 * counts is a reply when it comes again before the next top-level number). replyTo is the nearest earlier
 * comment one level up. Marker lines ("12 comments"), "Reply" links and date lines go to removed;
 * a comment form ends the thread and everything after it that is no new comment is removed.
 * Also read: a bare name line over a dated line, "Name • 2 years ago", "Name (Org) on … said:".
 * In a flat thread (no indentation, no numbering) a comment that opens by addressing an earlier
 * commenter ("@ana", "Hi Ana,") is a reply to that commenter's latest comment.
 * Known failures: in flattened text, replies two levels deep read as one level deep, and the last
 * reply of a thread whose number equals the next top-level number is read as top-level when that
 * number never comes again; unnumbered, unindented threads are all top-level.
 */

import type { Comment } from "../record.ts";
import { COMMENT_HEADER, MONTHS } from "./cues.ts";
import type { Unit } from "./draft.ts";
import { type Draft, removeUnit, wordCount } from "./draft.ts";
import { flagComment } from "./flag-comments.ts";
import { matchBoilerplate } from "./strip-boilerplate.ts";

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MONTH_ALT = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");
const DATE_SRC = `(?:(?:${MONTH_ALT})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+(?:${MONTH_ALT})\\.?,?\\s+\\d{4}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})`;
const TIME_SRC = "(?:\\s*(?:at|,|-|@)?\\s*\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?)?";
const NUMBER_SRC = "(?:(\\d{1,3}(?:\\.\\d{1,3})*)[.)]?\\s+)?";
const NAME_SRC = "([\\p{L}\\p{N}_@][\\p{L}\\p{N}_@.'’() -]{0,40}?)";
/** "2 days ago", "an hour ago": widgets print relative times. */
const RELATIVE_SRC =
  "(?:\\d+|an?|one)\\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago";
const VERB_HEADER = new RegExp(
  `^${NUMBER_SRC}${NAME_SRC}\\s+(?:${COMMENT_HEADER.verbs.map(escapeRe).join("|")})\\s*:?$`,
  "iu",
);
const DATE_HEADER = new RegExp(
  `^${NUMBER_SRC}${NAME_SRC}\\s+(?:on\\s+)?${DATE_SRC}${TIME_SRC}(?:\\s+(?:said|says|wrote))?\\s*:?$`,
  "iu",
);
const DATE_LINE = new RegExp(`^(?:on\\s+)?(?:${DATE_SRC}|${RELATIVE_SRC})${TIME_SRC}$`, "iu");
/** "ken • 2 years ago", "Ana | 3 hours ago": a name with a relative time. */
const AGO_HEADER = new RegExp(
  `^${NUMBER_SRC}${NAME_SRC}\\s*[•·|–—-]\\s*(?:\\d+|an?|one)\\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\\s+ago$`,
  "iu",
);
/** A date line with a clock time ("March 3, 2022 at 4:12 pm") under a bare name line makes a header. */
const DATE_TIME_LINE = new RegExp(
  `^(?:on\\s+)?(?:${DATE_SRC}\\s*(?:at|,|-|@)?\\s*\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?|${RELATIVE_SRC}${TIME_SRC})$`,
  "iu",
);
/** A bare name line: one to three words, no sentence punctuation. */
const BARE_NAME = /^[\p{L}\p{N}_@][\p{L}\p{N}_@.'’ -]{0,40}$/u;
/** A name never ends a sentence: "Mr." is fine, "done." is not. */
const NAME_SENTENCE_END = /[!?;:,]|\.\s/u;

interface Header {
  author: string;
  number: string | null;
}

function parseHeader(text: string): Header | null {
  const m = VERB_HEADER.exec(text) ?? DATE_HEADER.exec(text) ?? AGO_HEADER.exec(text);
  if (!m) return null;
  const author = m[2].trim();
  // "Name (@handle) July 15, 2012" signs an embedded social post, not a reader comment.
  if (author.length === 0 || NAME_SENTENCE_END.test(author) || author.includes("(@")) return null;
  if (wordCount(author) > COMMENT_HEADER.maxNameWords) return null;
  if (COMMENT_HEADER.notNames.has(author.toLowerCase())) return null;
  const words = author.toLowerCase().split(/\s+/);
  if (words.length > 1 && COMMENT_HEADER.notNameStarts.has(words[0])) return null;
  if (words.length > 1 && COMMENT_HEADER.notNameEnds.has(words[words.length - 1])) return null;
  return { author, number: m[1] ?? null };
}

/** "@ana …", "Hi Ana, …", "Thanks Ana! …" at the start of a comment: the name it answers. */
const ADDRESS =
  /^(?:@([\p{L}\p{N}_.-]{2,30})|(?:[Hh]i|[Hh]ey|[Hh]ello|[Dd]ear|[Tt]hanks|[Tt]hank you|[Ww]ell said|[Aa]greed|[Ss]orry|[Yy]es|[Nn]o)\s*,?\s+@?([\p{Lu}][\p{L}\p{N}_'’-]{1,30})\s*[,!:.])/u;

/** The nearest earlier comment whose author (or first name) a comment addresses, or null. */
function addressedComment(comments: readonly Comment[], text: string): number | null {
  const m = ADDRESS.exec(text);
  if (!m) return null;
  const name = (m[1] ?? m[2]).toLowerCase();
  for (let i = comments.length - 1; i >= 0; i--) {
    const author = comments[i].author?.toLowerCase();
    if (!author) continue;
    if (author === name || author.split(/\s+/)[0] === name || author.replace(/\s+/g, "") === name) return i;
  }
  return null;
}

/** Reply levels for headers: by indentation, dotted numbers, or restarting numbers. */
function levelsOf(headers: { unit: Unit; header: Header }[]): number[] {
  const indents = [...new Set(headers.map((h) => h.unit.indent))].sort((a, b) => a - b);
  if (indents.length > 1) return headers.map((h) => indents.indexOf(h.unit.indent));
  if (headers.some((h) => h.header.number?.includes("."))) {
    return headers.map((h) => (h.header.number ? h.header.number.split(".").length - 1 : 0));
  }
  if (headers.every((h) => h.header.number !== null)) {
    // Top-level numbers count up; a number that does not continue them is a reply. When a number
    // continues both the top-level count and a run of replies ("1", "1", "2", …), it is a reply
    // if the same number comes again before the next top-level number does.
    const nums = headers.map((h) => Number(h.header.number));
    let top = 0;
    let reply = 0;
    return nums.map((num, k) => {
      let isTop = num === top + 1;
      if (isTop && reply > 0 && num === reply + 1) {
        for (let j = k + 1; j < nums.length; j++) {
          if (nums[j] === num + 1) break;
          if (nums[j] === num) {
            isTop = false;
            break;
          }
        }
      }
      if (isTop) {
        top = num;
        reply = 0;
        return 0;
      }
      reply = num;
      return 1;
    });
  }
  return headers.map(() => 0);
}

/**
 * Moves comment lines out of the body into `draft.comments`. `all` treats every unit as comment
 * material (HTML comment blocks); otherwise the thread starts at the first header after the article.
 * @example splitComments(draft, false) // "  1. Ana says" + body line → comments[0] {author: "Ana"}
 */
export function splitComments(draft: Draft, all = false): void {
  const units = draft.units;
  const headerAt: (Header | null)[] = units.map((u) => (u.state === "body" ? parseHeader(u.text) : null));
  // "Name" on its own line with a dated, timed line under it (WordPress style) is a header too.
  for (let i = 0; i + 1 < units.length; i++) {
    const u = units[i];
    if (headerAt[i] || u.state !== "body" || u.words > COMMENT_HEADER.maxNameWords) continue;
    if (!BARE_NAME.test(u.text) || NAME_SENTENCE_END.test(u.text)) continue;
    if (units[i + 1].state === "body" && DATE_TIME_LINE.test(units[i + 1].text)) {
      const h = parseHeader(`${u.text} says`);
      if (h) headerAt[i] = h;
    }
  }

  let start = all ? 0 : -1;
  if (!all) {
    let bodySeen = 0;
    let marked = false;
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (u.state !== "body") continue;
      if (COMMENT_HEADER.marker.test(u.text) && bodySeen > 0) {
        marked = true;
        start = i;
        break;
      }
      const h = headerAt[i];
      if (h && bodySeen > 0) {
        const another = headerAt.some((x, j) => j > i && x !== null);
        if (h.number !== null || another || marked) {
          start = i;
          break;
        }
      }
      bodySeen++;
    }
  }
  if (start < 0) return;

  const headers: { unit: Unit; header: Header; at: number }[] = [];
  for (let i = start; i < units.length; i++) {
    const h = headerAt[i];
    if (h) headers.push({ unit: units[i], header: h, at: i });
  }
  const levels = levelsOf(headers);
  // Without indentation or numbering, a reply shows itself by addressing its parent ("@ana", "Hi Ana,").
  const flat = levels.every((l) => l === 0);
  const levelByUnit = new Map<number, number>();
  for (let k = 0; k < headers.length; k++) levelByUnit.set(headers[k].at, levels[k]);

  const lastAtLevel: number[] = [];
  let current: { author: string | null; replyTo: number | null; lines: string[] } | null = null;
  let afterForm = false;
  const close = (): void => {
    if (!current) return;
    const text = current.lines.join("\n");
    const flags = flagComment(text);
    const replyTo = current.replyTo ?? (flat ? addressedComment(draft.comments, text) : null);
    draft.comments.push({
      index: draft.comments.length,
      author: current.author,
      replyTo,
      text,
      spam: flags.spam,
      abusive: flags.abusive,
    });
    current = null;
  };

  for (let i = start; i < units.length; i++) {
    const u = units[i];
    if (u.state !== "body") continue;
    const h = headerAt[i];
    if (h) {
      close();
      afterForm = false;
      const level = levelByUnit.get(i) ?? 0;
      let replyTo: number | null = null;
      for (let l = level - 1; l >= 0 && replyTo === null; l--) replyTo = lastAtLevel[l] ?? null;
      lastAtLevel[level] = draft.comments.length;
      lastAtLevel.length = level + 1;
      current = { author: h.author, replyTo, lines: [] };
      removeUnit(u, "other", "comment-header");
      continue;
    }
    if (COMMENT_HEADER.marker.test(u.text)) {
      removeUnit(u, "navigation", "comment-count");
      continue;
    }
    if (
      COMMENT_HEADER.replyLink.test(u.text) ||
      (current && current.lines.length === 0 && DATE_LINE.test(u.text))
    ) {
      removeUnit(u, "navigation", "comment-meta");
      continue;
    }
    const form = matchBoilerplate(u.text, true, u.words);
    if (form && form.reason === "comment-form") {
      close();
      afterForm = true;
      removeUnit(u, "comment-form", form.rule);
      continue;
    }
    if (afterForm || (!current && !all)) {
      removeUnit(u, form?.reason ?? "boilerplate", form?.rule ?? "after-comments");
      continue;
    }
    if (!current) current = { author: null, replyTo: null, lines: [] };
    current.lines.push(u.text);
    u.state = "comment";
  }
  close();
  const replies = draft.comments.filter((c) => c.replyTo !== null).length;
  if (draft.comments.length > 0) {
    draft.messages.push({
      stage: "clean",
      rule: "comments",
      reason: `${draft.comments.length} reader comments (${replies} replies)`,
    });
  }
}
