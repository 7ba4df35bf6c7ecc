import type { ActorSummary, StoredEvent, StoreStats } from "../store/index.ts";
import { actorHref, type EventContext, eventsTable } from "./components.ts";
import { html, queryString, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";

/** Articles per publisher, as the overview lists them. */
export interface PublisherCount {
  publisher: string;
  articles: number;
}

/** What the overview page shows; the server gathers it from the store. */
export interface OverviewData {
  stats: StoreStats;
  actors: ActorSummary[];
  events: StoredEvent[];
  /** Article titles and actor names for the events. */
  context: EventContext;
  publishers: PublisherCount[];
  /** How many stored articles the publisher counts were read from, when that is not all of them. */
  publishersSampled?: number;
}

const STAT_LABELS: ReadonlyArray<[keyof StoreStats, string]> = [
  ["articles", "articles"],
  ["nearDuplicates", "near-duplicates"],
  ["paragraphs", "paragraphs"],
  ["actors", "actors"],
  ["quotes", "quotations"],
  ["events", "events"],
];

/**
 * The dashboard's front page: counts, most mentioned actors, recent events, top publishers.
 * @example renderOverview({ stats, actors, events, context: NO_EVENT_CONTEXT, publishers: [] }).value
 */
export function renderOverview(d: OverviewData): SafeHtml {
  const body = html`<h1>Overview</h1>
<div class="cards">${STAT_LABELS.map(([k, label]) => html`<div class="card"><b>${d.stats[k]}</b>${label}</div>`)}</div>
<div class="cols"><section><h2>Most mentioned actors</h2>
${
  d.actors.length === 0
    ? html`<p class="muted">No actors stored yet.</p>`
    : html`<table><thead><tr><th>actor</th><th>kind</th><th>mentions</th><th>articles</th></tr></thead><tbody>
${d.actors.map(
  (
    a,
  ) => html`<tr><td><a href="${actorHref(a.id)}">${a.name}</a></td><td>${a.kind}${a.country ? ` · ${a.country}` : ""}</td><td>${a.mentions}</td><td>${a.articles}</td></tr>
`,
)}</tbody></table>`
}</section>
<section><h2>Top publishers</h2>
${
  d.publishers.length === 0
    ? html`<p class="muted">No publishers known yet.</p>`
    : html`<table><thead><tr><th>publisher</th><th>articles</th></tr></thead><tbody>
${d.publishers.map(
  (
    p,
  ) => html`<tr><td><a href="${`/events${queryString({ publisher: p.publisher })}`}">${p.publisher}</a></td><td>${p.articles}</td></tr>
`,
)}</tbody></table>`
}${d.publishersSampled ? html`<p class="muted">Counted over the first ${d.publishersSampled} stored articles.</p>` : ""}
</section></div>
<h2>Recent events</h2>
${eventsTable(d.events, d.context)}
<p><a href="/events">All events and filters →</a></p>`;
  return page("Overview", body);
}
