import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractHtml } from "../../clean/index.ts";
import { analyzeDocument } from "../../pipeline.ts";
import type { RawDocument } from "../../record.ts";
import { fmt, mean, tokenPRF } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";
import { decodePage, readabilityText } from "./html.ts";

const CLEANEVAL_DIR = "bench-data/extraction/plaintext/cleaneval";
/** The input wrapper line CleanEval added around each page: `<text id="URL" title="…" encoding="…">`. */
const WRAPPER_OPEN = /^\s*<text\s+id="([^"]*)"[^>]*>/i;
const WRAPPER_CLOSE = /<\/text>\s*$/i;
/** Gold block markers at line starts (<p>, <h>, <l>) and the leading "URL: …" line. */
const GOLD_MARKER = /^\s*<[phl]>\s*/gim;
const GOLD_URL_LINE = /^\s*URL:.*$/m;

interface Scores {
  p: number[];
  r: number[];
  f: number[];
  ms: number;
}

const newScores = (): Scores => ({ p: [], r: [], f: [], ms: 0 });

function add(s: Scores, predicted: string, gold: string, ms: number): void {
  const r = tokenPRF(predicted, gold);
  s.p.push(r.precision);
  s.r.push(r.recall);
  s.f.push(r.f1);
  s.ms += ms;
}

function rows(part: string, system: string, s: Scores, note?: string): EvalRow[] {
  const n = s.f.length;
  return [
    { suite: "cleaneval", metric: `${part} ${system} f1`, value: mean(s.f), note },
    { suite: "cleaneval", metric: `${part} ${system} precision`, value: mean(s.p) },
    { suite: "cleaneval", metric: `${part} ${system} recall`, value: mean(s.r) },
    {
      suite: "cleaneval",
      metric: `${part} ${system} pages/s`,
      value: n ? (1000 * n) / s.ms : 0,
      note: `${fmt(s.ms / Math.max(1, n), 1)} ms/page over ${n} pages`,
    },
  ];
}

/** Gold text: the cleaned page minus its URL line and block markers. */
function goldText(raw: string): string {
  return raw.replace(GOLD_URL_LINE, "").replace(GOLD_MARKER, "");
}

function scorePart(dir: string, part: string, options: EvalOptions): EvalRow[] {
  const root = requirePath(join(dir, part), `cleaneval eval (${part})`);
  const goldDir = join(root, "GoldStandard");
  const inputDir = join(root, "input");
  let names = readdirSync(goldDir)
    .filter((f) => f.endsWith(".txt.gz"))
    .map((f) => f.slice(0, -".txt.gz".length))
    .filter((n) => existsSync(join(inputDir, `${n}.html.gz`)))
    .sort((a, b) => Number(a) - Number(b));
  if (options.limit) names = names.slice(0, options.limit);
  const extraction = newScores();
  const pipeline = newScores();
  const readability = newScores();
  for (const name of names) {
    const gold = goldText(gunzipSync(readFileSync(join(goldDir, `${name}.txt.gz`))).toString("utf8"));
    const raw = decodePage(gunzipSync(readFileSync(join(inputDir, `${name}.html.gz`))));
    const url = WRAPPER_OPEN.exec(raw)?.[1] ?? null;
    const html = raw.replace(WRAPPER_OPEN, "").replace(WRAPPER_CLOSE, "");

    let t0 = performance.now();
    const ex = extractHtml(html, url);
    add(extraction, ex.blocks.map((b) => b.text).join("\n"), gold, performance.now() - t0);

    const doc: RawDocument = {
      uri: `cleaneval:${part}/${name}`,
      format: "html",
      contentType: "html",
      content: html,
      meta: { url },
      messages: [],
    };
    t0 = performance.now();
    const record = analyzeDocument(doc, { until: "clean" });
    add(pipeline, record.paragraphs.map((p) => p.text).join("\n"), gold, performance.now() - t0);

    t0 = performance.now();
    const baseline = readabilityText(html);
    add(readability, baseline, gold, performance.now() - t0);
    if (options.verbose) {
      const a = extraction.f[extraction.f.length - 1];
      const b = readability.f[readability.f.length - 1];
      if (part.endsWith("dev") && a + 0.05 < b)
        options.verbose(`cleaneval ${part}/${name} extraction f1 ${fmt(a)} readability ${fmt(b)}`);
    }
  }
  const label = part.replace("cleaneval-", "");
  return [
    ...rows(label, "sitrep-extract", extraction, "token F1 vs gold page text (markers removed), macro"),
    ...rows(label, "sitrep-pipeline", pipeline, "analyzeDocument(contentType html) until clean: paragraphs"),
    ...rows(label, "readability", readability, "plain Readability+linkedom textContent"),
  ];
}

export const suite: EvalSuite = {
  name: "cleaneval",
  description:
    "CleanEval 2007 (plaintext/cleaneval): the gold is the whole page's cleaned text (all running text, not only an " +
    "article), with its URL line and <p>/<h>/<l> markers removed; the metric is token F1 (shared/README convention, " +
    "macro per page), not CleanEval's original Levenshtein alignment. Inputs are HTML (wrapper line removed). " +
    "Rows: sitrep-extract (extractHtml blocks), sitrep-pipeline (analyzeDocument until the clean stage), readability " +
    "(baseline, same run). dev (58 pages) is for development; final (681 pages with gold) is the reported score.",
  needs: [CLEANEVAL_DIR],
  run: async (options) => {
    const dir = requirePath(join(options.sharedDir, CLEANEVAL_DIR), "cleaneval eval");
    const parts = options.split === "test" ? ["cleaneval-final"] : ["cleaneval-dev", "cleaneval-final"];
    return parts.flatMap((part) => scorePart(dir, part, options));
  },
};
