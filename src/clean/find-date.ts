/**
 * Publication date. An explicit date near the top or in a byline/"Published"/"Updated" line
 * ("March 3, 2022", "3 March 2022", "2022-03-03") is basis explicit; a month alone ("March 2022")
 * brackets earliest/latest to that month with date null. Else the container's or page's date is
 * basis metadata. Else everything is null, basis unknown: never invented. Dates inside the body are
 * events, not publication dates, and are not read.
 * Known failure: an event date in the first line of a text without a title is taken as published.
 */
import type { PublishedDate } from "../record.ts";
import { MONTHS, PUBLISHED_CUES } from "./cues.ts";
import { type Draft, removeUnit } from "./draft.ts";

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MONTH_ALT = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");
const MDY = new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, "iu");
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_ALT})\\.?,?\\s+((?:19|20)\\d{2})\\b`, "iu");
const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/u;
/** "6/20/04", "2/14/2013": read only on byline and "Published/Updated" lines, where it is a date. */
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)?\d{2})\b/u;
const MONTH_YEAR = new RegExp(`\\b(${MONTH_ALT})\\.?\\s+((?:19|20)\\d{2})\\b`, "iu");
const CUE = new RegExp(`^(?:${PUBLISHED_CUES.map(escapeRe).join("|")})\\b`, "iu");
/** Header lines: the first few units; a date line is short. */
const HEAD_UNITS = 6;
const DATE_LINE_MAX_CHARS = 120;
/** A body line in the header area is read for a date only when short (a lede names event dates). */
const HEAD_BODY_MAX_WORDS = 12;
/** A line this short that holds a date is a date line and leaves the body. */
const DATE_LINE_MAX_WORDS = 8;

const pad = (n: number): string => String(n).padStart(2, "0");

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Reads one date from a line, or null.
 * @example readDate("Published March 3, 2022")?.date // "2022-03-03" (basis "explicit")
 */
export function readDate(text: string, numeric = false): PublishedDate | null {
  const day = (y: number, m: number, d: number, evidence: string): PublishedDate | null => {
    if (!validDay(y, m, d)) return null;
    const iso = `${y}-${pad(m)}-${pad(d)}`;
    return { date: iso, earliest: iso, latest: iso, basis: "explicit", evidence };
  };
  let m = MDY.exec(text);
  if (m) return day(Number(m[3]), MONTHS.get(m[1].toLowerCase()) ?? 0, Number(m[2]), m[0]);
  m = DMY.exec(text);
  if (m) return day(Number(m[3]), MONTHS.get(m[2].toLowerCase()) ?? 0, Number(m[1]), m[0]);
  m = ISO.exec(text);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]), m[0]);
  m = numeric ? NUMERIC.exec(text) : null;
  if (m) {
    // US order (month first) unless the first number cannot be a month.
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = m[3].length === 2 ? (Number(m[3]) < 50 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
    const found = a > 12 ? day(y, b, a, m[0]) : day(y, a, b, m[0]);
    if (found) return found;
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const y = Number(m[2]);
    const mo = MONTHS.get(m[1].toLowerCase()) ?? 0;
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return {
      date: null,
      earliest: `${y}-${pad(mo)}-01`,
      latest: `${y}-${pad(mo)}-${pad(last)}`,
      basis: "explicit",
      evidence: m[0],
    };
  }
  return null;
}

/**
 * Finds the publication date from header lines, bylines, then metadata.
 * @example findDate(draft, "2022-01-11", null) // basis "metadata" when the text names no date
 */
export function findDate(
  draft: Draft,
  metaDate: string | null | undefined,
  pageDate: string | null,
): PublishedDate {
  const units = draft.units;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.state === "comment" || u.text.length > DATE_LINE_MAX_CHARS) continue;
    const words = u.words;
    const cue = u.reason === "byline" || CUE.test(u.text);
    const head = i < HEAD_UNITS && (u.state !== "body" || words <= HEAD_BODY_MAX_WORDS);
    if (!head && !cue) continue;
    const found = readDate(u.text, cue);
    if (!found) continue;
    // A bare date line ("March 3, 2022" or "Updated: …") is page furniture, not article text.
    if (u.state === "body" && words <= DATE_LINE_MAX_WORDS) removeUnit(u, "boilerplate", "date-line");
    return found;
  }
  for (const value of [metaDate, pageDate]) {
    if (!value) continue;
    const found = readDate(value);
    if (found) return { ...found, basis: "metadata", evidence: value };
    const t = Date.parse(value);
    if (!Number.isNaN(t)) {
      const iso = new Date(t).toISOString().slice(0, 10);
      return { date: iso, earliest: iso, latest: iso, basis: "metadata", evidence: value };
    }
  }
  return { date: null, earliest: null, latest: null, basis: "unknown" };
}
