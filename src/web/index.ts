/**
 * The dashboard: server-rendered HTML pages, no script, one inline style block allowed by hash.
 * Renderers take data the server read from the store and return escaped markup.
 */
export { actorHref, articleHref, type EventContext, NO_EVENT_CONTEXT } from "./components.ts";
export { escapeHtml, html, SafeHtml } from "./html.ts";
export { PAGE_CSP, page } from "./layout.ts";
export { type ActorPageData, renderActor, renderActors } from "./render-actor.ts";
export { renderArticle } from "./render-article.ts";
export { renderError } from "./render-error.ts";
export { type EventsForm, renderEvents } from "./render-events.ts";
export { type OverviewData, type PublisherCount, renderOverview } from "./render-overview.ts";
export { renderSearch, type SearchForm, SNIPPET_MARKERS } from "./render-search.ts";
