/**
 * The escalation index of an ordered actor pair over time, from plain rows and their stories.
 *
 * Only ASSERTED events count: a denial, a claim, a hypothetical or a future plan is no event yet.
 * One event reported by thirty outlets counts once: reports with the same source, target, CAMEO code
 * and resolved event date are one cluster (as GDELT counts one event per actors, code and day), and
 * undated reports with the same source, target and code are one cluster per story. A cluster files under its event date when the events stage resolved one no later than the
 * article, else under its earliest article's date.
 *
 * Per period: the number of clusters, the sum and mean of their intensity (Goldstein, −10 … +10),
 * how many are conflictual (< 0) and cooperative (> 0), and the change of the sum against the
 * calendar period just before (an empty period counts as 0). The sum falling by TREND_THRESHOLD or more
 * is "escalating", rising by as much is "de-escalating", anything else "steady".
 *
 * Known failures: the sum grows with coverage, so a quiet week with fewer outlets reads as
 * de-escalation; two distinct but identically coded events of one pair on the same day count once;
 * a wrongly resolved event date files the event in the wrong period; sides are country codes when the
 * actor has one, so a government and its rebels of the same country are one side.
 */
import type { StoryGrouping } from "./group-stories.ts";
import { dayNumber, isoDate, type Period, periodLabel, periodStart, previousPeriodStart } from "./periods.ts";
import { type CorpusRows, partyMatches, sideOf } from "./rows.ts";

/**
 * Change of the summed intensity, in Goldstein points, that makes a trend: about one more (or one fewer)
 * clearly hostile act such as a threat with force (−7) or an ultimatum, and more than noise of a verbal
 * rebuke or two (−2 each).
 */
export const TREND_THRESHOLD = 5;

export type Trend = "escalating" | "de-escalating" | "steady";

export interface EscalationPoint {
  period: string;
  /** First day of the period. */
  start: string;
  /** Event clusters (each reported event counted once). */
  events: number;
  /** Asserted reports before clustering. */
  reports: number;
  sum: number;
  mean: number;
  conflict: number;
  cooperation: number;
  /** The period compared against, and its sum (0 when it had no events). */
  previous: string;
  previousSum: number;
  change: number;
  trend: Trend;
}

export interface EscalationSeries {
  source: string;
  target: string;
  period: Period;
  /** TREND_THRESHOLD, named so that JSON readers know what the trend words mean. */
  trendThreshold: number;
  /** Periods that have events, oldest first. */
  points: EscalationPoint[];
}

export interface EscalationOptions {
  period?: Period;
  /** Country code or actor id; both sides of a pair filter as `partyMatches` does. */
  source?: string;
  target?: string;
  /**
   * Keep only events filed (by the rule above) on or after / before these ISO dates: an article in the
   * range that recalls an event of 2014 would otherwise add a 2014 period to the series.
   */
  since?: string;
  until?: string;
}

/**
 * The trend word for a change of the summed intensity.
 * @example trendOf(-6) // "escalating"
 */
export function trendOf(change: number): Trend {
  if (change <= -TREND_THRESHOLD) return "escalating";
  if (change >= TREND_THRESHOLD) return "de-escalating";
  return "steady";
}

interface Cluster {
  pair: string;
  source: string;
  target: string;
  intensity: number;
  day: number;
  reports: number;
}

/**
 * Event clusters: asserted events with both sides, one per (source, target, CAMEO, event date), or per
 * (story, source, target, CAMEO) when undated.
 * @example eventClusters(rows, groupStories(rows)).length
 */
function eventClusters(rows: CorpusRows, grouping: StoryGrouping, options: EscalationOptions): Cluster[] {
  const from = options.since ? dayNumber(options.since) : Number.NEGATIVE_INFINITY;
  const to = options.until ? periodEnd(options.until) : Number.POSITIVE_INFINITY;
  const dateOf = new Map<string, number>();
  for (const a of rows.articles) dateOf.set(a.id, dayNumber(a.date));
  const clusters = new Map<string, Cluster>();
  for (const e of rows.events) {
    if (e.modality !== "asserted") continue;
    const source = sideOf(e.sourceActor, e.sourceCountry);
    const target = sideOf(e.targetActor, e.targetCountry);
    if (source === null || target === null) continue;
    if (options.source && !partyMatches(options.source, e.sourceActor, e.sourceCountry)) continue;
    if (options.target && !partyMatches(options.target, e.targetActor, e.targetCountry)) continue;
    const articleDay = dateOf.get(e.articleId) ?? Number.NaN;
    const eventDay = dayNumber(e.date);
    const dated = !Number.isNaN(eventDay) && !(eventDay > articleDay);
    const day = dated ? eventDay : articleDay;
    if (Number.isNaN(day) || day < from || day > to) continue;
    const story = grouping.storyOf.get(e.articleId) ?? e.articleId;
    const key = dated
      ? `${source}|${target}|${e.cameo}|${eventDay}`
      : `${story}|${source}|${target}|${e.cameo}`;
    const c = clusters.get(key);
    if (c) {
      c.reports++;
      if (day < c.day) c.day = day;
    } else {
      clusters.set(key, {
        pair: `${source}|${target}`,
        source,
        target,
        intensity: e.intensity,
        day,
        reports: 1,
      });
    }
  }
  return [...clusters.values()];
}

/** The last day a partial ISO date covers ("2022" → 2022-12-31, "2022-02" → 2022-02-28). */
function periodEnd(date: string): number {
  if (date.length === 4) return dayNumber(`${date}-12-31`);
  if (date.length === 7) return periodStart(dayNumber(date) + 31, "month") - 1;
  return dayNumber(date);
}

/**
 * The escalation index per ordered pair and period (see the file comment).
 * @example escalationIndex(rows, groupStories(rows), { source: "RUS", target: "UKR" })[0].points.at(-1)?.trend
 */
export function escalationIndex(
  rows: CorpusRows,
  grouping: StoryGrouping,
  options: EscalationOptions = {},
): EscalationSeries[] {
  const period = options.period ?? "week";
  const byPair = new Map<string, { source: string; target: string; points: Map<number, EscalationPoint> }>();
  for (const c of eventClusters(rows, grouping, options)) {
    let s = byPair.get(c.pair);
    if (!s) {
      s = { source: c.source, target: c.target, points: new Map() };
      byPair.set(c.pair, s);
    }
    const start = periodStart(c.day, period);
    let p = s.points.get(start);
    if (!p) {
      p = emptyPoint(start, period);
      s.points.set(start, p);
    }
    p.events++;
    p.reports += c.reports;
    p.sum += c.intensity;
    if (c.intensity < 0) p.conflict++;
    else if (c.intensity > 0) p.cooperation++;
  }
  const out: EscalationSeries[] = [];
  for (const s of byPair.values()) {
    const starts = [...s.points.keys()].sort((a, b) => a - b);
    const points = starts.map((start) => {
      const p = s.points.get(start) as EscalationPoint;
      finishPoint(p, s.points.get(previousPeriodStart(start, period))?.sum ?? 0);
      return p;
    });
    out.push({ source: s.source, target: s.target, period, trendThreshold: TREND_THRESHOLD, points });
  }
  return out.sort((a, b) => `${a.source}|${a.target}`.localeCompare(`${b.source}|${b.target}`));
}

function emptyPoint(start: number, period: Period): EscalationPoint {
  return {
    period: periodLabel(start, period),
    start: isoDate(start),
    events: 0,
    reports: 0,
    sum: 0,
    mean: 0,
    conflict: 0,
    cooperation: 0,
    previous: periodLabel(previousPeriodStart(start, period), period),
    previousSum: 0,
    change: 0,
    trend: "steady",
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function finishPoint(p: EscalationPoint, previousSum: number): void {
  p.sum = round2(p.sum);
  p.mean = p.events ? round2(p.sum / p.events) : 0;
  p.previousSum = round2(previousSum);
  p.change = round2(p.sum - previousSum);
  p.trend = trendOf(p.change);
}

/** One pair's move between two periods. */
export interface PairChange {
  source: string;
  target: string;
  period: string;
  previous: string;
  sum: number;
  previousSum: number;
  change: number;
  events: number;
  previousEvents: number;
  trend: Trend;
}

/**
 * The pairs with events in the period containing `day` whose index moved most against the period before,
 * largest absolute change first. Without `day`: the period of the latest dated article.
 * @example pairChanges(rows, groupStories(rows), { period: "week" }).slice(0, 5)
 */
export function pairChanges(
  rows: CorpusRows,
  grouping: StoryGrouping,
  options: { period?: Period; day?: number } = {},
): PairChange[] {
  const period = options.period ?? "week";
  const day = options.day ?? latestDay(rows);
  if (Number.isNaN(day)) return [];
  const now = periodStart(day, period);
  const before = previousPeriodStart(now, period);
  const out: PairChange[] = [];
  for (const s of escalationIndex(rows, grouping, { period })) {
    let cur: EscalationPoint | undefined;
    let prev: EscalationPoint | undefined;
    const nowLabel = periodLabel(now, period);
    const beforeLabel = periodLabel(before, period);
    for (const p of s.points) {
      if (p.period === nowLabel) cur = p;
      else if (p.period === beforeLabel) prev = p;
    }
    // A pair with nothing in the latest period is left out: its fall to 0 is as often a quiet news day as a calm front.
    if (!cur) continue;
    const sum = cur?.sum ?? 0;
    const previousSum = prev?.sum ?? 0;
    const change = round2(sum - previousSum);
    out.push({
      source: s.source,
      target: s.target,
      period: nowLabel,
      previous: beforeLabel,
      sum,
      previousSum,
      change,
      events: cur?.events ?? 0,
      previousEvents: prev?.events ?? 0,
      trend: trendOf(change),
    });
  }
  return out.sort(
    (a, b) =>
      Math.abs(b.change) - Math.abs(a.change) ||
      b.events - a.events ||
      `${a.source}|${a.target}`.localeCompare(`${b.source}|${b.target}`),
  );
}

/**
 * The day number of the latest dated article, or NaN when none is dated.
 * @example isoDate(latestDay(rows))
 */
export function latestDay(rows: CorpusRows): number {
  let max = Number.NaN;
  for (const a of rows.articles) {
    const d = dayNumber(a.date);
    if (!Number.isNaN(d) && !(d <= max)) max = d;
  }
  return max;
}
