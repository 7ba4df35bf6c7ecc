import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MissingDataError } from "../../src/eval/shared-data.ts";
import { suite } from "../../src/eval/suites/ner.ts";
import { FEATURE_VERSION } from "../../src/nlp/ner/features.ts";
import { MODEL_PATH } from "../../src/nlp/ner/index.ts";
import { loadModel } from "../../src/nlp/ner/model.ts";

/** A tiny CoNLL file in the eng.* layout, sentences written for this test (IOB1 tags). */
const FIXTURE = [
  "-DOCSTART- -X- O O",
  "",
  "Helga NNP I-NP I-PER",
  "Brandt NNP I-NP I-PER",
  "flew VBD I-VP O",
  "to TO I-PP O",
  "Vienna NNP I-NP I-LOC",
  ". . O O",
  "",
  "Brandt NNP I-NP I-PER",
  "met VBD I-VP O",
  "NATO NNP I-NP I-ORG",
  "envoys NNS I-NP O",
  ". . O O",
  "",
].join("\n");

function fixtureFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-ner-"));
  const file = join(dir, "mini.conll");
  writeFileSync(file, FIXTURE);
  return file;
}

describe("ner eval suite", () => {
  it("scores a CoNLL file given with --data and reports per-type rows and speed", async () => {
    const rows = await suite.run({ sharedDir: "/nonexistent", dataDir: fixtureFile(), split: "dev" });
    const byMetric = new Map(rows.map((r) => [r.metric, r]));
    const f1 = byMetric.get("entity F1 dev");
    expect(f1?.value).toBeGreaterThanOrEqual(0.75);
    expect(f1?.pass).toBe((f1?.value as number) >= 0.88);
    expect(f1?.note).toMatch(/4 gold entities/);
    for (const type of ["PER", "ORG", "LOC", "MISC"]) expect(byMetric.has(`F1 ${type}`)).toBe(true);
    expect(Number(byMetric.get("tokens/s")?.value)).toBeGreaterThan(0);
  });

  it("says plainly when the data folder is missing", async () => {
    await expect(suite.run({ sharedDir: "/nonexistent", split: "test" })).rejects.toBeInstanceOf(
      MissingDataError,
    );
  });
});

describe("model file", () => {
  it("refuses a model made for another feature version, naming both versions", () => {
    expect(() => loadModel(MODEL_PATH, FEATURE_VERSION + 1)).toThrow(
      new RegExp(`feature version ${FEATURE_VERSION}.*version ${FEATURE_VERSION + 1}`),
    );
  });
});

describe("scripts/train-name-words.ts", () => {
  it("says plainly when the CoNLL folder is missing, and exits non-zero without writing", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/train-name-words.ts", "--data", "/nonexistent/conll"],
      { encoding: "utf8", cwd: join(import.meta.dirname, "..", "..") },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /train-name-words: CoNLL-2003 train split: data folder not found at \/nonexistent/,
    );
    expect(run.stdout).not.toMatch(/wrote/);
  });
});
