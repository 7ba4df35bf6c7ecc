import { existsSync } from "node:fs";
import { join } from "node:path";
import { SUITES } from "../../eval/index.ts";
import { defaultSharedDir, MissingDataError } from "../../eval/shared-data.ts";
import type { EvalRow } from "../../eval/types.ts";
import { CliError, type CliIO } from "../io.ts";

export interface EvalCommandOptions {
  data?: string;
  shared?: string;
  split?: string;
  limit?: string;
  verbose?: boolean;
  json?: boolean;
}

/** `sitrep eval [suite…]`: runs scorers against ../shared and prints one table. */
export async function evalCommand(names: string[], opts: EvalCommandOptions, io: CliIO): Promise<number> {
  const split = opts.split === "test" ? "test" : "dev";
  if (opts.split && opts.split !== "dev" && opts.split !== "test") {
    throw new CliError(`eval: --split must be dev or test, found "${opts.split}"`);
  }
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length) {
    throw new CliError(
      `eval: unknown suite ${unknown.join(", ")}; known: ${SUITES.map((s) => s.name).join(", ")}`,
    );
  }
  const chosen = names.length ? SUITES.filter((s) => names.includes(s.name)) : SUITES;
  const sharedDir = opts.shared ?? defaultSharedDir();
  if (!existsSync(sharedDir)) {
    io.stderr(`eval: the shared data folder is missing (looked for ${sharedDir}); nothing to score.\n`);
    io.stderr("eval: put the shared/ folder beside the repository or pass --shared DIR.\n");
    return 1;
  }
  const rows: EvalRow[] = [];
  for (const suite of chosen) {
    const missing = suite.needs.map((p) => join(sharedDir, p)).filter((p) => !existsSync(p));
    if (missing.length && !opts.data) {
      rows.push({ suite: suite.name, metric: "skipped", value: `missing ${missing.join(", ")}` });
      continue;
    }
    const started = Date.now();
    try {
      const got = await suite.run({
        sharedDir,
        dataDir: opts.data,
        split,
        limit: opts.limit ? Number(opts.limit) : undefined,
        verbose: opts.verbose ? (line) => io.stderr(`${line}\n`) : undefined,
      });
      rows.push(...got);
      rows.push({ suite: suite.name, metric: "seconds", value: ((Date.now() - started) / 1000).toFixed(1) });
    } catch (err) {
      const msg = err instanceof MissingDataError ? err.message : `failed: ${(err as Error).stack ?? err}`;
      rows.push({ suite: suite.name, metric: "error", value: msg });
    }
  }
  if (opts.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else io.stdout(renderTable(rows));
  return 0;
}

function renderTable(rows: EvalRow[]): string {
  const cells = rows.map((r) => [
    r.suite,
    r.metric,
    typeof r.value === "number" ? r.value.toFixed(3) : String(r.value),
    r.target ?? "",
    r.pass === undefined ? "" : r.pass ? "ok" : "MISS",
    r.note ?? "",
  ]);
  const header = ["suite", "metric", "value", "target", "", "note"];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) =>
    `${c
      .map((x, i) => x.padEnd(widths[i]))
      .join("  ")
      .trimEnd()}\n`;
  return line(header) + line(widths.map((w) => "-".repeat(w))) + cells.map(line).join("");
}
