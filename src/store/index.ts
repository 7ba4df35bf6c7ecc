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
