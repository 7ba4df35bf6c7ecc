export { DEFAULT_PG_SCHEMA, parsePgUrl } from "./pg-schema.ts";
export { indexText, toTsQuery } from "./pg-search.ts";
export { isPgUrl, openPgStore, PgStore, type PgStoreOptions } from "./pg-store.ts";
export { openSqliteStore, SqliteStore, toFtsQuery } from "./sqlite-store.ts";
export type {
  ActorDetail,
  ActorSummary,
  ArticleFilter,
  EventFilter,
  PutOutcome,
  QuoteFilter,
  SearchHit,
  Store,
  StoredEvent,
  StoredQuote,
  StoreStats,
} from "./store.ts";
export { StoreError } from "./store.ts";
