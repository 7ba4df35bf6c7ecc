/**
 * `npm run bench`: throughput and memory of sitrep over a real corpus in ../shared, as ratios against
 * plain wink-nlp readDoc over the same texts measured in the same run (so machine speed cancels out).
 *
 *   npm run bench                       # all 6,254 articles of ru-ua-conflict
 *   npm run bench -- --limit 1000       # a quicker run
 *   npm run bench -- --corpus PATH.jsonl.gz
 *   npm run bench -- --slice 1000 --warm-up 200   # interleaving and warm-up (defaults 250 and 1,000)
 *
 * Rates are articles per CPU-second of this process (robust to a busy machine). Prints: wink-nlp baseline articles/s; pipeline articles/s cumulatively per stage (clean, +language/nlp,
 * +actors, +quotes, +events = full analyze) with the ratio to the baseline and each stage's added cost;
 * clean + store articles/s; full ingest articles/s and database bytes per 1,000 articles; peak RSS.
 * The baseline and the stage prefixes are timed in turn over slices of the corpus (see timeInterleaved),
 * so a machine whose speed drifts during the run shifts every rate alike and the ratios hold.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { defaultSharedDir, orReportMissing } from "../src/eval/shared-data.ts";
import { analyzeDocument } from "../src/pipeline.ts";
import type { RawDocument } from "../src/record.ts";
import type { StageName } from "../src/stage.ts";
import { openSqliteStore } from "../src/store/index.ts";
import { BENCH_CORPUS, collectGarbage, readBenchCorpus, toDocument } from "./bench-corpus.ts";

/**
 * Articles each run reads untimed first (`--warm-up N`), so the JIT has compiled the hot paths. With 200,
 * the first timed slice still cost each run two to four times its later ones, mostly compiling, and
 * shared code was billed to whichever run met it first.
 */
const WARM_UP = 1000;
/**
 * Articles per slice when runs are timed in turn (`--slice N`; see timeInterleaved): small enough that
 * many slices average out the machine's swings and the position of a run within a round, large enough
 * that a run's own garbage is mostly collected, and billed, inside its own slice. With slices of 1,000
 * (seven per run) the actors cost of one version of the code read 24% to 46%; with 250, 34% to 35%.
 */
const SLICE = 250;
/** Stage prefixes timed cumulatively; each run stops after the named stage. */
const STEPS: Array<{ label: string; until: StageName }> = [
  { label: "clean", until: "clean" },
  { label: "+ language + sentences + tokens", until: "nlp" },
  { label: "+ actors", until: "actors" },
  { label: "+ quotes", until: "quotes" },
  { label: "+ events (full analyze)", until: "events" },
];

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/**
 * Times a run by the CPU time this process spent (user + system), not wall time: on a shared machine
 * wall time measures the neighbours too. Both are returned; rates use CPU seconds.
 */
function time<T>(fn: () => T): { seconds: number; wall: number; result: T } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const c = process.cpuUsage(c0);
  return { seconds: (c.user + c.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9, result };
}

/**
 * CPU seconds of each run over all `docs`, timed slice by slice: every slice goes through every run, in
 * an order that rotates from slice to slice. On a shared machine whose speed drifts over minutes (other
 * tenants, thermal limits), run-after-run timing bills the drift to whichever run was going; here it
 * falls on all runs alike, so the ratios between them hold even when the absolute rates move. A full
 * collection before each timed slice keeps one run's garbage from being collected on another's time.
 */
function timeInterleaved(
  runs: Array<(d: RawDocument) => void>,
  docs: RawDocument[],
  sliceSize = SLICE,
): number[] {
  const seconds = runs.map(() => 0);
  for (let from = 0, k = 0; from < docs.length; from += sliceSize, k++) {
    const slice = docs.slice(from, from + sliceSize);
    for (let j = 0; j < runs.length; j++) {
      const r = (j + k) % runs.length;
      collectGarbage(); // the previous run's garbage is not billed to this one
      const c0 = process.cpuUsage();
      for (const d of slice) runs[r](d);
      const c = process.cpuUsage(c0);
      seconds[r] += (c.user + c.system) / 1e6;
    }
    sampleRss();
  }
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: "string" },
      corpus: { type: "string" },
      shared: { type: "string" },
      slice: { type: "string" },
      "warm-up": { type: "string" },
    },
  });
  const shared = values.shared ?? defaultSharedDir();
  const path = values.corpus ?? join(shared, BENCH_CORPUS);
  const rows = orReportMissing(() => readBenchCorpus("bench", path));
  if (!rows) return;

  const limit = values.limit ? Number(values.limit) : rows.length;
  const docs = rows.slice(0, limit).map(toDocument);
  const words = docs.reduce((n, d) => n + (d.content.match(/\S+/g)?.length ?? 0), 0);
  console.log(
    `bench: ${docs.length} articles (${(words / docs.length).toFixed(0)} words on average) from ${path}`,
  );
  console.log(`node ${process.version}, one process, one core; rates are per CPU-second of this process\n`);
  const timer = setInterval(sampleRss, 50);

  // Baseline: plain wink-nlp readDoc (tokens, sentences, POS, entities) over the same texts, timed in
  // turn with the pipeline prefixes.
  const nlp = winkNLP(model);
  const runs: Array<(d: RawDocument) => void> = [
    (d) => nlp.readDoc(d.content),
    ...STEPS.map((step) => (d: RawDocument) => void analyzeDocument(d, { until: step.until })),
  ];
  const warmUp = values["warm-up"] ? Number(values["warm-up"]) : WARM_UP;
  for (const run of runs) for (const d of docs.slice(0, warmUp)) run(d); // warm-up
  const [baseSeconds, ...stepSeconds] = timeInterleaved(
    runs,
    docs,
    values.slice ? Number(values.slice) : SLICE,
  );
  const baseRate = docs.length / baseSeconds;
  const rows_: string[][] = [["wink-nlp readDoc (baseline)", baseRate.toFixed(0), "1.00", ""]];

  let previous = 0;
  const rates: Record<string, number> = {};
  STEPS.forEach((step, i) => {
    const rate = docs.length / stepSeconds[i];
    rates[step.until] = rate;
    const added = previous
      ? `${(((1 / rate - 1 / previous) / (1 / previous)) * 100).toFixed(0)}% more time`
      : "";
    rows_.push([`sitrep ${step.label}`, rate.toFixed(0), (rate / baseRate).toFixed(2), added]);
    previous = rate;
  });

  // Clean + store, and full ingest (full pipeline + store), into a fresh SQLite file.
  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
  const storeRun = (until: StageName, file: string) => {
    const store = openSqliteStore(join(dir, file));
    // As `sitrep ingest` does: analysed records written in batches of 64, one transaction each.
    const run = time(() => {
      let batch = [];
      for (const d of docs) {
        batch.push(analyzeDocument(d, { until }));
        if (batch.length === 64) {
          store.putManySync(batch);
          batch = [];
        }
      }
      store.putManySync(batch);
    });
    return { run, store };
  };
  const cleanStore = storeRun("clean", "clean.db");
  await cleanStore.store.close();
  const full = storeRun("events", "full.db");
  const stats = await full.store.stats();
  await full.store.close();
  const dbBytes = statSync(join(dir, "full.db")).size;
  rmSync(dir, { recursive: true, force: true });
  const cleanStoreRate = docs.length / cleanStore.run.seconds;
  const ingestRate = docs.length / full.run.seconds;
  rows_.push([
    "sitrep clean + store (SQLite)",
    cleanStoreRate.toFixed(0),
    (cleanStoreRate / baseRate).toFixed(2),
    "goal ≥ 500/s",
  ]);
  rows_.push([
    "sitrep full analyze + store (ingest)",
    ingestRate.toFixed(0),
    (ingestRate / baseRate).toFixed(2),
    "",
  ]);
  clearInterval(timer);
  sampleRss();

  const header = ["what", "articles/s", "× baseline", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows_.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows_) console.log(line(r));
  const cost = (a: StageName, b: StageName) =>
    `${(((1 / rates[b] - 1 / rates[a]) / (1 / rates[a])) * 100).toFixed(0)}%`;
  console.log("");
  console.log(`actors cost on top of clean+nlp:        ${cost("nlp", "actors")} (issue goal ≤ 40%)`);
  console.log(`quotes cost on top of actors:           ${cost("actors", "quotes")} (issue goal ≤ 20%)`);
  console.log(
    `full analyze:                           ${rates.events.toFixed(0)} articles/s (issue goal ≥ 200/s)`,
  );
  console.log(
    `database: ${(dbBytes / 1024 / 1024).toFixed(1)} MB for ${stats.articles} articles = ${(((dbBytes / stats.articles) * 1000) / 1024 / 1024).toFixed(2)} MB per 1,000 articles (${stats.nearDuplicates} near-duplicates, ${stats.quotes} quotes, ${stats.events} events, ${stats.actors} actors)`,
  );
  console.log(
    `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (corpus held in memory: ${(docs.reduce((n, d) => n + d.content.length, 0) / 1024 / 1024).toFixed(0)} M chars)`,
  );
}

await main();
