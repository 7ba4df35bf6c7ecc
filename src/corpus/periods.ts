/**
 * Calendar periods (day, ISO week, month) over whole days counted from 1970-01-01 (UTC), so that dates
 * compare and bucket as integers with no Date object per row.
 */

export type Period = "day" | "week" | "month";

export const PERIODS: readonly Period[] = ["day", "week", "month"];

const MS_PER_DAY = 86_400_000;
/** yyyy, yyyy-mm or yyyy-mm-dd: a partial date files under its first day. */
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * Days since 1970-01-01 of an ISO date, or NaN when there is none or it does not parse.
 * @example dayNumber("1970-01-02") // 1
 */
export function dayNumber(date: string | null | undefined): number {
  if (!date) return Number.NaN;
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2] ?? "1") - 1, Number(m[3] ?? "1")) / MS_PER_DAY;
}

/**
 * The ISO date of a day number.
 * @example isoDate(1) // "1970-01-02"
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The first day of the period that contains `day` (weeks start on Monday, as ISO weeks do).
 * @example isoDate(periodStart(dayNumber("2022-02-10"), "week")) // "2022-02-07"
 */
export function periodStart(day: number, period: Period): number {
  if (period === "day") return day;
  if (period === "week") return day - ((day + 3) % 7); // 1970-01-01 was a Thursday (index 3 from Monday)
  const d = new Date(day * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY;
}

/**
 * The first day of the period before the one starting at `start`.
 * @example isoDate(previousPeriodStart(dayNumber("2022-03-01"), "month")) // "2022-02-01"
 */
export function previousPeriodStart(start: number, period: Period): number {
  if (period === "day") return start - 1;
  if (period === "week") return start - 7;
  return periodStart(start - 1, "month");
}

/**
 * A readable name for the period that contains `day`: 2022-02-10, 2022-W06 (ISO week), 2022-02.
 * @example periodLabel(dayNumber("2022-02-07"), "week") // "2022-W06"
 */
export function periodLabel(day: number, period: Period): string {
  const start = periodStart(day, period);
  const iso = isoDate(start);
  if (period === "day") return iso;
  if (period === "month") return iso.slice(0, 7);
  // The ISO week belongs to the year of its Thursday.
  const thursday = start + 3;
  const year = Number(isoDate(thursday).slice(0, 4));
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / MS_PER_DAY) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Checks a --period value; throws for anything else (a caller's configuration error). */
export function asPeriod(value: string | undefined, fallback: Period = "week"): Period {
  if (value === undefined) return fallback;
  if ((PERIODS as readonly string[]).includes(value)) return value as Period;
  throw new RangeError(`period: expected one of ${PERIODS.join(", ")}, found "${value}"`);
}
