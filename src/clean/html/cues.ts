import { readFileSync } from "node:fs";

/**
 * Cue patterns for the HTML extractor, loaded once from cues.json beside this file (knowledge lives in
 * data, not code). Each entry is a regex source plus flags; compiling here means no stage ever builds a
 * regex per node or per block.
 */
interface CueSource {
  source: string;
  flags: string;
}

type CueName =
  | "commentContainer"
  | "commentAuthor"
  | "commentFormLine"
  | "skipElement"
  | "shareLine"
  | "newsletterLine"
  | "relatedLine"
  | "adLine"
  | "dateLine"
  | "postedLine"
  | "uiLine";

const CUE_NAMES: readonly CueName[] = [
  "commentContainer",
  "commentAuthor",
  "commentFormLine",
  "skipElement",
  "shareLine",
  "newsletterLine",
  "relatedLine",
  "adLine",
  "dateLine",
  "postedLine",
  "uiLine",
];

function loadCues(): Record<CueName, RegExp> {
  const url = new URL("./cues.json", import.meta.url);
  const raw = JSON.parse(readFileSync(url, "utf8")) as Record<string, CueSource | string>;
  const out = {} as Record<CueName, RegExp>;
  for (const name of CUE_NAMES) {
    const entry = raw[name];
    if (!entry || typeof entry === "string" || typeof entry.source !== "string") {
      throw new Error(
        `clean/html: cues.json must define "${name}" as {source, flags}, found ${JSON.stringify(entry)}`,
      );
    }
    out[name] = new RegExp(entry.source, entry.flags);
  }
  return out;
}

/**
 * Compiled cue regexes, keyed by name.
 * @example CUES.shareLine.test("Share on Facebook") // true
 */
export const CUES: Readonly<Record<CueName, RegExp>> = loadCues();
