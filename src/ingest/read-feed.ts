import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Message, RawDocument, RawMeta } from "../record.ts";
import { normaliseNewlines } from "./decode.ts";
import type { InputProblem } from "./types.ts";

/**
 * RSS 2.0 / RSS 1.0 (RDF), Atom and JSON Feed: one raw document per item. Full content comes from
 * content:encoded, Atom `<content>` or `content_html` when present, else description / summary /
 * content_text. Item title, link, date and authors, the feed's language, and the channel title as
 * publisher go to `meta`.
 *
 * Malformed XML is read leniently: the parser tolerates most breakage (bare `&`, unclosed tags); when
 * it still fails, each `<item>`/`<entry>` is cut out and parsed on its own. Known failure cases: an
 * item whose own markup is broken beyond that is lost (a problem names it); an Atom entry that only
 * points to out-of-line `<content src>` has no text; feed dates in other languages ("Seg, 24 Set
 * 2018") are passed on as written, not as ISO.
 */

const STAGE = "ingest";

/** Elements whose repeated children must always be arrays, so one item and many look the same. */
const ARRAY_TAGS = new Set(["item", "entry", "link", "author", "creator", "contributor", "category"]);

/**
 * Content elements are kept raw (stop nodes): Atom type="xhtml" and the unescaped HTML that real RSS
 * feeds put in `<description>` hold markup the parser would otherwise turn into an object tree.
 * Their CDATA and entities are undone by `rawContent` below.
 */
const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  htmlEntities: true,
  stopNodes: ["*.content", "*.encoded", "*.description", "*.summary"],
  isArray: (name) => ARRAY_TAGS.has(name),
});

const CDATA_RE = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const XML_ENTITY_RE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const TAG_STRIP_RE = /<[^>]*>/g;
const SPACES_RE = /\s+/g;
/** Markup, or an HTML entity left after the XML layer was undone ("&eacute;"): either way HTML, so clean decodes it. */
const HAS_TAG_RE =
  /<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/;
/** A bare `&` that starts no entity: the commonest breakage in hand-made feeds. */
const BARE_AMP_RE = /&(?![A-Za-z][A-Za-z0-9]*;|#\d+;|#[xX][0-9a-fA-F]+;)/g;
const ITEM_BLOCK_RE = /<(?:[\w.-]+:)?(item|entry)[\s>][\s\S]*?<\/(?:[\w.-]+:)?\1\s*>/g;
const CHANNEL_TITLE_RE = /<(?:[\w.-]+:)?title[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?title\s*>/;
/** RSS `<author>` is "email (Name)"; the name is what we want. */
const EMAIL_NAME_RE = /^\S+@\S+\s*\(([^)]+)\)\s*$/;
const EMAIL_ONLY_RE = /^\S+@\S+$/;
const ABSOLUTE_URL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

type Node = Record<string, unknown>;
type Item = RawDocument | InputProblem;

/**
 * Parses an XML feed (RSS 2.0, RSS 1.0/RDF or Atom) already decoded to text.
 * @example readXmlFeed('<rss><channel><title>Desk</title><item><title>A</title><description>Body</description></item></channel></rss>', "file:///f.rss", "rss")
 *   // [{ format: "rss", content: "Body", meta: { title: "A", publisher: "Desk", … }, … }]
 */
export function readXmlFeed(
  text: string,
  uri: string,
  kind: "rss" | "atom",
  messages: Message[] = [],
): Item[] {
  const valid = XMLValidator.validate(text);
  const docMessages = [...messages];
  let tree: Node | null = null;
  let why = "";
  if (valid !== true) {
    why = `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg.replace(SPACES_RE, " ")}`;
    docMessages.push({
      stage: STAGE,
      rule: "feed-malformed",
      reason: `${kind} feed is not well-formed XML (${why}); read leniently`,
    });
  }
  try {
    tree = PARSER.parse(text) as Node;
  } catch (err) {
    why ||= (err as Error).message;
  }
  const root = tree ? feedRoot(tree) : null;
  let items: (Node | null)[] = root ? itemsOf(root) : [];
  let channel = root ? channelOf(root) : null;
  if (items.length === 0 && valid !== true) {
    // Last resort: cut each item out of the text and parse it alone, so one broken item costs only itself.
    const recovered = recoverItems(text);
    items = recovered.items;
    channel = { title: recovered.channelTitle };
  }
  if (items.every((x) => x === null)) {
    if (valid !== true || !root) {
      const found = items.length ? `${items.length} item(s) found, none readable` : "no items recovered";
      return [
        problem(
          uri,
          "malformed-feed",
          `${kind}: not a readable feed (${why || "no feed root element"}); ${found}`,
        ),
      ];
    }
    return [problem(uri, "empty-feed", `${kind}: the feed has no items`)];
  }
  const feedMeta = channel ? channelMeta(channel) : {};
  const out: Item[] = [];
  items.forEach((item, i) => {
    if (item === null) {
      out.push(
        problem(
          `${uri}#item=${i + 1}`,
          "malformed-feed",
          `${kind}: item ${i + 1} could not be read (${why})`,
        ),
      );
    } else if (kind === "atom") out.push(atomEntry(item, i, uri, feedMeta, docMessages));
    else out.push(rssItem(item, i, uri, feedMeta, docMessages));
  });
  return out;
}

/**
 * Parses a JSON Feed (https://jsonfeed.org, versions 1 and 1.1).
 * @example readJsonFeed('{"version":"https://jsonfeed.org/version/1.1","title":"Desk","items":[{"id":"1","content_text":"Body"}]}', "file:///f.json")
 */
export function readJsonFeed(text: string, uri: string, messages: Message[] = []): Item[] {
  let feed: Node;
  try {
    feed = JSON.parse(text) as Node;
  } catch (err) {
    return [problem(uri, "malformed-feed", `json-feed: not valid JSON (${(err as Error).message})`)];
  }
  if (!feed || typeof feed !== "object" || !Array.isArray(feed.items)) {
    return [problem(uri, "malformed-feed", "json-feed: expected an object with an items array")];
  }
  const publisher = str(feed.title);
  const language = str(feed.language);
  const feedAuthors = jsonAuthors(feed);
  if (feed.items.length === 0) return [problem(uri, "empty-feed", "json-feed: the feed has no items")];
  return (feed.items as unknown[]).map((raw, i) => {
    const item = (raw && typeof raw === "object" ? raw : {}) as Node;
    const html = str(item.content_html);
    const plain = str(item.content_text) ?? str(item.summary);
    const content = html ?? plain;
    const itemUri = `${uri}#item=${i + 1}`;
    if (!content)
      return problem(
        itemUri,
        "no-content",
        `json-feed: item ${i + 1} has no content_html, content_text or summary`,
      );
    const authors = jsonAuthors(item);
    const meta: RawMeta = {
      title: str(item.title),
      url: str(item.url) ?? str(item.external_url),
      date: isoDate(str(item.date_published) ?? str(item.date_modified)),
      publisher,
      authors: authors.length ? authors : feedAuthors,
      language: str(item.language) ?? language,
    };
    return doc(itemUri, "json-feed", html ? "html" : kindOfContent(content), content, meta, messages);
  });
}

function feedRoot(tree: Node): Node | null {
  for (const key of ["rss", "RDF", "feed"]) {
    const v = tree[key];
    if (v && typeof v === "object") return v as Node;
  }
  return null;
}

function itemsOf(root: Node): Node[] {
  const channel = root.channel as Node | undefined;
  const list = (root.entry ??
    root.item ??
    (channel && typeof channel === "object" ? channel.item : undefined)) as unknown;
  return Array.isArray(list) ? (list.filter((x) => x && typeof x === "object") as Node[]) : [];
}

function channelOf(root: Node): Node {
  const channel = root.channel;
  return (channel && typeof channel === "object" ? channel : root) as Node;
}

interface FeedMeta {
  /** The site's own address, for item links written relative to it. */
  base?: string | null;
  publisher?: string | null;
  language?: string | null;
  authors?: string[];
}

function channelMeta(channel: Node): FeedMeta {
  return {
    base: rssLink(channel) ?? atomLink(channel.link),
    publisher: textOf(channel.title),
    language: textOf(channel.language) ?? str(channel["@lang"]),
    authors: authorNames(channel.author),
  };
}

function rssItem(item: Node, i: number, uri: string, feed: FeedMeta, messages: Message[]): Item {
  const itemUri = `${uri}#item=${i + 1}`;
  const content = rawContent(item.encoded) ?? rawContent(item.description) ?? rawContent(item.content);
  if (!content)
    return problem(itemUri, "no-content", `rss: item ${i + 1} has no content:encoded or description`);
  const authors = [...authorNames(item.creator), ...authorNames(item.author)];
  const meta: RawMeta = {
    title: textOf(item.title),
    url: absolute(rssLink(item), feed.base),
    date: isoDate(
      textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.published) ?? textOf(item.updated),
    ),
    publisher: feed.publisher ?? null,
    authors: authors.length ? dedupe(authors) : (feed.authors ?? []),
    language: textOf(item.language) ?? feed.language ?? null,
  };
  return doc(itemUri, "rss", kindOfContent(content), content, meta, messages);
}

function atomEntry(item: Node, i: number, uri: string, feed: FeedMeta, messages: Message[]): Item {
  const itemUri = `${uri}#item=${i + 1}`;
  const body = atomContent(item.content) ?? atomContent(item.summary);
  if (!body) return problem(itemUri, "no-content", `atom: entry ${i + 1} has no content or summary`);
  const authors = authorNames(item.author);
  const meta: RawMeta = {
    title: atomTitle(item.title),
    url: absolute(atomLink(item.link), feed.base),
    date: isoDate(
      textOf(item.published) ?? textOf(item.updated) ?? textOf(item.issued) ?? textOf(item.modified),
    ),
    publisher: feed.publisher ?? null,
    authors: authors.length ? authors : (feed.authors ?? []),
    language: str(item["@lang"]) ?? feed.language ?? null,
  };
  return doc(itemUri, "atom", body.type, body.text, meta, messages);
}

/** Atom titles may be type="html"; a title is plain text, so tags go and entities are undone. */
function atomTitle(v: unknown): string | null {
  const t = textOf(v);
  if (!t) return null;
  const node = Array.isArray(v) ? v[0] : v;
  const type = node && typeof node === "object" ? str((node as Node)["@type"]) : null;
  if (type !== "html" && type !== "xhtml") return t;
  return decodeXmlEntities(t.replace(TAG_STRIP_RE, "")).replace(SPACES_RE, " ").trim() || null;
}

/** Atom content: type text → text, html/xhtml → html, other media types only when textual. */
function atomContent(v: unknown): { text: string; type: "text" | "html" } | null {
  if (v === undefined || v === null) return null;
  const node = Array.isArray(v) ? v[0] : v;
  const type =
    (node && typeof node === "object" ? str((node as Node)["@type"]) : null)?.toLowerCase() ?? "text";
  const text = rawContent(node);
  if (!text) return null;
  if (type === "html" || type === "xhtml" || type.includes("html")) return { text, type: "html" };
  if (type === "text" || type.startsWith("text/"))
    return { text, type: kindOfContent(text) === "html" && type !== "text" ? "html" : "text" };
  return null; // base64 media or out-of-line src: nothing to read
}

/** Content kept raw by the stop node (or parsed normally): CDATA kept verbatim, XML entities undone. */
function rawContent(v: unknown): string | null {
  const raw = textOf(v);
  if (raw === null) return null;
  if (raw.indexOf("<![CDATA[") === -1 && raw.indexOf("&") === -1) return raw.trim() || null;
  let out = "";
  let last = 0;
  CDATA_RE.lastIndex = 0;
  for (let m = CDATA_RE.exec(raw); m !== null; m = CDATA_RE.exec(raw)) {
    out += decodeXmlEntities(raw.slice(last, m.index)) + m[1];
    last = m.index + m[0].length;
  }
  out += decodeXmlEntities(raw.slice(last));
  return out.trim() || null;
}

function decodeXmlEntities(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(XML_ENTITY_RE, (whole, dec: string, hex: string, name: string) => {
    if (name) return XML_ENTITIES[name];
    const cp = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

function rssLink(item: Node): string | null {
  const links = Array.isArray(item.link) ? item.link : item.link === undefined ? [] : [item.link];
  for (const l of links) {
    if (typeof l === "string" && l.trim()) return l.trim();
    if (l && typeof l === "object") {
      const href = str((l as Node)["@href"]);
      const rel = str((l as Node)["@rel"]);
      if (href && (!rel || rel === "alternate")) return href;
      const t = str((l as Node)["#text"]);
      if (t) return t;
    }
  }
  const guid = item.guid;
  const permalink = guid && typeof guid === "object" ? str((guid as Node)["@isPermaLink"]) : null;
  const g = textOf(guid);
  if (g && permalink !== "false" && /^https?:\/\//i.test(g)) return g;
  return str(item["@about"]);
}

function atomLink(v: unknown): string | null {
  const links = (Array.isArray(v) ? v : v === undefined ? [] : [v]) as unknown[];
  let fallback: string | null = null;
  for (const l of links) {
    if (!l || typeof l !== "object") continue;
    const href = str((l as Node)["@href"]);
    const rel = str((l as Node)["@rel"]) ?? "alternate";
    if (href && rel === "alternate") return href;
    if (href && !fallback && rel !== "self" && rel !== "replies" && rel !== "edit") fallback = href;
  }
  return fallback;
}

/** An item link made absolute against the feed's site; left as written when it cannot be. */
function absolute(link: string | null, base: string | null | undefined): string | null {
  if (!link || ABSOLUTE_URL_RE.test(link) || !base) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

function authorNames(v: unknown): string[] {
  const list = (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]) as unknown[];
  const out: string[] = [];
  for (const a of list) {
    const name = a && typeof a === "object" && "name" in (a as Node) ? textOf((a as Node).name) : textOf(a);
    if (!name) continue;
    const m = EMAIL_NAME_RE.exec(name);
    if (m) out.push(m[1].trim());
    else if (!EMAIL_ONLY_RE.test(name)) out.push(name);
  }
  return out;
}

function jsonAuthors(node: Node): string[] {
  const list = Array.isArray(node.authors) ? node.authors : node.author ? [node.author] : [];
  return list
    .map((a) => (a && typeof a === "object" ? str((a as Node).name) : str(a)))
    .filter((a): a is string => a !== null);
}

/** Items cut out of the text one by one; null where an item's own markup is beyond repair. */
function recoverItems(text: string): { items: (Node | null)[]; channelTitle: string | null } {
  const items: (Node | null)[] = [];
  let firstItemAt = -1;
  ITEM_BLOCK_RE.lastIndex = 0;
  for (let m = ITEM_BLOCK_RE.exec(text); m !== null; m = ITEM_BLOCK_RE.exec(text)) {
    if (firstItemAt === -1) firstItemAt = m.index;
    const block = m[0].replace(BARE_AMP_RE, "&amp;");
    try {
      const parsed = PARSER.parse(block) as Node;
      const node = (parsed[m[1]] as unknown[] | undefined)?.[0];
      items.push(node && typeof node === "object" ? (node as Node) : null);
    } catch {
      items.push(null);
    }
  }
  const head = firstItemAt === -1 ? text.slice(0, 4096) : text.slice(0, firstItemAt);
  const t = CHANNEL_TITLE_RE.exec(head);
  return { items, channelTitle: t ? (rawContent(t[1]) ?? null) : null };
}

/** Text of a parsed node: a string, `#text` of an element with attributes, or the first of a list. */
function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = textOf(x);
      if (t) return t;
    }
    return null;
  }
  if (typeof v === "object") return textOf((v as Node)["#text"]);
  return null;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/** Feed dates are RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed); both become ISO 8601 UTC. Unparseable text is kept. */
function isoDate(s: string | null): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

function kindOfContent(s: string): "text" | "html" {
  return HAS_TAG_RE.test(s) ? "html" : "text";
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function doc(
  uri: string,
  format: "rss" | "atom" | "json-feed",
  contentType: "text" | "html",
  content: string,
  meta: RawMeta,
  messages: Message[],
): RawDocument {
  return {
    uri,
    format,
    contentType,
    content: normaliseNewlines(content),
    meta,
    messages: messages.map((m) => ({ ...m })),
  };
}

function problem(uri: string, code: string, message: string): InputProblem {
  return { kind: "problem", uri, code, message };
}
