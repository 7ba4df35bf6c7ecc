import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/version.ts";

describe("output into a pipe that closes early", () => {
  it("stops quietly with exit code 0, as `sitrep analyze … | head -1` needs", async () => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "bin", "sitrep.js"), "analyze", join(REPO_ROOT, "samples"), "--format", "jsonl"],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    // Read the first chunk, then close our end, like `head -1` does.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  }, 60_000);
});
