/**
 * Actors stage speed on real news: CPU ms per article of `findActors` alone, over the first N articles
 * (default 1,000) of the ru-ua-conflict corpus, each read as `${title}\n\n${text}` and run through the
 * pipeline up to "nlp" first (untimed). Timed twice: with the nlp layer's statistical NER plugged in, and
 * with registry and cues only, so the difference is what the model costs and what it adds.
 * CPU time (process.cpuUsage), not wall time: the machine is shared.
 *   node --import tsx scripts/bench-actors.ts [--limit N] [--dump out.jsonl] [--bare-only]
 * --dump writes each article's actors and mentions (with the model) one line per article, so two
 * versions of the stage can be diffed for identical output. --bare-only skips the model run (for
 * `node --cpu-prof` of the stage's own work).
 */
import { writeFileSync } from "node:fs";
import { findActors, setDefaultRecognizer } from "../src/actors/index.ts";
import { recognizeEntities } from "../src/nlp/index.ts";
import { analyzeDocument } from "../src/pipeline.ts";
import type { ArticleRecord, RawDocument } from "../src/record.ts";
import { cpuMs, limitArg, readBenchCorpus, TIMED_PASSES, WARMUP_PASSES } from "./bench-corpus.ts";

const DEFAULT_LIMIT = 1000;

const args = process.argv.slice(2);
const limit = limitArg(args, DEFAULT_LIMIT);
const dumpAt = args.indexOf("--dump");
const dumpPath = dumpAt >= 0 ? args[dumpAt + 1] : null;
const bareOnly = args.includes("--bare-only");

const rows = readBenchCorpus("bench-actors").slice(0, limit);
const records: ArticleRecord[] = rows.map((r, i) => {
  const doc: RawDocument = {
    uri: r.url ?? `bench:ru-ua/${i}`,
    format: "text",
    contentType: "text",
    content: `${r.title ?? ""}\n\n${r.text ?? ""}`,
    meta: { date: r.date ?? null, publisher: r.source ?? null },
    messages: [],
  };
  return analyzeDocument(doc, { until: "nlp" });
});
const words = records.reduce(
  (a, r) => a + r.paragraphs.reduce((b, p) => b + p.text.split(/\s+/).length, 0),
  0,
);

interface Counts {
  mentions: number;
  persons: number;
  actors: number;
  personActors: number;
}

function counts(out: ArticleRecord[]): Counts {
  const c: Counts = { mentions: 0, persons: 0, actors: 0, personActors: 0 };
  for (const r of out) {
    c.mentions += r.mentions.length;
    for (const m of r.mentions) if (m.type === "PERSON") c.persons++;
    c.actors += r.actors.length;
    for (const a of r.actors) if (a.kind === "person") c.personActors++;
  }
  return c;
}

function run(label: string): ArticleRecord[] {
  let out: ArticleRecord[] = [];
  for (let p = 0; p < WARMUP_PASSES; p++) out = records.map((r) => findActors(r));
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < TIMED_PASSES; p++) {
    best = Math.min(
      best,
      cpuMs(() => {
        out = records.map((r) => findActors(r));
      }),
    );
  }
  const c = counts(out);
  console.log(
    `${label}: ${(best / records.length).toFixed(3)} ms/article CPU (best of ${TIMED_PASSES}); ` +
      `${c.mentions} mentions, ${c.persons} person mentions, ${c.actors} actors, ${c.personActors} people`,
  );
  return out;
}

console.log(
  `${records.length} articles, ${Math.round(words / records.length)} words each on average (pipeline up to "nlp" untimed)`,
);
setDefaultRecognizer(null);
const bare = run("findActors, registry and cues only");
if (bareOnly) process.exit(0);
setDefaultRecognizer(recognizeEntities);
const withModel = run("findActors with the statistical NER");

// What the model adds: person actors present with it and absent without it, per article.
let addedPeople = 0;
let lostPeople = 0;
const examples: string[] = [];
for (let i = 0; i < records.length; i++) {
  const a = new Set(bare[i].actors.filter((x) => x.kind === "person").map((x) => x.id));
  const b = new Set(withModel[i].actors.filter((x) => x.kind === "person").map((x) => x.id));
  for (const id of b)
    if (!a.has(id)) {
      addedPeople++;
      if (examples.length < 8) examples.push(id);
    }
  for (const id of a) if (!b.has(id)) lostPeople++;
}
console.log(
  `the model adds ${addedPeople} person actors (and drops ${lostPeople}) over ${records.length} articles; e.g. ${examples.join(", ")}`,
);

if (dumpPath) {
  const lines = withModel.map((r, i) =>
    JSON.stringify({
      actors: r.actors,
      mentions: r.mentions,
      bare: { actors: bare[i].actors, mentions: bare[i].mentions },
    }),
  );
  writeFileSync(dumpPath, `${lines.join("\n")}\n`);
  console.log(`wrote ${dumpPath}`);
}
