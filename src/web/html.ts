/**
 * HTML built from templates that escape by default. Every page of the dashboard is made with the `html`
 * tag below, so untrusted text (article text, titles, comment authors, actor names, query strings echoed
 * back) goes through the one `escapeHtml` function unless it is already a `SafeHtml` value built the same
 * way. There is no other path from a string to markup except `trustedHtml`, kept for module constants.
 */

/** The five characters that can end a text node or an attribute value (quoted with either quote). */
const HTML_SPECIALS_RE = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * C0 controls other than tab, newline and carriage return, and the U+FFFE/U+FFFF non-characters: not
 * allowed in HTML text, so they are dropped rather than passed to the browser to guess about.
 */
const HTML_FORBIDDEN_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Markup that is safe to put in a page as it is. Only `html` and `trustedHtml` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * Escapes text for an HTML text node or a quoted attribute value. The dashboard's one escape function.
 * @example escapeHtml(`"><img src=x onerror=alert(1)>`) // "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(HTML_FORBIDDEN_RE, "").replace(HTML_SPECIALS_RE, (c) => HTML_ENTITIES[c]);
}

/** A template value: text is escaped, SafeHtml kept, arrays joined, null/undefined/false left out. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolated value unless it is SafeHtml.
 * @example html`<h1>${title}</h1>` // title "<b>" gives "<h1>&lt;b&gt;</h1>"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Marks a string as markup without escaping. Only for constants written in this repository (the style
 * sheet); never for anything read from the store or the request.
 * @example trustedHtml("<hr>")
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Builds a query string from set values (empty and undefined ones left out), for links and form state.
 * The result still goes through `html`, which escapes the `&` between pairs.
 * @example queryString({ q: "a b", limit: undefined }) // "?q=a+b"
 */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : "";
}
