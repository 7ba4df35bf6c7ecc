import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Files under a directory, recursively, in a stable order (code-point sort of names, so runs are
 * reproducible whatever the file system returns). Dotfiles and dot-directories, and node_modules,
 * are skipped. Symlinks are followed; a directory reached twice (a link loop) is walked once.
 *
 * Known failure cases: a file that vanishes between listing and reading shows up as a missing input.
 */

/** Directory names never walked: dependencies, not articles. Dot-names are skipped by rule. */
const SKIP_DIRS = new Set(["node_modules"]);

export type WalkEntry = { path: string } | { path: string; error: string };

/**
 * Yields every file path under `dir`, or an entry with `error` for a folder that cannot be read.
 * @example for await (const e of walkFiles("/data/articles")) console.log(e.path)
 */
export async function* walkFiles(dir: string, seen: Set<string> = new Set()): AsyncGenerator<WalkEntry> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (err) {
    yield { path: dir, error: errorText(err) };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith(".") && !SKIP_DIRS.has(n));
  } catch (err) {
    yield { path: dir, error: errorText(err) };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const path = join(dir, name);
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      yield { path, error: errorText(err) };
      continue;
    }
    if (isDir) yield* walkFiles(path, seen);
    else yield { path };
  }
}

function errorText(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ENOENT") return "no such file or directory (a dangling link?)";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (err as Error).message;
}
