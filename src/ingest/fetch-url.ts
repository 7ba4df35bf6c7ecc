import { lookup as dnsLookup } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { Message } from "../record.ts";
import { PIPELINE_VERSION } from "../version.ts";
import type { InputProblem } from "./types.ts";

/**
 * Fetches one http(s) URL with Node's global fetch, defensively: whole-request timeout, a body cap
 * (streamed; the rest is never read), redirects followed by hand with every hop re-checked, and no
 * requests to private, loopback, link-local, CGNAT, multicast or unspecified addresses (IPv4, IPv6
 * and the IPv6 forms that embed IPv4) unless `allowPrivate`. Hosts are resolved with dns.lookup (all
 * addresses) and refused when any address is private.
 *
 * Known failure cases: DNS rebinding — fetch resolves the name again, so a hostile resolver that
 * answers public then private between the two lookups gets through (closing that needs a custom
 * undici dispatcher with a pinned lookup, which is not a dependency); proxies from HTTP(S)_PROXY are
 * not used.
 */

export const USER_AGENT = `sitrep/${PIPELINE_VERSION} (news analysis; +self-hosted)`;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_FETCH_BYTES = 10_000_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,text/plain;q=0.9,*/*;q=0.5";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Names that mean this host whatever DNS says (RFC 6761); refused before any lookup. */
const LOCAL_NAME_RE = /^(?:localhost|.*\.localhost)\.?$/i;

const RANGES = loadRanges();

export interface FetchOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxFetchBytes: number;
  maxRedirects: number;
  lookup: (host: string) => Promise<string[]>;
}

export interface Fetched {
  /** The URL asked for and the one that answered, after redirects. */
  requested: string;
  url: string;
  bytes: Buffer;
  contentType: string | null;
  /** True when the body was longer than the cap and was cut. */
  cut: boolean;
  messages: Message[];
}

/**
 * Default resolver: every address for the name, as the OS resolver sees it (hosts file included).
 * @example await lookupAll("localhost") // ["127.0.0.1", "::1"]
 */
export async function lookupAll(host: string): Promise<string[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Fetches a URL or returns the problem that stopped it.
 * @example await fetchUrl("http://127.0.0.1/", opts) // { kind: "problem", code: "refused-url", message: "…loopback…" }
 */
export async function fetchUrl(input: string, options: FetchOptions): Promise<Fetched | InputProblem> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let url = input;
    for (let hop = 0; ; hop++) {
      const refused = await checkUrl(url, options);
      if (refused) {
        const code = refused.startsWith("refused") ? "refused-url" : "dns-failed";
        return problem(input, code, hop === 0 ? refused : `redirect ${hop} to ${url}: ${refused}`);
      }
      const res = await fetch(url, {
        redirect: "manual",
        signal: controller.signal,
        headers: { "user-agent": USER_AGENT, accept: ACCEPT },
      });
      if (REDIRECT_STATUSES.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get("location");
        if (!location)
          return problem(input, "http-error", `HTTP ${res.status} redirect without a Location header`);
        if (hop + 1 > options.maxRedirects) {
          return problem(
            input,
            "too-many-redirects",
            `more than ${options.maxRedirects} redirects (last to ${location})`,
          );
        }
        url = new URL(location, url).href;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        return problem(
          input,
          "http-error",
          `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""} from ${url}`,
        );
      }
      const body = await readCapped(res, options.maxFetchBytes);
      const messages: Message[] = [];
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
        bytes: body.bytes,
        contentType: res.headers.get("content-type"),
        cut: body.cut,
        messages,
      };
    }
  } catch (err) {
    if (controller.signal.aborted) {
      return problem(input, "timeout", `no complete answer within ${options.timeoutMs / 1000} s (timeout)`);
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return problem(
      input,
      "fetch-failed",
      `fetch failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a URL may not be fetched, or null when it may. Checks scheme, credentials, and (unless
 * allowPrivate) every address the host resolves to.
 * @example await checkUrl("http://2130706433/", opts) // "refused: 127.0.0.1 is a loopback address"
 */
export async function checkUrl(
  raw: string,
  options: Pick<FetchOptions, "allowPrivate" | "lookup">,
): Promise<string | null> {
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
  if (options.allowPrivate) return null;
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) return "refused: the URL has no host";
  if (LOCAL_NAME_RE.test(host)) return `refused: ${host} names this machine (use --allow-private)`;
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await options.lookup(host);
    } catch (err) {
      return `could not resolve ${host} (${(err as { code?: string }).code ?? (err as Error).message})`;
    }
    if (addresses.length === 0) return `could not resolve ${host} (no addresses)`;
  }
  for (const address of addresses) {
    const why = specialAddress(address);
    if (!why) continue;
    const who = host === address ? address : `${host} resolves to ${address}, which`;
    return `refused: ${who} is not a public address (${why}); use --allow-private to allow it`;
  }
  return null;
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

async function readCapped(res: Response, cap: number): Promise<{ bytes: Buffer; cut: boolean }> {
  if (!res.body) return { bytes: Buffer.alloc(0), cut: false };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.length > cap) {
      parts.push(value.subarray(0, cap - total));
      total = cap;
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.concat(parts, total), cut: true };
    }
    parts.push(value);
    total += value.length;
  }
  return { bytes: Buffer.concat(parts, total), cut: false };
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
