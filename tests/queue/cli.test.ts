import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerCommand } from "../../src/cli/commands/worker.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { openPgStore } from "../../src/store/index.ts";
import { runCli } from "../helpers/cli.ts";
import { dropPgSchemas, freshPgUrl, PG_URL, pgSuiteName } from "./pg-url.ts";

afterAll(dropPgSchemas);

/** A folder of three short articles written for this test, and one file that is not an article. */
function inputs(): string {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-queue-"));
  writeFileSync(
    join(dir, "a.txt"),
    "Ferry service to the islands suspended\n\nThe port authority suspended the ferry service to the northern islands on Sunday after storm warnings, and said sailings would resume once the wind dropped below gale force.",
  );
  writeFileSync(
    join(dir, "b.txt"),
    "Prosecutors open inquiry into pipeline blast\n\nProsecutors opened an inquiry on Monday into the explosion that damaged the gas pipeline near the coast, a spokesman for the prosecutor's office said, adding that sabotage had not been ruled out.",
  );
  writeFileSync(
    join(dir, "c.txt"),
    "Central bank holds rates\n\nThe central bank kept its main interest rate unchanged on Tuesday, citing slowing inflation and uncertainty over energy prices through the winter.",
  );
  writeFileSync(join(dir, "d.bin"), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  return dir;
}

describe("sitrep worker and ingest --queue without PostgreSQL", () => {
  it("say plainly that they need a postgres:// --db", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sitrep-queue-"));
    const w = await runCli(["worker", "--db", "news.db", "--once"], { cwd });
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/worker needs --db postgres:\/\/… .*found "news.db"/);
    const q = await runCli(["ingest", cwd, "--queue"], { cwd });
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/ingest --queue needs --db postgres:\/\//);
    const c = await runCli(["worker", "--db", "postgres://x/y", "--concurrency", "0"], { cwd });
    expect(c.stderr).toMatch(/--concurrency expects a whole number/);
  });
});

describe.skipIf(!PG_URL)(pgSuiteName("sitrep CLI on PostgreSQL"), () => {
  it("queues inputs, drains them with a worker, and the reading commands answer from PostgreSQL", async () => {
    const dir = inputs();
    const db = freshPgUrl("cli");
    const q = await runCli(["ingest", dir, "--db", db, "--queue"], { cwd: dir });
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/queued {10}3/);
    expect(q.stdout).toMatch(/skipped {9}1/);
    const w = await runCli(["worker", "--db", db, "--once", "--concurrency", "2"], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/stored {10}3/);
    expect(w.stdout).toMatch(/failed {10}0/);
    const again = await runCli(["ingest", dir, "--db", db, "--queue"], { cwd: dir });
    expect(again.stdout).toMatch(/already stored {2}3/);
    const s = await runCli(["search", "pipeline explosion", "--db", db, "--json"], { cwd: dir });
    expect(s.code).toBe(0);
    const hits = JSON.parse(s.stdout) as Array<{ title: string; snippet: string }>;
    expect(hits.map((h) => h.title)).toContain("Prosecutors open inquiry into pipeline blast");
    const e = await runCli(["export", "--db", db], { cwd: dir });
    expect(e.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("a long-running worker takes jobs as they come and stops cleanly when asked", async () => {
    const dir = inputs();
    const db = freshPgUrl("serve");
    let stdout = "";
    let stderr = "";
    const io: CliIO = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTTY: false,
      cwd: dir,
    };
    const stop = new AbortController();
    const running = workerCommand({ db, concurrency: "2" }, io, stop.signal);
    const queued = await runCli(["ingest", dir, "--db", db, "--queue"], { cwd: dir });
    expect(queued.stdout).toMatch(/queued {10}3/);
    const store = await openPgStore(db);
    try {
      for (let i = 0; i < 100 && (await store.stats()).articles < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await store.stats()).articles).toBe(3);
    } finally {
      await store.close();
    }
    stop.abort();
    expect(await running).toBe(0);
    expect(stderr).toContain("worker waiting for jobs");
    expect(stdout).toMatch(/stored {10}3/);
  });

  it("ingests straight into PostgreSQL without a queue, idempotently", async () => {
    const dir = inputs();
    const db = freshPgUrl("direct");
    const first = await runCli(["ingest", dir, "--db", db, "-q"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/stored {10}3/);
    const second = await runCli(["ingest", dir, "--db", db, "-q"], { cwd: dir });
    expect(second.stdout).toMatch(/already known {3}3/);
  });

  it("reading a store that is not there says so in one line", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sitrep-queue-"));
    const r = await runCli(["search", "anything", "--db", freshPgUrl("missing")], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sitrep: no sitrep store at postgresql:\/\/.*; run `sitrep ingest` first/);
  });
});
