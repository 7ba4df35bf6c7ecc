/**
 * Corpus views on the command line: `sitrep stories`, `sitrep escalation`, `sitrep outlets`,
 * `sitrep changes`. The store supplies rows for a date range; the views are src/corpus's pure functions.
 */
import {
  articlesNaming,
  asPeriod,
  type CorpusRows,
  compareOutlets,
  dayNumber,
  type EscalationSeries,
  escalationIndex,
  groupStories,
  isoDate,
  type OutletSummary,
  type PairChange,
  type Period,
  pairChanges,
  periodStart,
  previousPeriodStart,
  STORY_MAX_SPAN_DAYS,
  type Story,
  storiesNaming,
  TREND_THRESHOLD,
  type WhatChanged,
  whatChanged,
} from "../../corpus/index.ts";
import type { Store } from "../../store/index.ts";
import { isoDateOption, limitOption, openStore } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";
import { table } from "../report.ts";

/** Articles a story block lists before "… and N more". */
const STORY_ARTICLES_SHOWN = 5;
/** Event kinds a story block lists. */
const STORY_EVENTS_SHOWN = 3;

export interface CorpusOptions {
  db?: string;
  since?: string;
  until?: string;
  actor?: string;
  limit?: string;
  format?: string;
  period?: string;
  source?: string;
  target?: string;
}

type Format = "table" | "json" | "csv";

function formatOption(value: string | undefined, allowed: readonly Format[]): Format {
  const f = (value ?? "table") as Format;
  if (!allowed.includes(f))
    throw new CliError(`--format must be one of ${allowed.join(", ")}, found "${value}"`);
  return f;
}

function periodOption(value: string | undefined): Period {
  try {
    return asPeriod(value);
  } catch {
    throw new CliError(`--period must be day, week or month, found "${value}"`);
  }
}

const oneLine = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const signed = (x: number, digits = 1) => (x > 0 ? "+" : "") + x.toFixed(digits);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pairName = (s: string | null, t: string | null) => (t ? `${s ?? "?"} → ${t}` : (s ?? "?"));

/** A CSV field, quoted when it holds a comma, quote or line break. */
const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Opens the store and reads rows for the range; null (after saying so) when there is nothing to show.
 * The message goes to stdout for a table and to stderr for json/csv, which then print an empty value.
 */
async function loadRows(
  store: Store,
  since: string | undefined,
  until: string | undefined,
  io: CliIO,
  format: Format,
): Promise<CorpusRows | null> {
  const say = (msg: string) => (format === "table" ? io.stdout(`${msg}\n`) : io.stderr(`sitrep: ${msg}\n`));
  if ((await store.stats()).articles === 0) {
    say("no articles stored yet; run `sitrep ingest <inputs> --db <path>` first");
    return null;
  }
  const rows = await store.corpusRows({ since, until });
  if (rows.articles.length === 0) {
    say(`no stored articles between ${since ?? "the first"} and ${until ?? "the last"} date`);
    return null;
  }
  return rows;
}

/** What a range command works on: the loaded rows and its checked options. */
interface RangeRun {
  rows: CorpusRows;
  format: Format;
  since: string | undefined;
  until: string | undefined;
  limit: number;
}

/**
 * The common part of `stories`, `escalation` and `outlets`: checks --format/--since/--until/--limit,
 * opens the store, loads the rows of the range (an empty range prints its message and, for json, `[]`),
 * runs `body` and closes the store.
 */
async function withRangeRows(
  opts: CorpusOptions,
  io: CliIO,
  formats: Format[],
  body: (run: RangeRun) => void,
): Promise<number> {
  const format = formatOption(opts.format, formats);
  const since = isoDateOption("since", opts.since);
  const until = isoDateOption("until", opts.until);
  const limit = limitOption(opts.limit, 20);
  const store = openStore(opts.db, io, true);
  try {
    const rows = await loadRows(store, since, until, io, format);
    if (!rows) {
      if (format === "json") io.stdout("[]\n");
      return 0;
    }
    body({ rows, format, since, until, limit });
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `sitrep stories --db X [--since D] [--until D] [--actor RUS] [--limit N] [--format table|json]`:
 * articles grouped into stories, largest first.
 */
export async function storiesCommand(opts: CorpusOptions, io: CliIO): Promise<number> {
  return withRangeRows(opts, io, ["table", "json"], ({ rows, format, limit }) => {
    const grouping = groupStories(rows);
    const stories = (opts.actor ? storiesNaming(grouping, rows, opts.actor) : grouping.stories).slice(
      0,
      limit,
    );
    if (format === "json") io.stdout(`${JSON.stringify(stories, null, 2)}\n`);
    else if (stories.length === 0) io.stdout(`no stories name ${opts.actor}\n`);
    else io.stdout(`${stories.map(storyBlock).join("\n")}`);
  });
}

function storyBlock(s: Story): string {
  const outlets = s.outlets.length
    ? ` from ${s.outlets.length} outlet${s.outlets.length === 1 ? "" : "s"} (${s.outlets.slice(0, 4).join(", ")}${s.outlets.length > 4 ? ", …" : ""})`
    : "";
  const lines = [
    s.label,
    `  ${s.id}  ${s.first ?? "????-??-??"} … ${s.last ?? "????-??-??"}  ·  ${s.articles.length} article${s.articles.length === 1 ? "" : "s"}${outlets}`,
  ];
  s.events.slice(0, STORY_EVENTS_SHOWN).forEach((e, i) => {
    const mods = Object.entries(e.modalities)
      .map(([m, n]) => `${n} ${m}`)
      .join(", ");
    lines.push(
      `  ${i === 0 ? "events:" : "       "} ${pairName(e.source, e.target)} ${e.category}  (${mods})`,
    );
  });
  for (const a of s.articles.slice(0, STORY_ARTICLES_SHOWN)) {
    lines.push(
      `  ${a.date ?? "????-??-??"}  ${oneLine(a.publisher) || "?"} — ${oneLine(a.title) || a.id.slice(0, 19)}`,
    );
  }
  if (s.articles.length > STORY_ARTICLES_SHOWN)
    lines.push(`  … and ${s.articles.length - STORY_ARTICLES_SHOWN} more`);
  return `${lines.join("\n")}\n`;
}

/**
 * `sitrep escalation --db X --source RUS --target UKR [--period week] [--since D] [--until D]
 * [--format table|json|csv]`: the escalation index of the matching pairs per period; without
 * --source and --target, the pairs whose index moved most in the latest period.
 */
export async function escalationCommand(opts: CorpusOptions, io: CliIO): Promise<number> {
  const period = periodOption(opts.period);
  return withRangeRows(opts, io, ["table", "json", "csv"], ({ rows, format, since, until, limit }) => {
    const grouping = groupStories(rows);
    if (opts.source || opts.target) {
      const series = escalationIndex(rows, grouping, {
        period,
        source: opts.source,
        target: opts.target,
        since,
        until,
      });
      io.stdout(renderSeries(series, period, format, opts));
    } else {
      io.stdout(renderChanges(pairChanges(rows, grouping, { period }).slice(0, limit), period, format));
    }
  });
}

const SERIES_COLUMNS = [
  "source",
  "target",
  "period",
  "start",
  "events",
  "reports",
  "sum",
  "mean",
  "conflict",
  "cooperation",
  "previous",
  "previous_sum",
  "change",
  "trend",
];

function renderSeries(
  series: EscalationSeries[],
  period: Period,
  format: Format,
  opts: CorpusOptions,
): string {
  if (format === "json") return `${JSON.stringify(series, null, 2)}\n`;
  if (format === "csv") {
    const lines = [SERIES_COLUMNS.join(",")];
    for (const s of series)
      for (const p of s.points)
        lines.push(
          [
            s.source,
            s.target,
            p.period,
            p.start,
            p.events,
            p.reports,
            p.sum,
            p.mean,
            p.conflict,
            p.cooperation,
            p.previous,
            p.previousSum,
            p.change,
            p.trend,
          ]
            .map(csvField)
            .join(","),
        );
    return `${lines.join("\n")}\n`;
  }
  if (series.length === 0)
    return `no asserted events from ${opts.source ?? "anyone"} to ${opts.target ?? "anyone"} in the stored articles\n`;
  const out: string[] = [];
  for (const s of series) {
    out.push(
      `${s.source} → ${s.target}: escalation index per ${period} (asserted events, each reported event once; trend when the sum moves by ${TREND_THRESHOLD} or more)\n`,
    );
    out.push(
      table(
        ["period", "start", "events", "reports", "sum", "mean", "conflict", "coop", "change", "trend"],
        s.points.map((p) => [
          p.period,
          p.start,
          String(p.events),
          String(p.reports),
          signed(p.sum),
          signed(p.mean, 2),
          String(p.conflict),
          String(p.cooperation),
          signed(p.change),
          p.trend,
        ]),
      ),
    );
  }
  return out.join("\n");
}

const CHANGE_COLUMNS = [
  "source",
  "target",
  "period",
  "previous",
  "sum",
  "previous_sum",
  "change",
  "events",
  "previous_events",
  "trend",
];

function renderChanges(changes: PairChange[], period: Period, format: Format): string {
  if (format === "json") return `${JSON.stringify(changes, null, 2)}\n`;
  if (format === "csv") {
    const lines = [CHANGE_COLUMNS.join(",")];
    for (const c of changes)
      lines.push(
        [
          c.source,
          c.target,
          c.period,
          c.previous,
          c.sum,
          c.previousSum,
          c.change,
          c.events,
          c.previousEvents,
          c.trend,
        ]
          .map(csvField)
          .join(","),
      );
    return `${lines.join("\n")}\n`;
  }
  if (changes.length === 0) return "no asserted events between two actors in the latest two periods\n";
  return (
    `pairs whose escalation index moved most: ${period} ${changes[0].period} against ${changes[0].previous} (latest ${period} with articles; trend when the sum moves by ${TREND_THRESHOLD} or more)\n` +
    table(
      ["source", "target", "sum", "before", "change", "events", "trend"],
      changes.map((c) => [
        c.source,
        c.target,
        signed(c.sum),
        signed(c.previousSum),
        signed(c.change),
        `${c.events} (was ${c.previousEvents})`,
        c.trend,
      ]),
    )
  );
}

/**
 * `sitrep outlets --db X [--since D] [--until D] [--actor RUS] [--limit N] [--format table|json]`:
 * per publisher, articles, modality of the events it reports, mean intensity per pair, whom it quotes
 * and names, and genre mix.
 */
export async function outletsCommand(opts: CorpusOptions, io: CliIO): Promise<number> {
  return withRangeRows(opts, io, ["table", "json"], ({ rows, format, limit }) => {
    const outlets = compareOutlets(rows, {
      only: opts.actor ? articlesNaming(rows, opts.actor) : undefined,
    }).slice(0, limit);
    if (format === "json") io.stdout(`${JSON.stringify(outlets, null, 2)}\n`);
    else if (outlets.length === 0) io.stdout(`no stored articles name ${opts.actor}\n`);
    else io.stdout(outlets.map(outletBlock).join("\n"));
  });
}

function outletBlock(o: OutletSummary): string {
  const genres = Object.entries(o.genres)
    .map(([g, n]) => `${g} ${n}`)
    .join(", ");
  const mods = Object.entries(o.modalities)
    .map(([m, v]) => `${m} ${Math.round((v?.share ?? 0) * 100)}%`)
    .join(", ");
  const lines = [
    `${o.publisher} — ${o.articles} article${o.articles === 1 ? "" : "s"} (${genres})`,
    `  events: ${o.events}${mods ? `  (${mods})` : ""}`,
    `  attributed quotations: ${o.quotes}${o.quotes ? ` (${o.unnamedQuotes} from unnamed or unresolved speakers)` : ""}`,
  ];
  if (o.pairs.length)
    lines.push(
      `  asserted, mean intensity: ${o.pairs.map((p) => `${p.source} → ${p.target} ${signed(p.meanIntensity, 2)} (${p.events})`).join("; ")}`,
    );
  if (o.speakers.length)
    lines.push(`  most quoted: ${o.speakers.map((s) => `${s.speaker} (${s.quotes})`).join(", ")}`);
  if (o.actors.length)
    lines.push(`  most mentioned: ${o.actors.map((a) => `${a.name} (${a.mentions})`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `sitrep changes --db X [--period week] [--until D] [--format table|json]`: the latest period (the one
 * holding the latest stored article, or --until) against the one before.
 */
export async function changesCommand(opts: CorpusOptions, io: CliIO): Promise<number> {
  const format = formatOption(opts.format, ["table", "json"]);
  const period = periodOption(opts.period);
  const until = isoDateOption("until", opts.until);
  const store = openStore(opts.db, io, true);
  try {
    const span = await store.dateSpan();
    const lastDay = dayNumber(until ?? span.last);
    if (Number.isNaN(lastDay)) {
      // Also the empty store: let loadRows say which.
      await loadRows(store, undefined, until, io, format);
      if (format === "json") io.stdout("null\n");
      return 0;
    }
    // Back to the start of the previous period, and a story span before it so continuing stories are not new.
    const from = previousPeriodStart(periodStart(lastDay, period), period) - STORY_MAX_SPAN_DAYS;
    const rows = await loadRows(store, isoDate(from), isoDate(lastDay), io, format);
    if (!rows) {
      if (format === "json") io.stdout("null\n");
      return 0;
    }
    const report = whatChanged(rows, groupStories(rows), { period, day: lastDay });
    if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (!report) io.stdout("no dated articles to compare\n");
    else io.stdout(renderWhatChanged(report, period));
    return 0;
  } finally {
    await store.close();
  }
}

function renderWhatChanged(r: WhatChanged, period: Period): string {
  const out = [
    `What changed: ${period} ${r.period} (${r.from} … ${r.to}) against ${r.previous} — ${plural(r.articles.now, "article")}, ${r.articles.before} before`,
    "",
    `New stories (${r.newStories.length}):`,
  ];
  if (r.newStories.length === 0) out.push("  none");
  for (const s of r.newStories)
    out.push(
      `  ${s.label}  ·  ${plural(s.articles.length, "article")}, ${plural(s.outlets.length, "outlet")}, from ${s.first}  (${s.id})`,
    );
  out.push("", `Escalation moves (asserted events; trend at ±${TREND_THRESHOLD}):`);
  if (r.pairs.length === 0) out.push("  none");
  for (const p of r.pairs)
    out.push(
      `  ${p.source} → ${p.target}  ${signed(p.previousSum)} → ${signed(p.sum)}  (change ${signed(p.change)}, ${p.trend})`,
    );
  out.push("", "Newly prominent actors (articles naming them):");
  if (r.actors.length === 0) out.push("  none");
  for (const a of r.actors) out.push(`  ${a.name}  ${a.now} (was ${a.before}${a.isNew ? ", new" : ""})`);
  out.push("", "Speakers quoted more:");
  if (r.speakers.length === 0) out.push("  none");
  for (const s of r.speakers)
    out.push(`  ${s.name}  ${plural(s.now, "quotation")} (was ${s.before}${s.isNew ? ", new" : ""})`);
  return `${out.join("\n")}\n`;
}
