import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { pipeline } from "node:stream";
import { pathToFileURL } from "node:url";
import { createGunzip, gunzipSync, constants as zlibConstants } from "node:zlib";
import type { Message, RawDocument, SourceFormat } from "../record.ts";
import { charsetFromContentType, decodeBytes } from "./decode.ts";
import {
  type DetectedFormat,
  type Detection,
  detectFormat,
  looksLikeJsonFeed,
  SNIFF_BYTES,
} from "./detect-format.ts";
import {
  DEFAULT_MAX_FETCH_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  type FetchOptions,
  fetchUrl,
  formatBytes,
  lookupAll,
} from "./fetch-url.ts";
import { readJsonFeed, readXmlFeed } from "./read-feed.ts";
import { type FieldMap, readJsonDocument, readJsonl, resolveFields } from "./read-jsonl.ts";
import { readWarc } from "./read-warc.ts";
import type { IngestOptions, InputProblem } from "./types.ts";
import { walkFiles } from "./walk.ts";

/**
 * The ingest layer's door. `readInputs` turns files, directories, URLs and "-" (stdin) into raw
 * documents, one per article, detecting each input's format from its bytes and decoding it to text.
 * Anything wrong with one input becomes an InputProblem and the batch goes on.
 */

export { charsetFromContentType, decodeBytes, normaliseNewlines } from "./decode.ts";
export { detectFormat } from "./detect-format.ts";
export { checkUrl, formatBytes, specialAddress, USER_AGENT } from "./fetch-url.ts";
export { readJsonFeed, readXmlFeed } from "./read-feed.ts";
export { DEFAULT_FIELDS, readJsonl } from "./read-jsonl.ts";
export { readWarc } from "./read-warc.ts";
export type { IngestOptions, InputProblem, JsonlField } from "./types.ts";
export { walkFiles } from "./walk.ts";

/** Largest input read whole: 20 MB, in decimal units so the message and the flag agree ("20 MB"). */
export const DEFAULT_MAX_BYTES = 20_000_000;
/** Streams are read in chunks this large: big enough to be fast, small enough to stay flat in memory. */
const STREAM_CHUNK = 1 << 20;
/** An input that starts like a URL; a drive letter ("C:\\news") is a Windows path, not a URL. */
const URL_SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const WINDOWS_DRIVE_RE = /^[A-Za-z]:[\\/]/;
const GZ_EXT_RE = /\.gz$/i;
/** A server that says HTML wins over a sniff that found too few tags. */
const HTML_CONTENT_TYPE_RE = /html/i;
/**
 * Only http(s) are fetched. These schemes are refused by name, so `file:///etc/passwd` or a `data:` URL
 * is never read (a file input is given as a path); other "word:rest" inputs without "//" are paths.
 */
const REFUSED_SCHEMES = new Set([
  "file",
  "ftp",
  "ftps",
  "data",
  "javascript",
  "vbscript",
  "blob",
  "about",
  "gopher",
  "ws",
  "wss",
  "mailto",
  "sftp",
  "ssh",
  "smb",
  "ldap",
]);
/** Where each format may declare its own charset: feeds in the XML declaration, pages also in `<meta>`. */
const DECLARATIONS: Partial<Record<DetectedFormat, "xml" | "html" | "none">> = {
  rss: "xml",
  atom: "xml",
  html: "html",
};
/** Formats read as a stream of chunks, whatever the file size; everything else is read whole. */
const STREAMED = new Set<DetectedFormat>(["jsonl", "warc"]);

type Item = RawDocument | InputProblem;

interface Resolved {
  fields: FieldMap;
  maxBytes: number;
  cwd: string;
  stdin?: () => Promise<Buffer>;
  fetch: FetchOptions;
}

/**
 * Reads files, directories, URLs and "-" (stdin) and yields one raw document per article found,
 * or a problem naming the input.
 * @example for await (const d of readInputs(["news/", "https://example.org/a"], { cwd: "/data" })) …
 */
export async function* readInputs(
  inputs: string[],
  options: IngestOptions = {},
): AsyncGenerator<RawDocument | InputProblem> {
  const opts = resolveOptions(options);
  if (inputs.includes("-") && !opts.stdin)
    throw new Error('ingest: input "-" needs options.stdin, which was not given');
  for (const input of inputs) {
    yield* guarded(readInput(input, opts), input);
  }
}

/** A reader that meets something it did not foresee reports it on its input; the batch (and the directory) goes on. */
async function* guarded(items: AsyncGenerator<Item>, uri: string): AsyncGenerator<Item> {
  try {
    yield* items;
  } catch (err) {
    yield problem(uri, "unreadable", `could not read: ${(err as Error).message}`);
  }
}

function resolveOptions(o: IngestOptions): Resolved {
  const positive = (name: string, v: number | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!Number.isFinite(v) || v <= 0)
      throw new Error(`ingest: options.${name} must be a positive number, found ${v}`);
    return v;
  };
  const maxRedirects = o.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) {
    throw new Error(`ingest: options.maxRedirects must be a whole number ≥ 0, found ${o.maxRedirects}`);
  }
  return {
    fields: resolveFields(o.fields),
    maxBytes: positive("maxBytes", o.maxBytes, DEFAULT_MAX_BYTES),
    cwd: o.cwd ?? process.cwd(),
    stdin: o.stdin,
    fetch: {
      allowPrivate: Boolean(o.allowPrivate),
      timeoutMs: positive("timeoutMs", o.timeoutMs, DEFAULT_TIMEOUT_MS),
      maxFetchBytes: positive("maxFetchBytes", o.maxFetchBytes, DEFAULT_MAX_FETCH_BYTES),
      maxRedirects,
      lookup: o.lookup ?? lookupAll,
    },
  };
}

async function* readInput(input: string, opts: Resolved): AsyncGenerator<Item> {
  if (input === "-") {
    const bytes = await opts.stdin!();
    yield* readWhole(bytes, "stdin:", "", opts, { what: "standard input" });
    return;
  }
  const scheme = URL_SCHEME_RE.exec(input)?.[1]?.toLowerCase();
  if (scheme && !WINDOWS_DRIVE_RE.test(input)) {
    if (scheme === "http" || scheme === "https") {
      yield* readUrl(input, opts);
      return;
    }
    if (REFUSED_SCHEMES.has(scheme) || input.startsWith(`${scheme}://`)) {
      yield problem(
        input,
        "refused-url",
        `refused: ${scheme}: URLs are not read (only http and https, or a file path)`,
      );
      return;
    }
  }
  const path = isAbsolute(input) ? input : resolve(opts.cwd, input);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    yield fileProblem(path, err);
    return;
  }
  if (info.isDirectory()) {
    let files = 0;
    for await (const entry of walkFiles(path)) {
      files++;
      if ("error" in entry)
        yield problem(pathToFileURL(entry.path).href, "unreadable", `${entry.path}: ${entry.error}`);
      else yield* guarded(readFileInput(entry.path, opts), pathToFileURL(entry.path).href);
    }
    if (files === 0)
      yield problem(
        pathToFileURL(path).href,
        "empty",
        `${path} holds no files to read (dotfiles and node_modules are skipped)`,
      );
    return;
  }
  yield* readFileInput(path, opts);
}

async function* readFileInput(path: string, opts: Resolved): AsyncGenerator<Item> {
  const uri = pathToFileURL(path).href;
  let size: number;
  let head: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      yield problem(uri, "unreadable", `${path} is not a regular file`);
      return;
    }
    size = info.size;
    if (size === 0) {
      yield problem(uri, "empty", `${path} is empty (0 bytes)`);
      return;
    }
    head = await readHead(path);
  } catch (err) {
    yield fileProblem(path, err);
    return;
  }
  let detection = detectFormat(head, path);
  let gzipped = false;
  if (detection.format === "gzip") {
    gzipped = true;
    detection = detectFormat(gunzipHead(head), path.replace(GZ_EXT_RE, ""));
  }
  if (STREAMED.has(detection.format)) {
    const raw = createReadStream(path, { highWaterMark: STREAM_CHUNK });
    // pipeline, not pipe: a read error must reach the gunzip side, or the reader would wait forever.
    const chunks = gzipped ? pipeline(raw, createGunzip({ chunkSize: STREAM_CHUNK }), () => {}) : raw;
    try {
      if (detection.format === "jsonl")
        yield* readJsonl(chunks, uri, { fields: opts.fields, maxLineBytes: opts.maxBytes });
      else yield* readWarc(chunks, uri, { maxRecordBytes: opts.maxBytes });
    } finally {
      raw.destroy();
      if (chunks !== raw) chunks.destroy();
    }
    return;
  }
  if (size > opts.maxBytes) {
    // Judged on stat alone: a huge file is never loaded just to be refused.
    yield problem(
      uri,
      "too-large",
      `file is ${formatBytes(size)}, larger than the ${formatBytes(opts.maxBytes)} limit (--max-bytes)`,
    );
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    yield fileProblem(path, err);
    return;
  }
  yield* readWhole(bytes, uri, path, opts, { what: path });
}

async function* readUrl(input: string, opts: Resolved): AsyncGenerator<Item> {
  const got = await fetchUrl(input, opts.fetch);
  if ("kind" in got) {
    yield got;
    return;
  }
  if (got.cut) {
    yield problem(
      input,
      "too-large",
      `response body is larger than the ${formatBytes(opts.fetch.maxFetchBytes)} cap; cut there and read what came`,
    );
  }
  const declared = charsetFromContentType(got.contentType);
  let name = "";
  try {
    name = new URL(got.url).pathname;
  } catch {}
  yield* readWhole(got.bytes, input, name, opts, {
    what: input,
    declared,
    fetchedUrl: got.url,
    contentType: got.contentType,
    messages: got.messages,
  });
}

interface WholeContext {
  /** How to name the input in problems: a path, "standard input", a URL. */
  what: string;
  declared?: string | null;
  fetchedUrl?: string;
  contentType?: string | null;
  messages?: Message[];
}

/** An input held in memory (a file under the size limit, stdin, a fetched body). */
async function* readWhole(
  bytes: Buffer,
  uri: string,
  name: string,
  opts: Resolved,
  ctx: WholeContext,
): AsyncGenerator<Item> {
  let detection: Detection = detectFormat(bytes.subarray(0, SNIFF_BYTES), name);
  const messages: Message[] = [...(ctx.messages ?? [])];
  if (detection.format === "gzip") {
    const inner = gunzipWhole(bytes, opts.maxBytes);
    if ("error" in inner) {
      yield problem(uri, inner.code, `${ctx.what}: ${inner.error}`);
      return;
    }
    messages.push(...inner.messages);
    bytes = inner.bytes;
    name = name.replace(GZ_EXT_RE, "");
    detection = detectFormat(bytes.subarray(0, SNIFF_BYTES), name);
  }
  // A server's Content-Type breaks ties the way an extension does.
  if (ctx.contentType && (detection.format === "text" || detection.format === "html")) {
    if (HTML_CONTENT_TYPE_RE.test(ctx.contentType)) detection = { format: "html" };
  }
  const fetched = ctx.fetchedUrl !== undefined;
  if (bytes.length > opts.maxBytes && !STREAMED.has(detection.format)) {
    yield problem(
      uri,
      "too-large",
      `${ctx.what} is ${formatBytes(bytes.length)}, larger than the ${formatBytes(opts.maxBytes)} limit (--max-bytes)`,
    );
    return;
  }
  switch (detection.format) {
    case "empty":
      yield problem(uri, "empty", `${ctx.what} is empty (white space only)`);
      return;
    case "binary":
      yield problem(uri, "binary", `${ctx.what} is binary (${detection.detail}), not an article`);
      return;
    case "xml-other":
      yield problem(
        uri,
        "unsupported",
        `${ctx.what} is XML but not a feed (${detection.detail}); expected RSS, Atom or HTML`,
      );
      return;
    case "gzip":
      yield problem(uri, "unsupported", `${ctx.what} is gzip inside gzip; not read`);
      return;
    case "warc":
      yield* withMessages(readWarc([bytes], uri, { maxRecordBytes: opts.maxBytes }), messages);
      return;
    case "jsonl":
      yield* withMessages(
        readJsonl([bytes], uri, { fields: opts.fields, maxLineBytes: opts.maxBytes }),
        messages,
      );
      return;
    default:
  }
  const decoded = decodeBytes(bytes, {
    declared: ctx.declared,
    declarations: DECLARATIONS[detection.format] ?? "none",
  });
  messages.push(...decoded.messages);
  const items = structured(detection.format, decoded.text, uri, opts.fields, messages);
  if (items) {
    for (const item of items) {
      if (fetched && !isProblem(item) && !item.meta.url) item.meta.url = ctx.fetchedUrl;
      yield item;
    }
    return;
  }
  if (decoded.text.trim() === "") {
    yield problem(uri, "empty", `${ctx.what} is empty (white space only)`);
    return;
  }
  const format: SourceFormat = fetched ? "url" : detection.format === "html" ? "html" : "text";
  yield {
    uri,
    format,
    contentType: detection.format === "html" ? "html" : "text",
    content: decoded.text,
    meta: fetched ? { url: ctx.fetchedUrl } : {},
    messages,
  };
}

function structured(
  format: DetectedFormat,
  text: string,
  uri: string,
  fields: FieldMap,
  messages: Message[],
): Item[] | null {
  if (format === "rss" || format === "atom") return readXmlFeed(text, uri, format, messages);
  if (format === "json-feed") return readJsonFeed(text, uri, messages);
  if (format === "json") {
    return looksLikeJsonFeed(text)
      ? readJsonFeed(text, uri, messages)
      : readJsonDocument(text, uri, fields, messages);
  }
  return null;
}

async function* withMessages(items: AsyncGenerator<Item>, messages: Message[]): AsyncGenerator<Item> {
  for await (const item of items) {
    if (messages.length && !("kind" in item && item.kind === "problem"))
      (item as RawDocument).messages.unshift(...messages);
    yield item;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Enough of a gzip stream's start to sniff what is inside; a cut-off stream is fine here. */
function gunzipHead(head: Buffer): Buffer {
  try {
    const out = gunzipSync(head, {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      maxOutputLength: SNIFF_BYTES * 4,
    });
    return out.subarray(0, SNIFF_BYTES);
  } catch (err) {
    // maxOutputLength hit means there is plenty to sniff; decompress just the first part instead.
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      try {
        return gunzipSync(head.subarray(0, 8192), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(
          0,
          SNIFF_BYTES,
        );
      } catch {}
    }
    return Buffer.alloc(0);
  }
}

/** Gunzips a whole buffer with a ceiling on the output; a truncated stream keeps what came, with a message. */
function gunzipWhole(
  bytes: Buffer,
  max: number,
): { bytes: Buffer; messages: Message[] } | { error: string; code: string } {
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: max }), messages: [] };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || (err as Error).message.includes("Cannot create a Buffer larger")) {
      return {
        error: `decompresses to more than the ${formatBytes(max)} limit (--max-bytes)`,
        code: "too-large",
      };
    }
    try {
      const partial = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: max });
      return {
        bytes: partial,
        messages: [
          {
            stage: "ingest",
            rule: "gzip-truncated",
            reason: `gzip data is damaged or cut off (${(err as Error).message}); read what came before`,
          },
        ],
      };
    } catch (err2) {
      return { error: `gzip data is damaged (${(err2 as Error).message})`, code: "malformed-gzip" };
    }
  }
}

function fileProblem(path: string, err: unknown): InputProblem {
  const code = (err as { code?: string }).code;
  const uri = pathToFileURL(path).href;
  if (code === "ENOENT" || code === "ENOTDIR")
    return problem(uri, "missing", `${path}: no such file or directory`);
  if (code === "EACCES" || code === "EPERM") return problem(uri, "unreadable", `${path}: permission denied`);
  if (code === "EISDIR") return problem(uri, "unreadable", `${path} is a directory`);
  return problem(uri, "unreadable", `${path}: ${(err as Error).message}`);
}

function isProblem(item: Item): item is InputProblem {
  return (item as InputProblem).kind === "problem";
}

function problem(uri: string, code: string, message: string): InputProblem {
  return { kind: "problem", uri, code, message };
}
