/**
 * "ner" suite: entity-level exact-match P/R/F1 (conlleval micro average over PER, ORG, LOC, MISC) of the
 * recogniser in src/nlp/ner on CoNLL-2003 English dev (eng.testa) or, with --split test, the held-out
 * test/eng.testb; plus tagging speed in tokens/s. Scores the fast path (tokens far from any name candidate
 * tagged O unscored, as recognizeEntities does) and counts the tags where it differs from scoring every token. --data DIR points at another copy of the conll2003
 * folder (or straight at a CoNLL file); --limit N scores the first N documents.
 *   sitrep eval ner            sitrep eval ner --split test --limit 20 -v
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  countEntities,
  defaultTagger,
  type EntityCounts,
  readConll,
  spansFromTags,
  tagTokens,
} from "../../nlp/ner/index.ts";
import { fmt, prf } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

/** Where the CoNLL-2003 copy lives under the shared folder. */
const CONLL_DIR = join("bench-data", "ner", "conll2003");
/** File of each split inside that folder; test/ is held out and only reported. */
const SPLIT_FILES = { dev: "eng.testa", test: join("test", "eng.testb") } as const;
/** Issue target for overall dev F1. */
const TARGET_F1 = 0.88;
/** Verbose mode prints at most this many wrong sentences. */
const MAX_VERBOSE_SENTENCES = 40;
const TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
/** Documents tagged once, untimed, before the timed pass (model load and JIT warm-up). */
const WARMUP_DOCS = 20;

function dataFile(options: EvalOptions): string {
  const base = options.dataDir ?? join(options.sharedDir, CONLL_DIR);
  if (existsSync(base) && statSync(base).isFile()) return base;
  return requirePath(join(base, SPLIT_FILES[options.split]), `ner: CoNLL-2003 ${options.split} split`);
}

async function run(options: EvalOptions): Promise<EvalRow[]> {
  const file = dataFile(options);
  let docs = readConll(file);
  if (options.limit) docs = docs.slice(0, options.limit);
  // Load the model and let the JIT settle outside the timed loop, so tokens/s is the steady-state speed.
  for (const doc of docs.slice(0, WARMUP_DOCS)) tagTokens(doc.sentences.flatMap((s) => s.tokens));
  const counts: EntityCounts = {};
  let tokens = 0;
  let taggingMs = 0;
  let shown = 0;
  let differ = 0;
  const exhaustiveCounts: EntityCounts = {};
  const tagger = defaultTagger();
  for (const doc of docs) {
    const flat: string[] = [];
    const starts: number[] = [];
    for (const s of doc.sentences) {
      for (let k = 0; k < s.tokens.length; k++) {
        flat.push(s.tokens[k]);
        starts.push(k === 0 ? 1 : 0);
      }
    }
    const t0 = performance.now();
    const tags = tagTokens(flat, starts);
    taggingMs += performance.now() - t0;
    tokens += flat.length;
    const full = tagger.tagIndices(flat, starts, "exhaustive");
    for (let i = 0; i < full.length; i++) if (tagger.model.tags[full[i]] !== tags[i]) differ++;
    let o = 0;
    for (const s of doc.sentences) {
      const predTags = tags.slice(o, o + s.tokens.length);
      o += s.tokens.length;
      const gold = spansFromTags(s.tags);
      const pred = spansFromTags(predTags);
      countEntities(counts, gold, pred);
      const fullTags = Array.from(full.subarray(o - s.tokens.length, o), (k) => tagger.model.tags[k]);
      countEntities(exhaustiveCounts, gold, spansFromTags(fullTags));
      if (options.verbose && shown < MAX_VERBOSE_SENTENCES) {
        const show = (sp: { start: number; end: number; type: string }[]) =>
          sp.map((x) => `[${s.tokens.slice(x.start, x.end).join(" ")}]${x.type}`).join(" ");
        const g = show(gold);
        const p = show(pred);
        if (g !== p) {
          shown++;
          options.verbose(`ner: ${s.tokens.join(" ")}\n  gold: ${g}\n  pred: ${p}`);
        }
      }
    }
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of Object.values(counts)) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  const all = prf(total.tp, total.fp, total.fn);
  const ex = { tp: 0, fp: 0, fn: 0 };
  for (const c of Object.values(exhaustiveCounts)) {
    ex.tp += c.tp;
    ex.fp += c.fp;
    ex.fn += c.fn;
  }
  const split = `${options.split}${options.limit ? ` (first ${docs.length} docs)` : ""}`;
  const rows: EvalRow[] = [
    {
      suite: "ner",
      metric: `entity F1 ${options.split}`,
      value: all.f1,
      target: options.split === "dev" ? `≥ ${TARGET_F1}` : undefined,
      pass: options.split === "dev" ? all.f1 >= TARGET_F1 : undefined,
      note: `${split}: P ${fmt(all.precision)} R ${fmt(all.recall)}; ${total.tp + total.fn} gold entities`,
    },
    {
      suite: "ner",
      metric: "fast ≠ exhaustive tags",
      value: String(differ),
      target: "0",
      pass: differ === 0,
      note: `of ${tokens} tokens; exhaustive entity F1 ${fmt(prf(ex.tp, ex.fp, ex.fn).f1)}`,
    },
    { suite: "ner", metric: "entity precision", value: all.precision },
    { suite: "ner", metric: "entity recall", value: all.recall },
  ];
  for (const type of TYPES) {
    const c = counts[type] ?? { tp: 0, fp: 0, fn: 0 };
    const r = prf(c.tp, c.fp, c.fn);
    rows.push({
      suite: "ner",
      metric: `F1 ${type}`,
      value: r.f1,
      note: `P ${fmt(r.precision)} R ${fmt(r.recall)} (${c.tp + c.fn} gold)`,
    });
  }
  rows.push({
    suite: "ner",
    metric: "tokens/s",
    value: String(Math.round(tokens / Math.max(taggingMs / 1000, 1e-9))),
    note: `${tokens} tokens, wall clock on pre-split tokens; features + Viterbi, after an untimed warm-up`,
  });
  return rows;
}

/** The "ner" eval suite (see the file comment). */
export const suite: EvalSuite = {
  name: "ner",
  description: "CoNLL-2003 English entity P/R/F1 (dev eng.testa; --split test for the held-out test file)",
  needs: [CONLL_DIR],
  run,
};
