import { afterAll, describe, expect, it } from "vitest";
import { analyzeDocument } from "../../src/pipeline.ts";
import { openJobQueue, runWorker } from "../../src/queue/index.ts";
import { textDocument } from "../../src/record.ts";
import { openPgStore } from "../../src/store/index.ts";
import { dropPgSchemas, freshPgUrl, PG_URL, pgSuiteName } from "./pg-url.ts";

afterAll(dropPgSchemas);

/** Short wire reports written for these tests; each distinct enough not to be a near-duplicate. */
const REPORTS = [
  "Talks on the grain corridor resume in Istanbul\n\nNegotiators from the two governments returned to Istanbul on Wednesday to discuss extending the corridor for grain ships leaving the southern ports, a mediator said.\n\nThe previous arrangement expires at the end of the month, and insurers have warned that premiums will rise sharply without a renewal.",
  "Power restored in eastern districts after overnight strikes\n\nEngineers restored electricity to most eastern districts of the city by Thursday morning after a night of drone strikes on two substations, the regional governor said.\n\nSchools in the affected districts will stay closed until Monday, the education department announced.",
  "Alliance ministers agree to expand air policing\n\nDefence ministers of the alliance agreed on Friday to add four fighter jets to the air policing mission over the Baltic states, according to a statement released after the meeting.\n\nThe statement called on Moscow to pull back troops from the border region and to return to arms control talks.",
];

const docs = () => REPORTS.map((text, i) => textDocument(`file:///reports/${i}.txt`, text));

describe.skipIf(!PG_URL)(pgSuiteName("queue and workers"), () => {
  it("opens the queue from several processes' worth of connections at once on a fresh schema", async () => {
    // pg-boss creates its schema on first start; starts racing for it may deadlock and are retried.
    const url = freshPgUrl("race");
    const queues = await Promise.all([1, 2, 3, 4].map(() => openJobQueue(url)));
    try {
      expect(await queues[0].enqueue(docs().slice(0, 1))).toEqual(["queued"]);
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
    }
  });

  it("queues documents once and a worker drains them into the store", async () => {
    const url = freshPgUrl("drain");
    const queue = await openJobQueue(url);
    const store = await openPgStore(url);
    try {
      expect(await queue.enqueue([...docs(), docs()[0]])).toEqual([
        "queued",
        "queued",
        "queued",
        "already-queued",
      ]);
      expect(await queue.enqueue(docs().slice(1))).toEqual(["already-queued", "already-queued"]);
      expect((await queue.counts()).created).toBe(3);
      const summary = await runWorker(store, queue, { once: true, concurrency: 2 });
      expect(summary).toMatchObject({ jobs: 3, stored: 3, known: 0, failed: [], retried: 0 });
      expect(await queue.counts()).toMatchObject({ created: 0, active: 0, completed: 3, failed: 0 });
      expect((await store.stats()).articles).toBe(3);
      const hits = await store.search("grain corridor");
      expect(hits[0].snippet).toContain("[grain]");
    } finally {
      await queue.stop();
      await store.close();
    }
  });

  it("fails a bad document for good with its reason and goes on with the batch", async () => {
    const url = freshPgUrl("bad");
    const queue = await openJobQueue(url);
    const store = await openPgStore(url);
    try {
      const broken = { ...docs()[1], uri: "file:///reports/broken.bin", contentType: "pdf" } as never;
      await queue.enqueue([docs()[0], broken, docs()[2]]);
      const summary = await runWorker(store, queue, { once: true });
      expect(summary.stored).toBe(2);
      expect(summary.failed).toEqual([
        {
          uri: "file:///reports/broken.bin",
          reason: expect.stringMatching(/contentType expected "text" or "html", found "pdf"/),
        },
      ]);
      expect(await queue.counts()).toMatchObject({ completed: 2, failed: 1, retry: 0 });
      const [failure] = await queue.failures();
      expect(failure).toEqual({
        uri: "file:///reports/broken.bin",
        reason: expect.stringContaining("contentType"),
      });
    } finally {
      await queue.stop();
      await store.close();
    }
  });

  it("retries the jobs of a killed worker, and an article it had already stored is stored once", async () => {
    const url = freshPgUrl("crash");
    const queue = await openJobQueue(url, { expireInSeconds: 1 });
    const store = await openPgStore(url);
    try {
      await queue.enqueue(docs().slice(0, 2));
      // A worker takes both jobs and is killed: one before storing anything, one after its put but
      // before it could mark the job done.
      const first = await queue.next();
      const second = await queue.next();
      expect(first && second).toBeTruthy();
      const stored = second?.data as { doc: Parameters<typeof analyzeDocument>[0] };
      await store.put(analyzeDocument(stored.doc));
      expect(await queue.next()).toBeNull();
      await new Promise((r) => setTimeout(r, 1500));
      const summary = await runWorker(store, queue, { once: true });
      expect(summary).toMatchObject({ jobs: 2, stored: 1, known: 1, failed: [] });
      expect((await store.stats()).articles).toBe(2);
      expect(await queue.counts()).toMatchObject({ completed: 2, active: 0, failed: 0 });
    } finally {
      await queue.stop();
      await store.close();
    }
  });

  it("shares one queue between workers in several processes' worth of connections", async () => {
    const url = freshPgUrl("many");
    const setup = await openJobQueue(url);
    const more = REPORTS.flatMap((text, i) =>
      [1, 2, 3].map((k) =>
        textDocument(`file:///reports/${i}-${k}.txt`, `${text}\n\nUpdate ${k}: edition ${k * 7}.`),
      ),
    );
    await setup.enqueue([...docs(), ...more]);
    await setup.stop();
    const workers = await Promise.all(
      [1, 2, 3].map(async () => ({ queue: await openJobQueue(url), store: await openPgStore(url) })),
    );
    try {
      const summaries = await Promise.all(
        workers.map((w) => runWorker(w.store, w.queue, { once: true, concurrency: 2 })),
      );
      const total = summaries.reduce((n, s) => n + s.jobs, 0);
      expect(total).toBe(12);
      expect(summaries.reduce((n, s) => n + s.stored, 0)).toBe(12);
      const stats = await workers[0].store.stats();
      expect(stats.articles).toBe(12);
      // The updates repeat a report with one line added: linked to it as near-duplicates.
      expect(stats.nearDuplicates).toBeGreaterThanOrEqual(6);
    } finally {
      await Promise.all(workers.map(async (w) => Promise.all([w.queue.stop(), w.store.close()])));
    }
  });

  it("refuses a document too large for a job and says how to ingest it", async () => {
    const url = freshPgUrl("big");
    const queue = await openJobQueue(url);
    try {
      const huge = textDocument("file:///dump.txt", "word ".repeat(900_000));
      const [refused] = await queue.enqueue([huge]);
      expect(refused).toEqual({
        refused: expect.stringMatching(
          /too large for a job \(4\.5 MB, limit 4 MB\); ingest it without --queue/,
        ),
      });
      expect((await queue.counts()).created).toBe(0);
    } finally {
      await queue.stop();
    }
  });
});
