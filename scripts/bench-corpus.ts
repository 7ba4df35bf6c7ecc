/**
 * The corpus every bench script reads: the ru-ua-conflict articles in ../shared (6,254 real articles).
 * One place for its path and the plain message when the shared folder is missing.
 */
import { join } from "node:path";
import { defaultSharedDir, readJsonl, requirePath } from "../src/eval/shared-data.ts";
import type { RawDocument } from "../src/record.ts";

export const BENCH_CORPUS = join("bench-data", "corpus", "ru-ua-conflict", "articles.jsonl.gz");

/** One corpus line, with the fields the benches use. */
export interface CorpusRow {
  id?: string;
  title?: string | null;
  text?: string;
  url?: string | null;
  date?: string | null;
  source?: string | null;
}

/**
 * Reads the bench corpus (or `path`), throwing MissingDataError naming `purpose` when it is absent.
 * @example readBenchCorpus("bench-ner").slice(0, 1000)
 */
export function readBenchCorpus(purpose: string, path?: string, sharedDir = defaultSharedDir()): CorpusRow[] {
  return readJsonl<CorpusRow>(
    requirePath(path ?? join(sharedDir, BENCH_CORPUS), `${purpose}: ru-ua-conflict corpus`),
  );
}

/**
 * A corpus line as ingest would hand it to the pipeline. The corpus gives the headline apart from the
 * text; as scraped pages do, it goes on the first line.
 * @example readBenchCorpus("bench").map(toDocument)
 */
export function toDocument(row: CorpusRow, i: number): RawDocument {
  return {
    uri: `bench:${row.id ?? i}`,
    format: "jsonl",
    contentType: "text",
    content: row.title ? `${row.title}\n\n${row.text ?? ""}` : (row.text ?? ""),
    meta: {
      title: row.title ?? null,
      url: row.url ?? null,
      date: row.date ?? null,
      publisher: row.source ?? null,
    },
    messages: [],
  };
}

/** Untimed passes first, so the JIT and the per-process caches are warm as in a long run. */
export const WARMUP_PASSES = 1;
/** Timed passes of the micro-benches; the best one is reported (other jobs share the CPU). */
export const TIMED_PASSES = 3;

/**
 * CPU milliseconds (user + system) of this process while `run` runs: robust on a shared machine.
 * @example const ms = cpuMs(() => texts.forEach(recognizeEntities));
 */
export function cpuMs(run: () => void): number {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** The number after `--limit` in the arguments, else `fallback`. */
export function limitArg(args: readonly string[], fallback: number): number {
  const at = args.indexOf("--limit");
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

/** Idle waits for collectGarbage: a shared cell nobody writes, so Atomics.wait just sleeps. */
const idleCell = new Int32Array(new SharedArrayBuffer(4));
/** A helper thread still working if this process burns more than this CPU (µs) while idle for 5 ms. */
const BUSY_US = 500;

/**
 * A full collection that is over when it returns: `gc()` (node --expose-gc), then idle waits of 5 ms
 * until the process burns no CPU. V8 finishes a full collection (sweeping) on helper threads after gc()
 * returns, about 70 ms of CPU on the bench heap, which process.cpuUsage would bill to whatever is timed
 * next. Returns false without --expose-gc.
 * @example collectGarbage(); const c0 = process.cpuUsage(); run(); // run's own CPU only
 */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  for (let k = 0; k < 200; k++) {
    const c0 = process.cpuUsage();
    Atomics.wait(idleCell, 0, 0, 5);
    const c = process.cpuUsage(c0);
    if (c.user + c.system < BUSY_US) break;
  }
  return true;
}
