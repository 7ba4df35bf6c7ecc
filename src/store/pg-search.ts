/**
 * Full-text search helpers for the PostgreSQL store: how paragraph text is indexed, how a user's query
 * becomes a tsquery, and how ts_headline output becomes a snippet with the caller's markers.
 *
 * Parity with the SQLite store (FTS5, unicode61, remove_diacritics): words are maximal runs of letters or
 * digits, lower-cased, diacritics stripped, no stemming and no stop words. PostgreSQL's own parser would
 * read "U.S.-Russia" as a host name and "well-known" as three tokens, so the indexed text is first cut
 * into plain words here and the text search configuration only sees words separated by spaces.
 */

/** Marks of a combining class, dropped after NFD so "Kraków" indexes as "krakow" (as FTS5 does). */
const COMBINING_MARKS_RE = /\p{M}+/gu;
/** Anything that is not a letter or digit separates words, exactly as in FTS5's unicode61 tokenizer. */
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
/**
 * One token of a search query: a "quoted phrase" (an unclosed quote runs to the end), or a word with an
 * optional prefix star. Everything else (brackets, dashes, stray quotes) is skipped, so no query is ever a
 * tsquery syntax error.
 */
const QUERY_TOKEN_RE = /"([^"]*)"?|([\p{L}\p{N}]+)(\*)?/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;
/** FTS5's operators, upper case only (as in FTS5: "or" is a word). NEAR has no tsquery twin and is skipped. */
const OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);
/**
 * ts_headline marks hits with these control characters, replaced by the caller's markers afterwards:
 * markers then need no quoting inside ts_headline's option string ("<mark>", commas, quotes all work).
 * Known failure: a paragraph that itself contains U+0001 or U+0002 (clean text never should).
 */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";
const SENTINELS_RE = /[\u0001\u0002]/g;
/** Words either side of the hits, as in the SQLite snippet (14 words each side). */
export const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=29, MinWords=15, ShortWord=0`;

/**
 * Lower-cases, strips diacritics and keeps only words separated by single spaces: the text handed to
 * to_tsvector.
 * @example indexText("Kraków: U.S.-Russia talks") // "krakow u s russia talks"
 */
export function indexText(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS_RE, "").replace(NON_WORD_RE, " ").trim().toLowerCase();
}

function foldWord(w: string): string {
  return w.normalize("NFD").replace(COMBINING_MARKS_RE, "").toLowerCase();
}

/**
 * Turns a user's search words into a tsquery string with FTS5's meaning: words ANDed, "quoted phrases"
 * as adjacent words, OR between two terms, NOT before a term excludes it, word* is a prefix. Returns null
 * when nothing searchable remains. A NOT with nothing before it is dropped (FTS5 would reject it; matching
 * "everything without the word" is never what was meant).
 * @example toTsQuery('talks "Black Sea" NOT grain') // "'talks' & ('black' <-> 'sea') & !'grain'"
 */
export function toTsQuery(query: string): string | null {
  let out = "";
  let pendingOr = false;
  let pendingNot = false;
  for (const m of query.matchAll(QUERY_TOKEN_RE)) {
    let term: string | null = null;
    if (m[1] !== undefined) {
      const words = (m[1].match(WORD_RE) ?? []).map((w) => `'${foldWord(w)}'`);
      if (words.length === 0) continue;
      term = words.length === 1 ? words[0] : `(${words.join(" <-> ")})`;
    } else {
      const word = m[2];
      if (OPERATORS.has(word) && m[3] === undefined) {
        if (word === "OR") pendingOr = out !== "";
        if (word === "NOT") pendingNot = out !== "";
        continue;
      }
      term = `'${foldWord(word)}'${m[3] ? ":*" : ""}`;
    }
    if (pendingNot) term = `!${term}`;
    out = out === "" ? term : `${out} ${pendingOr && !pendingNot ? "|" : "&"} ${term}`;
    pendingOr = false;
    pendingNot = false;
  }
  return out === "" ? null : out;
}

/**
 * Turns ts_headline output (hits between HIT_START and HIT_END) into a snippet with the caller's markers,
 * with "…" where the excerpt does not reach the paragraph's start or end, like the SQLite snippet.
 * @example headlineSnippet("Talks in \u0001Vienna\u0002", "Talks in Vienna resumed", ["[", "]"]) // "Talks in [Vienna]…"
 */
export function headlineSnippet(headline: string, paragraph: string, markers: [string, string]): string {
  const plain = headline.replace(SENTINELS_RE, "");
  const marked = headline.split(HIT_START).join(markers[0]).split(HIT_END).join(markers[1]).trim();
  const at = paragraph.indexOf(plain);
  const head = at > 0 && paragraph.slice(0, at).trim() !== "" ? "…" : "";
  const tail = at >= 0 && paragraph.slice(at + plain.length).trim() !== "" ? "…" : "";
  return `${head}${marked}${tail}`;
}
