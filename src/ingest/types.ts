/** A problem with one input: which input, what was wrong. The batch goes on. */
export interface InputProblem {
  kind: "problem";
  uri: string;
  /** Stable short code for tests and filters: "missing", "empty", "binary", "too-large", "malformed-line", … */
  code: string;
  message: string;
}

/** Field names for JSONL inputs; each value may list alternatives with "|" ("text|body"). */
export type JsonlField = "text" | "html" | "title" | "url" | "date" | "source" | "authors" | "language";

export interface IngestOptions {
  /** Allow URLs that resolve to private or loopback addresses. */
  allowPrivate?: boolean;
  /** JSONL field names (defaults: text|content|body|article, html|raw_html, title|headline, url|link, date|published|publish_date, source|publisher|outlet|domain). */
  fields?: Partial<Record<JsonlField, string>>;
  /** Largest input accepted, bytes (default 20 MB). Streamed JSONL and WARC apply it per line / per record instead. */
  maxBytes?: number;
  /** Reads standard input, for the input "-". */
  stdin?: () => Promise<Buffer>;
  /** Directory relative paths are resolved against. */
  cwd?: string;
  /** URL fetch: whole-request timeout in ms (default 20 000). */
  timeoutMs?: number;
  /** URL fetch: body size cap in bytes (default 10 MB); a longer body is cut with a problem. */
  maxFetchBytes?: number;
  /** URL fetch: redirects followed at most (default 5). */
  maxRedirects?: number;
  /**
   * DNS resolution for URL fetches: the one lookup per connection, whose addresses are checked and
   * are the only ones the socket may connect to (no second resolution). Tests inject one.
   * Default: node:dns lookup, all addresses.
   */
  lookup?: (host: string) => Promise<string[]>;
}
