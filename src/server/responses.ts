import type { IncomingMessage, ServerResponse } from "node:http";
import { PAGE_CSP } from "../web/index.ts";

/**
 * Headers every response carries: no MIME sniffing (a JSON body with article text must never be read as
 * HTML), no referrer leaking a search query to a linked site, no framing.
 */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

/** JSON is data, never a document: it may load nothing at all. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'";

/** What a route hands back; the server turns it into bytes and headers. */
export type Reply =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "html"; status: number; body: string; headers?: Record<string, string> };

/** @example json(200, { articles: 3 }) */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { kind: "json", status, body, headers };
}

/** @example htmlReply(200, page.value) */
export function htmlReply(status: number, body: string, headers?: Record<string, string>): Reply {
  return { kind: "html", status, body, headers };
}

/**
 * Writes a reply with its security headers; a HEAD request gets the same headers and length, no body.
 * @example send(req, res, json(404, { error: "no such article" }))
 */
export function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const text = reply.kind === "json" ? `${JSON.stringify(reply.body, null, 2)}\n` : reply.body;
  const bytes = Buffer.from(text, "utf8");
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
  if (reply.kind === "json") {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Content-Security-Policy", JSON_CSP);
  } else {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Security-Policy", PAGE_CSP);
  }
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader("Content-Length", bytes.length);
  res.end(req.method === "HEAD" ? undefined : bytes);
}
