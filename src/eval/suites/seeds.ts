/**
 * Eval suite "seeds": the five real scraped articles in shared/seeds/ against their hand annotation in
 * shared/gold/seeds/. Runs the whole pipeline on each seed as plain text and scores the clean stage:
 * body token F1, boilerplate left behind, title/subtitle/publisher/original source/authors/genre,
 * reader comments (authors, reply parents, spam and abuse flags, leaks into the body), duplicate
 * paragraphs, headings and republisher insertions. The seeds are read at run time only; nothing from
 * them is stored in the repository.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeDocument } from "../../pipeline.ts";
import type { ArticleRecord, RawDocument } from "../../record.ts";
import { textDocument } from "../../record.ts";
import { fmt, mean, normaliseQuoteText, tokenPRF } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

const NAME = "seeds";
const SEEDS_DIR = "seeds";
const GOLD_DIR = "gold/seeds";
const BODY_F1_MEAN_TARGET = 0.97;
const BODY_F1_EACH_TARGET = 0.93;
/** Title, subtitle, publisher: exact on at least this many of the five seeds. */
const EXACT_SHARE_TARGET = 0.8;

interface GoldComment {
  author: string;
  reply_to: string | null;
  text_start: string;
  spam: boolean;
  abusive: boolean;
}

interface Gold {
  file: string;
  title: string | null;
  subtitle: string | null;
  publisher: string | null;
  original_source: string | null;
  cited_sources?: string[];
  date_range?: [string, string];
  authors: string[];
  genre: string;
  body_paragraphs: string[];
  boilerplate_samples?: string[];
  comments?: GoldComment[];
  duplicate_paragraphs_removed?: number;
  headings?: string[];
  republisher_insertions?: string[];
}

/** Trimmed, quote marks and white space normalised, for exact comparisons. */
const norm = (s: string | null | undefined): string | null => (s == null ? null : normaliseQuoteText(s));
/** Loose form for "is this text still there": lower case, letters and digits only. */
const loose = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function runPipeline(file: string, content: string, say: (line: string) => void): ArticleRecord {
  const doc: RawDocument = textDocument(`file://${file}`, content);
  try {
    return analyzeDocument(doc);
  } catch (err) {
    // A later stage under construction must not hide the clean stage's score; say so and go on.
    say(`  ${file}: full pipeline failed (${(err as Error).message}); scored the clean stage alone`);
    return analyzeDocument(doc, { until: "clean" });
  }
}

function row(
  metric: string,
  value: number | string,
  target?: string,
  pass?: boolean,
  note?: string,
): EvalRow {
  return { suite: NAME, metric, value, target, pass, note };
}

function count(target: number, of: number): string {
  return `${target}/${of}`;
}

/** Matches gold comments to predicted ones by their opening words, in order. */
function matchComments(gold: GoldComment[], predicted: ArticleRecord["comments"]): (number | null)[] {
  const used = new Set<number>();
  return gold.map((g) => {
    const start = loose(g.text_start);
    for (let i = 0; i < predicted.length; i++) {
      if (used.has(i)) continue;
      if (loose(predicted[i].text).startsWith(start)) {
        used.add(i);
        return i;
      }
    }
    return null;
  });
}

async function run(options: EvalOptions): Promise<EvalRow[]> {
  const seedsDir = requirePath(
    join(options.dataDir ?? options.sharedDir, SEEDS_DIR),
    "eval seeds: the seed articles",
  );
  const goldDir = requirePath(
    join(options.dataDir ?? options.sharedDir, GOLD_DIR),
    "eval seeds: the seed gold annotation",
  );
  const say = options.verbose ?? (() => {});
  let goldFiles = readdirSync(goldDir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (options.limit) goldFiles = goldFiles.slice(0, options.limit);

  const f1s: number[] = [];
  const perArticle: EvalRow[] = [];
  let boilerLeft = 0;
  let titleOk = 0;
  let subtitleOk = 0;
  let publisherOk = 0;
  let originalOk = 0;
  let authorsOk = 0;
  let genreOk = 0;
  let citedOk = 0;
  let dateOk = 0;
  let goldComments = 0;
  let commentsFound = 0;
  let commentAuthorOk = 0;
  let replyOk = 0;
  let goldSpam = 0;
  let spamFlagged = 0;
  let spamWrong = 0;
  let goldAbusive = 0;
  let abusiveFlagged = 0;
  let abusiveWrong = 0;
  let leaked = 0;
  let goldDuplicates = 0;
  let duplicatesRemoved = 0;
  let goldHeadings = 0;
  let headingsFound = 0;
  let extraHeadings = 0;
  let goldInsertions = 0;
  let insertionsFound = 0;

  for (const gf of goldFiles) {
    const gold = JSON.parse(readFileSync(join(goldDir, gf), "utf8")) as Gold;
    const file = gold.file ?? gf.replace(/\.json$/, ".txt");
    const content = readFileSync(requirePath(join(seedsDir, file), `eval seeds: seed ${file}`), "utf8");
    const r = runPipeline(file, content, say);
    const id = file.replace(/\.txt$/, "");
    for (const m of r.messages)
      if (m.rule === "internal-error") say(`${id}: ${m.stage} fell back: ${m.reason}`);
    const body = r.paragraphs.map((p) => p.text).join("\n");
    const f1 = tokenPRF(body, gold.body_paragraphs.join("\n"));
    f1s.push(f1.f1);
    perArticle.push(
      row(
        `body F1 ${id}`,
        fmt(f1.f1),
        `≥ ${BODY_F1_EACH_TARGET}`,
        f1.f1 >= BODY_F1_EACH_TARGET,
        `P ${fmt(f1.precision)} R ${fmt(f1.recall)}`,
      ),
    );
    if (f1.f1 < 1) say(`${id}: body P ${fmt(f1.precision)} R ${fmt(f1.recall)}`);

    const bodyLoose = loose(body);
    for (const sample of gold.boilerplate_samples ?? []) {
      if (bodyLoose.includes(loose(sample))) {
        boilerLeft++;
        say(`${id}: boilerplate left in paragraphs: "${sample}"`);
      }
    }

    const same = (label: string, got: string | null, want: string | null): boolean => {
      const ok = norm(got) === norm(want);
      if (!ok) say(`${id}: ${label} got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
      return ok;
    };
    if (same("title", r.title, gold.title)) titleOk++;
    if (same("subtitle", r.subtitle, gold.subtitle)) subtitleOk++;
    if (same("publisher", r.publisher, gold.publisher)) publisherOk++;
    if (same("originalSource", r.originalSource, gold.original_source)) originalOk++;
    if (same("authors", r.authors.join("; "), gold.authors.join("; "))) authorsOk++;
    if (same("genre", r.genre, gold.genre)) genreOk++;
    const cited = [...r.citedSources].sort().join("; ");
    if (same("citedSources", cited, [...(gold.cited_sources ?? [])].sort().join("; "))) citedOk++;
    // A date is never invented: null, or inside the annotated range.
    const [from, to] = gold.date_range ?? [null, null];
    const date = r.published.date;
    if (date === null || (from !== null && to !== null && date >= from && date <= to)) dateOk++;
    else say(`${id}: published ${date} outside gold range ${from}..${to}`);

    const gc = gold.comments ?? [];
    goldComments += gc.length;
    const matched = matchComments(gc, r.comments);
    gc.forEach((g, k) => {
      const at = matched[k];
      if (g.spam) goldSpam++;
      if (g.abusive) goldAbusive++;
      if (at === null) {
        say(`${id}: comment by ${g.author} not found ("${g.text_start}")`);
        return;
      }
      const c = r.comments[at];
      commentsFound++;
      if (c.author === g.author) commentAuthorOk++;
      else say(`${id}: comment ${at} author ${JSON.stringify(c.author)} want ${JSON.stringify(g.author)}`);
      const parent = c.replyTo === null ? null : (r.comments[c.replyTo]?.author ?? "?");
      if (parent === g.reply_to) replyOk++;
      else
        say(
          `${id}: comment ${at} (${g.author}) replies to ${JSON.stringify(parent)} want ${JSON.stringify(g.reply_to)}`,
        );
      if (g.spam && c.spam) spamFlagged++;
      if (c.spam !== g.spam) {
        if (!g.spam) spamWrong++;
        say(`${id}: comment ${at} (${g.author}) spam ${c.spam} want ${g.spam}`);
      }
      if (g.abusive && c.abusive) abusiveFlagged++;
      if (c.abusive !== g.abusive) {
        if (!g.abusive) abusiveWrong++;
        say(`${id}: comment ${at} (${g.author}) abusive ${c.abusive} want ${g.abusive}`);
      }
    });
    for (const g of gc) {
      const start = loose(g.text_start);
      if (r.paragraphs.some((p) => loose(p.text).includes(start))) {
        leaked++;
        say(`${id}: comment text leaked into paragraphs: "${g.text_start}"`);
      }
    }

    const wantDup = gold.duplicate_paragraphs_removed ?? 0;
    const gotDup = r.removed.filter((x) => x.reason === "duplicate").length;
    goldDuplicates += wantDup;
    duplicatesRemoved += Math.min(gotDup, wantDup);
    if (gotDup !== wantDup) say(`${id}: duplicates removed ${gotDup} want ${wantDup}`);

    const headings = new Set(r.paragraphs.filter((p) => p.kind === "heading").map((p) => norm(p.text)));
    for (const h of gold.headings ?? []) {
      goldHeadings++;
      if (headings.has(norm(h))) headingsFound++;
      else say(`${id}: heading not found: "${h}"`);
    }
    const goldHeadingSet = new Set((gold.headings ?? []).map(norm));
    for (const h of headings) {
      if (!goldHeadingSet.has(h)) {
        extraHeadings++;
        say(`${id}: paragraph marked heading that gold does not list: "${h}"`);
      }
    }
    const insertions = r.paragraphs.filter((p) => p.kind === "insertion").map((p) => norm(p.text) ?? "");
    for (const ins of gold.republisher_insertions ?? []) {
      goldInsertions++;
      if (insertions.some((t) => t === norm(ins))) insertionsFound++;
      else say(`${id}: insertion not found as kind insertion: "${ins.slice(0, 60)}"`);
    }
  }

  const n = goldFiles.length;
  const need = Math.ceil(n * EXACT_SHARE_TARGET);
  const meanF1 = mean(f1s);
  return [
    row("body F1 mean", fmt(meanF1), `≥ ${BODY_F1_MEAN_TARGET}`, meanF1 >= BODY_F1_MEAN_TARGET),
    ...perArticle,
    row("boilerplate samples left in paragraphs", boilerLeft, "0", boilerLeft === 0),
    row("title exact", count(titleOk, n), `≥ ${need}/${n}`, titleOk >= need),
    row("subtitle exact", count(subtitleOk, n), `≥ ${need}/${n}`, subtitleOk >= need),
    row("publisher exact", count(publisherOk, n), `≥ ${need}/${n}`, publisherOk >= need),
    row("originalSource exact", count(originalOk, n), `≥ ${need}/${n}`, originalOk >= need),
    row("authors exact", count(authorsOk, n), `≥ ${need}/${n}`, authorsOk >= need),
    row("genre accuracy", count(genreOk, n), `≥ ${need}/${n}`, genreOk >= need),
    row("citedSources exact (as sets)", count(citedOk, n), `≥ ${need}/${n}`, citedOk >= need),
    row("published date null or inside gold range", count(dateOk, n), `${n}/${n}`, dateOk === n),
    row(
      "comments found",
      count(commentsFound, goldComments),
      `${goldComments}/${goldComments}`,
      commentsFound === goldComments,
    ),
    row(
      "comment authors",
      count(commentAuthorOk, goldComments),
      `${goldComments}/${goldComments}`,
      commentAuthorOk === goldComments,
    ),
    row(
      "comment reply parents",
      count(replyOk, goldComments),
      `${goldComments}/${goldComments}`,
      replyOk === goldComments,
    ),
    row(
      "spam comments flagged",
      count(spamFlagged, goldSpam),
      `${goldSpam}/${goldSpam}, 0 false`,
      spamFlagged === goldSpam && spamWrong === 0,
      `${spamWrong} false flags`,
    ),
    row(
      "abusive comments flagged",
      count(abusiveFlagged, goldAbusive),
      `${goldAbusive}/${goldAbusive}, 0 false`,
      abusiveFlagged === goldAbusive && abusiveWrong === 0,
      `${abusiveWrong} false flags`,
    ),
    row("paragraphs with comment text leaked", leaked, "0", leaked === 0),
    row(
      "duplicate paragraphs removed",
      count(duplicatesRemoved, goldDuplicates),
      `${goldDuplicates}/${goldDuplicates}`,
      duplicatesRemoved === goldDuplicates,
    ),
    row(
      "headings found",
      count(headingsFound, goldHeadings),
      `${goldHeadings}/${goldHeadings}`,
      headingsFound === goldHeadings,
      `${extraHeadings} extra`,
    ),
    row(
      "republisher insertions found",
      count(insertionsFound, goldInsertions),
      `${goldInsertions}/${goldInsertions}`,
      insertionsFound === goldInsertions,
    ),
  ];
}

/** The seeds suite: `sitrep eval seeds -v`. */
export const suite: EvalSuite = {
  name: NAME,
  description:
    "clean stage on the five real seed articles: body F1, boilerplate, metadata, comments, duplicates",
  needs: [SEEDS_DIR, GOLD_DIR],
  run,
};
