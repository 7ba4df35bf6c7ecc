import { PIPELINE_VERSION } from "../version.ts";
import { DEFAULT_LIMITS, MAX_LIMIT, MAX_QUERY, MAX_TEXT_PARAM } from "./params.ts";

/**
 * The API description served at /api/v1/openapi.json, written by hand (OpenAPI 3.1). Parameter names
 * and limits come from params.ts, so the description and the checks cannot drift apart; tests compare
 * the paths here with the routes the server answers.
 */

type Json = Record<string, unknown>;

const query = (
  name: string,
  description: string,
  schema: Json = { type: "string" },
  required = false,
): Json => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

const limit = (fallback: number) =>
  query(`limit`, `How many items at most (default ${fallback}).`, {
    type: "integer",
    minimum: 1,
    maximum: MAX_LIMIT,
    default: fallback,
  });

const ISO_DATE = { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$", examples: ["2022-02-24"] };
const TEXT = { type: "string", maxLength: MAX_TEXT_PARAM };

const period = [
  query("since", "Only articles published on or after this date (yyyy, yyyy-mm or yyyy-mm-dd).", ISO_DATE),
  query("until", "Only articles published on or before this date.", ISO_DATE),
  query("publisher", "Only articles whose publisher contains these characters (case-insensitive).", TEXT),
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: Json) => ({
  description,
  content: { "application/json": { schema } },
});
const list = (item: string) => ({
  type: "object",
  required: ["items", "count", "limit"],
  properties: {
    items: { type: "array", items: ref(item) },
    count: { type: "integer" },
    limit: { type: "integer" },
  },
});
const BAD_REQUEST = { $ref: "#/components/responses/BadRequest" };
const NOT_FOUND = { $ref: "#/components/responses/NotFound" };

const party = {
  type: ["object", "null"],
  properties: {
    actor: { type: ["string", "null"] },
    country: { type: ["string", "null"] },
    sector: { type: ["string", "null"] },
  },
};

/** The OpenAPI document. */
export const OPENAPI: Json = {
  openapi: "3.1.0",
  info: {
    title: "sitrep read-only API",
    version: PIPELINE_VERSION,
    description:
      "Read access to a sitrep store: stored article records, full-text search, actors, quotations and coded " +
      "events. Only GET and HEAD are answered; any other method gets 405. A bad or unknown query parameter " +
      "gets 400 with {error, parameter}; an unknown id gets 404 with {error}. Lists come as {items, count, limit}.",
  },
  paths: {
    "/api/v1/stats": {
      get: {
        summary: "How much the store holds",
        responses: {
          200: ok(
            "Counts of articles, near-duplicates, paragraphs, quotations, events, actors.",
            ref("Stats"),
          ),
        },
      },
    },
    "/api/v1/articles": {
      get: {
        summary: "Stored articles in ingest order, as summaries",
        parameters: [...period, limit(DEFAULT_LIMITS.articles)],
        responses: {
          200: ok("Article summaries; fetch one by id for the whole record.", list("ArticleSummary")),
          400: BAD_REQUEST,
        },
      },
    },
    "/api/v1/articles/{id}": {
      get: {
        summary: "One stored article record, exactly as the pipeline wrote it (the article record contract)",
        parameters: [
          {
            name: "id",
            in: "path",
            required: true,
            description: "The article id, e.g. sha256:…",
            schema: { type: "string" },
          },
        ],
        responses: { 200: ok("The article record.", { type: "object" }), 404: NOT_FOUND },
      },
    },
    "/api/v1/search": {
      get: {
        summary: "Full-text search over article paragraphs, best first",
        parameters: [
          query(
            "q",
            'Words to find; all are required. "Quoted phrases", OR, NOT and prefix* work.',
            { type: "string", maxLength: MAX_QUERY },
            true,
          ),
          ...period,
          limit(DEFAULT_LIMITS.search),
        ],
        responses: {
          200: ok(
            "Matching paragraphs; matched words in the snippet are wrapped in [ and ].",
            list("SearchHit"),
          ),
          400: BAD_REQUEST,
        },
      },
    },
    "/api/v1/actors": {
      get: {
        summary: "The most mentioned actors, optionally for a period or publisher",
        parameters: [...period, limit(DEFAULT_LIMITS.actors)],
        responses: { 200: ok("Actors, most mentioned first.", list("ActorSummary")), 400: BAD_REQUEST },
      },
    },
    "/api/v1/actors/{id}": {
      get: {
        summary:
          "One actor by id (state:RUS), name or alias: roles over time, aliases, recent articles, co-mentioned actors",
        parameters: [
          {
            name: "id",
            in: "path",
            required: true,
            description: "Actor id, name or alias.",
            schema: { type: "string" },
          },
        ],
        responses: { 200: ok("The actor.", ref("ActorDetail")), 404: NOT_FOUND },
      },
    },
    "/api/v1/quotes": {
      get: {
        summary: "Stored quotations with date, outlet and article, newest first",
        parameters: [
          ...period,
          query(
            "speaker",
            "Speaker's name, the words used for them, or actor id (contains, case-insensitive).",
            TEXT,
          ),
          query("text", "Only quotations containing these characters.", TEXT),
          limit(DEFAULT_LIMITS.quotes),
        ],
        responses: { 200: ok("Quotations.", list("StoredQuote")), 400: BAD_REQUEST },
      },
    },
    "/api/v1/events": {
      get: {
        summary: "Stored coded events (PLOVER/CAMEO), newest first",
        parameters: [
          ...period,
          query("source", "Source country code (RUS) or actor id (state:RUS).", TEXT),
          query("target", "Target country code or actor id.", TEXT),
          query("modality", "Only events with this modality.", {
            type: "string",
            enum: ["asserted", "negated", "hypothetical", "future", "denied", "claimed"],
          }),
          query("category", "PLOVER category, e.g. THREATEN.", {
            type: "string",
            pattern: "^[A-Za-z_]{2,40}$",
          }),
          limit(DEFAULT_LIMITS.events),
        ],
        responses: {
          200: ok("Events with the sentence and the evidence words they came from.", list("StoredEvent")),
          400: BAD_REQUEST,
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        summary: "This description",
        responses: { 200: ok("OpenAPI 3.1 document.", { type: "object" }) },
      },
    },
  },
  components: {
    responses: {
      BadRequest: ok("A parameter is unknown, repeated or malformed; the message names it.", ref("Error")),
      NotFound: ok("No such article or actor.", ref("Error")),
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "string" }, parameter: { type: "string" } },
      },
      Stats: {
        type: "object",
        properties: Object.fromEntries(
          ["articles", "nearDuplicates", "paragraphs", "quotes", "events", "actors"].map((k) => [
            k,
            { type: "integer" },
          ]),
        ),
      },
      ArticleSummary: {
        type: "object",
        properties: {
          id: { type: "string" },
          title: { type: ["string", "null"] },
          publisher: { type: ["string", "null"] },
          authors: { type: "array", items: { type: "string" } },
          published: {
            type: ["string", "null"],
            description: "Best date, else the start of the date range.",
          },
          language: { type: "string" },
          genre: { type: "string" },
          url: { type: ["string", "null"] },
          paragraphs: { type: "integer" },
          comments: { type: "integer" },
          quotes: { type: "integer" },
          events: { type: "integer" },
          nearDuplicateOf: { type: ["string", "null"] },
        },
      },
      SearchHit: {
        type: "object",
        properties: {
          articleId: { type: "string" },
          title: { type: ["string", "null"] },
          publisher: { type: ["string", "null"] },
          published: { type: ["string", "null"] },
          paragraph: { type: "integer" },
          snippet: { type: "string" },
          score: { type: "number" },
        },
      },
      ActorSummary: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          kind: { type: "string", enum: ["person", "state", "igo", "org", "group"] },
          country: { type: ["string", "null"] },
          sector: { type: ["string", "null"] },
          mentions: { type: "integer" },
          articles: { type: "integer" },
        },
      },
      ActorDetail: {
        allOf: [
          ref("ActorSummary"),
          {
            type: "object",
            properties: {
              roles: { type: "array", items: { type: "object" } },
              aliases: { type: "array", items: { type: "string" } },
              recentArticles: { type: "array", items: { type: "object" } },
              coMentioned: { type: "array", items: { type: "object" } },
            },
          },
        ],
      },
      StoredQuote: {
        type: "object",
        properties: {
          articleId: { type: "string" },
          title: { type: ["string", "null"] },
          publisher: { type: ["string", "null"] },
          published: { type: ["string", "null"] },
          paragraph: { type: "integer" },
          start: { type: "integer" },
          end: { type: "integer" },
          text: { type: "string" },
          kind: { type: "string", enum: ["direct", "partial", "indirect"] },
          speaker: {
            type: ["object", "null"],
            properties: {
              text: { type: ["string", "null"] },
              name: { type: ["string", "null"] },
              actor: { type: ["string", "null"] },
            },
          },
          cue: { type: ["string", "null"] },
        },
      },
      StoredEvent: {
        type: "object",
        properties: {
          articleId: { type: "string" },
          publisher: { type: ["string", "null"] },
          published: { type: ["string", "null"] },
          paragraph: { type: "integer" },
          sentence: { type: "string" },
          evidence: { type: "string" },
          source: party,
          target: party,
          category: { type: "string" },
          cameo: { type: "string" },
          intensity: { type: "number", minimum: -10, maximum: 10 },
          modality: { type: "string" },
          claimedBy: { type: ["string", "null"] },
          date: { type: ["string", "null"] },
        },
      },
    },
  },
};
