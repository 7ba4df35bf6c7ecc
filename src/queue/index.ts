/**
 * The queue layer's door: documents waiting for analysis as pg-boss jobs in the store's PostgreSQL
 * database, and the worker loop that analyses and stores them. Any number of worker processes may run;
 * the store's idempotent put keeps every article stored once.
 * @example const queue = await openJobQueue(url); await runWorker(await openPgStore(url), queue, { once: true });
 */
export {
  ANALYZE_QUEUE,
  type AnalyzeJob,
  type EnqueueOutcome,
  type FetchedJob,
  JOB_EXPIRE_SECONDS,
  JobQueue,
  type JobQueueOptions,
  MAX_JOB_BYTES,
  openJobQueue,
  QUEUE_SCHEMA_SUFFIX,
  type QueueCounts,
  RETRY_LIMIT,
} from "./job-queue.ts";
export {
  type JobOutcome,
  jobProblem,
  POLL_MS,
  runWorker,
  TAKE_JOBS,
  type WorkerOptions,
  type WorkerSummary,
} from "./run-worker.ts";
