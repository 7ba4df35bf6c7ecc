import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import type { Message, RawDocument } from "../record.ts";
import { charsetFromContentType, decodeBytes } from "./decode.ts";
import { detectFormat } from "./detect-format.ts";
import type { InputProblem } from "./types.ts";

/**
 * A small streaming WARC reader (WARC/1.0 and 1.1): header block, Content-Length, body, CRLFCRLF.
 * Yields HTML from `response` records (HTTP header block parsed; 2xx only; chunked and gzip/deflate/br
 * bodies undone; charset from Content-Type) and from `resource` records whose Content-Type is HTML,
 * and plain text from text/plain `conversion` records (WET files).
 * Other records (warcinfo, request, metadata, revisit, non-HTML payloads, redirects and errors) are
 * skipped. Input is a stream of byte chunks, already gunzipped when the file was (per-record gzip
 * members concatenate into one stream), so a large WARC is never held whole.
 *
 * A damaged file stops at the first bad record with a problem naming its byte offset (in the
 * uncompressed stream); the records before it have already been yielded. Known failure cases: no
 * resync after a bad record (the rest of the file is lost); `Content-Encoding` stacks of more than one
 * coding are not undone.
 */

const CRLFCRLF = Buffer.from("\r\n\r\n");
const LFLF = Buffer.from("\n\n");
/** A WARC or HTTP header block longer than this is not a header block. */
const MAX_HEADER_BYTES = 256 * 1024;
const WARC_VERSION_RE = /^WARC\/1\.[01]\r?$/;
const HTTP_STATUS_RE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/;
const HTML_TYPE_RE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
const WHITESPACE_RE = /\s/;
const TRAILING_CR_RE = /\r$/;
/** WARC/1.0 writers sometimes wrap the target URI in angle brackets. */
const ANGLE_RE = /^<|>$/g;
/** `conversion` records of text/plain are extracted page text (Common Crawl's WET files). */
const PLAIN_TYPE_RE = /^\s*text\/plain\b/i;
/** Found-text is quoted in messages this long at most. */
const QUOTE_CHARS = 40;

type Item = RawDocument | InputProblem;

export interface WarcOptions {
  /** A record body longer than this is skipped with a problem, without being held. */
  maxRecordBytes: number;
}

/**
 * Reads WARC records from byte chunks.
 * @example for await (const d of readWarc(fs.createReadStream("a.warc"), "file:///a.warc", { maxRecordBytes: 2e7 })) …
 */
export async function* readWarc(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  uri: string,
  options: WarcOptions,
): AsyncGenerator<Item> {
  const reader = new ChunkReader(chunks);
  let records = 0;
  for (;;) {
    await reader.skipNewlines();
    const offset = reader.offset;
    if (await reader.atEnd()) break;
    const block = await reader.readHeaderBlock();
    const firstLine = block ? firstLineOf(block.bytes) : await reader.peekLine();
    if (!WARC_VERSION_RE.test(firstLine)) {
      yield warcProblem(
        uri,
        `warc: expected a WARC/1.0 or 1.1 header at byte ${offset}, found "${quote(firstToken(firstLine))}"`,
        reader,
      );
      return;
    }
    if (!block) {
      yield warcProblem(
        uri,
        `warc: record header at byte ${offset} is cut off before its blank line (truncated file?)`,
        reader,
      );
      return;
    }
    const headers = parseHeaders(block.bytes);
    const length = Number(headers.get("content-length"));
    if (!headers.has("content-length") || !Number.isInteger(length) || length < 0) {
      yield warcProblem(
        uri,
        `warc: record at byte ${offset} has no valid Content-Length (found "${quote(headers.get("content-length") ?? "")}")`,
        reader,
      );
      return;
    }
    const type = (headers.get("warc-type") ?? "").toLowerCase();
    const blockType = headers.get("content-type") ?? "";
    const wanted =
      type === "response" ||
      (type === "resource" && HTML_TYPE_RE.test(blockType)) ||
      (type === "conversion" && PLAIN_TYPE_RE.test(blockType));
    if (!wanted || length > options.maxRecordBytes) {
      const skipped = await reader.skip(length);
      if (skipped < length) {
        yield warcProblem(uri, truncatedMessage(offset, length, skipped), reader);
        return;
      }
      if (wanted) {
        yield {
          kind: "problem",
          uri: `${uri}#offset=${offset}`,
          code: "too-large",
          message: `warc: record at byte ${offset} is ${length} bytes, larger than the ${options.maxRecordBytes} byte limit (--max-bytes); skipped`,
        };
      }
      continue;
    }
    const body = await reader.read(length);
    if (body.length < length) {
      yield warcProblem(uri, truncatedMessage(offset, length, body.length), reader);
      return;
    }
    records++;
    const doc =
      type === "response"
        ? responseDocument(body, headers, uri, offset)
        : toDocument(
            body,
            charsetFromContentType(blockType),
            headers,
            uri,
            offset,
            [],
            type === "conversion" ? "text" : "html",
          );
    if (doc) yield doc;
  }
  if (reader.error) yield warcProblem(uri, "warc: the stream ended early", reader);
  else if (records === 0 && reader.offset === 0)
    yield { kind: "problem", uri, code: "empty", message: "warc: the file holds no records" };
}

function truncatedMessage(offset: number, length: number, got: number): string {
  return `warc: record at byte ${offset} is truncated: Content-Length says ${length} bytes, only ${got} remain`;
}

function warcProblem(uri: string, message: string, reader: ChunkReader): InputProblem {
  const cause = reader.error ? ` (${reader.error.message})` : "";
  return { kind: "problem", uri, code: "malformed-warc", message: `${message}${cause}` };
}

function responseDocument(
  body: Buffer,
  warc: Map<string, string>,
  uri: string,
  offset: number,
): RawDocument | null {
  let split = body.indexOf(CRLFCRLF);
  let sepLen = 4;
  if (split === -1 || split > MAX_HEADER_BYTES) {
    split = body.indexOf(LFLF);
    sepLen = 2;
  }
  if (split === -1) return null;
  const head = body.subarray(0, split);
  const status = HTTP_STATUS_RE.exec(firstLineOf(head));
  if (status?.[1][0] !== "2") return null; // redirects, errors and non-HTTP blocks carry no article
  const http = parseHeaders(head);
  const contentType = http.get("content-type") ?? "";
  const messages: Message[] = [];
  let payload = body.subarray(split + sepLen);
  if ((http.get("transfer-encoding") ?? "").toLowerCase().includes("chunked")) payload = dechunk(payload);
  payload = undoContentEncoding(payload, http.get("content-encoding") ?? "", messages);
  if (
    contentType ? !HTML_TYPE_RE.test(contentType) : detectFormat(payload.subarray(0, 4096)).format !== "html"
  )
    return null;
  return toDocument(payload, charsetFromContentType(contentType), warc, uri, offset, messages);
}

function toDocument(
  payload: Buffer,
  charset: string | null,
  warc: Map<string, string>,
  uri: string,
  offset: number,
  messages: Message[],
  contentType: "text" | "html" = "html",
): RawDocument {
  const decoded = decodeBytes(payload, {
    declared: charset,
    declarations: contentType === "html" ? "html" : "none",
  });
  const target = (warc.get("warc-target-uri") ?? "").replace(ANGLE_RE, "") || null;
  return {
    uri: `${uri}#offset=${offset}`,
    format: "warc",
    contentType,
    content: decoded.text,
    meta: { url: target, date: warc.get("warc-date") ?? null },
    messages: [...messages, ...decoded.messages],
  };
}

/** HTTP/1.1 chunked transfer coding; lenient: a damaged chunk stream keeps what came before it. */
function dechunk(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < b.length) {
    const eol = b.indexOf("\r\n", pos);
    if (eol === -1) break;
    const size = Number.parseInt(b.subarray(pos, eol).toString("latin1").split(";")[0].trim(), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(b.subarray(eol + 2, Math.min(b.length, eol + 2 + size)));
    pos = eol + 2 + size + 2;
  }
  return parts.length ? Buffer.concat(parts) : b;
}

function undoContentEncoding(b: Buffer, encoding: string, messages: Message[]): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (!enc || enc === "identity") return b;
  try {
    if (enc === "gzip" || enc === "x-gzip") return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
    if (enc === "deflate") {
      try {
        return inflateSync(b);
      } catch {
        return inflateRawSync(b); // servers send raw deflate despite the name
      }
    }
    if (enc === "br") return brotliDecompressSync(b);
  } catch (err) {
    messages.push({
      stage: "ingest",
      rule: "content-encoding",
      reason: `could not undo Content-Encoding ${enc} (${(err as Error).message}); read as stored`,
    });
    return b;
  }
  messages.push({
    stage: "ingest",
    rule: "content-encoding",
    reason: `unknown Content-Encoding "${enc}"; read as stored`,
  });
  return b;
}

/** Header lines "Name: value" (names lower-cased; folded continuation lines joined). */
function parseHeaders(block: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const lines = block.toString("latin1").split(/\r?\n/);
  let last = "";
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if ((line.startsWith(" ") || line.startsWith("\t")) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    out.set(last, line.slice(colon + 1).trim());
  }
  return out;
}

function firstLineOf(b: Buffer): string {
  const nl = b.indexOf(0x0a);
  return b.subarray(0, nl === -1 ? Math.min(b.length, 200) : nl).toString("latin1");
}

/** What stands where a version line should: its first word ("HTTP/1.1", "<html>"), or the line when it has none. */
function firstToken(line: string): string {
  const t = line.trim();
  const space = t.search(WHITESPACE_RE);
  return space > 0 ? t.slice(0, space) : t;
}

function quote(s: string): string {
  const t = s.replace(TRAILING_CR_RE, "");
  return t.length > QUOTE_CHARS ? `${t.slice(0, QUOTE_CHARS)}…` : t;
}

/**
 * Pulls byte chunks on demand and keeps only what the current record needs. `offset` is the absolute
 * position of the next unread byte. A source that fails (a truncated gzip stream) reads as the end,
 * with the cause kept in `error` for the message.
 */
class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private base = 0;
  private done = false;
  private readonly it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  error: Error | null = null;

  constructor(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.it =
      Symbol.asyncIterator in source
        ? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
        : (source as Iterable<Uint8Array>)[Symbol.iterator]();
  }

  get offset(): number {
    return this.base + this.pos;
  }

  private async pull(): Promise<Buffer | null> {
    if (this.done) return null;
    try {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        return null;
      }
      const v = r.value;
      return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.length);
    } catch (err) {
      this.error = err as Error;
      this.done = true;
      return null;
    }
  }

  /** Makes at least `n` unread bytes available, or as many as remain. */
  private async fill(n: number): Promise<void> {
    if (this.buf.length - this.pos >= n) return;
    const parts: Buffer[] = [this.buf.subarray(this.pos)];
    let have = parts[0].length;
    while (have < n) {
      const c = await this.pull();
      if (!c) break;
      parts.push(c);
      have += c.length;
    }
    this.base += this.pos;
    this.buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
    this.pos = 0;
  }

  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buf.length - this.pos === 0;
  }

  async skipNewlines(): Promise<void> {
    for (;;) {
      await this.fill(1);
      if (this.pos >= this.buf.length) return;
      const c = this.buf[this.pos];
      if (c !== 0x0d && c !== 0x0a) return;
      this.pos++;
    }
  }

  async peekLine(): Promise<string> {
    await this.fill(200);
    return firstLineOf(this.buf.subarray(this.pos, this.pos + 200));
  }

  /** The header block up to and including its blank line, or null when the stream ends first. */
  async readHeaderBlock(): Promise<{ bytes: Buffer } | null> {
    let searchFrom = 0;
    for (let want = 4096; ; want *= 2) {
      await this.fill(want);
      const view = this.buf.subarray(this.pos, this.pos + Math.min(want, MAX_HEADER_BYTES));
      let end = view.indexOf(CRLFCRLF, searchFrom);
      let sep = 4;
      if (end === -1) {
        end = view.indexOf(LFLF, searchFrom);
        sep = 2;
      }
      if (end !== -1) {
        const bytes = Buffer.from(view.subarray(0, end));
        this.pos += end + sep;
        return { bytes };
      }
      if (view.length < want || want >= MAX_HEADER_BYTES) return null;
      searchFrom = Math.max(0, view.length - 3);
    }
  }

  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += out.length;
    return out;
  }

  /** Discards `n` bytes without holding them; returns how many were there. */
  async skip(n: number): Promise<number> {
    let left = n;
    const have = Math.min(left, this.buf.length - this.pos);
    this.pos += have;
    left -= have;
    while (left > 0) {
      // The buffer is used up: drop it, so base again names the next unread byte.
      this.base += this.buf.length;
      this.buf = Buffer.alloc(0);
      this.pos = 0;
      const c = await this.pull();
      if (!c) break;
      if (c.length <= left) {
        left -= c.length;
        this.base += c.length;
      } else {
        this.buf = c;
        this.pos = left;
        left = 0;
      }
    }
    return n - left;
  }
}
