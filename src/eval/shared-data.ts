import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { REPO_ROOT } from "../version.ts";

/** Default place of the shared data: ../shared beside the repository, or $SITREP_SHARED. */
export function defaultSharedDir(): string {
  return process.env.SITREP_SHARED ?? resolve(REPO_ROOT, "..", "shared");
}

/** Thrown when a data path an eval or bench needs is missing; the CLI prints it plainly. */
export class MissingDataError extends Error {
  constructor(
    readonly path: string,
    readonly purpose: string,
  ) {
    super(`${purpose}: data folder not found at ${path} (eval and bench read ../shared; see the README)`);
    this.name = "MissingDataError";
  }
}

export function requirePath(path: string, purpose: string): string {
  if (!existsSync(path)) throw new MissingDataError(path, purpose);
  return path;
}

/**
 * Runs `read`; when it throws MissingDataError, prints the message, sets a failing exit code and returns
 * null (for scripts: the caller stops there). Other errors propagate.
 * @example const rows = orReportMissing(() => readBenchCorpus("bench")); if (!rows) return;
 */
export function orReportMissing<T>(read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof MissingDataError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
    return null;
  }
}

/** Reads a JSONL file, gzipped or not, into objects. */
export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  const buf = readFileSync(path);
  const text = path.endsWith(".gz") ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
  const out: T[] = [];
  for (const line of text.split("\n")) {
    if (line.trim()) out.push(JSON.parse(line) as T);
  }
  return out;
}
