import PgBoss from "pg-boss";
import { articleId } from "../pipeline.ts";
import type { RawDocument } from "../record.ts";
import { parsePgUrl } from "../store/index.ts";

/** The pg-boss queue that holds documents waiting for analysis. */
export const ANALYZE_QUEUE = "sitrep-analyze";
/**
 * Largest job payload (the document as JSON), 4 MB: a news article is a few kB, a big HTML page a few
 * hundred; anything larger is almost always a dump that belongs in a file ingest, and pg-boss reads
 * payloads whole on every fetch. A larger document is refused at enqueue time with this number.
 */
export const MAX_JOB_BYTES = 4_000_000;
/** Jobs inserted per round trip, and bytes per round trip (pg-boss sends a batch as one JSON parameter). */
const INSERT_BATCH_JOBS = 200;
const INSERT_BATCH_BYTES = 16_000_000;
/**
 * A job active for longer than this is presumed dead (its worker was killed) and is handed out again.
 * One article takes milliseconds; five minutes leaves room for a slow machine without delaying recovery long.
 */
export const JOB_EXPIRE_SECONDS = 300;
/** Retries after a failure that may pass (the store was unreachable, the worker died). */
export const RETRY_LIMIT = 2;
/** The database schema of a store's queue: the store's schema with this suffix ("sitrep_queue"). */
export const QUEUE_SCHEMA_SUFFIX = "_queue";

/** What a job carries: the document and the article id it will get. */
export interface AnalyzeJob {
  id: string;
  doc: RawDocument;
}

/** What `enqueue` did with one document. */
export type EnqueueOutcome = "queued" | "already-queued" | { refused: string };

/** A fetched job: its queue id and its payload as stored (checked by the worker, not trusted). */
export interface FetchedJob {
  jobId: string;
  data: unknown;
}

/** Counts of the queue's jobs by state (pg-boss states). */
export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** Options of `openJobQueue`. */
export interface JobQueueOptions {
  /**
   * Run pg-boss's maintenance timer in this process (expiring jobs of dead workers, archiving). Long-running
   * workers do; one-shot commands call `expire()` themselves.
   */
  supervise?: boolean;
  /** Connections pg-boss may hold (default 4). */
  poolSize?: number;
  /** Seconds before an active job is presumed dead (default JOB_EXPIRE_SECONDS; tests use 1). */
  expireInSeconds?: number;
  /** Where pg-boss's own errors go (a lost connection while idle, a failed maintenance run). */
  onError?: (err: Error) => void;
}

/** The UUID a document's job gets: derived from the article id, so a document is queued once at a time. */
function jobIdOf(articleIdValue: string): string {
  const hex = articleIdValue
    .replace(/^sha256:/, "")
    .slice(0, 32)
    .padEnd(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Documents waiting for analysis, on pg-boss in the store's database (schema "<store schema>_queue").
 * A document is one job, keyed by its article id: queuing it again while its job is still kept changes
 * nothing. Jobs of a killed worker come back after `expireInSeconds`; a job failed by the worker for a
 * reason that may pass is retried RETRY_LIMIT times; a bad document fails at once, with its reason.
 * @example const q = await openJobQueue(url); await q.enqueue([doc]); await q.stop();
 */
export class JobQueue {
  readonly schema: string;
  private readonly boss: PgBoss;
  private readonly expireInSeconds: number;

  constructor(url: string, options: JobQueueOptions = {}) {
    const at = parsePgUrl(url);
    this.schema = `${at.schema}${QUEUE_SCHEMA_SUFFIX}`;
    this.expireInSeconds = options.expireInSeconds ?? JOB_EXPIRE_SECONDS;
    this.boss = new PgBoss({
      connectionString: at.url,
      schema: this.schema,
      max: options.poolSize ?? 4,
      supervise: options.supervise ?? false,
      schedule: false,
      migrate: true,
    });
    // pg-boss is an EventEmitter: an 'error' without a listener would crash the process.
    this.boss.on("error", options.onError ?? (() => {}));
  }

  /** Connects, installs pg-boss's schema when absent, and creates the queue. */
  async start(): Promise<this> {
    await this.boss.start();
    if (!(await this.boss.getQueue(ANALYZE_QUEUE))) {
      try {
        await this.boss.createQueue(ANALYZE_QUEUE, {
          name: ANALYZE_QUEUE,
          retryLimit: RETRY_LIMIT,
          retryDelay: 0,
          expireInSeconds: this.expireInSeconds,
        });
      } catch (err) {
        // Another process created it between the check and here: fine.
        if (!(await this.boss.getQueue(ANALYZE_QUEUE))) throw err;
      }
    }
    return this;
  }

  /**
   * Queues documents, one job each, in a few round trips. Per document: "queued", "already-queued" (its
   * job is still kept: waiting, running, done or failed in the last hours; nothing changes), or refused with
   * the reason (larger than MAX_JOB_BYTES).
   */
  async enqueue(docs: RawDocument[]): Promise<EnqueueOutcome[]> {
    const out: EnqueueOutcome[] = [];
    const seen = new Set<string>();
    let batch: Array<{
      at: number;
      job: { id: string; name: string; data: AnalyzeJob; expireInSeconds: number };
    }> = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      // pg-boss inserts with ON CONFLICT DO NOTHING and does not say which were new: ask first.
      const { rows } = await this.boss
        .getDb()
        .executeSql(
          `SELECT id::text AS id FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
          [ANALYZE_QUEUE, batch.map((b) => b.job.id)],
        );
      const kept = new Set((rows as Array<{ id: string }>).map((r) => r.id));
      const fresh = batch.filter((b) => !kept.has(b.job.id));
      for (const b of batch) out[b.at] = kept.has(b.job.id) ? "already-queued" : "queued";
      if (fresh.length) await this.boss.insert(fresh.map((b) => b.job));
      batch = [];
      bytes = 0;
    };
    for (const doc of docs) {
      const at = out.length;
      const id = articleId(doc.content);
      const jobId = jobIdOf(id);
      const data: AnalyzeJob = { id, doc };
      const size = Buffer.byteLength(JSON.stringify(data));
      if (size > MAX_JOB_BYTES) {
        out.push({
          refused: `too large for a job (${(size / 1e6).toFixed(1)} MB, limit ${MAX_JOB_BYTES / 1e6} MB); ingest it without --queue`,
        });
        continue;
      }
      if (seen.has(jobId)) {
        out.push("already-queued");
        continue;
      }
      seen.add(jobId);
      out.push("queued");
      if (batch.length >= INSERT_BATCH_JOBS || bytes + size > INSERT_BATCH_BYTES) await flush();
      batch.push({
        at,
        job: { id: jobId, name: ANALYZE_QUEUE, data, expireInSeconds: this.expireInSeconds },
      });
      bytes += size;
    }
    await flush();
    return out;
  }

  /**
   * Up to `count` jobs waiting, marked active for this caller (none when the queue is empty). A fetch costs
   * a few milliseconds whatever its size, so workers take jobs in small batches.
   */
  async take(count: number): Promise<FetchedJob[]> {
    const jobs = await this.boss.fetch<unknown>(ANALYZE_QUEUE, { batchSize: Math.max(1, count) });
    return jobs.map((job) => ({ jobId: job.id, data: job.data }));
  }

  /** The next job waiting, marked active for this caller, or null when none is due. */
  async next(): Promise<FetchedJob | null> {
    return (await this.take(1))[0] ?? null;
  }

  /** Marks jobs done, in one round trip. */
  async complete(jobIds: string[]): Promise<void> {
    if (jobIds.length) await this.boss.complete(ANALYZE_QUEUE, jobIds);
  }

  /** Fails a job for a reason that may pass: it is retried while retries remain. */
  async fail(jobId: string, reason: string): Promise<void> {
    await this.boss.fail(ANALYZE_QUEUE, jobId, { reason });
  }

  /**
   * Fails a job for good: a bad document fails the same way every time, so its retries are spent first.
   * Writes pg-boss's job table directly (retry_limit = retry_count); checked against the pinned pg-boss 10.
   */
  async failForGood(jobId: string, reason: string): Promise<void> {
    await this.boss
      .getDb()
      .executeSql(`UPDATE ${this.schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [
        ANALYZE_QUEUE,
        jobId,
      ]);
    await this.boss.fail(ANALYZE_QUEUE, jobId, { reason });
  }

  /** Hands the jobs of dead workers (active past their expiry) back to the queue, or fails them when spent. */
  async expire(): Promise<void> {
    await this.boss.expire();
  }

  /** How many jobs are in each state (archived jobs not counted). */
  async counts(): Promise<QueueCounts> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT state, COUNT(*)::int AS n FROM ${this.schema}.job WHERE name = $1 GROUP BY state`, [
        ANALYZE_QUEUE,
      ]);
    const counts: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const r of rows as Array<{ state: keyof QueueCounts; n: number }>) counts[r.state] = r.n;
    return counts;
  }

  /** The failed jobs with their reasons, newest first (for reports and tests). */
  async failures(limit = 100): Promise<Array<{ uri: string; reason: string }>> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT data->'doc'->>'uri' AS uri, COALESCE(output->>'reason', output->>'message', output::text) AS reason
         FROM ${this.schema}.job WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC LIMIT $2`,
      [ANALYZE_QUEUE, limit],
    );
    return rows as Array<{ uri: string; reason: string }>;
  }

  /** Stops pg-boss and closes its connections (jobs in hand are left to expire and be retried). */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }
}

/**
 * Opens the job queue of the store at `url` (postgres://…?schema=name): pg-boss in schema "<name>_queue".
 * @example const queue = await openJobQueue("postgres://localhost/news"); await queue.enqueue(docs);
 */
export async function openJobQueue(url: string, options: JobQueueOptions = {}): Promise<JobQueue> {
  for (let attempt = 1; ; attempt++) {
    const queue = new JobQueue(url, options);
    try {
      return await queue.start();
    } catch (err) {
      await queue.stop().catch(() => {});
      if (attempt >= START_ATTEMPTS || !isStartRace(err)) throw err;
      // Let the other process finish creating the schema, then look again.
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
    }
  }
}

/** Tries at opening the queue when another process is creating its schema at the same moment. */
const START_ATTEMPTS = 5;
/**
 * PostgreSQL errors of two processes creating pg-boss's schema at once (it does so on first start):
 * deadlock, serialization failure, a duplicate key, or a schema, table or type that already exists.
 */
const RACE_CODES = new Set(["40P01", "40001", "23505", "42P06", "42P07", "42710"]);

function isStartRace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") return RACE_CODES.has(code);
  return /deadlock detected|could not serialize|duplicate key value|already exists/.test(String(err));
}
