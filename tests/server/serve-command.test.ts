import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveCommand } from "../../src/cli/commands/serve.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { isLoopback, startServer } from "../../src/server/index.ts";
import { runCli } from "../helpers/cli.ts";
import { type FixtureStore, fixtureStore, getJson } from "./fixtures.ts";

let fx: FixtureStore;

beforeAll(async () => {
  fx = await fixtureStore();
  await fx.store.close(); // the command opens the file itself
});

afterAll(async () => {
  await fx?.store.close();
});

function captureIO(cwd: string) {
  const out = { stdout: "", stderr: "" };
  const io: CliIO = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    isTTY: false,
    cwd,
  };
  return { io, out };
}

/** Waits until the command has printed the address it serves (it prints it once listening). */
async function printedUrl(out: { stdout: string }): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const m = /at (http:\/\/\S+\/) /.exec(out.stdout);
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`serve printed no URL; stdout: ${out.stdout}`);
}

describe("sitrep serve", () => {
  it("binds to 127.0.0.1 by default, prints the URL, serves, and stops cleanly", async () => {
    const { io, out } = captureIO(fx.dir);
    const stop = new AbortController();
    const done = serveCommand({ db: "crisis.db", port: "0" }, io, stop.signal);
    const url = await printedUrl(out);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(out.stderr).not.toContain("warning");
    const stats = await getJson(url, "/api/v1/stats");
    expect(stats.json.articles).toBe(3);
    stop.abort();
    expect(await done).toBe(0);
    expect(out.stdout).toContain("stopped");
    await expect(fetch(`${url}api/v1/stats`)).rejects.toThrow();
  });

  it("the server's own default address is loopback too", async () => {
    const s = await startServer({ store: { stats: async () => ({}) } as never, port: 0 });
    try {
      expect(s.host).toBe("127.0.0.1");
    } finally {
      await s.close();
    }
  });

  it("warns before binding a non-loopback address, and reports a bind failure in one line", async () => {
    const { io, out } = captureIO(fx.dir);
    // 203.0.113.0/24 is reserved for documentation: never this machine's address, so binding fails.
    await expect(serveCommand({ db: "crisis.db", port: "0", host: "203.0.113.7" }, io)).rejects.toThrow(
      /cannot listen on 203\.0\.113\.7:0/,
    );
    expect(out.stderr).toMatch(/warning: listening on 203\.0\.113\.7/);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("localhost")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
  });

  it("is registered in the CLI, refuses a bad port and a missing database", async () => {
    const help = await runCli(["serve", "--help"], { cwd: fx.dir });
    expect(help.stdout).toContain("--port");
    expect(help.stdout).toContain("--host");
    expect(help.stdout).toContain("127.0.0.1");
    const badPort = await runCli(["serve", "--db", "crisis.db", "--port", "80000"], { cwd: fx.dir });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port");
    const missing = await runCli(["serve", "--db", join(fx.dir, "absent.db"), "--port", "0"], {
      cwd: fx.dir,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no database");
  });
});
