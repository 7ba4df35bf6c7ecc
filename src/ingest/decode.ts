import type { Message } from "../record.ts";

/**
 * Bytes → string. Order of evidence, strongest first: a byte-order mark, the charset the transport
 * declared (HTTP header, WARC HTTP block), the charset the document declares (XML declaration,
 * `<meta charset>` / http-equiv), then sniffing: valid UTF-8 stays UTF-8, mostly-valid UTF-8 is UTF-8
 * with its bad bytes replaced and counted, anything else is read as windows-1252 with a message.
 * Bytes that are valid UTF-8 beat a legacy declaration (pages re-saved as UTF-8 keep their old
 * `<meta>`), and UTF-8 that was once misread as windows-1252 ("Â£", "â€™") is repaired. Never throws
 * on data; every guess and repair becomes a message.
 *
 * Known failure cases: a page whose bytes are windows-1251 or koi8-r without any declaration is read
 * as windows-1252 (mojibake, but reported); a `<meta charset>` later than the first
 * META_PRESCAN_BYTES bytes is not seen (browsers have the same limit); mojibake written as HTML
 * entities ("&Atilde;&copy;") is left to the HTML parser and stays mojibake.
 */

const STAGE = "ingest";

/** Browsers prescan 1024 bytes for `<meta charset>`; real pages put it later after long comments and scripts. */
const META_PRESCAN_BYTES = 4096;

/**
 * When undeclared bytes are not valid UTF-8 but hold many valid multi-byte sequences, the file is UTF-8
 * with a few damaged bytes (a truncated copy, a bad splice), not windows-1252: reading it as
 * windows-1252 would garble every accented letter to save a handful. This many valid sequences per
 * invalid byte tips the guess to UTF-8.
 */
const UTF8_VALID_PER_INVALID = 2;

/**
 * A declared charset loses to the bytes when they are valid UTF-8 with multi-byte sequences: legacy
 * text almost never forms valid UTF-8 by chance (Latin-1 letters stand alone; cp1251, GBK or Shift_JIS
 * letters pair up in ways UTF-8 forbids), while pages re-saved as UTF-8 keep their old declaration.
 * One sequence is enough against the Latin-1 family, whose mislabelling is the commonest; other
 * charsets need a few, so a stray pair in an otherwise legacy page does not flip it.
 */
const LATIN_DECLARATIONS = new Set(["windows-1252", "iso-8859-15", "iso-8859-2", "windows-1250"]);
const UTF8_SEQUENCES_TO_OVERRIDE = 4;

const XML_DECL_RE = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/;
/** Covers `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`. */
const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;
const HEADER_CHARSET_RE = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;
const NEWLINE_RE = /\r\n?/g;

/**
 * windows-1252 bytes 0x80–0x9F (WHATWG Encoding Standard, index-windows-1252). Node 20's TextDecoder
 * decodes "windows-1252" (and "iso-8859-1", its WHATWG alias) as plain Latin-1, leaving C1 controls
 * where curly quotes and dashes belong, so this range is mapped here. 0 marks the five unassigned bytes.
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];
const C1_RE = /[\u0080-\u009f]/g;
const fixC1 = (ch: string): string => {
  const cp = CP1252_HIGH[ch.charCodeAt(0) - 0x80];
  return cp ? String.fromCharCode(cp) : ch;
};

/** windows-1252 character → its byte, for undoing UTF-8 that was once read as windows-1252. */
const CP1252_BYTE = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++)
  CP1252_BYTE.set(b < 0xa0 && CP1252_HIGH[b - 0x80] ? CP1252_HIGH[b - 0x80] : b, b);
/** One UTF-8 continuation byte as windows-1252 shows it: U+00A0–U+00BF, or a 0x80–0x9F letter (€ ‚ ƒ … ’ “ ” – — ™ …). */
const CONT =
  "[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]";
/**
 * Mojibake: a UTF-8 sequence that was decoded as windows-1252 somewhere upstream and saved again
 * ("Â£" for "£", "Ã©" for "é", "â€™" for "’", "Ð¾" for "о"). Pages in real crawls carry it in their
 * bytes, so no charset choice fixes it. Known failure case: genuine Latin-1 text that happens to put a
 * letter from À–ô right before one from  –¿ (rare: "Ñ¿") is "repaired" too.
 */
const MOJIBAKE_RE = new RegExp(
  `[\u00c2-\u00df]${CONT}|[\u00e0-\u00ef]${CONT}{2}|[\u00f0-\u00f4]${CONT}{3}`,
  "g",
);
const MOJIBAKE_TEST_RE = new RegExp(MOJIBAKE_RE.source);

/** A decoder per label, built once: TextDecoder construction is not free on hot paths. */
const decoderCache = new Map<string, TextDecoder | null>();
const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decoderFor(label: string): TextDecoder | null {
  const key = label.toLowerCase();
  let d = decoderCache.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(key, { ignoreBOM: true });
    } catch {
      d = null;
    }
    decoderCache.set(key, d);
  }
  return d;
}

export interface DecodeOptions {
  /** Charset the transport declared (HTTP Content-Type, WARC HTTP block); beats the document's own. */
  declared?: string | null;
  /**
   * Which in-document declaration to look for: "xml" (the XML declaration; feeds), "html" (an XML
   * declaration or `<meta charset>`; pages), "none" (JSON, plain text: a `<meta>` quoted inside a
   * JSON string must not decide). Default "html".
   */
  declarations?: "xml" | "html" | "none";
}

export interface Decoded {
  text: string;
  /** The WHATWG name of the charset used ("utf-8", "windows-1252", "utf-16le"). */
  charset: string;
  messages: Message[];
}

/**
 * Decodes bytes to a string with CRLF and lone CR normalised to LF and any BOM stripped.
 * @example decodeBytes(Buffer.from("caf\xe9", "latin1")).text // "café", plus a message: guessed windows-1252
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const messages: Message[] = [];
  const bom = bomCharset(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    return finish(decodeWith(bom.charset, body, messages), bom.charset, messages);
  }
  const fromTransport = options.declared ? charsetLabel(options.declared, "transport", messages) : null;
  const where = options.declarations ?? "html";
  const fromDocument =
    fromTransport || where === "none" ? null : sniffDeclaredCharset(bytes, where, messages);
  const declared = fromTransport ?? fromDocument;
  if (declared) {
    if (declared === "utf-8") return finish(decodeWith("utf-8", bytes, messages), declared, messages);
    const need = LATIN_DECLARATIONS.has(declared) ? 1 : UTF8_SEQUENCES_TO_OVERRIDE;
    if (!declared.startsWith("utf-16") && hasUtf8Multibyte(bytes, need)) {
      const strict = tryStrictUtf8(bytes);
      if (strict !== null) {
        messages.push({
          stage: STAGE,
          rule: "charset-mismatch",
          reason: `declared ${declared} but the bytes are valid UTF-8 with multi-byte letters; read as UTF-8`,
        });
        return finish(strict, "utf-8", messages);
      }
    }
    return finish(decodeWith(declared, bytes, messages), declared, messages);
  }
  const strict = tryStrictUtf8(bytes);
  if (strict !== null) return finish(strict, "utf-8", messages);
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) {
    messages.push({
      stage: STAGE,
      rule: "charset-guessed",
      reason: `no BOM or declaration; NUL pattern says ${utf16}`,
    });
    return finish(decodeWith(utf16, bytes, messages), utf16, messages);
  }
  const { valid, invalid } = countUtf8(bytes);
  if (valid >= invalid * UTF8_VALID_PER_INVALID) {
    return finish(decodeWith("utf-8", bytes, messages), "utf-8", messages);
  }
  messages.push({
    stage: STAGE,
    rule: "charset-guessed",
    reason: "no charset declared and the bytes are not valid UTF-8; read as windows-1252",
  });
  return finish(decodeWith("windows-1252", bytes, messages), "windows-1252", messages);
}

/**
 * The charset named in a Content-Type header value, or null.
 * @example charsetFromContentType("text/html; charset=ISO-8859-1") // "ISO-8859-1"
 */
export function charsetFromContentType(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = HEADER_CHARSET_RE.exec(value);
  return m ? m[1] : null;
}

/**
 * CRLF and lone CR to LF, leading BOM removed; for strings that did not come through decodeBytes (JSON fields).
 * @example normaliseNewlines("a\r\nb") // "a\nb"
 */
export function normaliseNewlines(text: string): string {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return s.indexOf("\r") === -1 ? s : s.replace(NEWLINE_RE, "\n");
}

function finish(text: string, charset: string, messages: Message[]): Decoded {
  const repaired = repairMojibake(text);
  if (repaired.count > 0) {
    messages.push({
      stage: STAGE,
      rule: "mojibake-repaired",
      reason: `${repaired.count} sequence${repaired.count === 1 ? "" : "s"} of UTF-8 once misread as windows-1252 repaired (e.g. "${repaired.example}")`,
    });
  }
  return { text: normaliseNewlines(repaired.text), charset, messages };
}

/**
 * Undoes UTF-8 that was read as windows-1252 and saved again, sequence by sequence; a sequence whose
 * bytes are not valid UTF-8 is left alone.
 * @example repairMojibake("Â£5 for a cafÃ©").text // "£5 for a café"
 */
export function repairMojibake(text: string): { text: string; count: number; example: string } {
  if (!MOJIBAKE_TEST_RE.test(text)) return { text, count: 0, example: "" };
  let count = 0;
  let example = "";
  const out = text.replace(MOJIBAKE_RE, (seq) => {
    const bytes = new Uint8Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      const b = CP1252_BYTE.get(seq.charCodeAt(i));
      if (b === undefined) return seq;
      bytes[i] = b;
    }
    const fixed = tryStrictUtf8(bytes);
    if (fixed === null) return seq;
    count++;
    if (!example) example = `${seq} → ${fixed}`;
    return fixed;
  });
  return { text: out, count, example };
}

function bomCharset(b: Uint8Array): { charset: string; length: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { charset: "utf-8", length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { charset: "utf-16be", length: 2 };
  return null;
}

/** A charset label → the WHATWG name TextDecoder uses, or null with a message when unknown. */
function charsetLabel(label: string, where: string, messages: Message[]): string | null {
  const d = decoderFor(label.trim());
  if (!d) {
    messages.push({
      stage: STAGE,
      rule: "charset-unknown",
      reason: `${where} declares charset "${label}", which is not known; ignored`,
    });
    return null;
  }
  // A document that declares UTF-16 in ASCII bytes cannot be UTF-16 (the HTML spec reads it as UTF-8).
  if (where === "document" && d.encoding.startsWith("utf-16")) return "utf-8";
  return d.encoding;
}

function sniffDeclaredCharset(bytes: Uint8Array, where: "xml" | "html", messages: Message[]): string | null {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, META_PRESCAN_BYTES),
  ).toString("latin1");
  const m = XML_DECL_RE.exec(head) ?? (where === "html" ? META_CHARSET_RE.exec(head) : null);
  return m ? charsetLabel(m[1], "document", messages) : null;
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return FATAL_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function decodeWith(charset: string, bytes: Uint8Array, messages: Message[]): string {
  const decoder = decoderFor(charset) ?? decoderFor("utf-8")!;
  if (decoder.encoding === "windows-1252") {
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    return latin.replace(C1_RE, fixC1);
  }
  const text = decoder.decode(bytes);
  if (decoder.encoding === "utf-8" || decoder.encoding.startsWith("utf-16")) {
    const replaced =
      countChar(text, 0xfffd) - (decoder.encoding === "utf-8" ? countEncodedReplacement(bytes) : 0);
    if (replaced > 0) {
      messages.push({
        stage: STAGE,
        rule: "invalid-bytes",
        reason: `${replaced} invalid ${decoder.encoding} byte sequence${replaced === 1 ? "" : "s"} replaced with U+FFFD`,
      });
    }
  }
  return text;
}

function countChar(text: string, code: number): number {
  let n = 0;
  const ch = String.fromCharCode(code);
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** U+FFFD that the source itself contains (EF BF BD), so it is not counted as damage. */
function countEncodedReplacement(bytes: Uint8Array): number {
  let n = 0;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const needle = Buffer.from([0xef, 0xbf, 0xbd]);
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 3)) n++;
  return n;
}

function hasUtf8Multibyte(bytes: Uint8Array, atLeast: number): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return countUtf8(bytes).valid >= atLeast;
  return false;
}

/** One flat pass: how many well-formed multi-byte UTF-8 sequences and how many bytes that fit none. */
function countUtf8(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) if (i + k >= n || (b[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** UTF-16 without a BOM shows as NUL in every other byte of ASCII-range text. */
function guessBomlessUtf16(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length, 1024) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return "utf-16be";
  return null;
}
