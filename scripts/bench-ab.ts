/**
 * Same-process A/B of two checkouts of sitrep: the pipeline up to a stage, from checkout A and from
 * checkout B, over the same articles, timed in turn in small chunks (so a machine whose speed drifts
 * bills both alike), each chunk after a full garbage collection. Prints CPU ms per article of each, the
 * ratio B/A, and each one's "nlp" prefix, so a change to a stage can be measured to a few per cent on a
 * noisy machine where two separate `npm run bench` runs differ by ten.
 *
 *   git worktree add ../base main            # A: the code before the change
 *   ln -s "$PWD/node_modules" ../base/node_modules
 *   node --expose-gc --import tsx scripts/bench-ab.ts ../base . --until actors --limit 1500
 *
 * Caveat: both checkouts load their own registry and models into one heap, so absolute times are higher
 * than in `npm run bench`; read the ratio. Output equality is not checked (use scripts/bench-actors.ts
 * --dump and cmp for the actors stage).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RawDocument } from "../src/record.ts";
import type { StageName } from "../src/stage.ts";
import { collectGarbage, readBenchCorpus, toDocument } from "./bench-corpus.ts";

/** Articles per timed chunk: small, so both checkouts see the same machine state. */
const CHUNK = 100;
/** Articles run untimed by each checkout first, so both are compiled and their caches warm. */
const WARM_UP = 300;

type Analyze = (doc: RawDocument, options: { until: StageName }) => unknown;

async function load(dir: string): Promise<Analyze> {
  const url = pathToFileURL(resolve(dir, "src", "pipeline.ts")).href;
  const mod = (await import(url)) as { analyzeDocument: Analyze };
  return mod.analyzeDocument;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      until: { type: "string", default: "actors" },
      limit: { type: "string", default: "1500" },
      reps: { type: "string", default: "2" },
    },
  });
  if (positionals.length !== 2) {
    console.error("usage: bench-ab.ts <checkout A> <checkout B> [--until STAGE] [--limit N] [--reps N]");
    process.exitCode = 2;
    return;
  }
  if (!collectGarbage())
    console.error("bench-ab: run with node --expose-gc for a collection before each chunk");
  const until = values.until as StageName;
  const [a, b] = await Promise.all(positionals.map(load));
  const docs: RawDocument[] = readBenchCorpus("bench-ab").slice(0, Number(values.limit)).map(toDocument);
  const runs: Array<[string, (d: RawDocument) => unknown]> = [
    ["A nlp", (d) => a(d, { until: "nlp" })],
    ["B nlp", (d) => b(d, { until: "nlp" })],
    [`A ${until}`, (d) => a(d, { until })],
    [`B ${until}`, (d) => b(d, { until })],
  ];
  for (const [, run] of runs) for (const d of docs.slice(0, WARM_UP)) run(d);
  const ms = runs.map(() => 0);
  const reps = Number(values.reps);
  for (let rep = 0, k = 0; rep < reps; rep++) {
    for (let from = 0; from < docs.length; from += CHUNK, k++) {
      const chunk = docs.slice(from, from + CHUNK);
      for (let j = 0; j < runs.length; j++) {
        const r = (j + k) % runs.length;
        collectGarbage();
        const c0 = process.cpuUsage();
        for (const d of chunk) runs[r][1](d);
        const c = process.cpuUsage(c0);
        ms[r] += (c.user + c.system) / 1000;
      }
    }
  }
  const per = ms.map((m) => m / (docs.length * reps));
  for (let i = 0; i < runs.length; i++)
    console.log(`${runs[i][0].padEnd(16)} ${per[i].toFixed(3)} ms/article`);
  console.log(
    `B/A up to ${until}: ${(per[3] / per[2]).toFixed(3)}; B/A nlp: ${(per[1] / per[0]).toFixed(3)}`,
  );
  console.log(
    `${until} stage on its own nlp: A +${((per[2] / per[0] - 1) * 100).toFixed(1)}%, B +${((per[3] / per[1] - 1) * 100).toFixed(1)}%`,
  );
}

await main();
