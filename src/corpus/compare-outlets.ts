/**
 * Outlet comparison over plain rows: per publisher, how much it wrote, how it frames events (assertions
 * vs claims, hypotheticals, denials), how hostile the asserted events it reports between each pair are,
 * whom it quotes and names, and its genre mix.
 *
 * Known failures: a publisher written two ways ("BBC" and "BBC News") is two outlets; a repost counts
 * for the outlet that published the copy, not its original source; the mean intensity per pair counts
 * every report (an outlet that repeats one attack in five articles weighs it five times — that is the
 * outlet's emphasis, which is what this view compares); "most quoted" counts only speakers the actor
 * stage resolved to an actor, so a named speaker it failed to resolve is missing there and counted with
 * the unnamed sources ("officials said") in `unnamedQuotes`.
 */
import type { Modality } from "../record.ts";
import { type CorpusRows, sideOf } from "./rows.ts";

/** How many pairs, speakers and actors each outlet lists. */
export const OUTLET_TOP = 5;
/** The name an article without a known publisher files under. */
export const UNKNOWN_OUTLET = "(unknown publisher)";

const MODALITY_ORDER: readonly Modality[] = [
  "asserted",
  "claimed",
  "denied",
  "negated",
  "hypothetical",
  "future",
];

export interface OutletSummary {
  publisher: string;
  articles: number;
  /** Articles per genre. */
  genres: Record<string, number>;
  events: number;
  /** Attributed quotations (a speaker named in words or resolved to an actor). */
  quotes: number;
  /** Of those, the ones whose speaker is not resolved to an actor ("officials", "diplomats"). */
  unnamedQuotes: number;
  /** Events per modality, with their share of the outlet's events (0 … 1, two decimals). */
  modalities: Partial<Record<Modality, { count: number; share: number }>>;
  /** Asserted events per ordered pair with their mean intensity, most reported first. */
  pairs: Array<{ source: string; target: string; events: number; meanIntensity: number }>;
  speakers: Array<{ speaker: string; quotes: number }>;
  actors: Array<{ id: string; name: string; mentions: number; articles: number }>;
}

export interface CompareOutletsOptions {
  /** Only these article ids (e.g. the articles naming an actor); all when absent. */
  only?: Set<string>;
  top?: number;
}

interface Acc {
  articles: number;
  genres: Map<string, number>;
  events: number;
  quotes: number;
  unnamedQuotes: number;
  modalities: Map<Modality, number>;
  pairs: Map<string, { source: string; target: string; events: number; sum: number }>;
  speakers: Map<string, number>;
  actors: Map<string, { mentions: number; articles: number }>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * One summary per publisher, most articles first.
 * @example compareOutlets(rows)[0].modalities.claimed?.share // 0.12
 */
export function compareOutlets(rows: CorpusRows, options: CompareOutletsOptions = {}): OutletSummary[] {
  const top = options.top ?? OUTLET_TOP;
  const only = options.only;
  const names = new Map<string, string>();
  for (const a of rows.actors) names.set(a.id, a.name);
  const accs = new Map<string, Acc>();
  const outletOf = new Map<string, Acc>();
  for (const a of rows.articles) {
    if (only && !only.has(a.id)) continue;
    const name = a.publisher?.trim() || UNKNOWN_OUTLET;
    let acc = accs.get(name);
    if (!acc) {
      acc = {
        articles: 0,
        genres: new Map(),
        events: 0,
        quotes: 0,
        unnamedQuotes: 0,
        modalities: new Map(),
        pairs: new Map(),
        speakers: new Map(),
        actors: new Map(),
      };
      accs.set(name, acc);
    }
    outletOf.set(a.id, acc);
    acc.articles++;
    acc.genres.set(a.genre, (acc.genres.get(a.genre) ?? 0) + 1);
    for (let k = 0; k < a.actors.length; k++) {
      const s = acc.actors.get(a.actors[k]);
      if (s) {
        s.mentions += a.actorMentions[k] ?? 0;
        s.articles++;
      } else acc.actors.set(a.actors[k], { mentions: a.actorMentions[k] ?? 0, articles: 1 });
    }
  }
  for (const e of rows.events) {
    const acc = outletOf.get(e.articleId);
    if (!acc) continue;
    acc.events++;
    acc.modalities.set(e.modality, (acc.modalities.get(e.modality) ?? 0) + 1);
    if (e.modality !== "asserted") continue;
    const source = sideOf(e.sourceActor, e.sourceCountry);
    const target = sideOf(e.targetActor, e.targetCountry);
    if (source === null || target === null) continue;
    const key = `${source}|${target}`;
    const p = acc.pairs.get(key);
    if (p) {
      p.events++;
      p.sum += e.intensity;
    } else acc.pairs.set(key, { source, target, events: 1, sum: e.intensity });
  }
  for (const q of rows.quotes) {
    const acc = outletOf.get(q.articleId);
    if (!acc) continue;
    acc.quotes++;
    if (!q.speakerActor) {
      acc.unnamedQuotes++;
      continue;
    }
    const who = q.speakerName ?? names.get(q.speakerActor) ?? q.speakerActor;
    acc.speakers.set(who, (acc.speakers.get(who) ?? 0) + 1);
  }
  const out: OutletSummary[] = [];
  for (const [publisher, acc] of accs) {
    const modalities: OutletSummary["modalities"] = {};
    for (const m of MODALITY_ORDER) {
      const count = acc.modalities.get(m);
      if (count) modalities[m] = { count, share: round2(count / acc.events) };
    }
    out.push({
      publisher,
      articles: acc.articles,
      genres: Object.fromEntries(
        [...acc.genres.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
      ),
      events: acc.events,
      quotes: acc.quotes,
      unnamedQuotes: acc.unnamedQuotes,
      modalities,
      pairs: [...acc.pairs.values()]
        .sort(
          (x, y) => y.events - x.events || `${x.source}${x.target}`.localeCompare(`${y.source}${y.target}`),
        )
        .slice(0, top)
        .map((p) => ({
          source: p.source,
          target: p.target,
          events: p.events,
          meanIntensity: round2(p.sum / p.events),
        })),
      speakers: [...acc.speakers.entries()]
        .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
        .slice(0, top)
        .map(([speaker, quotes]) => ({ speaker, quotes })),
      actors: [...acc.actors.entries()]
        .sort(
          (x, y) =>
            y[1].mentions - x[1].mentions || y[1].articles - x[1].articles || x[0].localeCompare(y[0]),
        )
        .slice(0, top)
        .map(([id, s]) => ({ id, name: names.get(id) ?? id, mentions: s.mentions, articles: s.articles })),
    });
  }
  return out.sort((a, b) => b.articles - a.articles || a.publisher.localeCompare(b.publisher));
}
