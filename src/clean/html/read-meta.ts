import { type DomDocument, type DomElement, type DomNode, ELEMENT_NODE, normaliseText } from "./dom.ts";
import type { PageMeta } from "./index.ts";

/**
 * Title separators before a site-name suffix: "Talks stall | The Daily Ledger", "Talks stall - Ledger".
 * Known failure: a headline that itself contains " - " followed by 1–4 words ("Kyiv - live") loses its tail
 * when no og:site_name confirms the suffix; a suffix is split off an unconfirmed title only when the head has
 * more words than the tail, so "Fest cancelled | Harbour Notes" stays whole unless the page's h1 or
 * og:site_name settles it. A colon is not a separator: "Talks: what we know" is a headline.
 */
const TITLE_SEPARATOR = /\s+[|\u2013\u2014\-·•»«›‹~]+\s+|\s*(?:::|\|)\s*/g;
/** A heading shorter than this is a section label ("News"), not the page's headline. */
const H1_MIN_CHARS = 4;
const H1_LOOKED_AT = 3;
/** The rest of a title around its headline starts or ends with a separator ("Site » ", " – Site"); colon allowed here. */
const EDGE_SEPARATOR = /^\s*[|\u2013\u2014\-:·•»«›‹~]|[|\u2013\u2014\-:·•»«›‹~]\s*$/;
/** A suffix longer than this many words is headline, not site name. */
const SITE_SUFFIX_MAX_WORDS = 5;
/** Dates inside URL paths: /2019/11/19/, /2019-11-19/, /20191119/. */
const URL_DATE = /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)/;
/** ISO-like date at the start of a metadata value: "2021-03-04T10:00:00Z", "2021-03-04". */
const ISO_DATE = /^\s*((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/;
const LOOKS_LIKE_URL = /^(?:https?:)?\/\//i;
/** "By Jane Roe and Ann Li" → ["Jane Roe", "Ann Li"]; the leading "By" and trailing role words are not names. */
const BYLINE_PREFIX = /^(?:by|von|par|por|di|door|av|przez)\s+/i;
const AUTHOR_SPLIT = /\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|&|\|)\s*/i;
const AUTHOR_MAX_CHARS = 60;
const AUTHOR_MAX_COUNT = 6;
/** Author strings that are roles or outlets, not people. Known failure: an outlet name as meta author passes. */
const NOT_AN_AUTHOR =
  /^(?:admin|administrator|staff|editor|editorial|redaktion|webmaster|null|undefined|unknown|anonymous)$/i;
('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline-name, .author-name, .byline a, .byline, .author');

/** Class tokens of byline containers seen across CMS templates (compared as whole tokens). */
const BYLINE_CLASSES = new Set(["byline", "byline-name", "author", "author-name", "entry-author"]);
/** Links inside these containers are author links ("By <a>Jane Roe</a>"). */
const BYLINE_LINK_PARENTS = new Set(["byline", "post-author"]);
const AUTHOR_PATH = "/author/";
const MAX_H1 = 3;
const MAX_BYLINE_CANDIDATES = 10;
const CLASS_SPLIT = /\s+/;

/** Everything metadata needs from the markup, gathered in one walk. */
interface PageScan {
  /** <meta> values keyed by lower-cased name/property/http-equiv/itemprop, first one wins. */
  metas: Map<string, string>;
  canonical: string | null;
  title: DomElement | null;
  h1s: DomElement[];
  /** Byline candidates in document order: rel=author, /author/ links, itemprop=author, byline classes. */
  bylines: DomElement[];
  articleTime: DomElement | null;
  anyTime: DomElement | null;
  itemDate: DomElement | null;
}

function hasClass(el: DomElement, set: ReadonlySet<string>): boolean {
  const cls = el.getAttribute("class");
  if (!cls) return false;
  for (const c of cls.toLowerCase().split(CLASS_SPLIT)) if (set.has(c)) return true;
  return false;
}

/**
 * One iterative walk over the page for all metadata hooks. In linkedom every querySelector walks the
 * whole tree, so the dozen selector calls this replaces cost a dozen walks (3 ms on an old news page).
 */
function scanPage(doc: DomDocument): PageScan {
  const scan: PageScan = {
    metas: new Map(),
    canonical: null,
    title: null,
    h1s: [],
    bylines: [],
    articleTime: null,
    anyTime: null,
    itemDate: null,
  };
  // From documentElement: linkedom keeps the doctype outside the sibling chain, so the document node's
  // firstChild leads nowhere. (A stray tag before <html> is moved by extractHtml's structure repair.)
  const root = doc.documentElement as DomNode | null;
  if (!root) return scan;
  let inArticle = 0;
  // Byline containers we are inside, innermost last; popped when the walk climbs out of them.
  const bylineOpen: DomNode[] = [];
  const visit = (el: DomElement): void => {
    const tag = el.tagName;
    if (tag === "META") {
      const key =
        el.getAttribute("property") ??
        el.getAttribute("name") ??
        el.getAttribute("http-equiv") ??
        el.getAttribute("itemprop");
      const value = el.getAttribute("content");
      if (key && value) {
        const k = key.trim().toLowerCase();
        if (!scan.metas.has(k)) {
          const v = normaliseText(value);
          if (v) scan.metas.set(k, v);
        }
      }
      return;
    }
    if (tag === "TITLE") {
      if (!scan.title) scan.title = el;
      return;
    }
    if (tag === "LINK") {
      if (!scan.canonical && (el.getAttribute("rel") ?? "").toLowerCase() === "canonical")
        scan.canonical = el.getAttribute("href");
      return;
    }
    if (tag === "H1" && scan.h1s.length < MAX_H1) scan.h1s.push(el);
    if (tag === "TIME" && el.getAttribute("datetime")) {
      if (!scan.anyTime) scan.anyTime = el;
      if (inArticle > 0 && !scan.articleTime) scan.articleTime = el;
    }
    const itemprop = el.getAttribute("itemprop");
    if (itemprop === "datePublished" && !scan.itemDate) scan.itemDate = el;
    if (scan.bylines.length < MAX_BYLINE_CANDIDATES) {
      const rel = el.getAttribute("rel");
      const isByline =
        rel?.toLowerCase().includes("author") ||
        itemprop === "author" ||
        (tag === "A" && ((el.getAttribute("href") ?? "").includes(AUTHOR_PATH) || bylineOpen.length > 0)) ||
        hasClass(el, BYLINE_CLASSES);
      if (isByline) scan.bylines.push(el);
    }
  };
  let node: DomNode | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as DomElement;
      visit(el);
      if (node.firstChild && el.tagName !== "SCRIPT" && el.tagName !== "STYLE") {
        descend = true;
        if (el.tagName === "ARTICLE") inArticle++;
        if (hasClass(el, BYLINE_LINK_PARENTS)) bylineOpen.push(el);
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === ELEMENT_NODE) {
        if ((node as DomElement).tagName === "ARTICLE") inArticle--;
        if (bylineOpen[bylineOpen.length - 1] === node) bylineOpen.pop();
      }
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return scan;
}

function firstMeta(metas: Map<string, string>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = metas.get(k);
    if (v) return v;
  }
  return null;
}

type Json = unknown;

/** Flattens JSON-LD: arrays, @graph containers, nested mainEntity, into a list of objects. */
function ldObjects(blobs: readonly string[]): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const stack: Json[] = [];
  for (const blob of blobs) {
    try {
      stack.push(JSON.parse(blob));
    } catch {
      // Broken JSON-LD is common (trailing commas, raw newlines in strings); metadata just falls back.
    }
  }
  let guard = 0;
  while (stack.length && guard++ < 200) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") {
      const o = v as Record<string, Json>;
      out.push(o);
      if (o["@graph"]) stack.push(o["@graph"]);
      if (o.mainEntity && typeof o.mainEntity === "object") stack.push(o.mainEntity);
    }
  }
  return out;
}

const ARTICLE_TYPES = /article|posting|report|blog|newsarticle|webpage/i;

function ldType(o: Record<string, Json>): string {
  const t = o["@type"];
  return Array.isArray(t) ? t.join(" ") : typeof t === "string" ? t : "";
}

/**
 * JSON-LD graphs name the author once, as a Person node, and point to it by "@id" from the article:
 * replace such references by the node they point to.
 */
function resolveRefs(v: Json, all: readonly Record<string, Json>[]): Json {
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, all));
  if (v && typeof v === "object") {
    const o = v as Record<string, Json>;
    if (typeof o["@id"] === "string" && typeof o.name !== "string") {
      return all.find((x) => x !== o && x["@id"] === o["@id"] && typeof x.name === "string") ?? v;
    }
  }
  return v;
}

function ldString(v: Json): string | null {
  if (typeof v === "string") return normaliseText(v) || null;
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === "object" && typeof (v as Record<string, Json>).name === "string") {
    return normaliseText((v as Record<string, string>).name) || null;
  }
  return null;
}

function ldNames(v: Json): string[] {
  if (Array.isArray(v)) return v.flatMap(ldNames);
  const s = ldString(v);
  return s ? [s] : [];
}

/** "2021-03-04T10:00:00Z" → "2021-03-04"; anything not ISO-shaped → null. */
function isoDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = ISO_DATE.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function urlDay(url: string | null): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: scan the string as given.
  }
  const m = URL_DATE.exec(path);
  return m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : null;
}

/** Splits a byline into person names, dropping "By", roles and duplicates. */
function authorNames(raw: string): string[] {
  const cleaned = normaliseText(raw).replace(BYLINE_PREFIX, "");
  if (!cleaned || cleaned.length > AUTHOR_MAX_CHARS * 3 || LOOKS_LIKE_URL.test(cleaned)) return [];
  return cleaned
    .split(AUTHOR_SPLIT)
    .map((s) => s.replace(BYLINE_PREFIX, "").trim())
    .filter(
      (s) =>
        s.length > 1 && s.length <= AUTHOR_MAX_CHARS && !NOT_AN_AUTHOR.test(s) && !LOOKS_LIKE_URL.test(s),
    );
}

function addAuthors(into: string[], names: readonly string[]): void {
  for (const n of names) {
    if (into.length >= AUTHOR_MAX_COUNT) return;
    if (!into.some((x) => x.toLowerCase() === n.toLowerCase())) into.push(n);
  }
}

/**
 * Splits "Headline | Site" into headline and site. Returns the whole title when no separator leaves a
 * short suffix. When `knownSite` is given, a suffix (or prefix) equal to it is always split off.
 * @example splitTitle("Talks stall - The Ledger", null) // { title: "Talks stall", site: "The Ledger" }
 */
export function splitTitle(full: string, knownSite: string | null): { title: string; site: string | null } {
  const seps = [...full.matchAll(TITLE_SEPARATOR)];
  if (!seps.length) return { title: full, site: null };
  const known = knownSite?.toLowerCase() ?? null;
  const last = seps[seps.length - 1];
  const lastIdx = last.index ?? 0;
  const head = full.slice(0, lastIdx).trim();
  const tail = full.slice(lastIdx + last[0].length).trim();
  if (known && tail.toLowerCase() === known) return { title: head, site: tail };
  const first = seps[0];
  const firstIdx = first.index ?? 0;
  const prefix = full.slice(0, firstIdx).trim();
  if (known && prefix.toLowerCase() === known)
    return { title: full.slice(firstIdx + first[0].length).trim(), site: prefix };
  const tailWords = tail.split(/\s+/).length;
  const headWords = head.split(/\s+/).length;
  if (tail && tailWords <= SITE_SUFFIX_MAX_WORDS && headWords >= 2 && headWords > tailWords)
    return { title: head, site: tail };
  return { title: full, site: null };
}

/** The first h1 whose text is the title's start or end (the rest being site or section), if any. */
function headlineInTitle(h1s: readonly DomElement[], title: string): string | null {
  if (!TITLE_SEPARATOR.test(title)) return null;
  TITLE_SEPARATOR.lastIndex = 0;
  const folded = title.toLowerCase();
  for (let i = 0; i < h1s.length && i < H1_LOOKED_AT; i++) {
    const h = normaliseText((h1s[i] as DomElement).textContent ?? "");
    if (h.length < H1_MIN_CHARS || h.length >= title.length) continue;
    const lh = h.toLowerCase();
    if (folded.startsWith(lh) || folded.endsWith(lh)) {
      const rest = folded.startsWith(lh) ? title.slice(h.length) : title.slice(0, title.length - h.length);
      if (EDGE_SEPARATOR.test(rest)) return h;
    }
  }
  return null;
}

/**
 * Page metadata from head tags, JSON-LD, markup and the URL. Each field takes the first source that has
 * it, in the order the field's comment gives. Unknown is null.
 * @example readPageMeta(doc, ['{"@type":"NewsArticle","headline":"Talks stall"}'], "https://x.test/2024/05/01/a")
 *   // { title: "Talks stall", published: "2024-05-01", … }
 */
export function readPageMeta(doc: DomDocument, jsonLd: readonly string[], url: string | null): PageMeta {
  const ld = ldObjects(jsonLd);
  const scan = scanPage(doc);
  const metas = scan.metas;
  const article =
    ld.find((o) => ARTICLE_TYPES.test(ldType(o)) && (o.headline || o.datePublished || o.author)) ?? null;

  // url: canonical link, og:url, the url we were given.
  const canonical = scan.canonical;
  let pageUrl = canonical || metas.get("og:url") || url || null;
  if (pageUrl && url && !LOOKS_LIKE_URL.test(pageUrl) && !/^[a-z]+:/i.test(pageUrl)) {
    try {
      pageUrl = new URL(pageUrl, url).href;
    } catch {
      pageUrl = url;
    }
  }

  // siteName: og:site_name, JSON-LD publisher.name, application-name, then the <title> suffix.
  let siteName =
    metas.get("og:site_name") ??
    (article ? ldString(article.publisher) : null) ??
    metas.get("application-name") ??
    null;

  // title: og:title, twitter:title, JSON-LD headline, <title> minus its site suffix.
  const titleTag = normaliseText(scan.title?.textContent ?? "") || null;
  const split = titleTag ? splitTitle(titleTag, siteName) : null;
  if (!siteName && split?.site) siteName = split.site;
  let title =
    firstMeta(metas, ["og:title", "twitter:title"]) ??
    (article ? ldString(article.headline) : null) ??
    split?.title ??
    null;
  if (title && siteName) {
    const again = splitTitle(title, siteName);
    if (again.site && again.site.toLowerCase() === siteName.toLowerCase()) title = again.title;
  }
  // The page's own headline settles a title that still carries a site name or section on either side:
  // "Site » Headline", "Headline – Site". Known failure: an h1 holding the site logo text on a page whose
  // title is "Site | Section" yields the site name.
  if (title) title = headlineInTitle(scan.h1s, title) ?? title;

  // authors: meta author, article:author (unless a URL), JSON-LD author(s), rel=author, byline classes.
  const authors: string[] = [];
  for (const key of ["author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"]) {
    const v = metas.get(key);
    if (v && !LOOKS_LIKE_URL.test(v)) addAuthors(authors, authorNames(v));
  }
  if (article?.author) addAuthors(authors, ldNames(resolveRefs(article.author, ld)).flatMap(authorNames));
  if (!authors.length) {
    const els = scan.bylines;
    for (let i = 0; i < els.length && !authors.length; i++) {
      const t = normaliseText(els[i].textContent ?? "");
      if (t.length <= AUTHOR_MAX_CHARS * 2) addAuthors(authors, authorNames(t));
    }
  }

  // published: article:published_time, JSON-LD datePublished, <time datetime> in the article,
  // itemprop datePublished, other common meta names, then a date in the URL path.
  // Selector lookups are whole-tree walks in linkedom, so they run only when the meta tags had no date.
  let published =
    isoDay(metas.get("article:published_time")) ??
    isoDay(article ? ldString(article.datePublished) : null) ??
    isoDay(metas.get("datepublished"));
  if (!published) {
    // A <time> inside <article> is the article's; a bare one elsewhere may date a comment or a sidebar
    // teaser, so the URL's date outranks it.
    const timeEl = scan.articleTime;
    const itemEl = timeEl ? null : scan.itemDate;
    published =
      isoDay(timeEl?.getAttribute("datetime")) ??
      isoDay(itemEl?.getAttribute("content") ?? itemEl?.getAttribute("datetime")) ??
      isoDay(
        firstMeta(metas, [
          "date",
          "pubdate",
          "publish-date",
          "dc.date",
          "dc.date.issued",
          "og:published_time",
          "parsely-pub-date",
          "sailthru.date",
        ]),
      ) ??
      urlDay(pageUrl) ??
      urlDay(url) ??
      isoDay(scan.anyTime?.getAttribute("datetime"));
  }

  // description: og:description, meta description, twitter:description, JSON-LD description.
  const description =
    firstMeta(metas, ["og:description", "description", "twitter:description"]) ??
    (article ? ldString(article.description) : null);

  // language: <html lang>, content-language, og:locale; primary subtag, lower case.
  const rawLang =
    doc.documentElement?.getAttribute("lang") ||
    doc.documentElement?.getAttribute("xml:lang") ||
    metas.get("content-language") ||
    metas.get("og:locale");
  const language = rawLang ? (rawLang.trim().split(/[-_,;\s]/)[0] || "").toLowerCase() || null : null;

  return {
    title: title || null,
    siteName: siteName || null,
    authors,
    published,
    description,
    language,
    url: pageUrl,
  };
}
