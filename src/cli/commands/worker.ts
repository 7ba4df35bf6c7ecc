import { readInputs } from "../../ingest/index.ts";
import { articleId } from "../../pipeline.ts";
import { type JobQueue, openJobQueue, runWorker, type WorkerSummary } from "../../queue/index.ts";
import type { RawDocument } from "../../record.ts";
import { isPgUrl, StoreError } from "../../store/index.ts";
import { type CliStore, openStore } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";
import { type IngestCommandOptions, inputOptions } from "./ingest.ts";

/** Documents checked against the store and queued per round of `enqueueCommand`. */
const ENQUEUE_BATCH = 100;
/** Plain progress lines are written at most this often. */
const PROGRESS_EVERY_MS = 2000;
/** Signals that stop a worker after the jobs in hand (Ctrl-C, a service manager's stop). */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
const CONCURRENCY_RE = /^\d{1,3}$/;

/** The `worker` options as commander hands them over. */
export interface WorkerCommandOptions {
  db?: string;
  concurrency?: string;
  once?: boolean;
  quiet?: boolean;
}

function requirePg(db: string | undefined, what: string): string {
  if (!db || !isPgUrl(db)) {
    throw new CliError(
      `${what} needs --db postgres://… (the job queue lives in PostgreSQL), found ${db ? `"${db}"` : "no --db"}`,
    );
  }
  return db;
}

async function openQueue(db: string, supervise: boolean, io: CliIO): Promise<JobQueue> {
  try {
    // pg-boss's own errors (maintenance, a connection lost while idle) are reported, not fatal.
    const onError = (err: Error) => io.stderr(`sitrep: job queue: ${err.message}\n`);
    return await openJobQueue(db, { supervise, onError });
  } catch (err) {
    throw new CliError(`cannot open the job queue at ${redact(db)}: ${(err as Error).message}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

/**
 * Errors of the store or the queue (the server went away, a permission is missing) end the command with
 * one line; a CliError passes as it is.
 */
function stopWith(what: string, err: unknown): never {
  if (err instanceof CliError) throw err;
  if (err instanceof StoreError) throw new CliError(err.message, 1);
  throw new CliError(`${what} stopped: ${(err as Error).message}`, 1);
}

/**
 * `sitrep ingest <inputs…> --db postgres://… --queue`: reads the inputs and queues one job per document
 * for `sitrep worker` instead of analysing here. Documents already stored or already queued are not
 * queued again; inputs that cannot be read and documents over the job size limit are listed as skipped.
 * @example await enqueueCommand(["samples/"], { db: "postgres://localhost/news", queue: true }, io)
 */
export async function enqueueCommand(
  inputs: string[],
  opts: IngestCommandOptions & { queue?: boolean },
  io: CliIO,
): Promise<number> {
  const db = requirePg(opts.db, "ingest --queue");
  const options = inputOptions(opts, io);
  const started = Date.now();
  const store = openStore(db, io);
  let queue: JobQueue | null = null;
  const counts = { read: 0, queued: 0, waiting: 0, known: 0 };
  const skipped: Array<{ uri: string; reason: string }> = [];
  try {
    queue = await openQueue(db, false, io);
    let batch: RawDocument[] = [];
    const flush = async () => {
      const fresh: RawDocument[] = [];
      for (const doc of batch) {
        if (await store.has(articleId(doc.content))) counts.known++;
        else fresh.push(doc);
      }
      const outcomes = await (queue as JobQueue).enqueue(fresh);
      outcomes.forEach((outcome, i) => {
        if (outcome === "queued") counts.queued++;
        else if (outcome === "already-queued") counts.waiting++;
        else skipped.push({ uri: fresh[i].uri, reason: outcome.refused });
      });
      batch = [];
    };
    for await (const item of readInputs(inputs, options)) {
      if ("kind" in item && item.kind === "problem") {
        skipped.push({ uri: item.uri, reason: item.message });
        continue;
      }
      counts.read++;
      batch.push(item as RawDocument);
      if (batch.length >= ENQUEUE_BATCH) await flush();
    }
    await flush();
  } catch (err) {
    stopWith("ingest --queue", err);
  } finally {
    await queue?.stop();
    await store.close();
  }
  const lines = [
    `queued for workers in ${store.path} (${((Date.now() - started) / 1000).toFixed(1)} s):`,
    `  read            ${counts.read}`,
    `  queued          ${counts.queued}`,
    `  already queued  ${counts.waiting}`,
    `  already stored  ${counts.known}`,
    `  skipped         ${skipped.length}`,
    ...skipped.slice(0, 20).map((s) => `    ${s.uri}: ${s.reason}`),
    ...(skipped.length > 20 ? [`    … and ${skipped.length - 20} more`] : []),
    `run \`sitrep worker --db <url>\` (any number of them) to analyse and store the queued documents`,
  ];
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

/** An AbortSignal that fires on SIGINT/SIGTERM or when `until` aborts; `dispose` removes the listeners. */
function stopSignal(until: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const s of STOP_SIGNALS) process.once(s, onSignal);
  if (until?.aborted) controller.abort();
  else until?.addEventListener("abort", onSignal, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
      until?.removeEventListener("abort", onSignal);
    },
  };
}

function renderSummary(s: WorkerSummary, where: string, seconds: number): string {
  const lines = [
    `worker on ${where} (${seconds.toFixed(1)} s):`,
    `  jobs            ${s.jobs}`,
    `  stored          ${s.stored}`,
    `  already stored  ${s.known}`,
    `  near-duplicates ${s.nearDuplicates}`,
    `  failed          ${s.failed.length}`,
    `  to retry        ${s.retried}`,
    ...s.failed.slice(0, 20).map((f) => `    ${f.uri}: ${f.reason}`),
    ...(s.failed.length > 20 ? [`    … and ${s.failed.length - 20} more`] : []),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * `sitrep worker --db postgres://… [--concurrency N] [--once]`: runs the pipeline on queued documents and
 * stores the records, until Ctrl-C (finishing the jobs in hand) or, with --once, until the queue is empty.
 * Run as many as the machines have cores; a killed worker's jobs are handed out again after a few minutes.
 * `until` lets a test stop it without a signal.
 * @example await workerCommand({ db: "postgres://localhost/news", once: true }, io)
 */
export async function workerCommand(
  opts: WorkerCommandOptions,
  io: CliIO,
  until?: AbortSignal,
): Promise<number> {
  const db = requirePg(opts.db, "worker");
  if (
    opts.concurrency !== undefined &&
    !(CONCURRENCY_RE.test(opts.concurrency) && Number(opts.concurrency) >= 1)
  ) {
    throw new CliError(`--concurrency expects a whole number from 1 to 999, found "${opts.concurrency}"`);
  }
  const concurrency = Number(opts.concurrency ?? 1);
  const started = Date.now();
  const store: CliStore = openStore(db, io);
  let queue: JobQueue | null = null;
  const stop = stopSignal(until);
  let summary: WorkerSummary;
  try {
    queue = await openQueue(db, !opts.once, io);
    if (!opts.once && !opts.quiet)
      io.stderr(`sitrep: worker waiting for jobs on ${store.path} (Ctrl-C to stop)\n`);
    let lastLine = Date.now();
    let done = 0;
    summary = await runWorker(store, queue, {
      concurrency,
      once: opts.once,
      signal: stop.signal,
      onJob: (outcome) => {
        done++;
        if (opts.quiet) return;
        if (outcome.status === "failed") {
          io.stderr(
            `worker: ${outcome.willRetry ? "will retry" : "failed"} ${outcome.uri}: ${outcome.reason}\n`,
          );
        }
        if (Date.now() - lastLine >= PROGRESS_EVERY_MS) {
          lastLine = Date.now();
          io.stderr(`worker: ${done} jobs done\n`);
        }
      },
    });
  } catch (err) {
    stopWith("worker", err);
  } finally {
    stop.dispose();
    await queue?.stop();
    await store.close();
  }
  io.stdout(renderSummary(summary, store.path, (Date.now() - started) / 1000));
  return 0;
}
