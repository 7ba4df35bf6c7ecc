/**
 * Plain text to units. Scraped text comes in two styles, detected per document: blank lines between
 * paragraphs ("blank-line"), or one paragraph per line with no blank lines ("single-newline"). Either
 * way a non-blank line is a unit; the style is reported. A block of hard-wrapped lines (e-mail or
 * Gutenberg style: many lines of similar length ending mid-sentence) is joined into one unit.
 * Known failure: a hard-wrapped block whose lines happen to end in full stops stays split.
 */
import type { Message } from "../record.ts";
import { makeUnit, type Unit } from "./draft.ts";

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
const LEADING_WS = /^[ \t\u00A0\u3000]*/;
const SENTENCE_END = /[.!?:;"”’)\]]$/;
/** Hard-wrapped text wraps at a fixed width; these bounds cover 60–80 column wrapping with slack. */
const WRAP_MIN_CHARS = 40;
const WRAP_MAX_CHARS = 100;
const WRAP_MAX_SPREAD = 35;
/** Fewer lines than this are never treated as hard-wrapped (headline + standfirst pairs). */
const WRAP_MIN_LINES = 3;

/** Units of a plain text, its paragraph style and a message naming the style. */
export interface Segmentation {
  units: Unit[];
  style: "blank-line" | "single-newline";
  messages: Message[];
}

function indentOf(line: string): number {
  const ws = LEADING_WS.exec(line)?.[0] ?? "";
  let n = 0;
  for (const ch of ws) n += ch === "\t" ? 4 : 1;
  return n;
}

function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < WRAP_MIN_LINES) return false;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let openEnds = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const len = lines[i].length;
    if (len < WRAP_MIN_CHARS || len > WRAP_MAX_CHARS) return false;
    min = Math.min(min, len);
    max = Math.max(max, len);
    if (!SENTENCE_END.test(lines[i])) openEnds++;
  }
  return max - min <= WRAP_MAX_SPREAD && openEnds * 2 >= lines.length - 1;
}

/**
 * Splits plain text into line units with their indentation and blank-line block.
 * @example segmentText("Title\n\nFirst paragraph.\nSecond paragraph.").units.map((u) => u.text)
 * // ["Title", "First paragraph.", "Second paragraph."]
 */
export function segmentText(content: string): Segmentation {
  const lines = content.split(LINE_BREAK);
  const units: Unit[] = [];
  let block = 0;
  let pending: { text: string; indent: number }[] = [];
  let blankSeparators = 0;
  let nonBlank = 0;

  const flush = (): void => {
    if (pending.length === 0) return;
    const texts = pending.map((p) => p.text);
    if (looksHardWrapped(texts)) {
      units.push(makeUnit(texts.join(" "), pending[0].indent, block));
    } else {
      for (const p of pending) units.push(makeUnit(p.text, p.indent, block));
    }
    pending = [];
    block++;
  };

  for (const line of lines) {
    const text = line.trim();
    if (text.length === 0) {
      if (pending.length > 0) blankSeparators++;
      flush();
      continue;
    }
    nonBlank++;
    pending.push({ text, indent: indentOf(line) });
  }
  flush();

  // Blank-line style when most line breaks between text lines are blank lines.
  const style = nonBlank > 1 && blankSeparators * 2 >= nonBlank - 1 ? "blank-line" : "single-newline";
  return {
    units,
    style,
    messages: [
      { stage: "clean", rule: "segmentation", reason: `${style} paragraphs, ${units.length} lines` },
    ],
  };
}
