/**
 * Event dates from the words of a sentence, resolved against the publication date. A small, fast
 * resolver for the forms news uses ("on Tuesday", "yesterday", "March 2, 2014", "2 March", "in December",
 * "last month", "three days ago"); it replaced chrono-node here because a chrono parse per sentence cost
 * more than the rest of the events stage together.
 *
 * Output: yyyy-mm-dd when the day is known (a weekday counts), yyyy-mm when only the month is, else null.
 * Known failures: numeric dates (12/03/2014) and ranges are not read; "last week" and years alone give
 * null; the first date expression in the sentence wins even when it belongs to another clause.
 */

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const DAY_MS = 86_400_000;

/**
 * One pass over the sentence: each alternative is a named group. Month and weekday names must be
 * capitalised ("may" is a modal verb); relative words are matched in any case.
 */
const DATE_RE = new RegExp(
  [
    `(?<md>\\b(?:${MONTHS}|${MONTH_ABBR})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b)`,
    `(?<dm>\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS}|${MONTH_ABBR})\\.?(?:,?\\s+\\d{4})?\\b)`,
    `(?<my>\\b(?:${MONTHS})(?:\\s+\\d{4})?\\b)`,
    "(?<wd>\\b(?:[Ll]ast\\s+|[Nn]ext\\s+|[Tt]his\\s+)?(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\\b)",
    "(?<rel>\\b(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Tt]his (?:morning|afternoon|evening))\\b)",
    "(?<lm>\\b(?:[Ll]ast|[Nn]ext|[Tt]his) month\\b)",
    "(?<ago>\\b(?:\\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (?:days?|weeks?) ago\\b)",
  ].join("|"),
  "g",
);
const MONTH_INDEX = new Map<string, number>();
MONTHS.split("|").forEach((m, i) => {
  MONTH_INDEX.set(m.toLowerCase(), i);
  MONTH_INDEX.set(m.slice(0, 3).toLowerCase(), i);
});
MONTH_INDEX.set("sept", 8);
const YEAR = /\b(\d{4})\b/;
const DAY = /\b(\d{1,2})(?:st|nd|rd|th)?\b/;
const WORD = /[A-Za-z]+/g;

const pad = (n: number): string => String(n).padStart(2, "0");
const isoDay = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const isoMonth = (y: number, m: number): string => `${y}-${pad(m + 1)}`;

function monthOf(text: string): number {
  for (const w of text.match(WORD) ?? []) {
    const m = MONTH_INDEX.get(w.toLowerCase().replace(/\.$/, ""));
    if (m !== undefined) return m;
  }
  return -1;
}

/**
 * The date a sentence names, or null.
 * @example resolveDate("Troops moved on Tuesday.", "2022-01-13", false) // "2022-01-11"
 * @example resolveDate("Talks resume in December.", "2022-01-13", true) // "2022-12"
 */
export function resolveDate(sentence: string, published: string | null, future: boolean): string | null {
  const ref = published ? new Date(`${published}T12:00:00Z`) : null;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(sentence); m; m = DATE_RE.exec(sentence)) {
    const g = m.groups ?? {};
    const text = m[0];
    const yearMatch = YEAR.exec(text);
    const year = yearMatch ? Number(yearMatch[1]) : null;
    if (g.md || g.dm) {
      const month = monthOf(text);
      const day = Number(DAY.exec(g.md ? text.replace(/^\S+\s+/, "") : text)?.[1]);
      if (month < 0 || !(day >= 1 && day <= 31)) continue;
      if (year) return `${year}-${pad(month + 1)}-${pad(day)}`;
      if (!ref) continue;
      let y = ref.getUTCFullYear();
      const candidate = Date.UTC(y, month, day, 12);
      // A day-month without a year is the nearest one in the right direction (within half a year).
      if (!future && candidate - ref.getTime() > 7 * DAY_MS) y--;
      if (future && ref.getTime() - candidate > 7 * DAY_MS) y++;
      return `${y}-${pad(month + 1)}-${pad(day)}`;
    }
    if (g.my) {
      const month = monthOf(text);
      if (month < 0) continue;
      if (year) return isoMonth(year, month);
      if (!ref) continue;
      let y = ref.getUTCFullYear();
      if (!future && month > ref.getUTCMonth()) y--;
      if (future && month < ref.getUTCMonth()) y++;
      return isoMonth(y, month);
    }
    if (!ref) continue;
    if (g.wd) {
      const lower = text.toLowerCase();
      const wd = WEEKDAYS.findIndex((w) => lower.endsWith(w));
      const forward = future || lower.startsWith("next");
      let delta = wd - ref.getUTCDay();
      if (forward) {
        if (delta <= 0) delta += 7;
      } else if (delta > 0) delta -= 7;
      return isoDay(new Date(ref.getTime() + delta * DAY_MS));
    }
    if (g.rel) {
      const lower = text.toLowerCase();
      const delta = lower === "yesterday" ? -1 : lower === "tomorrow" ? 1 : 0;
      return isoDay(new Date(ref.getTime() + delta * DAY_MS));
    }
    if (g.lm) {
      const lower = text.toLowerCase();
      const delta = lower.startsWith("last") ? -1 : lower.startsWith("next") ? 1 : 0;
      const d = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + delta, 1));
      return isoMonth(d.getUTCFullYear(), d.getUTCMonth());
    }
    if (g.ago) {
      const [n = "", unit = ""] = text.toLowerCase().split(" ");
      const count = NUMBER_WORDS[n] ?? Number(n);
      const days = unit.startsWith("week") ? count * 7 : count;
      return isoDay(new Date(ref.getTime() - days * DAY_MS));
    }
  }
  return null;
}
