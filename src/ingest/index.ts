import type { RawDocument } from "../record.ts";

/** A problem with one input: which input, what was wrong. The batch goes on. */
export interface InputProblem {
  kind: "problem";
  uri: string;
  code: string;
  message: string;
}

export interface IngestOptions {
  /** Allow URLs that resolve to private or loopback addresses. */
  allowPrivate?: boolean;
  /** JSONL field names (defaults: text/content/body, html, title, url/link, date/published, source/publisher). */
  fields?: Partial<Record<"text" | "html" | "title" | "url" | "date" | "source", string>>;
  /** Largest input accepted, bytes. */
  maxBytes?: number;
  /** Reads standard input, for the input "-". */
  stdin?: () => Promise<Buffer>;
  /** Directory relative paths are resolved against. */
  cwd?: string;
}

/**
 * Reads files, directories, URLs and "-" (stdin) and yields one raw document per article found,
 * or a problem naming the input. STUB: to be replaced by the ingest work.
 */
export async function* readInputs(
  inputs: string[],
  _options: IngestOptions = {},
): AsyncGenerator<RawDocument | InputProblem> {
  const { readFile } = await import("node:fs/promises");
  const { pathToFileURL } = await import("node:url");
  for (const input of inputs) {
    const content = await readFile(input, "utf8");
    yield { uri: pathToFileURL(input).href, format: "text", contentType: "text", content, meta: {}, messages: [] };
  }
}
