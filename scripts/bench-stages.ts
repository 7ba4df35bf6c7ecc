/**
 * Time of each stage inside one continuous pipeline run, as a long ingest runs them: the corpus goes
 * through the full pipeline once untimed (warm-up), then again with each stage timed (wall clock around
 * the stage call; CPU time of the whole pass beside it). No collection is forced, so this shows each
 * stage's own steady-state cost; `npm run bench` times whole pipeline prefixes instead, with a full
 * collection before each slice (after which V8 recompiles part of the code).
 *   node --import tsx scripts/bench-stages.ts [--limit N] [--until STAGE]
 * Prints ms per article of each stage and its cost on top of the stages before it.
 */
import { articleId, STAGES } from "../src/pipeline.ts";
import { emptyRecord, type RawDocument } from "../src/record.ts";
import { PIPELINE_VERSION } from "../src/version.ts";
import { limitArg, readBenchCorpus, toDocument } from "./bench-corpus.ts";

const args = process.argv.slice(2);
const untilAt = args.indexOf("--until");
const until = untilAt >= 0 ? args[untilAt + 1] : "events";
const docs: RawDocument[] = readBenchCorpus("bench-stages")
  .slice(0, limitArg(args, Number.POSITIVE_INFINITY))
  .map(toDocument);

const ms = new Map<string, number>();
function run(doc: RawDocument, timed: boolean): void {
  let t0 = process.hrtime.bigint();
  let record = emptyRecord(doc, articleId(doc.content), PIPELINE_VERSION);
  let t1 = process.hrtime.bigint();
  if (timed) ms.set("id", (ms.get("id") ?? 0) + Number(t1 - t0) / 1e6);
  for (const stage of STAGES) {
    t0 = t1;
    record = stage.run(record, { doc, options: {} });
    t1 = process.hrtime.bigint();
    if (timed) ms.set(stage.name, (ms.get(stage.name) ?? 0) + Number(t1 - t0) / 1e6);
    if (stage.name === until) break;
  }
}

for (const d of docs) run(d, false);
const c0 = process.cpuUsage();
for (const d of docs) run(d, true);
const c = process.cpuUsage(c0);
console.log(
  `${docs.length} articles, one continuous pipeline run after an untimed one (wall ms per article)`,
);
let before = 0;
for (const [name, total] of ms) {
  const per = total / docs.length;
  const share =
    before > 0 && name !== "clean" ? `  ${((per / before) * 100).toFixed(0)}% of the stages before it` : "";
  console.log(`${name.padEnd(9)} ${per.toFixed(3)}${share}`);
  before += per;
}
console.log(
  `all       ${before.toFixed(3)} (process CPU ${((c.user + c.system) / 1000 / docs.length).toFixed(3)})`,
);
