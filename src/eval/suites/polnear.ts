import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Attribution, extractAttributions, lexicon } from "../../quotes/index.ts";
import { prf } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

/**
 * PolNeAR attribution suite: (source, content) pairs of the quotes engine against PolNeAR's gold.
 *
 * Gold selection: attributions (brat E-relations) that have a Source span and whose Cue text contains a
 * word form listed under "verbs" in data/quotes/cues.json (verbs of saying, telling, writing, warning,
 * announcing… and "according to"), matched as whole words, case-insensitively. Attributions without a
 * source, and those cued by punctuation, nouns or other verbs ("in a statement", ":", "show"), are left out.
 * Prediction: every attribution the engine gives a cue and a speaker (direct, partial and indirect); a
 * partial quotation inside the content of an indirect one with the same cue counts once; an attribution
 * whose cue lies inside another's content is dropped (PolNeAR annotates no nested attributions).
 * Matching (overlap): a prediction matches a gold attribution when its speaker span overlaps the gold Source
 * span and its content overlaps a gold Content span; one to one, in reading order. Quotation parts that share one speaker
 * span (“A,” she said. “B.”) form one predicted attribution, as PolNeAR annotates them. A prediction that matches
 * only a gold attribution outside the selection is neither right nor wrong (ignored).
 * One annotation per article: the first annotator listed in data/metadata.tsv.
 */

const F1_TARGET = 0.75;
const PRECISION_TARGET = 0.85;

interface Span {
  start: number;
  end: number;
}

interface GoldAttribution {
  source: Span[];
  cue: Span[];
  cueText: string;
  content: Span[];
}

/** Brat text-bound line: T12<TAB>Role 10 20;25 30<TAB>text */
const T_LINE = /^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$/u;
const E_LINE = /^E\d+\t(.*)$/u;

function parseAnn(text: string): GoldAttribution[] {
  const spans = new Map<string, { role: string; spans: Span[]; text: string }>();
  const out: GoldAttribution[] = [];
  const lines = text.split("\n");
  for (const line of lines) {
    const m = T_LINE.exec(line);
    if (!m) continue;
    const parts = m[3].split(";").map((x) => x.trim().split(" ").map(Number));
    spans.set(m[1], { role: m[2], spans: parts.map(([s, e]) => ({ start: s, end: e })), text: m[4] });
  }
  for (const line of lines) {
    const m = E_LINE.exec(line);
    if (!m) continue;
    const g: GoldAttribution = { source: [], cue: [], cueText: "", content: [] };
    for (const arg of m[1].split(/\s+/u)) {
      const [role, id] = arg.split(":");
      const t = spans.get(id);
      if (!t) continue;
      if (role.startsWith("Source")) g.source.push(...t.spans);
      else if (role.startsWith("Cue")) {
        g.cue.push(...t.spans);
        g.cueText = `${g.cueText} ${t.text}`.trim();
      } else if (role.startsWith("Content")) g.content.push(...t.spans);
    }
    out.push(g);
  }
  return out;
}

/** Offsets in brat are code points; JavaScript strings count UTF-16 units. */
function codePointToUnit(text: string): (cp: number) => number {
  if (!/[\u{10000}-\u{10FFFF}]/u.test(text)) return (cp) => cp;
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

function overlaps(a: Span, bs: Span[]): boolean {
  return bs.some((b) => a.start < b.end && b.start < a.end);
}

/** Splits an article into paragraphs (non-empty lines) with their offsets in the file. */
function paragraphsOf(text: string): { texts: string[]; offsets: number[] } {
  const texts: string[] = [];
  const offsets: number[] = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    const lead = line.length - line.trimStart().length;
    const t = line.trim();
    if (t) {
      texts.push(t);
      offsets.push(pos + lead);
    }
    pos += line.length + 1;
  }
  return { texts, offsets };
}

function firstAnnotators(metadataPath: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(metadataPath)) return out;
  for (const line of readFileSync(metadataPath, "utf8").split("\n").slice(1)) {
    const cols = line.split("\t");
    if (cols.length > 3) out.set(cols[1], cols[3].split("|")[0]);
  }
  return out;
}

interface Predicted {
  source: Span;
  content: Span[];
  a: Attribution;
}

function predict(text: string): Predicted[] {
  const { texts, offsets } = paragraphsOf(text);
  const found = extractAttributions({ paragraphs: texts }).filter(
    (a) => a.cue && a.speaker && a.speaker.start >= 0,
  );
  const indirect = found.filter((a) => a.kind === "indirect");
  const out: Predicted[] = [];
  for (const a of found) {
    // PolNeAR is univocal: an attribution inside another's content is not annotated, so it is not scored.
    if (
      found.some(
        (b) =>
          b !== a &&
          b.paragraph === a.paragraph &&
          b.cueStart !== a.cueStart &&
          b.start <= a.cueStart &&
          b.end >= a.cueEnd,
      )
    )
      continue;
    if (
      a.kind !== "indirect" &&
      indirect.some(
        (b) =>
          b.paragraph === a.paragraph && b.cueStart === a.cueStart && b.start <= a.start && b.end >= a.end,
      )
    )
      continue;
    const sp = a.speaker;
    if (!sp) continue;
    const source = { start: offsets[sp.paragraph] + sp.start, end: offsets[sp.paragraph] + sp.end };
    const content = { start: offsets[a.paragraph] + a.start, end: offsets[a.paragraph] + a.end };
    // Parts of one quotation around one attribution (“A,” she said. “B.”) are one attribution with two content spans.
    const same = out.find(
      (p) => p.source.start === source.start && p.a.kind !== "indirect" && a.kind !== "indirect",
    );
    if (same) same.content.push(content);
    else out.push({ source, content: [content], a });
  }
  return out;
}

export const suite: EvalSuite = {
  name: "polnear",
  description:
    "PolNeAR (source, content) attribution pairs, overlap match; gold = attributions with a Source whose Cue contains a verb form listed in data/quotes/cues.json or 'according to'; one annotator per article (first in metadata.tsv); --split test reads data/test-heldout.",
  needs: ["bench-data/attribution/polnear/data"],
  run: async (options: EvalOptions): Promise<EvalRow[]> => {
    const root = requirePath(
      options.dataDir ?? join(options.sharedDir, "bench-data", "attribution", "polnear", "data"),
      "polnear eval",
    );
    const split = options.split === "test" ? "test-heldout" : "dev";
    const dir = requirePath(join(root, split), `polnear eval (${split} split)`);
    const annDir = requirePath(join(dir, "attributions"), "polnear eval (attributions)");
    const textDir = requirePath(join(dir, "text"), "polnear eval (texts)");
    const first = firstAnnotators(join(root, "metadata.tsv"));
    const anns = readdirSync(annDir)
      .filter((f) => f.endsWith(".ann"))
      .sort();
    let articles = readdirSync(textDir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    if (options.limit) articles = articles.slice(0, options.limit);
    const lex = lexicon();
    const forms = [...lex.formToLemma.keys()].map((f) => f.replace(/ /g, "\\s+"));
    const cueRe = new RegExp(`(?<![\\p{L}])(?:${forms.join("|")})(?![\\p{L}])`, "iu");
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let ignored = 0;
    let goldAll = 0;
    for (const file of articles) {
      const stem = file.replace(/\.txt$/u, "");
      const annotator = first.get(stem);
      const ann =
        (annotator && anns.find((a) => a === `${stem}_${annotator}.ann`)) ||
        anns.find((a) => a.startsWith(`${stem}_`));
      if (!ann) continue;
      const text = readFileSync(join(textDir, file), "utf8");
      const toUnit = codePointToUnit(text);
      const conv = (s: Span): Span => ({ start: toUnit(s.start), end: toUnit(s.end) });
      const gold = parseAnn(readFileSync(join(annDir, ann), "utf8"))
        .filter((g) => g.source.length > 0 && g.content.length > 0)
        .map((g) => ({ ...g, source: g.source.map(conv), content: g.content.map(conv) }));
      goldAll += gold.length;
      const selected = gold.map((g) => cueRe.test(g.cueText));
      const used = new Set<number>();
      for (const p of predict(text)) {
        let hit = -1;
        for (let i = 0; i < gold.length; i++) {
          if (used.has(i)) continue;
          if (overlaps(p.source, gold[i].source) && p.content.some((c) => overlaps(c, gold[i].content))) {
            hit = i;
            if (selected[i]) break;
          }
        }
        if (hit < 0) {
          fp++;
          options.verbose?.(`  FP ${stem}: [${p.a.speaker?.text}] ${p.a.cue} «${p.a.text.slice(0, 90)}»`);
          continue;
        }
        used.add(hit);
        if (selected[hit]) tp++;
        else ignored++;
      }
      for (let i = 0; i < gold.length; i++) {
        if (!selected[i] || used.has(i)) continue;
        fn++;
        const g = gold[i];
        options.verbose?.(
          `  FN ${stem}: [${g.source.map((s) => text.slice(s.start, s.end)).join(" ")}] ${g.cueText} «${g.content
            .map((s) => text.slice(s.start, s.end))
            .join(" ")
            .slice(0, 90)}»`,
        );
      }
    }
    const r = prf(tp, fp, fn);
    const s = `polnear-${split}`;
    return [
      {
        suite: "polnear",
        metric: `${s}: precision`,
        value: r.precision,
        target: `≥ ${PRECISION_TARGET}`,
        pass: r.precision >= PRECISION_TARGET,
        note: `${tp} tp, ${fp} fp`,
      },
      {
        suite: "polnear",
        metric: `${s}: recall`,
        value: r.recall,
        note: `${fn} fn; ${tp + fn} selected of ${goldAll} sourced gold`,
      },
      {
        suite: "polnear",
        metric: `${s}: F1`,
        value: r.f1,
        target: `≥ ${F1_TARGET}`,
        pass: r.f1 >= F1_TARGET,
        note: `${ignored} matched unselected gold (ignored)`,
      },
    ];
  },
};
