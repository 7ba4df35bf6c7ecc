import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type IngestOptions, type InputProblem, readInputs } from "../../src/ingest/index.ts";
import type { RawDocument } from "../../src/record.ts";

/** The hand-written fixtures of this area. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/ingest/", import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A fresh folder in the OS temp dir for files a test builds (never committed). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
}

export interface Collected {
  docs: RawDocument[];
  problems: InputProblem[];
  /** Everything in the order it came, to check that problems and documents interleave. */
  all: (RawDocument | InputProblem)[];
}

export async function collect(inputs: string[], options: IngestOptions = {}): Promise<Collected> {
  const out: Collected = { docs: [], problems: [], all: [] };
  for await (const item of readInputs(inputs, options)) {
    out.all.push(item);
    if ((item as InputProblem).kind === "problem") out.problems.push(item as InputProblem);
    else out.docs.push(item as RawDocument);
  }
  return out;
}

/** Drains any ingest reader (readJsonl, readWarc) into a list. */
export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
