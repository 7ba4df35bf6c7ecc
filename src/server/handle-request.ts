import type { IncomingMessage, ServerResponse } from "node:http";
import { renderError } from "../web/index.ts";
import { API_ROUTES } from "./api-routes.ts";
import { PAGE_ROUTES } from "./page-routes.ts";
import { ParamError, readParams } from "./params.ts";
import { htmlReply, json, type Reply, send } from "./responses.ts";
import { NotFoundError, type ReadStore, type Route, type ServerCache } from "./routes.ts";

/** The server only reads: every other method is refused. */
const ALLOWED_METHODS = "GET, HEAD";
const API_PREFIX = "/api/";
/** A Host header's name part: `localhost:8080` → `localhost`, `[::1]:80` → `[::1]`. */
const HOST_NAME_RE = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/;

/** How the request handler guards and reports. */
export interface HandlerOptions {
  /**
   * Host names (without port) the server answers to; anything else gets 421. Set for a loopback
   * binding so a web page on another site cannot reach the API through DNS rebinding. Empty: any host.
   */
  allowedHosts?: readonly string[];
  /** Where unexpected errors are reported (with their stack, which never goes to the client). */
  log?: (line: string) => void;
}

function errorReply(
  api: boolean,
  status: number,
  message: string,
  extra: Record<string, string> = {},
): Reply {
  const headers = status === 405 ? { Allow: ALLOWED_METHODS } : undefined;
  return api
    ? json(status, { error: message, ...extra }, headers)
    : htmlReply(status, renderError(status, message).value, headers);
}

function match(routes: readonly Route[], path: string): { route: Route; id: string | undefined } | null {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m) return { route, id: m[1] };
  }
  return null;
}

/**
 * The request handler for node:http: routes GET/HEAD requests to the JSON API or the dashboard, answers
 * bad parameters with 400, unknown ids and paths with 404, other methods with 405, and turns any
 * unexpected error into a plain 500 (logged, never shown).
 * @example createServer(createRequestHandler(store, { allowedHosts: ["127.0.0.1", "localhost"] }))
 */
export function createRequestHandler(
  store: ReadStore,
  options: HandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const cache: ServerCache = {};
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const allowed = options.allowedHosts?.length
    ? new Set(options.allowedHosts.map((h) => h.toLowerCase()))
    : null;

  async function answer(req: IncomingMessage): Promise<Reply> {
    const rawUrl = req.url ?? "/";
    // Parse against a fixed origin: "//other/x" must stay a path here, not become another host.
    const url = new URL(`http://sitrep${rawUrl.startsWith("/") ? "" : "/"}${rawUrl}`);
    const api = url.pathname.startsWith(API_PREFIX);
    if (req.method !== "GET" && req.method !== "HEAD") {
      return errorReply(
        api,
        405,
        `method ${req.method} is not allowed; this server is read-only (GET, HEAD)`,
      );
    }
    if (allowed) {
      const name = HOST_NAME_RE.exec(req.headers.host ?? "")?.[1]?.toLowerCase() ?? "";
      if (!allowed.has(name)) return errorReply(api, 421, "this server does not answer to that host name");
    }
    const found = match(api ? API_ROUTES : PAGE_ROUTES, url.pathname);
    if (!found) return errorReply(api, 404, `nothing at ${url.pathname}`);
    try {
      let id = "";
      if (found.id !== undefined) {
        try {
          id = decodeURIComponent(found.id);
        } catch {
          throw new ParamError("id", "the id in the path is not valid percent-encoding");
        }
      }
      const params = readParams(url.searchParams, found.route.params);
      return await found.route.handle({ store, params, id, cache });
    } catch (err) {
      if (err instanceof ParamError) return errorReply(api, 400, err.message, { parameter: err.param });
      if (err instanceof NotFoundError) return errorReply(api, 404, err.message);
      throw err;
    }
  }

  return (req, res) => {
    answer(req)
      .catch((err: unknown) => {
        log(`sitrep serve: ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        return errorReply((req.url ?? "").startsWith(API_PREFIX), 500, "internal error; see the server log");
      })
      .then((reply) => send(req, res, reply))
      .catch((err: unknown) => {
        // Writing failed (client gone, headers already sent): nothing more to tell the client.
        log(
          `sitrep serve: could not answer ${req.method} ${req.url}: ${(err as Error)?.message ?? String(err)}`,
        );
        res.destroy();
      });
  };
}
