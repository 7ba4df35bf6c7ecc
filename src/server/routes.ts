import type { Store } from "../store/index.ts";
import type { Reply } from "./responses.ts";

/** The store as the server reads it: the Store port, used for reading only. */
export type ReadStore = Pick<
  Store,
  "get" | "list" | "search" | "quotes" | "events" | "actors" | "actor" | "stats"
>;

/** What a route handler gets: the store, the checked query parameters and the decoded path id. */
export interface RouteContext {
  store: ReadStore;
  params: Map<string, string>;
  /** The `:id` part of the path, percent-decoded, for routes that have one. */
  id: string;
  /** Per-server caches that live as long as the server (e.g. publisher counts). */
  cache: ServerCache;
}

/** Values a server computes once and reuses while the store does not change. */
export interface ServerCache {
  publishers?: { articles: number; counts: Array<{ publisher: string; articles: number }>; sampled?: number };
}

/**
 * One route: a whole-path pattern (one capture group for an id, if any), the query parameters it accepts,
 * and its handler.
 */
export interface Route {
  pattern: RegExp;
  params: readonly string[];
  handle(ctx: RouteContext): Promise<Reply>;
}

/** An id the store does not know; answered with 404 and this message. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}
