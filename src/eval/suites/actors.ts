/**
 * Eval suite "actors": runs the five seed articles through the whole pipeline and scores the actors
 * against the hand annotation in shared/gold/seeds. A gold actor is found when an actor with the same
 * surname appears with the gold country (when gold gives one); role family and sector are reported too.
 * Also counts actors whose every mention falls in reader-comment text (must be 0).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { roleFamily } from "../../actors/index.ts";
import { analyzeDocument } from "../../pipeline.ts";
import type { Actor, ArticleRecord } from "../../record.ts";
import { textDocument } from "../../record.ts";
import { fmt } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

interface GoldActor {
  name: string;
  country: string | null;
  sector: string | null;
  role: string | null;
}

interface GoldSeed {
  actors?: GoldActor[];
  comments?: { text_start: string }[];
  date_range?: [string, string];
}

const MARKS = /\p{M}+/gu;
const fold = (s: string) => s.normalize("NFD").replace(MARKS, "").toLowerCase();

function surnameOf(name: string): string {
  const parts = fold(name).split(/\s+/).filter(Boolean);
  return parts[parts.length - 1] ?? "";
}

function findActor(record: ArticleRecord, gold: GoldActor): Actor | null {
  const surname = surnameOf(gold.name);
  const candidates = record.actors.filter(
    (a) =>
      a.kind === "person" &&
      fold(a.name)
        .split(/[\s-]+/)
        .includes(surname),
  );
  if (candidates.length === 0) return null;
  return candidates.find((a) => !gold.country || a.country === gold.country) ?? candidates[0];
}

/** Where the comments start in the raw text: the earliest gold comment opening found in it. */
function commentsStart(content: string, gold: GoldSeed): number {
  let at = Number.POSITIVE_INFINITY;
  for (const c of gold.comments ?? []) {
    const i = content.indexOf(c.text_start.slice(0, 40));
    if (i !== -1 && i < at) at = i;
  }
  return at;
}

async function run(options: EvalOptions): Promise<EvalRow[]> {
  const seedDir = requirePath(join(options.sharedDir, "seeds"), "actors eval: seed articles");
  const goldDir = requirePath(join(options.sharedDir, "gold", "seeds"), "actors eval: seed gold");
  let files = readdirSync(goldDir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (options.limit) files = files.slice(0, options.limit);
  let total = 0;
  let found = 0;
  let foundRole = 0;
  let foundSector = 0;
  let fromComments = 0;
  let actorsTotal = 0;
  const started = performance.now();
  for (const file of files) {
    const gold = JSON.parse(readFileSync(join(goldDir, file), "utf8")) as GoldSeed;
    const content = readFileSync(join(seedDir, file.replace(/\.json$/, ".txt")), "utf8");
    const record = analyzeDocument(textDocument(`file://${file}`, content));
    actorsTotal += record.actors.length;
    for (const g of gold.actors ?? []) {
      total++;
      const a = findActor(record, g);
      const countryOk = a !== null && (!g.country || a.country === g.country);
      const goldFamily = g.role ? roleFamily(g.role) : null;
      const family = a?.role ? roleFamily(a.role) : null;
      const roleOk = countryOk && (goldFamily === null || goldFamily === family);
      const sectorOk = countryOk && (!g.sector || a?.sector === g.sector);
      if (countryOk) found++;
      if (roleOk) foundRole++;
      if (sectorOk) foundSector++;
      if (!(countryOk && roleOk && sectorOk)) {
        options.verbose?.(
          `${file}: ${g.name} (${g.country ?? "-"}, ${g.sector ?? "-"}, ${g.role ?? "-"}) → ${a ? `${a.name} (${a.country ?? "-"}, ${a.sector ?? "-"}, ${a.role ?? "-"})` : "not found"}`,
        );
      }
    }
    // Actors from reader comments: every mention of the actor lies in a paragraph that is comment text.
    const start = commentsStart(content, gold);
    if (Number.isFinite(start)) {
      const commentTexts = new Set<number>();
      for (const p of record.paragraphs) {
        const at = content.indexOf(p.text.slice(0, 60));
        if (at >= start) commentTexts.add(p.index);
      }
      for (const actor of record.actors) {
        const ms = record.mentions.filter((m) => m.actor === actor.id);
        if (ms.length > 0 && ms.every((m) => commentTexts.has(m.paragraph))) {
          fromComments++;
          options.verbose?.(`${file}: actor ${actor.id} comes only from comment text`);
        }
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = (n: number) => (total === 0 ? 0 : n / total);
  return [
    {
      suite: "actors",
      metric: "seed actors found (surname + country)",
      value: fmt(rate(found)),
      target: "≥ 0.95",
      pass: rate(found) >= 0.95,
      note: `${found}/${total}`,
    },
    {
      suite: "actors",
      metric: "found with role family",
      value: fmt(rate(foundRole)),
      target: "≥ 0.95",
      pass: rate(foundRole) >= 0.95,
      note: `${foundRole}/${total}`,
    },
    {
      suite: "actors",
      metric: "found with sector",
      value: fmt(rate(foundSector)),
      note: `${foundSector}/${total}`,
    },
    {
      suite: "actors",
      metric: "actors only from comment text",
      value: fromComments,
      target: "0",
      pass: fromComments === 0,
    },
    {
      suite: "actors",
      metric: "actors per article",
      value: fmt(files.length ? actorsTotal / files.length : 0, 1),
      note: `${files.length} articles, ${fmt(seconds, 2)} s`,
    },
  ];
}

/** The actors suite over the five seeds (no split: the seeds are the development set). */
export const suite: EvalSuite = {
  name: "actors",
  description: "seed actors: surname + country, role family, sector; none from comments",
  needs: ["seeds", "gold/seeds"],
  run,
};
