/**
 * "What changed": the latest period against the one before — stories that began, actor pairs whose
 * escalation index moved most, actors and speakers that rose.
 *
 * The latest period is the one holding the latest dated article (stored news may be months old), unless
 * the caller names a day. Rows must reach back to the start of the previous period and, for stories,
 * STORY_MAX_SPAN_DAYS (the longest a story runs) before it, or a continuing story looks new.
 *
 * Known failures: "prominence" is a count of articles naming an actor, so an outlet that files many
 * short items lifts its actors; an actor spelt two ways by the actor stage is two actors; speakers count
 * only when resolved to an actor.
 */
import { latestDay, type PairChange, pairChanges } from "./escalation-index.ts";
import type { Story, StoryGrouping } from "./group-stories.ts";
import { dayNumber, isoDate, type Period, periodLabel, periodStart, previousPeriodStart } from "./periods.ts";
import type { CorpusRows } from "./rows.ts";

/** How many entries each list of the report holds. */
export const CHANGES_TOP = 10;

export interface RiseRow {
  name: string;
  id: string | null;
  now: number;
  before: number;
  change: number;
  /** Not seen at all in the previous period. */
  isNew: boolean;
}

export interface WhatChanged {
  period: string;
  previous: string;
  /** First day of the latest period and last day covered. */
  from: string;
  to: string;
  articles: { now: number; before: number };
  /** Stories whose first article falls in the latest period, largest first. */
  newStories: Story[];
  /** Pairs whose escalation index moved most. */
  pairs: PairChange[];
  /** Actors by rise in the number of articles naming them. */
  actors: RiseRow[];
  /** Speakers by rise in the number of their quotations. */
  speakers: RiseRow[];
}

/**
 * Compares the latest period with the one before it; null when no article is dated.
 * @example whatChanged(rows, groupStories(rows), { period: "week" })?.newStories.length
 */
export function whatChanged(
  rows: CorpusRows,
  grouping: StoryGrouping,
  options: { period?: Period; day?: number; top?: number } = {},
): WhatChanged | null {
  const period = options.period ?? "week";
  const top = options.top ?? CHANGES_TOP;
  const day = options.day ?? latestDay(rows);
  if (Number.isNaN(day)) return null;
  const now = periodStart(day, period);
  const before = previousPeriodStart(now, period);
  // 0: the latest period, 1: the one before, -1: outside both.
  const slot = new Map<string, number>();
  const articles = { now: 0, before: 0 };
  for (const a of rows.articles) {
    const d = dayNumber(a.date);
    const s = d >= now && d <= day ? 0 : d >= before && d < now ? 1 : -1;
    slot.set(a.id, s);
    if (s === 0) articles.now++;
    else if (s === 1) articles.before++;
  }
  const nowIso = isoDate(now);
  const dayIso = isoDate(day);
  const newStories = grouping.stories
    .filter((s) => s.first !== null && s.first >= nowIso && s.first <= dayIso)
    .slice(0, top);

  const names = new Map<string, string>();
  for (const a of rows.actors) names.set(a.id, a.name);
  const actorCounts = new Map<string, [number, number]>();
  for (const a of rows.articles) {
    const s = slot.get(a.id) ?? -1;
    if (s < 0) continue;
    for (const id of a.actors) {
      const c = actorCounts.get(id) ?? [0, 0];
      c[s]++;
      actorCounts.set(id, c);
    }
  }
  const speakerCounts = new Map<string, [number, number]>();
  const speakerId = new Map<string, string | null>();
  for (const q of rows.quotes) {
    const s = slot.get(q.articleId) ?? -1;
    // Only speakers resolved to an actor: "officials" rising is no news.
    if (s < 0 || !q.speakerActor) continue;
    const who = q.speakerName ?? names.get(q.speakerActor) ?? q.speakerActor;
    const c = speakerCounts.get(who) ?? [0, 0];
    c[s]++;
    speakerCounts.set(who, c);
    if (!speakerId.has(who)) speakerId.set(who, q.speakerActor);
  }
  const rises = (
    counts: Map<string, [number, number]>,
    nameOf: (k: string) => string,
    idOf: (k: string) => string | null,
  ) =>
    [...counts.entries()]
      .map(([k, [n, b]]) => ({
        name: nameOf(k),
        id: idOf(k),
        now: n,
        before: b,
        change: n - b,
        isNew: b === 0,
      }))
      .filter((r) => r.change > 0)
      .sort((x, y) => y.change - x.change || y.now - x.now || x.name.localeCompare(y.name))
      .slice(0, top);

  return {
    period: periodLabel(now, period),
    previous: periodLabel(before, period),
    from: nowIso,
    to: dayIso,
    articles,
    newStories,
    pairs: pairChanges(rows, grouping, { period, day }).slice(0, top),
    actors: rises(
      actorCounts,
      (k) => names.get(k) ?? k,
      (k) => k,
    ),
    speakers: rises(
      speakerCounts,
      (k) => k,
      (k) => speakerId.get(k) ?? null,
    ),
  };
}
