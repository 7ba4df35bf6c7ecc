import type { StoredEvent } from "../store/index.ts";
import {
  type EventContext,
  renderActor,
  renderActors,
  renderArticle,
  renderEvents,
  renderOverview,
  renderSearch,
  SNIPPET_MARKERS,
} from "../web/index.ts";
import {
  ARTICLE_PARAMS,
  articleFilter,
  DEFAULT_LIMITS,
  EVENT_PARAMS,
  eventFilter,
  SEARCH_PARAMS,
  searchRequest,
} from "./params.ts";
import { htmlReply } from "./responses.ts";
import { NotFoundError, type ReadStore, type Route, type RouteContext } from "./routes.ts";

/** Rows in each overview table: a glance, not a report. */
const OVERVIEW_ROWS = 10;
const OVERVIEW_EVENTS = 20;
/** Events and quotations shown on an actor page (each way for events). */
const ACTOR_PAGE_ROWS = 50;
/**
 * Article titles looked up per events page. Each lookup decodes one stored record, so a 500-row page
 * names the first articles and shows the publisher for the rest.
 */
const TITLE_LOOKUPS = 50;
/**
 * Stored records read to count publishers. The Store port has no per-publisher count, so the server
 * tallies records itself, once per change in the article count; above this many it counts a sample
 * and says so. Known limit: on a large store the top publishers are those of the first ingested articles.
 */
const PUBLISHER_SCAN_CAP = 2000;

/**
 * Titles of the events' articles and names of their actors, read from the records of at most
 * TITLE_LOOKUPS distinct articles (events past that show the publisher and actor ids).
 */
async function eventContext(store: ReadStore, events: StoredEvent[]): Promise<EventContext> {
  const titles = new Map<string, string | null>();
  const names = new Map<string, string>();
  for (const e of events) {
    if (titles.has(e.articleId)) continue;
    if (titles.size >= TITLE_LOOKUPS) break;
    const record = await store.get(e.articleId);
    titles.set(e.articleId, record?.title ?? null);
    for (const a of record?.actors ?? []) if (!names.has(a.id)) names.set(a.id, a.name);
  }
  return { titles, names };
}

/** Articles per publisher, most first, cached until the number of stored articles changes. */
async function topPublishers(ctx: RouteContext, total: number) {
  const cached = ctx.cache.publishers;
  if (cached && cached.articles === total) return cached;
  const counts = new Map<string, number>();
  let read = 0;
  for await (const r of ctx.store.list({ limit: PUBLISHER_SCAN_CAP })) {
    read++;
    if (r.publisher) counts.set(r.publisher, (counts.get(r.publisher) ?? 0) + 1);
  }
  const sorted = [...counts]
    .map(([publisher, articles]) => ({ publisher, articles }))
    .sort((a, b) => b.articles - a.articles || a.publisher.localeCompare(b.publisher));
  const fresh = { articles: total, counts: sorted, sampled: read < total ? read : undefined };
  ctx.cache.publishers = fresh;
  return fresh;
}

/**
 * The dashboard pages. Each reads the store, then hands plain data to a renderer in web/.
 * @example GET /events?source=RUS&modality=denied
 */
export const PAGE_ROUTES: readonly Route[] = [
  {
    pattern: /^\/$/,
    params: [],
    handle: async (ctx) => {
      const { store } = ctx;
      const stats = await store.stats();
      const [actors, events, publishers] = await Promise.all([
        store.actors({ limit: OVERVIEW_ROWS }),
        store.events({ limit: OVERVIEW_EVENTS }),
        topPublishers(ctx, stats.articles),
      ]);
      const page = renderOverview({
        stats,
        actors,
        events,
        context: await eventContext(store, events),
        publishers: publishers.counts.slice(0, OVERVIEW_ROWS),
        publishersSampled: publishers.sampled,
      });
      return htmlReply(200, page.value);
    },
  },
  {
    pattern: /^\/articles\/([^/]+)$/,
    params: [],
    handle: async ({ store, id }) => {
      const record = await store.get(id);
      if (!record) throw new NotFoundError(`no stored article with id ${JSON.stringify(id)}`);
      return htmlReply(200, renderArticle(record).value);
    },
  },
  {
    pattern: /^\/actors$/,
    params: ARTICLE_PARAMS,
    handle: async ({ store, params }) => {
      const actors = await store.actors(articleFilter(params, 100));
      return htmlReply(200, renderActors(actors).value);
    },
  },
  {
    pattern: /^\/actors\/([^/]+)$/,
    params: [],
    handle: async ({ store, id }) => {
      const actor = await store.actor(id);
      if (!actor) throw new NotFoundError(`no stored actor matches ${JSON.stringify(id)}`);
      const [quotes, asSource, asTarget] = await Promise.all([
        store.quotes({ speaker: actor.id, limit: ACTOR_PAGE_ROWS }),
        store.events({ source: actor.id, limit: ACTOR_PAGE_ROWS }),
        store.events({ target: actor.id, limit: ACTOR_PAGE_ROWS }),
      ]);
      // An event with the actor on both sides comes back twice; keep one.
      const seen = new Set<string>();
      const events = [...asSource, ...asTarget]
        .filter((e) => {
          const key = `${e.articleId}|${e.paragraph}|${e.start}|${e.category}|${e.evidence}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort((a, b) => (b.date ?? b.published ?? "").localeCompare(a.date ?? a.published ?? ""));
      // Quotations matched by a substring of the id: keep those that are this actor's own.
      const own = quotes.filter((q) => q.speaker?.actor === actor.id);
      return htmlReply(
        200,
        renderActor({ actor, quotes: own, events, context: await eventContext(store, events) }).value,
      );
    },
  },
  {
    pattern: /^\/search$/,
    params: SEARCH_PARAMS,
    handle: async ({ store, params }) => {
      const form = {
        q: params.get("q") ?? "",
        publisher: params.get("publisher"),
        since: params.get("since"),
        until: params.get("until"),
      };
      if (!form.q.trim()) {
        articleFilter(params, DEFAULT_LIMITS.search); // still reject a malformed filter
        return htmlReply(200, renderSearch(form, []).value);
      }
      const { q, filter } = searchRequest(params);
      return htmlReply(200, renderSearch(form, await store.search(q, filter, SNIPPET_MARKERS)).value);
    },
  },
  {
    pattern: /^\/events$/,
    params: EVENT_PARAMS,
    handle: async ({ store, params }) => {
      const filter = eventFilter(params);
      const events = await store.events(filter);
      // The form shows what the user typed (until=2021, not the expanded 2021-12-31).
      const form = {
        ...filter,
        since: params.get("since"),
        until: params.get("until"),
        limit: params.has("limit") ? filter.limit : undefined,
      };
      return htmlReply(200, renderEvents(form, events, await eventContext(store, events)).value);
    },
  },
];
