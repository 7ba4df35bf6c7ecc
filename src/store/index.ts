export type {
  ActorDetail,
  ActorSummary,
  ArticleFilter,
  EventFilter,
  PutOutcome,
  QuoteFilter,
  SearchHit,
  Store,
  StoreStats,
  StoredEvent,
  StoredQuote,
} from "./store.ts";
export { StoreError } from "./store.ts";
export { SqliteStore, openSqliteStore, toFtsQuery } from "./sqlite-store.ts";
