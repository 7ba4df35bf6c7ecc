/**
 * The corpus every bench script reads: the ru-ua-conflict articles in ../shared (6,254 real articles).
 * One place for its path and the plain message when the shared folder is missing.
 */
import { join } from "node:path";
import { defaultSharedDir, readJsonl, requirePath } from "../src/eval/shared-data.ts";

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
