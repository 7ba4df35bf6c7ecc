import { createHash } from "node:crypto";
import { html, type SafeHtml, trustedHtml } from "./html.ts";

/**
 * The dashboard's one style sheet, inline so a page is one response with no external assets. The
 * Content-Security-Policy allows exactly this block by its hash (`STYLE_HASH`), so no other inline style
 * and no script can run even if escaping were ever missed somewhere.
 * Style attributes are not allowed by that policy: use classes.
 */
const CSS = `
:root{--fg:#1d232a;--muted:#5d6873;--line:#d8dde3;--bg:#fbfbfc;--accent:#0b5cad}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1.2em;align-items:center;padding:.6em 1.2em;border-bottom:1px solid var(--line);background:#fff}
header a{color:var(--fg);text-decoration:none;font-weight:600}
header form{margin-left:auto}
main{max-width:72em;margin:0 auto;padding:1em 1.2em 3em}
a{color:var(--accent)}
h1{font-size:1.5em;margin:.4em 0}
h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid var(--line)}
.muted,.meta{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:.8em}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5em 1em;min-width:8em}
.card b{display:block;font-size:1.4em}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(20em,1fr));gap:1.5em}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid var(--line)}
th{font-weight:600;color:var(--muted)}
.badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.8em;font-weight:600;background:#e3e7eb}
.m-asserted{background:#dcefdc}.m-negated{background:#f6dada}.m-denied{background:#f3d9ec}
.m-hypothetical{background:#fff1c8}.m-future{background:#dde8f8}.m-claimed{background:#ece1f7}
.para{margin:.6em 0;padding-left:.6em;border-left:3px solid transparent}
.para:target{border-left-color:var(--accent);background:#eef4fb}
.para .n{color:var(--muted);font-size:.8em;margin-right:.4em;text-decoration:none}
.k-heading{font-weight:700}.k-blockquote{font-style:italic}.k-insertion{color:var(--muted)}
.comment{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.4em .8em;margin:.5em 0}
.reply{margin-left:2em}
.flag{color:#a11}
mark{background:#ffe98a}
form.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:end;margin:.5em 0 1em}
form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
input,select,button{font:inherit;padding:.2em .4em}
.error{background:#fbe3e3;border:1px solid #e0a9a9;padding:.5em 1em;border-radius:6px}
ul.plain{list-style:none;padding:0}
`;

/** The CSP source for the inline style block above (sha256 of its exact text). */
export const STYLE_HASH = `'sha256-${createHash("sha256").update(CSS).digest("base64")}'`;

/**
 * The Content-Security-Policy every dashboard page is sent with: same-origin only, no script at all, the
 * one style block by hash, no framing, forms may only submit here.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const STYLE_BLOCK = trustedHtml(`<style>${CSS}</style>`);

/**
 * Wraps page content in the document shell: title, style, navigation with a search box.
 * @example page("Overview", html`<h1>Overview</h1>`)
 */
export function page(title: string, body: SafeHtml, searchQuery = ""): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · sitrep</title>${STYLE_BLOCK}</head>
<body><header><a href="/">sitrep</a><a href="/events">Events</a><a href="/actors">Actors</a>
<form action="/search" method="get" role="search"><input type="search" name="q" value="${searchQuery}" placeholder="search articles" aria-label="search articles"> <button>Search</button></form>
</header>
<main>${body}</main></body></html>
`;
}
