import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { type InputProblem, readInputs } from "../../ingest/index.ts";
import type { RawDocument } from "../../record.ts";
import { fmt } from "../score.ts";
import { requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

/**
 * The ingest suite: does sitrep read real containers completely and decode real pages correctly?
 * Items and records present are counted independently of the readers (a raw scan of the bytes), so a
 * reader that silently drops items shows up as recall below 1. Decoding is judged on the real news
 * pages: mojibake in the visible text or U+FFFD that decoding added, and how many of the gold text's accented words survive, beside
 * a naive decoder (declared charset, else strict UTF-8, else windows-1252) as the baseline.
 * There is no held-out split in these corpora; the suite reads them whole (or --limit items per part).
 */

const FEEDS_DIR = "bench-data/corpus/feeds-warc-samples/feeds";
const WARC_DIR = "bench-data/corpus/feeds-warc-samples/warc";
const PAGES_DIR = "bench-data/corpus/html-news-pages";
const JSONL_FILE = "bench-data/corpus/ru-ua-conflict/articles.jsonl.gz";

/** Items as a raw scan sees them: an opening item/entry tag (any namespace prefix). */
const RAW_ITEM_RE = /<(?:[\w.-]+:)?(?:item|entry)[\s>]/g;
/** Record headers of the kinds ingest reads (HTML is decided later, so this is an upper bound). */
const RAW_RECORD_RE = /\r\nWARC-Type: (?:response|resource)\r\n/g;
/** UTF-8 read as windows-1252/Latin-1 ("Ã©", "â€™", "Â "), and Cyrillic read the same way ("Ð¾"). */
const MOJIBAKE_RE =
  /Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2122\u0153\u0161\u017e]|Â[\u00a0-\u00bf]|Ð[\u00b0-\u00bf]/;
const NON_ASCII_WORD_RE = /[\p{L}\p{N}]*[^\p{ASCII}\P{L}][\p{L}\p{N}]*/gu;
const FFFD_RE = /\ufffd/g;
const REPLACEMENT_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);
const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

interface Tally {
  present: number;
  read: number;
  problems: number;
  ms: number;
  misses: string[];
}

async function readAll(path: string): Promise<{ docs: RawDocument[]; problems: InputProblem[]; ms: number }> {
  const docs: RawDocument[] = [];
  const problems: InputProblem[] = [];
  const t0 = performance.now();
  for await (const item of readInputs([path])) {
    if ((item as InputProblem).kind === "problem") problems.push(item as InputProblem);
    else docs.push(item as RawDocument);
  }
  return { docs, problems, ms: performance.now() - t0 };
}

function rawBytes(path: string): Buffer {
  const b = readFileSync(path);
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

async function feeds(shared: string, options: EvalOptions): Promise<EvalRow[]> {
  const root = requirePath(join(shared, FEEDS_DIR), "ingest eval (feeds)");
  const t: Tally = { present: 0, read: 0, problems: 0, ms: 0, misses: [] };
  let mojibake = 0;
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .slice(0, options.limit);
  for (const path of files) {
    const raw = rawBytes(path);
    const text = raw.toString("latin1");
    const present = path.endsWith(".json")
      ? (JSON.parse(raw.toString("utf8")).items?.length ?? 0)
      : count(RAW_ITEM_RE, text);
    const got = await readAll(path);
    t.present += present;
    t.read += got.docs.length;
    t.problems += got.problems.length;
    t.ms += got.ms;
    for (const d of got.docs)
      if (MOJIBAKE_RE.test(d.content) || MOJIBAKE_RE.test(d.meta.title ?? "")) mojibake++;
    if (got.docs.length !== present) {
      const why = got.problems.slice(0, 2).map((p) => p.message);
      t.misses.push(
        `${path.slice(root.length + 1)}: ${got.docs.length}/${present} items (${why.join("; ")})`,
      );
    }
  }
  for (const m of t.misses) options.verbose?.(`ingest feeds: ${m}`);
  return [
    {
      suite: "ingest",
      metric: "feed items read / present",
      value: t.present ? t.read / t.present : 0,
      target: "≥ 0.95",
      pass: t.read >= 0.95 * t.present,
      note: `${t.read}/${t.present} items in ${files.length} feeds, ${t.problems} problems`,
    },
    {
      suite: "ingest",
      metric: "feed items with mojibake",
      value: mojibake,
      target: "= 0",
      pass: mojibake === 0,
    },
    {
      suite: "ingest",
      metric: "feed items/s",
      value: t.ms ? (1000 * t.read) / t.ms : 0,
      note: `${fmt(t.ms, 0)} ms`,
    },
  ];
}

async function warcs(shared: string, options: EvalOptions): Promise<EvalRow[]> {
  const root = requirePath(join(shared, WARC_DIR), "ingest eval (warc)");
  const files = readdirSync(root)
    .sort()
    .map((n) => join(root, n))
    .slice(0, options.limit);
  let present = 0;
  let read = 0;
  let problems = 0;
  let ms = 0;
  for (const path of files) {
    const expected = count(RAW_RECORD_RE, rawBytes(path).toString("latin1"));
    const got = await readAll(path);
    present += expected;
    read += got.docs.length;
    problems += got.problems.length;
    ms += got.ms;
    if (got.docs.length !== expected || got.problems.length) {
      options.verbose?.(
        `ingest warc: ${path.slice(root.length + 1)}: ${got.docs.length}/${expected} records; ${got.problems.map((p) => p.message).join("; ")}`,
      );
    }
  }
  return [
    {
      suite: "ingest",
      metric: "warc records read / response+resource",
      value: present ? read / present : 0,
      note: `${read}/${present} in ${files.length} files (non-HTML and non-2xx are skipped by design), ${problems} problems`,
    },
    {
      suite: "ingest",
      metric: "warc records/s",
      value: ms ? (1000 * read) / ms : 0,
      note: `${fmt(ms, 0)} ms`,
    },
  ];
}

/** The baseline: a declared charset wins, else strict UTF-8, else windows-1252 (TextDecoder's, as Node has it). */
function naiveDecode(buf: Buffer): string {
  const declared = META_CHARSET_RE.exec(buf.subarray(0, 4096).toString("latin1"))?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared).decode(buf);
    } catch {}
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder("windows-1252").decode(buf);
  }
}

function countSubarray(hay: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

function visibleText(html: string): string {
  try {
    const { document } = parseHTML(html);
    for (const el of document.querySelectorAll("script,style,noscript")) el.remove();
    return document.documentElement?.textContent ?? "";
  } catch {
    return html;
  }
}

async function pages(shared: string, options: EvalOptions): Promise<EvalRow[]> {
  const root = requirePath(join(shared, PAGES_DIR), "ingest eval (html pages)");
  const manifest = readFileSync(join(root, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; file: string; expected_text?: string | null })
    .slice(0, options.limit);
  const ours = { clean: 0, words: 0, found: 0 };
  const base = { clean: 0, words: 0, found: 0 };
  // Throughput in a pass of its own: the scoring below parses every page with linkedom, whose garbage
  // would otherwise be charged to ingest.
  const t0 = performance.now();
  for (const page of manifest) await readAll(join(root, page.file));
  const ms = performance.now() - t0;
  for (const page of manifest) {
    const path = join(root, page.file);
    const got = await readAll(path);
    const doc = got.docs[0];
    const bytes = gunzipSync(readFileSync(path));
    const naive = naiveDecode(bytes);
    // Damage is what decoding adds: mojibake in the visible text, or U+FFFD beyond what the bytes spelled out.
    const a = visibleText(doc?.content ?? "");
    const b = visibleText(naive);
    const sourceFffd = countSubarray(bytes, REPLACEMENT_UTF8);
    if (doc && !MOJIBAKE_RE.test(a) && !doc.messages.some((m) => m.rule === "invalid-bytes")) ours.clean++;
    else
      options.verbose?.(
        `ingest pages: ${page.id}: damaged after decoding (${doc?.messages.map((m) => m.reason).join("; ")})`,
      );
    if (!MOJIBAKE_RE.test(b) && count(FFFD_RE, naive) <= sourceFffd) base.clean++;
    const words = [...new Set((page.expected_text ?? "").match(NON_ASCII_WORD_RE) ?? [])];
    for (const w of words) {
      ours.words++;
      base.words++;
      if (a.includes(w)) ours.found++;
      if (b.includes(w)) base.found++;
    }
  }
  const n = manifest.length;
  return [
    {
      suite: "ingest",
      metric: "pages decoded without damage",
      value: n ? ours.clean / n : 0,
      target: "≥ 0.99",
      pass: ours.clean >= 0.99 * n,
      note: `${ours.clean}/${n}; naive decoder ${base.clean}/${n}`,
    },
    {
      suite: "ingest",
      metric: "gold accented words found",
      value: ours.words ? ours.found / ours.words : 0,
      note: `${ours.found}/${ours.words}; naive decoder ${fmt(base.words ? base.found / base.words : 0)}`,
    },
    { suite: "ingest", metric: "pages/s (read, detect, gunzip, decode)", value: ms ? (1000 * n) / ms : 0 },
  ];
}

async function jsonl(shared: string, options: EvalOptions): Promise<EvalRow[]> {
  const path = requirePath(join(shared, JSONL_FILE), "ingest eval (jsonl)");
  const lines = gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim()).length;
  const t0 = performance.now();
  let read = 0;
  let problems = 0;
  let withTitleUrlDate = 0;
  for await (const item of readInputs([path])) {
    if ((item as InputProblem).kind === "problem") {
      problems++;
      continue;
    }
    const d = item as RawDocument;
    read++;
    if (d.meta.title && d.meta.url && d.meta.date) withTitleUrlDate++;
    if (options.limit && read >= options.limit) break;
  }
  const ms = performance.now() - t0;
  const expected = options.limit ? Math.min(options.limit, lines) : lines;
  return [
    {
      suite: "ingest",
      metric: "jsonl articles read / lines",
      value: expected ? read / expected : 0,
      target: "= 1",
      pass: read === expected,
      note: `${read}/${expected}, ${problems} problems`,
    },
    {
      suite: "ingest",
      metric: "jsonl articles with title, url and date",
      value: read ? withTitleUrlDate / read : 0,
    },
    { suite: "ingest", metric: "jsonl articles/s (streamed from .gz)", value: ms ? (1000 * read) / ms : 0 },
  ];
}

export const suite: EvalSuite = {
  name: "ingest",
  description: "reading real feeds, WARCs, JSONL dumps and HTML pages: completeness and decoding",
  needs: [FEEDS_DIR, WARC_DIR, PAGES_DIR, JSONL_FILE],
  run: async (options) => {
    const shared = options.sharedDir;
    return [
      ...(await feeds(shared, options)),
      ...(await warcs(shared, options)),
      ...(await pages(shared, options)),
      ...(await jsonl(shared, options)),
    ];
  },
};
