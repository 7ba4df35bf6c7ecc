import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openJobQueue, runWorker } from "../../src/queue/index.ts";
import { textDocument } from "../../src/record.ts";
import { openPgStore } from "../../src/store/index.ts";
import { REPO_ROOT } from "../../src/version.ts";
import { dropPgSchemas, freshPgUrl, PG_URL, pgSuiteName } from "./pg-url.ts";

afterAll(dropPgSchemas);

const N = 300;
const PLACES = ["the river port", "the northern airfield", "the border crossing", "the rail junction"];

/** Short dispatches written for this test, each different in its numbers and place. */
function dispatch(i: number) {
  const place = PLACES[i % PLACES.length];
  return textDocument(
    `file:///dispatches/${i}.txt`,
    `Dispatch ${i} from ${place}\n\nInspectors visited ${place} on day ${i % 30} and counted ${i * 3} vehicles, according to report ${i * 11}.\n\nA second visit to ${place} is planned for week ${i % 52}, the mission said in note ${i * 17}.`,
  );
}

describe.skipIf(!PG_URL)(pgSuiteName("worker killed mid-run"), () => {
  it("hands a killed worker's jobs to the next worker and stores every article exactly once", async () => {
    const url = freshPgUrl("kill");
    // Jobs presumed dead one second after their worker took them, so the test need not wait minutes.
    const queue = await openJobQueue(url, { expireInSeconds: 1 });
    const store = await openPgStore(url);
    try {
      await queue.enqueue(Array.from({ length: N }, (_, i) => dispatch(i)));
      const child = spawn(process.execPath, [join(REPO_ROOT, "bin/sitrep.js"), "worker", "--db", url, "-q"], {
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      let killedAt = -1;
      for (let i = 0; i < 600 && killedAt < 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const stored = (await store.stats()).articles;
        // Kill while the worker holds jobs it has not completed (it takes them eight at a time).
        if (stored >= 20 && (await queue.counts()).active > 0) {
          child.kill("SIGKILL");
          killedAt = stored;
        }
      }
      await exited;
      const afterKill = (await store.stats()).articles;
      // The kill must land mid-run, for this test to mean anything: the loop kills only while the worker
      // holds taken jobs (what happens to them in the milliseconds before the kill lands is a race, so it
      // is not asserted; the end state below is).
      expect(killedAt).toBeGreaterThan(0);
      expect(afterKill).toBeLessThan(N);
      await new Promise((r) => setTimeout(r, 1500));
      const summary = await runWorker(store, queue, { once: true, concurrency: 2 });
      expect(summary.failed).toEqual([]);
      expect((await store.stats()).articles).toBe(N);
      expect(await queue.counts()).toMatchObject({
        completed: N,
        active: 0,
        created: 0,
        retry: 0,
        failed: 0,
      });
      // The second worker stores exactly what the first had not; jobs the first had stored but not yet
      // marked done come back to it as already stored.
      expect(summary.stored).toBe(N - afterKill);
      expect(summary.jobs).toBe(summary.stored + summary.known);
    } finally {
      await queue.stop();
      await store.close();
    }
  });
});
