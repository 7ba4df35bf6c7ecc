import { readdirSync, statSync } from "node:fs";
import cliProgress from "cli-progress";
import { type IngestOptions, readInputs } from "../../ingest/index.ts";
import { analyzeDocument, articleId } from "../../pipeline.ts";
import type { ArticleRecord, RawDocument } from "../../record.ts";
import { type PutOutcome, StoreError } from "../../store/index.ts";
import { openStore, resolvePath } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";

export interface IngestCommandOptions extends InputFlags {
  db?: string;
  quiet?: boolean;
}

export interface IngestSummary {
  read: number;
  stored: number;
  known: number;
  nearDuplicates: number;
  skipped: Array<{ uri: string; reason: string }>;
  seconds: number;
}

/**
 * Analysed records are written in batches, one transaction each: fewer commits make storing several times
 * cheaper, and a crash still leaves every article whole or absent. A batch is flushed at this size or age.
 */
const BATCH_SIZE = 64;
const BATCH_MAX_AGE_MS = 250;
/** Plain progress lines (not a terminal) are written at most this often. */
const PLAIN_PROGRESS_EVERY_MS = 2000;
const JSONL_FIELDS = new Set(["text", "html", "title", "url", "date", "source"]);

/** Options that `analyze` and `ingest` share for reading their inputs. */
export interface InputFlags {
  allowPrivate?: boolean;
  maxBytes?: string;
  field?: string[];
}

/** Turns the shared input flags into the ingest layer's options, checking them. */
export function inputOptions(opts: InputFlags, io: CliIO): IngestOptions {
  const maxBytes = opts.maxBytes === undefined ? undefined : Number(opts.maxBytes);
  if (maxBytes !== undefined && !(maxBytes > 0)) {
    throw new CliError(`--max-bytes expects a positive number, found "${opts.maxBytes}"`);
  }
  return {
    allowPrivate: opts.allowPrivate,
    maxBytes,
    fields: parseFields(opts.field),
    stdin: io.stdin,
    cwd: io.cwd,
  };
}

/** Parses repeated `--field text=body` options into the ingest layer's field map. */
export function parseFields(specs: string[] | undefined): IngestOptions["fields"] {
  if (!specs?.length) return undefined;
  const fields: Record<string, string> = {};
  for (const spec of specs) {
    const m = /^(\w+)=(.+)$/.exec(spec);
    if (!m || !JSONL_FIELDS.has(m[1])) {
      throw new CliError(
        `--field expects NAME=FIELD with NAME one of ${[...JSONL_FIELDS].join(", ")}, found "${spec}"`,
      );
    }
    fields[m[1]] = m[2];
  }
  return fields;
}

function fileOf(uri: string): string {
  const hash = uri.indexOf("#");
  return hash < 0 ? uri : uri.slice(0, hash);
}

/** Counts input files for the progress bar's total; URLs, stdin and unreadable paths count as one. */
function countFiles(inputs: string[], io: CliIO): number {
  let n = 0;
  const walk = (p: string, depth: number) => {
    try {
      const st = statSync(p);
      if (st.isDirectory() && depth < 32) {
        for (const name of readdirSync(p)) {
          if (!name.startsWith(".") && name !== "node_modules") walk(`${p}/${name}`, depth + 1);
        }
      } else n++;
    } catch {
      n++;
    }
  };
  for (const input of inputs) {
    if (input === "-" || /^[a-z]+:\/\//i.test(input)) n++;
    else walk(resolvePath(input, io), 0);
  }
  return Math.max(1, n);
}

/**
 * `sitrep ingest <inputs…>`: analyses and stores articles, idempotent on the article id.
 * Each article is written in its own transaction, so an ingest killed mid-batch and run again stores every
 * article exactly once. Ends with a summary: read, stored, already known, near-duplicates, skipped.
 */
export async function ingestCommand(
  inputs: string[],
  opts: IngestCommandOptions,
  io: CliIO,
): Promise<number> {
  const options = inputOptions(opts, io);
  const store = openStore(opts.db, io);
  const summary: IngestSummary = { read: 0, stored: 0, known: 0, nearDuplicates: 0, skipped: [], seconds: 0 };
  const started = Date.now();
  const bar =
    io.isTTY && !opts.quiet
      ? new cliProgress.SingleBar(
          {
            format:
              " {bar} {value}/{total} files | {read} read · {stored} stored · {known} known · {near} near-dup · {skipped} skipped | {rate}/s",
            stream: {
              write: (s: string) => {
                io.stderr(s);
                return true;
              },
              isTTY: true,
              columns: 140,
            } as unknown as NodeJS.WriteStream,
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  const total = bar ? countFiles(inputs, io) : 0;
  let filesDone = 0;
  let currentFile = "";
  let lastPlain = Date.now();
  const payload = () => ({
    read: summary.read,
    stored: summary.stored,
    known: summary.known,
    near: summary.nearDuplicates,
    skipped: summary.skipped.length,
    rate: Math.round(summary.read / Math.max(0.001, (Date.now() - started) / 1000)),
  });
  bar?.start(total, 0, payload());
  const tick = (uri: string) => {
    const file = fileOf(uri);
    if (file !== currentFile) {
      if (currentFile) filesDone++;
      currentFile = file;
    }
    if (bar) bar.update(Math.min(filesDone, total), payload());
    else if (!opts.quiet && Date.now() - lastPlain >= PLAIN_PROGRESS_EVERY_MS) {
      lastPlain = Date.now();
      const p = payload();
      io.stderr(
        `ingest: ${p.read} read, ${p.stored} stored, ${p.known} known, ${p.near} near-duplicates, ${p.skipped} skipped (${p.rate}/s)\n`,
      );
    }
  };

  let batch: ArticleRecord[] = [];
  let batchStarted = Date.now();
  const flush = async () => {
    if (batch.length === 0) return;
    let outcomes: PutOutcome[];
    try {
      outcomes = await store.putMany(batch);
    } catch (err) {
      // The database itself failed (disk full, locked, corrupt): stop, keeping what is already stored.
      if (err instanceof StoreError) throw new CliError(`ingest stopped: ${err.message}`, 1);
      throw err;
    }
    for (const outcome of outcomes) {
      if (outcome.status === "known") summary.known++;
      else {
        summary.stored++;
        if (outcome.nearDuplicateOf) summary.nearDuplicates++;
      }
    }
    batch = [];
    batchStarted = Date.now();
  };

  try {
    for await (const item of readInputs(inputs, options)) {
      if ("kind" in item && item.kind === "problem") {
        summary.skipped.push({ uri: item.uri, reason: item.message });
        if (!bar && !opts.quiet) io.stderr(`ingest: skipped ${item.uri}: ${item.message}\n`);
        tick(item.uri);
        continue;
      }
      const doc = item as RawDocument;
      summary.read++;
      // The id depends only on the input text: skip the whole analysis for what is already stored.
      const id = articleId(doc.content);
      if (await store.has(id)) {
        summary.known++;
        tick(doc.uri);
        continue;
      }
      try {
        batch.push(analyzeDocument(doc, { id }));
      } catch (err) {
        // A stage that throws is a bug, but one article must not stop the batch: report it and go on.
        summary.skipped.push({ uri: doc.uri, reason: `analysis failed: ${(err as Error).message}` });
      }
      if (batch.length >= BATCH_SIZE || Date.now() - batchStarted >= BATCH_MAX_AGE_MS) await flush();
      tick(doc.uri);
    }
    await flush();
  } finally {
    if (bar) {
      bar.update(total, payload());
      bar.stop();
    }
    await store.close();
  }
  summary.seconds = (Date.now() - started) / 1000;
  io.stdout(renderSummary(summary, store.path));
  return 0;
}

function renderSummary(s: IngestSummary, db: string): string {
  const lines = [
    `ingest into ${db} (${s.seconds.toFixed(1)} s):`,
    `  read            ${s.read}`,
    `  stored          ${s.stored}`,
    `  already known   ${s.known}`,
    `  near-duplicates ${s.nearDuplicates} (stored, linked to the copy already stored)`,
    `  skipped         ${s.skipped.length}`,
  ];
  const reasons = new Map<string, string[]>();
  for (const x of s.skipped) {
    const key = x.reason;
    const list = reasons.get(key) ?? [];
    list.push(x.uri);
    reasons.set(key, list);
  }
  for (const [reason, uris] of reasons) {
    lines.push(
      `    ${uris.length > 1 ? `${uris.length}× ` : ""}${uris[0]}${uris.length > 1 ? " …" : ""}: ${reason}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
