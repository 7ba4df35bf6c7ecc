import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function gitShortHash(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const hash = gitShortHash();

/** Which code made a record: package version plus the git commit when known ("0.1.0+abc1234"). */
export const PIPELINE_VERSION = hash ? `${pkg.version}+${hash}` : pkg.version;

/** The repository root, for reading data/ files. */
export const REPO_ROOT = ROOT;
