/**
 * The clean stage's working state: the input as lines ("units") that each stage file marks as body,
 * title, subtitle, comment or removed. Units are whole lines, so marking never copies or edits text;
 * only repair-text changes a body unit's spacing at the very end.
 */
import type { Comment, Message, ParagraphKind, RemovedReason } from "../record.ts";

/** Where a line ended up; "removed" lines carry a reason and a rule. */
export type UnitState = "body" | "title" | "subtitle" | "comment" | "removed";

/** One line of input (or one HTML block). */
export interface Unit {
  text: string;
  /** Leading white space of the line, in columns (tab = 4); reply depth of comment headers. */
  indent: number;
  /** Blank-line block the line belongs to; lines of one block were printed together. */
  block: number;
  /** Word count of `text`, kept in step by makeUnit/setText: rules test it before any pattern. */
  words: number;
  state: UnitState;
  kind: ParagraphKind;
  reason?: RemovedReason;
  rule?: string;
}

/** What the clean stage collects besides units. */
export interface Draft {
  units: Unit[];
  title: string | null;
  subtitle: string | null;
  authors: string[];
  /** Sections or outlets named by "for Y" in a byline. */
  bylineFor: string[];
  /** Publisher evidence, strongest first by rank (lower rank wins). */
  publisherClues: { name: string; rank: number; rule: string }[];
  originalSource: string | null;
  citedSources: string[];
  comments: Comment[];
  /** Extra removed text that is not a whole unit (title suffixes, scraping prefixes, comment headers). */
  extraRemoved: { text: string; reason: RemovedReason; rule: string; at: number }[];
  messages: Message[];
}

/** White space for word counting: ASCII, no-break, the Unicode space block, line separators. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x3000
  );
}

/**
 * Number of white-space separated words in a line, for length caps. A char loop, not a regex: it
 * runs on every line of every article. A lone dash counts as a word (caps have slack for it).
 * @example wordCount("Read  more now") // 3
 */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

/**
 * A body unit for a line of text.
 * @example makeUnit("Read More", 0, 3).words // 2
 */
export function makeUnit(
  text: string,
  indent: number,
  block: number,
  kind: ParagraphKind = "paragraph",
): Unit {
  // reason and rule exist from the start (undefined until the unit is removed): one hidden class for
  // every unit, so V8 keeps the cleaner's optimised code across full collections.
  return {
    text,
    indent,
    block,
    words: wordCount(text),
    state: "body",
    kind,
    reason: undefined,
    rule: undefined,
  };
}

/**
 * Replaces a unit's text (repairs, splits) and its word count.
 * @example setText(unit, "US envoy said") // unit.words === 3
 */
export function setText(unit: Unit, text: string): void {
  unit.text = text;
  unit.words = wordCount(text);
}

/**
 * Marks a unit removed with a reason and the rule that decided it.
 * @example removeUnit(unit, "boilerplate", "reading-time")
 */
export function removeUnit(unit: Unit, reason: RemovedReason, rule: string): void {
  unit.state = "removed";
  unit.reason = reason;
  unit.rule = rule;
}

/**
 * Normalises case, quote marks and spacing, for comparing lines (title repeats, duplicates).
 * @example foldText("Putin’s  “Plan”") // "putin's \"plan\""
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A new, empty draft around units.
 * @example newDraft(segmentText(text).units)
 */
export function newDraft(units: Unit[]): Draft {
  return {
    units,
    title: null,
    subtitle: null,
    authors: [],
    bylineFor: [],
    publisherClues: [],
    originalSource: null,
    citedSources: [],
    comments: [],
    extraRemoved: [],
    messages: [],
  };
}
