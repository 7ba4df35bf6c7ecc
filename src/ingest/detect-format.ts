import { readFileSync } from "node:fs";

/**
 * Format detection from the first bytes of an input. The content decides; the file extension only
 * breaks ties (a `.jsonl` whose first line is damaged is still JSONL; a `.html` with few tags is still HTML).
 *
 * Known failure cases: a plain-text article that opens with "{" and whose first line is valid JSON is
 * read as JSONL; an HTML fragment with very few tags and no `.html` name is read as text.
 */

export type DetectedFormat =
  | "empty"
  | "binary"
  | "gzip"
  | "warc"
  | "rss"
  | "atom"
  | "json-feed"
  | "jsonl"
  | "json"
  | "xml-other"
  | "html"
  | "text";

export interface Detection {
  format: DetectedFormat;
  /** Why, in a few words, for problems ("PNG image", "NUL bytes", "root element <urlset>"). */
  detail?: string;
}

/** How many leading bytes callers should pass: enough for a prolog, a stylesheet PI and a long first JSON line. */
export const SNIFF_BYTES = 64 * 1024;

/** Control and NUL bytes are judged on this many leading bytes. */
const CONTROL_WINDOW = 8192;
/** Text has almost no C0 control bytes besides tab, LF, CR, FF, ESC; above this share it is binary. */
const MAX_CONTROL_SHARE = 0.1;
/** Tag density that makes text without `<html>` HTML: at least this many tags, and this share of characters inside tags (or a block tag). */
const MIN_TAGS = 3;
const MIN_TAG_CHAR_SHARE = 0.1;

const SIGNATURES = loadSignatures();

/** Slashes may come escaped ("https:\/\/jsonfeed.org"), as PHP's json_encode writes them. */
const JSON_FEED_RE = /"version"\s*:\s*"https?:\\?\/\\?\/jsonfeed\.org\\?\/version\\?\//;
/** Prolog pieces before the root element: XML declaration, processing instructions, comments, DOCTYPE. */
const PROLOG_RE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*/i;
const DOCTYPE_HTML_RE = /<!DOCTYPE\s+html/i;
const ROOT_RE = /^<([A-Za-z_][\w:.-]*)/;
const TAG_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
const HTML_BLOCK_RE =
  /<(?:p|div|br|article|section|span|a\s|h[1-6]|ul|li|table|meta|script|head|body|title)\b/i;
const EXT_RE = /\.([A-Za-z0-9]+)(?:\.gz)?$/;

const HTML_EXTS = new Set(["html", "htm", "xhtml", "shtml", "php", "asp", "aspx"]);
const JSONL_EXTS = new Set(["jsonl", "ndjson"]);

/**
 * Detects what an input holds from its first bytes (pass up to SNIFF_BYTES) and its name.
 * @example detectFormat(Buffer.from("WARC/1.0\r\n...")).format // "warc"
 */
export function detectFormat(head: Uint8Array, name = ""): Detection {
  if (head.length === 0) return { format: "empty" };
  if (head[0] === 0x1f && head[1] === 0x8b) return { format: "gzip" };
  for (const sig of SIGNATURES) {
    if (matchesAt(head, sig.bytes, sig.offset)) return { format: "binary", detail: sig.name };
  }
  // A WARC may carry compressed payloads (NUL bytes) in its first records: its header decides first.
  if (startsWithAscii(head, "WARC/")) return { format: "warc" };
  const utf16 =
    head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (!utf16 && !looksUtf16(head)) {
    const control = controlShare(head);
    if (control.nul) return { format: "binary", detail: "NUL bytes" };
    if (control.share > MAX_CONTROL_SHARE) return { format: "binary", detail: "many control characters" };
  }
  const text = sniffText(head, utf16);
  const ext = (EXT_RE.exec(name)?.[1] ?? "").toLowerCase();
  const t = text.trimStart();
  if (t.length === 0) return { format: "empty" };
  if (t.startsWith("WARC/")) return { format: "warc" };
  if (ext === "warc" && t.startsWith("WARC")) return { format: "warc" };
  if (t[0] === "{") return detectJson(t, ext);
  if (t[0] === "[") return { format: "json" };
  if (t[0] === "<") return detectMarkup(t, ext);
  if (looksLikeHtml(t, ext)) return { format: "html" };
  return { format: "text" };
}

/**
 * Whether a whole JSON text is a JSON Feed, for objects whose "version" comes later than the sniff window.
 * @example looksLikeJsonFeed('{"title":"x","version":"https://jsonfeed.org/version/1.1","items":[]}') // true
 */
export function looksLikeJsonFeed(text: string): boolean {
  return JSON_FEED_RE.test(text);
}

function detectJson(t: string, ext: string): Detection {
  if (JSON_FEED_RE.test(t.slice(0, 4096))) return { format: "json-feed" };
  const nl = t.indexOf("\n");
  const first = (nl === -1 ? t : t.slice(0, nl)).trim();
  if (nl === -1 && t.length >= SNIFF_BYTES - 16) return { format: "jsonl" }; // one long line, cut by the window
  if (first === "{" || !first.endsWith("}"))
    return JSONL_EXTS.has(ext) ? { format: "jsonl" } : { format: "json" };
  try {
    JSON.parse(first);
    return { format: "jsonl" };
  } catch {
    return JSONL_EXTS.has(ext) || ext === "json" ? { format: "jsonl" } : { format: "text" };
  }
}

function detectMarkup(t: string, ext: string): Detection {
  if (DOCTYPE_HTML_RE.test(t.slice(0, 2048))) return { format: "html" };
  const prolog = PROLOG_RE.exec(t)?.[0] ?? "";
  const rest = t.slice(prolog.length);
  const root = ROOT_RE.exec(rest)?.[1] ?? "";
  const local = root.includes(":") ? root.slice(root.indexOf(":") + 1) : root;
  const lower = local.toLowerCase();
  if (lower === "rss" || local === "RDF") return { format: "rss" };
  if (lower === "feed") return { format: "atom" };
  if (lower === "html" || lower === "head" || lower === "body") return { format: "html" };
  if (prolog.includes("<?xml") && !HTML_EXTS.has(ext) && !HTML_BLOCK_RE.test(rest.slice(0, 200))) {
    // A feed with junk before its root still says so early; anything else XML is not an article.
    if (/<rss[\s>]/.test(rest.slice(0, 4096))) return { format: "rss" };
    if (/<feed[\s>]/.test(rest.slice(0, 4096))) return { format: "atom" };
    return { format: "xml-other", detail: root ? `root element <${root}>` : "no root element" };
  }
  if (root || looksLikeHtml(t, ext)) return { format: "html" };
  return { format: "text" };
}

function looksLikeHtml(t: string, ext: string): boolean {
  const sample = t.length > 16384 ? t.slice(0, 16384) : t;
  let tags = 0;
  let tagChars = 0;
  TAG_RE.lastIndex = 0;
  for (let m = TAG_RE.exec(sample); m !== null; m = TAG_RE.exec(sample)) {
    tags++;
    tagChars += m[0].length;
  }
  if (HTML_EXTS.has(ext)) return tags > 0;
  return tags >= MIN_TAGS && (tagChars / sample.length >= MIN_TAG_CHAR_SHARE || HTML_BLOCK_RE.test(sample));
}

function sniffText(head: Uint8Array, utf16: boolean): string {
  const b = Buffer.from(head.buffer, head.byteOffset, head.length);
  if (utf16) return new TextDecoder(head[0] === 0xff ? "utf-16le" : "utf-16be").decode(b);
  if (looksUtf16(head)) return new TextDecoder(head[1] === 0 ? "utf-16le" : "utf-16be").decode(b);
  // latin1 keeps ASCII markers intact whatever the real charset; the decoder decides that later.
  const s = b.toString("latin1");
  return s.startsWith("\xef\xbb\xbf") ? s.slice(3) : s;
}

function controlShare(head: Uint8Array): { nul: boolean; share: number } {
  const n = Math.min(head.length, CONTROL_WINDOW);
  let control = 0;
  let nul = false;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) nul = true;
    // Tab, LF, VT, FF, CR and ESC appear in real text files; other C0 bytes and DEL do not.
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f)
      control++;
  }
  return { nul, share: n === 0 ? 0 : control / n };
}

/** BOM-less UTF-16: ASCII-range text leaves a NUL in every other byte. */
function looksUtf16(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (odd > pairs * 0.6 && even === 0) || (even > pairs * 0.6 && odd === 0);
}

function startsWithAscii(head: Uint8Array, prefix: string): boolean {
  let i = 0;
  while (
    i < head.length &&
    i < 64 &&
    (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)
  )
    i++;
  for (let k = 0; k < prefix.length; k++) if (head[i + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

function matchesAt(head: Uint8Array, bytes: Uint8Array, offset: number): boolean {
  if (head.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[offset + i] !== bytes[i]) return false;
  return true;
}

function loadSignatures(): { bytes: Uint8Array; offset: number; name: string }[] {
  const raw = JSON.parse(readFileSync(new URL("./binary-signatures.json", import.meta.url), "utf8")) as {
    signatures: { hex: string; offset?: number; name: string }[];
  };
  return raw.signatures.map((s) => ({
    bytes: Buffer.from(s.hex, "hex"),
    offset: s.offset ?? 0,
    name: s.name,
  }));
}
