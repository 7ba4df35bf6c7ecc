import type { Message, RawDocument, RawMeta } from "../record.ts";
import { decodeBytes, normaliseNewlines } from "./decode.ts";
import { detectFormat } from "./detect-format.ts";
import type { InputProblem, JsonlField } from "./types.ts";

/**
 * JSONL (one JSON object per line; also a JSON array or a single object): one raw document per object
 * with a text or html field. Lines stream in as byte chunks, so a 6,000-article dump is never held
 * whole; a bad line becomes a problem with its line number and the other lines still yield.
 *
 * Known failure cases: a record that nests its text (`{"article": {"body": …}}`) is not found; a
 * `text` field that holds markup is read as HTML only when it looks like a page or is tag-dense.
 */

/** Default field names, first present wins. Python dumps write missing values as the strings below. */
export const DEFAULT_FIELDS: Readonly<Record<JsonlField, readonly string[]>> = {
  text: ["text", "content", "body", "article"],
  html: ["html", "raw_html"],
  title: ["title", "headline"],
  url: ["url", "link"],
  date: ["date", "published", "publish_date"],
  source: ["source", "publisher", "outlet", "domain"],
  authors: ["authors", "author", "byline", "creator"],
  language: ["lang", "language"],
};

/** Values that mean "missing" in dumps made by pandas and friends. */
const NULLISH = new Set(["", "none", "null", "nan", "undefined", "n/a"]);
/** Epoch numbers above this are milliseconds, below it seconds (1e11 s is the year 5138). */
const EPOCH_MS_THRESHOLD = 1e11;
const AUTHOR_SPLIT_RE = /\s*(?:,|;|\band\b|&)\s*/;
const LF = 0x0a;

type Item = RawDocument | InputProblem;
export type FieldMap = Record<JsonlField, readonly string[]>;

/**
 * Field names from options (`"text|body"` lists alternatives) over the defaults.
 * @example resolveFields({ text: "story" }).text // ["story"]
 */
export function resolveFields(overrides: Partial<Record<JsonlField, string>> = {}): FieldMap {
  const out = { ...DEFAULT_FIELDS } as FieldMap;
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value !== "string" || !value.trim()) {
      throw new Error(
        `ingest: options.fields.${key} must be a non-empty string like "text|body", found ${JSON.stringify(value)}`,
      );
    }
    if (!(key in DEFAULT_FIELDS)) {
      throw new Error(
        `ingest: options.fields has unknown key "${key}"; expected one of ${Object.keys(DEFAULT_FIELDS).join(", ")}`,
      );
    }
    out[key as JsonlField] = value
      .split("|")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return out;
}

export interface JsonlOptions {
  fields: FieldMap;
  /** A line longer than this is skipped with a problem, without being held in memory. */
  maxLineBytes: number;
}

/**
 * Streams JSONL from byte chunks (a file or gunzip stream), yielding per line.
 * @example for await (const d of readJsonl([Buffer.from('{"text":"Hi"}\n')], "file:///a.jsonl", opts)) …
 */
export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  uri: string,
  options: JsonlOptions,
): AsyncGenerator<Item> {
  let carry: Buffer[] = [];
  let carryLen = 0;
  let tooLong = false;
  let lineNo = 0;
  try {
    for await (const raw of chunks) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
      let start = 0;
      for (let nl = chunk.indexOf(LF, start); nl !== -1; nl = chunk.indexOf(LF, start)) {
        const piece = chunk.subarray(start, nl);
        lineNo++;
        if (tooLong || carryLen + piece.length > options.maxLineBytes) {
          yield lineTooLong(uri, lineNo, options.maxLineBytes);
        } else {
          const line = carry.length ? Buffer.concat([...carry, piece]) : piece;
          const item = readLine(line, lineNo, uri, options.fields);
          if (item) yield item;
        }
        carry = [];
        carryLen = 0;
        tooLong = false;
        start = nl + 1;
      }
      if (start < chunk.length && !tooLong) {
        const rest = chunk.subarray(start);
        carryLen += rest.length;
        if (carryLen > options.maxLineBytes) {
          tooLong = true; // drop what we hold; the line is reported when it ends
          carry = [];
        } else carry.push(Buffer.from(rest)); // copy: stream chunks may be reused
      }
    }
  } catch (err) {
    // A damaged gzip stream or a read error: the lines before it have been yielded already.
    yield {
      kind: "problem",
      uri,
      code: "unreadable",
      message: `jsonl: reading stopped after line ${lineNo} (${(err as Error).message})`,
    };
    return;
  }
  if (tooLong) yield lineTooLong(uri, lineNo + 1, options.maxLineBytes);
  else if (carryLen > 0) {
    const item = readLine(Buffer.concat(carry), lineNo + 1, uri, options.fields);
    if (item) yield item;
  }
}

/**
 * A JSON document that is an array of objects or one object (not line-delimited).
 * @example readJsonDocument('[{"text":"A"},{"text":"B"}]', "file:///a.json", fields) // two documents
 */
export function readJsonDocument(
  text: string,
  uri: string,
  fields: FieldMap,
  messages: Message[] = [],
): Item[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return [
      {
        kind: "problem",
        uri,
        code: "malformed-json",
        message: `json: not valid JSON (${(err as Error).message})`,
      },
    ];
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    return [{ kind: "problem", uri, code: "empty", message: "json: the array is empty" }];
  return list.map((v, i) =>
    objectToDocument(
      v,
      Array.isArray(value) ? `${uri}#item=${i + 1}` : uri,
      fields,
      messages,
      Array.isArray(value) ? `item ${i + 1}` : "document",
    ),
  );
}

function readLine(line: Buffer, lineNo: number, uri: string, fields: FieldMap): Item | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x0d || line[end - 1] === 0x20 || line[end - 1] === 0x09)) end--;
  let start = 0;
  while (start < end && (line[start] === 0x20 || line[start] === 0x09)) start++;
  if (start === end) return null;
  // JSON text is UTF-8 by RFC 8259; a BOM on the first line is tolerated, invalid bytes are counted.
  const decoded = decodeBytes(line.subarray(start, end), { declared: "utf-8" });
  const lineUri = `${uri}#line=${lineNo}`;
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (err) {
    return {
      kind: "problem",
      uri: lineUri,
      code: "malformed-line",
      message: `jsonl: line ${lineNo} is not valid JSON (${(err as Error).message})`,
    };
  }
  return objectToDocument(value, lineUri, fields, decoded.messages, `line ${lineNo}`);
}

function objectToDocument(
  value: unknown,
  uri: string,
  fields: FieldMap,
  messages: Message[],
  where: string,
): Item {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    const found = Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
    return {
      kind: "problem",
      uri,
      code: "malformed-line",
      message: `jsonl: ${where}: expected a JSON object, found ${found}`,
    };
  }
  const obj = value as Record<string, unknown>;
  // Text first: a dump that carries both usually made its text from that html with a tool chosen
  // for the site, and the text is what was published as the article; html is the fallback.
  const text = pickString(obj, fields.text);
  const html = text === null ? pickString(obj, fields.html) : null;
  const content = text ?? html;
  if (content === null) {
    return {
      kind: "problem",
      uri,
      code: "no-content",
      message: `jsonl: ${where}: no text field (looked for ${[...fields.text, ...fields.html].join(", ")})`,
    };
  }
  let contentType: "text" | "html" = html !== null ? "html" : "text";
  if (contentType === "text" && content.indexOf("<") !== -1) {
    // Dumps often store a page in "content"; the markup decides, not the field name.
    if (detectFormat(Buffer.from(content.slice(0, 16384), "utf8"), ".txt").format === "html")
      contentType = "html";
  }
  const meta: RawMeta = {
    title: pickString(obj, fields.title),
    url: pickString(obj, fields.url),
    date: pickDate(obj, fields.date),
    publisher: pickString(obj, fields.source),
    authors: pickAuthors(obj, fields.authors),
    language: pickString(obj, fields.language),
  };
  return {
    uri,
    format: "jsonl",
    contentType,
    content: normaliseNewlines(content),
    meta,
    messages: [...messages],
  };
}

function pickString(obj: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const v = obj[name];
    if (typeof v === "string") {
      const t = v.trim();
      if (!NULLISH.has(t.toLowerCase())) return t;
    } else if (typeof v === "number" && Number.isFinite(v)) return String(v);
  }
  return null;
}

function pickDate(obj: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const v = obj[name];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) {
      return new Date(v > EPOCH_MS_THRESHOLD ? v : v * 1000).toISOString();
    }
  }
  return pickString(obj, names);
}

function pickAuthors(obj: Record<string, unknown>, names: readonly string[]): string[] {
  for (const name of names) {
    const v = obj[name];
    const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(AUTHOR_SPLIT_RE) : [];
    const out: string[] = [];
    for (const a of list) {
      const s =
        typeof a === "string" ? a : a && typeof a === "object" && typeof a.name === "string" ? a.name : null;
      if (s && !NULLISH.has(s.trim().toLowerCase())) out.push(s.trim());
    }
    if (out.length) return out;
  }
  return [];
}

function lineTooLong(uri: string, lineNo: number, max: number): InputProblem {
  return {
    kind: "problem",
    uri: `${uri}#line=${lineNo}`,
    code: "too-large",
    message: `jsonl: line ${lineNo} is longer than the ${max} byte limit (--max-bytes); skipped`,
  };
}
