import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { readFileSync } from "node:fs";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import type { Message } from "../record.ts";
import { PIPELINE_VERSION } from "../version.ts";
import type { InputProblem } from "./types.ts";

/**
 * Fetches one http(s) URL with node:http / node:https, defensively: whole-request timeout, a body cap
 * (streamed, counted after decompression; the rest is never read), redirects followed by hand with
 * every hop re-checked, and no connections to private, loopback, link-local, CGNAT, multicast or
 * unspecified addresses (IPv4, IPv6 and the IPv6 forms that embed IPv4) unless `allowPrivate`.
 *
 * DNS rebinding: the host name is resolved exactly once per connection, inside the `lookup` function
 * handed to the socket (`pinnedLookup`). That function checks every address it got and gives the
 * socket only those, so the address connected to is always one that was checked; there is no second,
 * unchecked resolution a hostile resolver could flip (public for a check, private for the connect).
 * TLS still names the host: SNI (`servername`) and the Host header carry the name, not the address.
 *
 * Known failure cases: HTTP(S)_PROXY / NO_PROXY are not used (as before, when global fetch did the
 * request): a forward proxy resolves the name itself, so our check could not cover what it reaches.
 * A Content-Encoding we do not know (zstd, compress) is passed on undecoded with a message.
 */

export const USER_AGENT = `sitrep/${PIPELINE_VERSION} (news analysis; +self-hosted)`;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_FETCH_BYTES = 10_000_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,text/plain;q=0.9,*/*;q=0.5";
/** The encodings we can undo while streaming (node:zlib); the server may use any of them. */
const ACCEPT_ENCODING = "gzip, deflate, br";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Names that mean this host whatever DNS says (RFC 6761); refused before any lookup. */
const LOCAL_NAME_RE = /^(?:localhost|.*\.localhost)\.?$/i;
/** Error codes node:zlib gives to damaged data ("Z_BUF_ERROR", "ERR__ERROR_FORMAT_PADDING_1"); a
 * connection that breaks has ECONNRESET, ABORT_ERR and the like instead. */
const DECODE_ERROR_CODE_RE = /^(?:Z_|ERR__)/;
/** "a, b" list of Content-Encoding tokens. */
const LIST_SPLIT_RE = /\s*,\s*/;
/** Error messages are put on one line in problems. */
const WHITESPACE_RUN_RE = /\s+/g;
/** Marks the error our lookup gives the socket when it refuses a host, so it becomes a problem. */
const REFUSAL = Symbol("sitrep.refusal");

const RANGES = loadRanges();

export interface FetchOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxFetchBytes: number;
  maxRedirects: number;
  /** Resolves a host name to all its addresses; the only resolution the fetcher does (tests inject one). */
  lookup: (host: string) => Promise<string[]>;
}

export interface Fetched {
  /** The URL asked for and the one that answered, after redirects. */
  requested: string;
  url: string;
  /** The address the answer came from (the socket's peer): one the lookup handed over after checking. */
  address: string | null;
  bytes: Buffer;
  contentType: string | null;
  /** True when the body was longer than the cap and was cut. */
  cut: boolean;
  messages: Message[];
}

/** An error our lookup hands the socket: the refusal text and the problem code it becomes. */
interface RefusalError extends Error {
  [REFUSAL]: { code: "refused-url" | "dns-failed"; reason: string };
}

/**
 * Default resolver: every address for the name, as the OS resolver sees it (hosts file included).
 * @example await lookupAll("localhost") // ["127.0.0.1", "::1"]
 */
export function lookupAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, found: LookupAddress[]) => {
      if (err) reject(err);
      else resolve(found.map((a) => a.address));
    });
  });
}

/**
 * Fetches a URL or returns the problem that stopped it.
 * @example await fetchUrl("http://127.0.0.1/", opts) // { kind: "problem", code: "refused-url", message: "…loopback…" }
 */
export async function fetchUrl(input: string, options: FetchOptions): Promise<Fetched | InputProblem> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const lookup = pinnedLookup(options);
  let url = input;
  try {
    for (let hop = 0; ; hop++) {
      const hopProblem = (code: string, why: string) =>
        problem(input, code, hop === 0 ? why : `redirect ${hop} to ${url}: ${why}`);
      const target = checkShape(url, options.allowPrivate);
      if (typeof target === "string") return hopProblem("refused-url", target);
      let res: IncomingMessage;
      try {
        res = await send(target, lookup, controller.signal);
      } catch (err) {
        const refusal = (err as Partial<RefusalError>)[REFUSAL];
        if (refusal && !controller.signal.aborted) return hopProblem(refusal.code, refusal.reason);
        throw err;
      }
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        res.destroy();
        const location = res.headers.location;
        if (!location) {
          return problem(input, "http-error", `HTTP ${status} redirect without a Location header`);
        }
        if (hop + 1 > options.maxRedirects) {
          return problem(
            input,
            "too-many-redirects",
            `more than ${options.maxRedirects} redirects (last to ${location})`,
          );
        }
        try {
          url = new URL(location, url).href;
        } catch {
          return problem(
            input,
            "http-error",
            `HTTP ${status} from ${url} redirects to an invalid URL "${location}"`,
          );
        }
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        return problem(
          input,
          "http-error",
          `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""} from ${url}`,
        );
      }
      const address = res.socket?.remoteAddress ?? null;
      const messages: Message[] = [];
      const body = await readCapped(decodedBody(res, messages), options.maxFetchBytes);
      res.destroy();
      if (body.damaged) {
        messages.push({
          stage: "ingest",
          rule: "content-encoding",
          reason: `the ${res.headers["content-encoding"]} body is damaged or cut off (${body.damaged}); read what came before`,
        });
      }
      if (body.cut) {
        messages.push({
          stage: "ingest",
          rule: "body-cut",
          reason: `response body cut at the ${formatBytes(options.maxFetchBytes)} limit`,
        });
      }
      return {
        requested: input,
        url,
        address,
        bytes: body.bytes,
        contentType: res.headers["content-type"] ?? null,
        cut: body.cut,
        messages,
      };
    }
  } catch (err) {
    if (controller.signal.aborted) {
      return problem(
        input,
        "timeout",
        `no complete answer from ${url} within ${options.timeoutMs / 1000} s (timeout)`,
      );
    }
    return problem(input, "fetch-failed", `fetch of ${url} failed: ${describeError(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `net.LookupFunction` that resolves with `options.lookup`, checks every address (unless
 * allowPrivate) and hands the socket only checked addresses, or a refusal error. Each call resolves
 * and checks afresh: nothing is cached between calls, so an answer that flips is judged as it is
 * when the socket is about to connect.
 * @example
 * const lookup = pinnedLookup({ allowPrivate: false, lookup: async () => ["10.0.0.5"] });
 * http.request({ hostname: "a.example", lookup }) // fails: "refused: a.example resolves to 10.0.0.5, …"
 */
export function pinnedLookup(options: Pick<FetchOptions, "allowPrivate" | "lookup">): LookupFunction {
  return (hostname: string, how: LookupOptions, callback) => {
    resolveChecked(hostname, options).then(
      (found) => {
        if (typeof found === "string") {
          callback(refusalError(found), "");
          return;
        }
        const family = how.family === "IPv4" ? 4 : how.family === "IPv6" ? 6 : how.family;
        // Only real addresses reach the socket (an injected resolver may return anything with
        // allowPrivate), and only of the family it asked for.
        const anyFamily = family !== 4 && family !== 6;
        const fit = found.filter((a) => {
          const kind = isIP(a);
          return kind !== 0 && (anyFamily || kind === family);
        });
        if (fit.length === 0) {
          const what = anyFamily ? "usable address" : `IPv${family} address`;
          callback(refusalError(`could not resolve ${hostname} (no ${what})`), "");
          return;
        }
        if (how.all)
          callback(
            null,
            fit.map((address) => ({ address, family: isIP(address) })),
          );
        else callback(null, fit[0], isIP(fit[0]));
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, ""),
    );
  };
}

/**
 * Why a URL may not be fetched, or null when it may. Checks scheme, credentials, and (unless
 * allowPrivate) every address the host resolves to. A pre-check for callers: fetchUrl itself
 * checks the addresses at connect time (see pinnedLookup), never on an earlier answer.
 * @example await checkUrl("http://2130706433/", opts) // "refused: 127.0.0.1 is not a public address (loopback); …"
 */
export async function checkUrl(
  raw: string,
  options: Pick<FetchOptions, "allowPrivate" | "lookup">,
): Promise<string | null> {
  const target = checkShape(raw, options.allowPrivate);
  if (typeof target === "string") return target;
  if (options.allowPrivate || isIP(target.host)) return null;
  const found = await resolveChecked(target.host, options);
  return typeof found === "string" ? found : null;
}

/** A URL that passed the checks that need no DNS, with its bare host (no IPv6 brackets). */
interface Target {
  url: URL;
  host: string;
}

/**
 * Scheme, credentials, a host, names that mean this machine, and IP literals (which are never
 * looked up, so this is where they are judged). A string is the refusal.
 */
function checkShape(raw: string, allowPrivate: boolean): Target | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `refused: "${raw}" is not a valid URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `refused: ${url.protocol} URLs are not fetched (only http and https)`;
  }
  if (url.username || url.password) return "refused: URLs with credentials (user:password@) are not fetched";
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (allowPrivate) return { url, host };
  if (!host) return "refused: the URL has no host";
  if (LOCAL_NAME_RE.test(host)) return `refused: ${host} names this machine (use --allow-private)`;
  if (isIP(host)) {
    const why = addressesRefusal(host, [host]);
    if (why) return why;
  }
  return { url, host };
}

/** Every address of the host, all checked (unless allowPrivate), or the refusal / resolve failure. */
async function resolveChecked(
  host: string,
  options: Pick<FetchOptions, "allowPrivate" | "lookup">,
): Promise<string[] | string> {
  let addresses: string[];
  try {
    addresses = await options.lookup(host);
  } catch (err) {
    return `could not resolve ${host} (${(err as { code?: string }).code ?? (err as Error).message})`;
  }
  if (addresses.length === 0) return `could not resolve ${host} (no addresses)`;
  if (options.allowPrivate) return addresses;
  return addressesRefusal(host, addresses) ?? addresses;
}

/** The refusal for the first special address among a host's addresses, or null when all are public. */
function addressesRefusal(host: string, addresses: string[]): string | null {
  for (const address of addresses) {
    const why = specialAddress(address);
    if (!why) continue;
    const who = host === address ? address : `${host} resolves to ${address}, which`;
    return `refused: ${who} is not a public address (${why}); use --allow-private to allow it`;
  }
  return null;
}

function refusalError(reason: string): RefusalError {
  const code: RefusalError[typeof REFUSAL]["code"] = reason.startsWith("refused")
    ? "refused-url"
    : "dns-failed";
  return Object.assign(new Error(reason), { code: "ESITREPREFUSED", [REFUSAL]: { code, reason } });
}

/**
 * One GET on a fresh connection (agent: false, so no pooled socket opened under other options is
 * reused). The host name goes to the socket with our lookup; SNI and Host carry the name.
 */
function send(target: Target, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  const { url, host } = target;
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: host,
      port: url.port ? Number(url.port) : undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: {
        host: url.host,
        "user-agent": USER_AGENT,
        accept: ACCEPT,
        "accept-encoding": ACCEPT_ENCODING,
      },
      agent: false,
      lookup,
      signal,
      // An IP literal gets no SNI (RFC 6066 forbids it); a name gets itself, not the address.
      ...(secure && !isIP(host) ? { servername: host } : {}),
    });
    req.once("response", resolve);
    // Kept for the whole life of the request: an error after the response must not go unhandled.
    req.on("error", reject);
    req.end();
  });
}

/**
 * The body with its Content-Encoding undone, as a stream (so the cap counts decoded bytes and a
 * compression bomb stops at the cap). Unknown encodings leave the body as sent, with a message.
 */
function decodedBody(res: IncomingMessage, messages: Message[]): Readable {
  const header = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (!header || header === "identity") return res;
  const tokens = header.split(LIST_SPLIT_RE).filter((t) => t && t !== "identity");
  const decoders: Transform[] = [];
  // Listed in the order applied, so undone last-first.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === "gzip" || t === "x-gzip") decoders.push(createGunzip());
    else if (t === "deflate") decoders.push(createDeflateEither());
    else if (t === "br") decoders.push(createBrotliDecompress());
    else {
      messages.push({
        stage: "ingest",
        rule: "content-encoding",
        reason: `unknown Content-Encoding "${header}"; read as sent`,
      });
      return res;
    }
  }
  if (decoders.length === 0) return res;
  // Errors surface on the last stream, where readCapped reads; the callback only silences them here.
  return pipeline([res, ...decoders], () => {}) as unknown as Readable;
}

/**
 * Undoes "deflate": zlib-wrapped as the spec says, or raw deflate as some servers send anyway. The
 * first byte tells: a zlib header's low nibble is 8 (a raw stream starts that way only by chance).
 */
function createDeflateEither(): Transform {
  let inner: Transform | null = null;
  const outer = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        inner = (chunk[0] & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
        inner.on("data", (d: Buffer) => outer.push(d));
        inner.on("error", (err) => outer.destroy(err));
      }
      inner.write(chunk, (err) => done(err ?? undefined));
    },
    flush(done) {
      if (!inner) {
        done();
        return;
      }
      inner.once("end", () => done());
      inner.end();
    },
  });
  return outer;
}

/** One line for a problem: the error's message, with its code when the message does not say it. */
function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const message = (e.message ?? String(err)).replace(WHITESPACE_RUN_RE, " ").trim();
  const code = e.code ?? e.cause?.code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * The kind of special address (loopback, private, link-local…) or null for a public one.
 * IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, 2002::/16) are judged by it.
 * @example specialAddress("::ffff:127.0.0.1") // "loopback (IPv4-mapped)"
 */
export function specialAddress(address: string): string | null {
  const zone = address.indexOf("%");
  const a = zone === -1 ? address : address.slice(0, zone);
  const kind = isIP(a);
  if (kind === 4) return v4Special(v4ToInt(a));
  if (kind !== 6) return "malformed";
  const w = v6Words(a);
  if (!w) return "malformed";
  const zeros5 = w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0;
  if (zeros5 && w[5] === 0xffff) return tagged(v4Special(embedded(w[6], w[7])), "IPv4-mapped");
  if (zeros5 && w[5] === 0 && (w[6] !== 0 || w[7] > 1))
    return tagged(v4Special(embedded(w[6], w[7])), "IPv4-compatible");
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0) {
    return tagged(v4Special(embedded(w[6], w[7])), "NAT64");
  }
  if (w[0] === 0x2002) return tagged(v4Special(embedded(w[1], w[2])), "6to4");
  for (const r of RANGES.v6) if (v6InRange(w, r.words, r.bits)) return r.name;
  return null;
}

function tagged(kind: string | null, form: string): string | null {
  return kind ? `${kind} (${form})` : null;
}

function embedded(hi: number, lo: number): number {
  return ((hi << 16) | lo) >>> 0;
}

function v4Special(n: number): string | null {
  for (const r of RANGES.v4) if ((n & r.mask) >>> 0 === r.base) return r.name;
  return null;
}

function v4ToInt(a: string): number {
  const p = a.split(".").map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

/** Eight 16-bit words of an IPv6 address (handles "::" and a trailing dotted quad), or null. */
function v6Words(a: string): number[] | null {
  let s = a.toLowerCase();
  const tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.indexOf(".", lastColon) !== -1) {
    const n = v4ToInt(s.slice(lastColon + 1));
    tail.push(n >>> 16, n & 0xffff);
    const prefix = s.slice(0, lastColon + 1); // ends in ":"; keep it only when it is part of "::"
    s = prefix.endsWith("::") ? prefix : prefix.slice(0, -1);
  }
  const [left, right] = s.includes("::") ? s.split("::") : [s, null];
  const l = left ? left.split(":").filter((x) => x !== "") : [];
  const r = right ? right.split(":").filter((x) => x !== "") : [];
  const fill = 8 - tail.length - l.length - r.length;
  if (fill < 0 || (right === null && fill !== 0)) return null;
  const words = [
    ...l.map((x) => Number.parseInt(x, 16)),
    ...new Array(right === null ? 0 : fill).fill(0),
    ...r.map((x) => Number.parseInt(x, 16)),
    ...tail,
  ];
  return words.length === 8 && words.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff)
    ? words
    : null;
}

function v6InRange(w: number[], base: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((w[i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

/**
 * Reads at most `cap` bytes; stops reading (and drops the connection) past it. A decoder that fails
 * part-way (a cut-off gzip body) keeps what came before and says why in `damaged`; a connection
 * that fails is thrown.
 */
async function readCapped(
  body: Readable,
  cap: number,
): Promise<{ bytes: Buffer; cut: boolean; damaged: string | null }> {
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (total + chunk.length > cap) {
        parts.push(chunk.subarray(0, cap - total));
        total = cap;
        body.destroy();
        return { bytes: Buffer.concat(parts, total), cut: true, damaged: null };
      }
      parts.push(chunk);
      total += chunk.length;
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== "string" || !DECODE_ERROR_CODE_RE.test(code)) throw err;
    return { bytes: Buffer.concat(parts, total), cut: false, damaged: describeError(err) };
  }
  return { bytes: Buffer.concat(parts, total), cut: false, damaged: null };
}

/**
 * Sizes for messages in decimal units, as people read them: "52 MB", "900 kB", "12 bytes".
 * @example formatBytes(52_428_800) // "52 MB"
 */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${trimNumber(n / 1_000_000)} MB`;
  if (n >= 1_000) return `${trimNumber(n / 1_000)} kB`;
  return `${n} bytes`;
}

function trimNumber(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

function problem(uri: string, code: string, message: string): InputProblem {
  return { kind: "problem", uri, code, message };
}

function loadRanges() {
  const raw = JSON.parse(readFileSync(new URL("./special-addresses.json", import.meta.url), "utf8")) as {
    ipv4: [string, string][];
    ipv6: [string, string][];
  };
  const v4 = raw.ipv4.map(([cidr, name]) => {
    const [ip, len] = cidr.split("/");
    const bits = Number(len);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { base: (v4ToInt(ip) & mask) >>> 0, mask, name: shortName(name) };
  });
  const v6 = raw.ipv6.map(([cidr, name]) => {
    const [ip, len] = cidr.split("/");
    const words = v6Words(ip);
    if (!words) throw new Error(`ingest: special-addresses.json has a malformed IPv6 block "${cidr}"`);
    return { words, bits: Number(len), name: shortName(name) };
  });
  return { v4, v6 };
}

/** "link-local (cloud metadata lives here)" → "link-local": the note is for readers of the data file. */
function shortName(name: string): string {
  const paren = name.indexOf(" (");
  return paren === -1 ? name : name.slice(0, paren);
}
