/**
 * The read-only HTTP server: a JSON API under /api/v1 (described at /api/v1/openapi.json) and the
 * server-rendered dashboard from web/, over any Store.
 */
export { createRequestHandler, type HandlerOptions } from "./handle-request.ts";
export { OPENAPI } from "./openapi.ts";
export { MAX_LIMIT } from "./params.ts";
export type { ReadStore } from "./routes.ts";
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  isLoopback,
  type RunningServer,
  type ServeOptions,
  startServer,
} from "./start-server.ts";
