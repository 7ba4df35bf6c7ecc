/**
 * Finds quoted stretches in paragraphs by scanning each character once.
 *
 * Handles: curly “…”, straight "…", doubled singles ‘‘…’’ and ‘‘…'' (a typewriter habit), low „…“ and
 * guillemets «…», single curly ‘…’ when it cannot be an apostrophe, a closing mark typed as an opening
 * “ at the end of a quotation, and quotations that run over paragraphs (an opening mark with no closing one
 * continues into the next paragraph, whether or not that paragraph repeats the opening mark).
 * Known failures: nested double quotes inside double quotes are read as the end of the outer quotation;
 * a plural possessive (the leaders’ summit) inside a single-quoted stretch ends it early.
 */

/** One quoted stretch in one paragraph; offsets are UTF-16 indices of the words, without the marks. */
export interface QuoteSpan {
  paragraph: number;
  start: number;
  end: number;
  /** Index of the opening mark, or -1 when the stretch carries on from the previous paragraph unopened. */
  open: number;
  /** Index just after the closing mark, or -1 when the stretch runs to the paragraph's end. */
  close: number;
  /** True when this stretch continues a quotation left open in the previous paragraph. */
  fromPrevious: boolean;
  /** True when the quotation is still open at the paragraph's end. */
  toNext: boolean;
}

enum Mark {
  None = 0,
  Open = 1,
  Close = 2,
  Either = 3,
}

/** Opening double marks: left curly, low-9, high-reversed-9, left guillemet. */
const OPENERS = new Set(["\u201C", "\u201E", "\u201F", "\u00AB"]);
/** Closing double marks: right curly, right guillemet. */
const CLOSERS = new Set(["\u201D", "\u00BB"]);

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === " " || ch === "\n" || ch === "\t" || ch === "\u00A0" || ch === "\r";
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Any character that can be (part of) a quotation mark; the scan jumps from one to the next. */
const MARK_CHAR = /["\u201C\u201D\u201E\u201F\u00AB\u00BB\u2018\u2019'`]/g;

/** Characters before an opening mark: start, space, bracket, dash, slash. */
const BEFORE_OPEN = /[\s([{\u2014\u2013/-]/u;

interface MarkAt {
  kind: Mark;
  /** Double (d) or single (s) family. */
  family: "d" | "s";
  width: number;
}

/** Classifies the mark at i, if any, from the character and its neighbours. */
function markAt(text: string, i: number): MarkAt | null {
  const ch = text[i];
  const next = text[i + 1];
  if (OPENERS.has(ch)) return { kind: Mark.Open, family: "d", width: 1 };
  if (CLOSERS.has(ch)) return { kind: Mark.Close, family: "d", width: 1 };
  if (ch === '"') return { kind: Mark.Either, family: "d", width: 1 };
  if (ch === "\u2018") {
    if (next === "\u2018") return { kind: Mark.Open, family: "d", width: 2 };
    return { kind: Mark.Open, family: "s", width: 1 };
  }
  if (ch === "\u2019") {
    if (next === "\u2019") return { kind: Mark.Close, family: "d", width: 2 };
    return { kind: Mark.Close, family: "s", width: 1 };
  }
  if (ch === "'" && next === "'") return { kind: Mark.Either, family: "d", width: 2 };
  if (ch === "`" && next === "`") return { kind: Mark.Open, family: "d", width: 2 };
  return null;
}

/**
 * Quoted stretches of each paragraph, in order.
 * @example scanQuoteMarks(["He said “no” twice."])[0][0] // { start: 9, end: 11, ... }
 */
export function scanQuoteMarks(paragraphs: readonly string[]): QuoteSpan[][] {
  const out: QuoteSpan[][] = [];
  let carry = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const text = paragraphs[p];
    const spans: QuoteSpan[] = [];
    let open = -1;
    let openMark = -1;
    let family: "d" | "s" = "d";
    let fromPrevious = false;
    if (carry) {
      // A carried quotation goes on here when the paragraph re-opens it, or closes before opening anything.
      let k = 0;
      while (k < text.length && isSpace(text[k])) k++;
      const m = k < text.length ? markAt(text, k) : null;
      if (m && m.family === "d" && (m.kind === Mark.Open || m.kind === Mark.Either)) {
        open = k + m.width;
        openMark = k;
        fromPrevious = true;
      } else if (closesBeforeOpening(text)) {
        open = 0;
        openMark = -1;
        fromPrevious = true;
      }
    }
    const skipUntil = open >= 0 && openMark >= 0 ? open : 0;
    MARK_CHAR.lastIndex = skipUntil;
    for (let hit = MARK_CHAR.exec(text); hit !== null; hit = MARK_CHAR.exec(text)) {
      const i = hit.index;
      const m = markAt(text, i);
      if (!m) continue;
      const prev = i > 0 ? text[i - 1] : undefined;
      const after = text[i + m.width];
      if (open < 0) {
        if (m.family === "s") {
          // A single ‘ opens only at a word start; ’ is then an apostrophe.
          if (m.kind === Mark.Open && (prev === undefined || BEFORE_OPEN.test(prev)) && isWord(after)) {
            open = i + 1;
            openMark = i;
            family = "s";
          }
          continue;
        }
        if (m.kind === Mark.Close) {
          // A closing mark typed where an opening one belongs: space before, a word after.
          if ((prev === undefined || isSpace(prev)) && isWord(after)) {
            open = i + m.width;
            openMark = i;
            family = "d";
            MARK_CHAR.lastIndex = i + m.width;
          }
          continue;
        }
        // A straight mark with a space or the end after it closes something; with nothing open it is stray.
        if (m.kind === Mark.Either && isSpace(after)) continue;
        if (m.kind === Mark.Either && !(prev === undefined || !isWord(prev) || isWord(after))) continue;
        open = i + m.width;
        openMark = i;
        family = "d";
        MARK_CHAR.lastIndex = i + m.width;
        continue;
      }
      // Inside a quotation.
      if (family === "s") {
        if (m.family === "s" && m.kind === Mark.Close && !isWord(after) && !isSpace(prev)) {
          spans.push(span(p, text, open, i, openMark, i + 1, fromPrevious, false));
          open = -1;
          fromPrevious = false;
        }
        continue;
      }
      if (m.family !== "d") continue;
      if (m.kind === Mark.Either && isSpace(prev) && isWord(after) && /[.!?]/u.test(text[i - 2] ?? "")) {
        // ‘"A. "B.’: a new sentence re-opened with a straight mark while the first was never closed
        // (paragraphs joined into one); end the first quotation there and open the next.
        spans.push(span(p, text, open, i, openMark, -1, fromPrevious, false));
        open = i + m.width;
        openMark = i;
        fromPrevious = false;
        continue;
      }
      let closes = m.kind === Mark.Close || m.kind === Mark.Either;
      if (m.kind === Mark.Open) {
        // An opening mark right after the words and before a space or the end closes the quotation.
        closes = prev !== undefined && !isSpace(prev) && (after === undefined || !isWord(after));
      }
      if (closes) {
        spans.push(span(p, text, open, i, openMark, i + m.width, fromPrevious, false));
        open = -1;
        fromPrevious = false;
        MARK_CHAR.lastIndex = i + m.width;
      }
    }
    carry = false;
    if (open >= 0 && family === "d") {
      spans.push(span(p, text, open, text.length, openMark, -1, fromPrevious, true));
      carry = true;
    }
    out.push(spans.filter((s) => s.end > s.start));
  }
  return out;
}

/** True when a closing double mark comes before any opening one: the paragraph ends a carried quotation. */
function closesBeforeOpening(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const m = markAt(text, i);
    if (m?.family !== "d") continue;
    if (m.kind === Mark.Close) return true;
    if (m.kind === Mark.Open) return false;
    // A straight mark after a word closes.
    return (i > 0 && isWord(text[i - 1]) === true) || (i > 0 && /[.,!?]/.test(text[i - 1]));
  }
  return false;
}

function span(
  paragraph: number,
  text: string,
  start: number,
  end: number,
  open: number,
  close: number,
  fromPrevious: boolean,
  toNext: boolean,
): QuoteSpan {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { paragraph, start: s, end: e, open, close, fromPrevious, toNext };
}
