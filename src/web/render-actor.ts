import type { ActorDetail, ActorSummary, StoredEvent, StoredQuote } from "../store/index.ts";
import { actorHref, articleHref, dateAndPublisher, type EventContext, eventsTable } from "./components.ts";
import { html, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";

/** What an actor page shows: the store's detail plus the actor's own quotations and events. */
export interface ActorPageData {
  actor: ActorDetail;
  quotes: StoredQuote[];
  /** Events with this actor as source or target. */
  events: StoredEvent[];
  /** Article titles and actor names for the events. */
  context: EventContext;
}

/**
 * One actor: kind, country, roles over time, other names, recent articles, quotations, events and the
 * actors most often named in the same articles.
 * @example renderActor({ actor: await store.actor("state:RUS"), quotes: [], events: [] })
 */
export function renderActor(d: ActorPageData): SafeHtml {
  const a = d.actor;
  const body = html`<h1>${a.name}</h1>
<p class="meta">${a.kind}${a.country ? ` · ${a.country}` : ""}${a.sector ? ` · ${a.sector}` : ""} · ${a.mentions} mentions in ${a.articles} articles · <span class="muted">${a.id}</span></p>
<p class="meta">Also written: ${a.aliases.filter((x) => x !== a.name).join("; ") || "—"}</p>
${
  a.sameName.length > 0
    ? html`<p class="meta">Other actors of this name: ${a.sameName.map(
        (o, i) =>
          html`${i > 0 ? "; " : ""}<a href="${actorHref(o.id)}">${o.name}</a> <span class="muted">${o.country ?? "no country"}, ${o.mentions} mentions</span>`,
      )}</p>`
    : ""
}
<h2>Roles</h2>
${
  a.roles.length === 0
    ? html`<p class="muted">None recorded.</p>`
    : html`<table><thead><tr><th>role</th><th>first</th><th>last</th><th>articles</th></tr></thead><tbody>
${a.roles.map((r) => html`<tr><td>${r.role ?? "(no role)"}</td><td>${r.first ?? "?"}</td><td>${r.last ?? "?"}</td><td>${r.articles}</td></tr>`)}
</tbody></table>`
}
<div class="cols"><section><h2>Recent articles</h2>
<ul class="plain">${a.recentArticles.map(
    (
      r,
    ) => html`<li><a href="${articleHref(r.id)}">${r.title ?? "(no title)"}</a> <span class="muted">${dateAndPublisher(r.published, r.publisher)}</span></li>
`,
  )}</ul></section>
<section><h2>Named with</h2>
<ul class="plain">${a.coMentioned.map(
    (
      c,
    ) => html`<li><a href="${actorHref(c.id)}">${c.name}</a> <span class="muted">${c.articles} articles</span></li>
`,
  )}</ul></section></div>
<h2>Quotations (${d.quotes.length})</h2>
${
  d.quotes.length === 0
    ? html`<p class="muted">None stored.</p>`
    : html`<ul class="plain">${d.quotes.map(
        (
          q,
        ) => html`<li>${q.kind === "indirect" ? q.text : html`“${q.text}”`} <span class="muted">${q.kind}${q.cue ? `, ${q.cue}` : ""} — <a href="${articleHref(q.articleId, q.paragraph)}">${q.title ?? "article"} ¶${q.paragraph}</a> ${dateAndPublisher(q.published, q.publisher)}</span></li>
`,
      )}</ul>`
}
<h2>Events (${d.events.length})</h2>
${eventsTable(d.events, d.context)}`;
  return page(a.name, body);
}

/**
 * The most mentioned actors as a table.
 * @example renderActors(await store.actors({ limit: 100 }))
 */
export function renderActors(actors: ActorSummary[]): SafeHtml {
  const body = html`<h1>Actors</h1>
${
  actors.length === 0
    ? html`<p class="muted">No actors stored yet.</p>`
    : html`<table><thead><tr><th>actor</th><th>kind</th><th>country</th><th>sector</th><th>mentions</th><th>articles</th></tr></thead><tbody>
${actors.map(
  (
    a,
  ) => html`<tr><td><a href="${actorHref(a.id)}">${a.name}</a></td><td>${a.kind}</td><td>${a.country ?? ""}</td><td>${a.sector ?? ""}</td><td>${a.mentions}</td><td>${a.articles}</td></tr>
`,
)}</tbody></table>`
}`;
  return page("Actors", body);
}
