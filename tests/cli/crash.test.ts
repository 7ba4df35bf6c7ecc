import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/version.ts";

const N = 1500;
const TOPICS = [
  "grain exports",
  "prisoner exchanges",
  "border patrols",
  "gas transit",
  "air defence",
  "river crossings",
];

function article(i: number): string {
  const topic = TOPICS[i % TOPICS.length];
  return `Report number ${i} on ${topic}\n\nOfficials in district ${i} met on day ${i % 28} to discuss ${topic} and the schedule for item ${i * 7}.\n\nA further meeting on ${topic} is planned, a statement numbered ${i * 13} said.\n`;
}

function count(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare("SELECT COUNT(*) AS n FROM articles").get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

function runIngest(cwd: string, killWhenStored?: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "bin/sitrep.js"), "ingest", "in", "--db", "k.db", "-q"],
      {
        cwd,
        stdio: "ignore",
      },
    );
    let killed = false;
    const timer: ReturnType<typeof setInterval> | undefined = killWhenStored
      ? setInterval(() => {
          if (count(join(cwd, "k.db")) >= killWhenStored) {
            killed = child.kill("SIGKILL");
            clearInterval(timer);
          }
        }, 10)
      : undefined;
    child.on("error", reject);
    child.on("exit", () => {
      if (timer) clearInterval(timer);
      resolve({ killed });
    });
  });
}

describe("ingest killed mid-batch", () => {
  it("stores every article exactly once when run again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-kill-"));
    mkdirSync(join(dir, "in"));
    for (let i = 0; i < N; i++)
      writeFileSync(join(dir, "in", `a${String(i).padStart(5, "0")}.txt`), article(i));
    const first = await runIngest(dir, 100);
    const afterKill = count(join(dir, "k.db"));
    // The kill must land mid-batch for this test to mean anything.
    expect(first.killed).toBe(true);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N);
    await runIngest(dir);
    const d = new Database(join(dir, "k.db"), { readonly: true });
    const { n, uniq } = d.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS uniq FROM articles").get() as {
      n: number;
      uniq: number;
    };
    d.close();
    expect(n).toBe(N);
    expect(uniq).toBe(N);
  }, 120_000);
});
