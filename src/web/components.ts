import type { EventParty, Modality } from "../record.ts";
import type { StoredEvent } from "../store/index.ts";
import { html, type SafeHtml } from "./html.ts";

/** Only web addresses become links; a stored `javascript:` or `data:` URI stays plain text. */
const WEB_URL_RE = /^https?:\/\/[^\s]+$/i;

/**
 * Path of an article page. Ids hold a colon (`sha256:…`), so the id is percent-encoded.
 * @example articleHref("sha256:ab", 3) // "/articles/sha256%3Aab#p-3"
 */
export function articleHref(id: string, paragraph?: number): string {
  return `/articles/${encodeURIComponent(id)}${paragraph === undefined ? "" : `#p-${paragraph}`}`;
}

/** @example actorHref("state:RUS") // "/actors/state%3ARUS" */
export function actorHref(id: string): string {
  return `/actors/${encodeURIComponent(id)}`;
}

/**
 * A link to a web address when it is one, else the text itself (never a script URL).
 * @example externalLink("javascript:alert(1)") // plain text, no <a>
 */
export function externalLink(url: string | null | undefined): SafeHtml {
  if (!url) return html``;
  return WEB_URL_RE.test(url)
    ? html`<a href="${url}" rel="noopener noreferrer nofollow">${url}</a>`
    : html`${url}`;
}

/** @example modalityBadge("denied") // <span class="badge m-denied">denied</span> */
export function modalityBadge(modality: Modality | string): SafeHtml {
  return html`<span class="badge m-${modality.replace(/[^a-z]/g, "")}">${modality}</span>`;
}

/**
 * What the server looked up around a list of events: article titles and actor names by id (the events
 * table stores ids only). Missing entries fall back to the publisher and the actor id.
 */
export interface EventContext {
  titles: Map<string, string | null>;
  names: Map<string, string>;
}

/** A context with nothing looked up. */
export const NO_EVENT_CONTEXT: EventContext = { titles: new Map(), names: new Map() };

/**
 * An event party as a link to its actor page (by name when known), or its country code, or "—".
 * @example partyLink({ actor: "state:RUS", country: "RUS", sector: "GOV" }, new Map([["state:RUS", "Russia"]]))
 */
export function partyLink(party: EventParty | null, names: Map<string, string> = new Map()): SafeHtml {
  if (!party) return html`<span class="muted">—</span>`;
  if (party.actor)
    return html`<a href="${actorHref(party.actor)}">${names.get(party.actor) ?? party.actor}</a>`;
  return party.country ? html`${party.country}` : html`<span class="muted">?</span>`;
}

/**
 * The sentence an event came from with its evidence words marked, when the evidence lies inside it.
 * @example evidenceSentence({ sentence: "Troops crossed at dawn.", evidence: "Troops crossed" })
 */
export function evidenceSentence(e: { sentence: string; evidence: string }): SafeHtml {
  const at = e.evidence ? e.sentence.indexOf(e.evidence) : -1;
  if (at < 0) return html`${e.sentence || e.evidence}`;
  return html`${e.sentence.slice(0, at)}<mark>${e.evidence}</mark>${e.sentence.slice(at + e.evidence.length)}`;
}

/** Signed intensity with one decimal: "+4.0", "-9.5". */
export function intensity(n: number): string {
  return `${n >= 0 ? "+" : ""}${n.toFixed(1)}`;
}

/**
 * A table of stored events, newest first as the store returns them, each linking to the paragraph it
 * came from, with titles and actor names from `context`.
 */
export function eventsTable(events: StoredEvent[], context: EventContext = NO_EVENT_CONTEXT): SafeHtml {
  const { titles, names } = context;
  if (events.length === 0) return html`<p class="muted">No events match.</p>`;
  return html`<table><thead><tr><th>date</th><th>source</th><th>target</th><th>event</th><th>int.</th><th>modality</th><th>evidence</th></tr></thead><tbody>
${events.map(
  (
    e,
  ) => html`<tr><td>${e.date ?? e.published ?? "?"}</td><td>${partyLink(e.source, names)}</td><td>${partyLink(e.target, names)}</td>
<td>${e.category}<br><span class="muted">CAMEO ${e.cameo}</span></td><td>${intensity(e.intensity)}</td>
<td>${modalityBadge(e.modality)}${e.claimedBy ? html`<br><span class="muted">claimed by ${names.get(e.claimedBy) ?? e.claimedBy}</span>` : ""}</td>
<td>${evidenceSentence(e)}<br><a class="meta" href="${articleHref(e.articleId, e.paragraph)}">${titles.get(e.articleId) || e.publisher || "article"} ¶${e.paragraph}</a></td></tr>
`,
)}</tbody></table>`;
}

/** "2022-03-03 · The Harbour Courier" from whichever parts are known. */
export function dateAndPublisher(published: string | null, publisher: string | null): string {
  return [published, publisher].filter(Boolean).join(" · ");
}
