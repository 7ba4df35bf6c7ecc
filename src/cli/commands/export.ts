import { createWriteStream } from "node:fs";
import type { ArticleRecord } from "../../record.ts";
import type { StoredEvent, StoredQuote } from "../../store/index.ts";
import { isoDateOption, openStore, resolvePath } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";

export interface ExportOptions {
  db?: string;
  format?: string;
  what?: string;
  out?: string;
  publisher?: string;
  since?: string;
  until?: string;
}

const WHATS = ["articles", "quotes", "events"] as const;

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join("; ") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(",")}\r\n`;

const ARTICLE_COLUMNS = [
  "id",
  "published",
  "date_basis",
  "title",
  "subtitle",
  "authors",
  "publisher",
  "original_source",
  "genre",
  "language",
  "paragraphs",
  "comments",
  "removed",
  "actors",
  "quotes",
  "events",
  "near_duplicate_of",
  "uri",
  "url",
];

function articleRow(r: ArticleRecord): unknown[] {
  return [
    r.id,
    r.published.date ?? r.published.earliest,
    r.published.basis,
    r.title,
    r.subtitle,
    r.authors,
    r.publisher,
    r.originalSource,
    r.genre,
    r.language,
    r.paragraphs.length,
    r.comments.length,
    r.removed.length,
    r.actors.length,
    r.quotes.length,
    r.events.length,
    r.nearDuplicateOf ?? null,
    r.source.uri,
    r.source.url ?? null,
  ];
}

const QUOTE_COLUMNS = [
  "article_id",
  "published",
  "publisher",
  "title",
  "paragraph",
  "start",
  "end",
  "kind",
  "speaker_text",
  "speaker_name",
  "speaker_actor",
  "cue",
  "text",
];

function quoteRow(q: StoredQuote): unknown[] {
  return [
    q.articleId,
    q.published,
    q.publisher,
    q.title,
    q.paragraph,
    q.start,
    q.end,
    q.kind,
    q.speaker?.text,
    q.speaker?.name,
    q.speaker?.actor,
    q.cue,
    q.text,
  ];
}

/** GDELT-like event columns, plus sitrep's modality, claim and evidence. */
const EVENT_COLUMNS = [
  "SQLDATE",
  "Actor1Code",
  "Actor1CountryCode",
  "Actor1Type1Code",
  "Actor2Code",
  "Actor2CountryCode",
  "Actor2Type1Code",
  "EventCode",
  "EventBaseCode",
  "EventRootCode",
  "QuadClass",
  "GoldsteinScale",
  "PloverCategory",
  "Modality",
  "ClaimedBy",
  "ArticleId",
  "Publisher",
  "Paragraph",
  "Evidence",
  "Sentence",
];

/** CAMEO root → GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export function quadClass(cameo: string): number {
  const root = Number(cameo.slice(0, 2));
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

function eventRow(e: StoredEvent): unknown[] {
  const date = (e.date ?? e.published ?? "").replace(/-/g, "");
  return [
    date,
    e.source.actor,
    e.source.country,
    e.source.sector,
    e.target?.actor,
    e.target?.country,
    e.target?.sector,
    e.cameo,
    e.cameo.slice(0, 3),
    e.cameo.slice(0, 2),
    quadClass(e.cameo),
    e.intensity,
    e.category,
    e.modality,
    e.claimedBy,
    e.articleId,
    e.publisher,
    e.paragraph,
    e.evidence,
    e.sentence,
  ];
}

/** `sitrep export --format jsonl|csv [--what articles|quotes|events]`: writes stored records. */
export async function exportCommand(opts: ExportOptions, io: CliIO): Promise<number> {
  const format = opts.format ?? "jsonl";
  if (format !== "jsonl" && format !== "csv")
    throw new CliError(`export: --format must be jsonl or csv, found "${format}"`);
  const what = (opts.what ?? "articles") as (typeof WHATS)[number];
  if (!WHATS.includes(what))
    throw new CliError(`export: --what must be one of ${WHATS.join(", ")}, found "${opts.what}"`);
  const filter = {
    publisher: opts.publisher,
    since: isoDateOption("since", opts.since),
    until: isoDateOption("until", opts.until),
  };
  const store = openStore(opts.db, io, true);
  const file = opts.out ? createWriteStream(resolvePath(opts.out, io)) : null;
  const write = (s: string) => (file ? file.write(s) : io.stdout(s));
  let n = 0;
  try {
    if (what === "articles") {
      if (format === "csv") write(csvLine(ARTICLE_COLUMNS));
      for await (const r of store.list(filter)) {
        write(format === "csv" ? csvLine(articleRow(r)) : `${JSON.stringify(r)}\n`);
        n++;
      }
    } else if (what === "quotes") {
      if (format === "csv") write(csvLine(QUOTE_COLUMNS));
      for (const q of await store.quotes({ ...filter, limit: Number.MAX_SAFE_INTEGER })) {
        write(format === "csv" ? csvLine(quoteRow(q)) : `${JSON.stringify(q)}\n`);
        n++;
      }
    } else {
      if (format === "csv") write(csvLine(EVENT_COLUMNS));
      for (const e of await store.events({ ...filter, limit: Number.MAX_SAFE_INTEGER })) {
        write(format === "csv" ? csvLine(eventRow(e)) : `${JSON.stringify(e)}\n`);
        n++;
      }
    }
  } finally {
    await store.close();
    if (file)
      await new Promise<void>((res, rej) => file.end((err?: Error | null) => (err ? rej(err) : res())));
  }
  if (file) io.stderr(`export: wrote ${n} ${what} to ${opts.out}\n`);
  return 0;
}
