import { setTimeout as sleep } from "node:timers/promises";
import { analyzeDocument, articleId } from "../pipeline.ts";
import type { RawDocument } from "../record.ts";
import type { Store } from "../store/index.ts";
import type { FetchedJob, JobQueue } from "./job-queue.ts";

/** How long an idle worker waits before asking the queue again (long-running mode only). */
export const POLL_MS = 1000;
/**
 * Jobs a lane takes per fetch. pg-boss's fetch and complete cost about as much as analysing an article,
 * so taking and completing eight at a time roughly halves a job's overhead; a killed worker leaves at most
 * this many jobs per lane to expire and be retried.
 */
export const TAKE_JOBS = 8;
const CONTENT_TYPES = new Set(["text", "html"]);

/** Options of `runWorker`. */
export interface WorkerOptions {
  /**
   * Jobs in hand at once (default 1). The pipeline is synchronous, so this overlaps database round trips
   * with analysis; for more CPU, run more worker processes.
   */
  concurrency?: number;
  /** Drain the queue and return (for cron and tests) instead of waiting for more jobs. */
  once?: boolean;
  /** Stops taking jobs; those in hand are finished. */
  signal?: AbortSignal;
  pollMs?: number;
  /** Called after each job with its outcome, for progress lines. */
  onJob?: (outcome: JobOutcome) => void;
}

/** What became of one job. */
export type JobOutcome =
  | { status: "stored"; uri: string; id: string; nearDuplicateOf: string | null }
  | { status: "known"; uri: string; id: string }
  /** Failed for good (bad document) or for now (`willRetry`: the store failed; the queue retries). */
  | { status: "failed"; uri: string; reason: string; willRetry: boolean };

/** Totals of one `runWorker` run. */
export interface WorkerSummary {
  jobs: number;
  stored: number;
  known: number;
  nearDuplicates: number;
  failed: Array<{ uri: string; reason: string }>;
  /** Jobs handed back for a retry (the store failed while they ran). */
  retried: number;
}

/**
 * Why a job's payload is not a document this worker can analyse, or null when it is one. Payloads come
 * from the database, so they are checked rather than trusted (another version of sitrep, a hand-made job).
 */
export function jobProblem(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return "job payload is not an object";
  const doc = (data as { doc?: unknown }).doc as Partial<RawDocument> | undefined;
  if (typeof doc !== "object" || doc === null) return "job payload has no document (expected { id, doc })";
  if (typeof doc.uri !== "string") return "job document has no uri";
  if (typeof doc.content !== "string") return `job document ${doc.uri} has no text content`;
  if (typeof doc.format !== "string") return `job document ${doc.uri} has no format`;
  if (!CONTENT_TYPES.has(doc.contentType as string))
    return `job document ${doc.uri}: contentType expected "text" or "html", found ${JSON.stringify(doc.contentType)}`;
  if (typeof doc.meta !== "object" || doc.meta === null) return `job document ${doc.uri} has no meta object`;
  if (!Array.isArray(doc.messages)) return `job document ${doc.uri} has no messages list`;
  return null;
}

function uriOf(data: unknown): string {
  const uri = (data as { doc?: { uri?: unknown } } | null)?.doc?.uri;
  return typeof uri === "string" ? uri : "(unknown document)";
}

/**
 * Takes documents from the queue, runs the pipeline on each and puts the record in the store, until the
 * queue is empty (`once`) or `signal` aborts. A document already stored is not analysed again (a retried
 * job of a worker killed after its put ends as "known"). A bad document or a pipeline exception fails its
 * job for good, with the reason, and the worker goes on; a store failure fails the job for a retry.
 * Errors of the queue itself (the database is gone) end the run: a service manager restarts the worker.
 * @example const summary = await runWorker(store, queue, { once: true, concurrency: 2 });
 */
export async function runWorker(
  store: Store,
  queue: JobQueue,
  options: WorkerOptions = {},
): Promise<WorkerSummary> {
  const summary: WorkerSummary = { jobs: 0, stored: 0, known: 0, nearDuplicates: 0, failed: [], retried: 0 };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pollMs = options.pollMs ?? POLL_MS;
  const signal = options.signal;
  const report = (outcome: JobOutcome) => {
    summary.jobs++;
    if (outcome.status === "stored") {
      summary.stored++;
      if (outcome.nearDuplicateOf) summary.nearDuplicates++;
    } else if (outcome.status === "known") summary.known++;
    else if (outcome.willRetry) summary.retried++;
    else summary.failed.push({ uri: outcome.uri, reason: outcome.reason });
    options.onJob?.(outcome);
  };

  /** Runs one job; `done` collects the ids of jobs to mark completed once the batch is through. */
  const handle = async (job: FetchedJob, done: string[]): Promise<JobOutcome> => {
    const uri = uriOf(job.data);
    const problem = jobProblem(job.data);
    if (problem) {
      await queue.failForGood(job.jobId, problem);
      return { status: "failed", uri, reason: problem, willRetry: false };
    }
    const doc = (job.data as { doc: RawDocument }).doc;
    // Recomputed, not read from the payload: the id must follow the text whatever wrote the job.
    const id = articleId(doc.content);
    try {
      if (await store.has(id)) {
        done.push(job.jobId);
        return { status: "known", uri, id };
      }
    } catch (err) {
      return retryLater(job, uri, err);
    }
    let record: ReturnType<typeof analyzeDocument>;
    try {
      record = analyzeDocument(doc, { id });
    } catch (err) {
      // A stage that throws is a bug, but one document must not stop the queue: fail it with the reason.
      const reason = `analysis failed: ${(err as Error).message}`;
      await queue.failForGood(job.jobId, reason);
      return { status: "failed", uri, reason, willRetry: false };
    }
    let outcome: Awaited<ReturnType<Store["put"]>>;
    try {
      outcome = await store.put(record);
    } catch (err) {
      return retryLater(job, uri, err);
    }
    done.push(job.jobId);
    if (outcome.status === "known") return { status: "known", uri, id };
    return { status: "stored", uri, id, nearDuplicateOf: outcome.nearDuplicateOf };
  };

  const retryLater = async (job: FetchedJob, uri: string, err: unknown): Promise<JobOutcome> => {
    const reason = `store failed: ${(err as Error).message}`;
    await queue.fail(job.jobId, reason);
    return { status: "failed", uri, reason, willRetry: true };
  };

  const lane = async (): Promise<void> => {
    while (!signal?.aborted) {
      const jobs = await queue.take(TAKE_JOBS);
      if (jobs.length === 0) {
        if (options.once) return;
        try {
          await sleep(pollMs, undefined, { signal });
        } catch {
          return; // aborted while idle
        }
        continue;
      }
      const done: string[] = [];
      try {
        for (const job of jobs) report(await handle(job, done));
      } finally {
        // Even when the queue failed mid-batch, the jobs already stored are marked done if it can be.
        await queue.complete(done);
      }
    }
  };

  // Jobs of workers that died are handed back first, so a drain also finishes what they left.
  await queue.expire();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return summary;
}
