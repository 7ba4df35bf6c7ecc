import type { SearchHit } from "../store/index.ts";
import { articleHref, dateAndPublisher } from "./components.ts";
import { escapeHtml, html, type SafeHtml, trustedHtml } from "./html.ts";
import { page } from "./layout.ts";

/**
 * Markers the store wraps around matched words in a snippet: private-use characters, which news text does
 * not contain, so they can be found again after the snippet is escaped and turned into <mark>.
 * Known failure: text that does contain U+E000/U+E001 loses those characters in the snippet.
 */
export const SNIPPET_MARKERS: [string, string] = ["\uE000", "\uE001"];
const MARKED_RE = /\uE000([^\uE000\uE001]*)\uE001/g;
const STRAY_MARKER_RE = /[\uE000\uE001]/g;

/** An escaped snippet with the store's markers turned into <mark> elements. */
function snippetHtml(snippet: string): SafeHtml {
  // Escape first: the markers are not HTML specials, so they survive, and only they become tags.
  return trustedHtml(escapeHtml(snippet).replace(MARKED_RE, "<mark>$1</mark>").replace(STRAY_MARKER_RE, ""));
}

/** The search form's current values, echoed back into it. */
export interface SearchForm {
  q: string;
  publisher?: string;
  since?: string;
  until?: string;
}

/**
 * Search results, best first, with highlighted snippets linking to their paragraph.
 * @example renderSearch({ q: "border" }, await store.search("border", {}, SNIPPET_MARKERS))
 */
export function renderSearch(form: SearchForm, hits: SearchHit[]): SafeHtml {
  const body = html`<h1>Search</h1>
<form class="filters" action="/search" method="get">
<label>words<input type="search" name="q" value="${form.q}"></label>
<label>publisher<input name="publisher" value="${form.publisher ?? ""}"></label>
<label>since<input name="since" value="${form.since ?? ""}" placeholder="yyyy-mm-dd"></label>
<label>until<input name="until" value="${form.until ?? ""}" placeholder="yyyy-mm-dd"></label>
<button>Search</button></form>
${
  !form.q
    ? html`<p class="muted">Words are all required; "quoted phrases", OR, NOT and prefix* work.</p>`
    : hits.length === 0
      ? html`<p>No matches for “${form.q}”.</p>`
      : html`<p class="muted">${hits.length} paragraphs match “${form.q}”.</p>
<ol>${hits.map(
          (
            h,
          ) => html`<li><a href="${articleHref(h.articleId, h.paragraph)}">${h.title ?? "(no title)"}</a> <span class="muted">${dateAndPublisher(h.published, h.publisher)} · ¶${h.paragraph}</span><br>${snippetHtml(h.snippet)}</li>
`,
        )}</ol>`
}`;
  return page(form.q ? `Search: ${form.q}` : "Search", body, form.q);
}
