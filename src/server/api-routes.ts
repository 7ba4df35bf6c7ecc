import type { ArticleRecord } from "../record.ts";
import { OPENAPI } from "./openapi.ts";
import {
  ARTICLE_PARAMS,
  articleFilter,
  DEFAULT_LIMITS,
  EVENT_PARAMS,
  eventFilter,
  QUOTE_PARAMS,
  quoteFilter,
  SEARCH_PARAMS,
  searchRequest,
} from "./params.ts";
import { json } from "./responses.ts";
import { NotFoundError, type Route } from "./routes.ts";

/** Markers around matched words in API search snippets, as the CLI prints them off a terminal. */
const API_SNIPPET_MARKERS: [string, string] = ["[", "]"];

/** A list answer: the items, how many, and the limit that applied (count === limit means there may be more). */
const listOf = <T>(items: T[], limit: number | undefined) => json(200, { items, count: items.length, limit });

/** The article fields a list shows; the whole record is one request away at /api/v1/articles/{id}. */
function articleSummary(r: ArticleRecord) {
  return {
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    authors: r.authors,
    published: r.published.date ?? r.published.earliest,
    language: r.language,
    genre: r.genre,
    url: r.source.url ?? null,
    paragraphs: r.paragraphs.length,
    comments: r.comments.length,
    quotes: r.quotes.length,
    events: r.events.length,
    nearDuplicateOf: r.nearDuplicateOf ?? null,
  };
}

/**
 * The JSON API under /api/v1, read-only. Query parameters mirror the CLI's filters.
 * @example GET /api/v1/events?source=RUS&modality=asserted&limit=20
 */
export const API_ROUTES: readonly Route[] = [
  {
    pattern: /^\/api\/v1\/stats$/,
    params: [],
    handle: async ({ store }) => json(200, await store.stats()),
  },
  {
    pattern: /^\/api\/v1\/articles$/,
    params: ARTICLE_PARAMS,
    handle: async ({ store, params }) => {
      const filter = articleFilter(params, DEFAULT_LIMITS.articles);
      const items = [];
      for await (const r of store.list(filter)) items.push(articleSummary(r));
      return listOf(items, filter.limit);
    },
  },
  {
    pattern: /^\/api\/v1\/articles\/([^/]+)$/,
    params: [],
    handle: async ({ store, id }) => {
      const record = await store.get(id);
      if (!record) throw new NotFoundError(`no stored article with id ${JSON.stringify(id)}`);
      return json(200, record);
    },
  },
  {
    pattern: /^\/api\/v1\/search$/,
    params: SEARCH_PARAMS,
    handle: async ({ store, params }) => {
      const { q, filter } = searchRequest(params);
      return listOf(await store.search(q, filter, API_SNIPPET_MARKERS), filter.limit);
    },
  },
  {
    pattern: /^\/api\/v1\/actors$/,
    params: ARTICLE_PARAMS,
    handle: async ({ store, params }) => {
      const filter = articleFilter(params, DEFAULT_LIMITS.actors);
      return listOf(await store.actors(filter), filter.limit);
    },
  },
  {
    pattern: /^\/api\/v1\/actors\/([^/]+)$/,
    params: [],
    handle: async ({ store, id }) => {
      const actor = await store.actor(id);
      if (!actor) throw new NotFoundError(`no stored actor matches ${JSON.stringify(id)}`);
      return json(200, actor);
    },
  },
  {
    pattern: /^\/api\/v1\/quotes$/,
    params: QUOTE_PARAMS,
    handle: async ({ store, params }) => {
      const filter = quoteFilter(params);
      return listOf(await store.quotes(filter), filter.limit);
    },
  },
  {
    pattern: /^\/api\/v1\/events$/,
    params: EVENT_PARAMS,
    handle: async ({ store, params }) => {
      const filter = eventFilter(params);
      return listOf(await store.events(filter), filter.limit);
    },
  },
  {
    pattern: /^\/api\/v1\/openapi\.json$/,
    params: [],
    handle: async () => json(200, OPENAPI),
  },
];
