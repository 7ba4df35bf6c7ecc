import { readInputs } from "../../ingest/index.ts";
import { analyzeDocument } from "../../pipeline.ts";
import { CliError, type CliIO } from "../io.ts";
import { renderReport } from "../report.ts";
import { type InputFlags, inputOptions } from "./ingest.ts";

export interface AnalyzeOptions extends InputFlags {
  format?: string;
}

/**
 * `sitrep analyze <inputs…>`: prints article records. JSON for one record, JSONL for many;
 * a readable report by default on a terminal. Problems with one input are reported and the batch goes on.
 */
export async function analyzeCommand(inputs: string[], opts: AnalyzeOptions, io: CliIO): Promise<number> {
  const format = opts.format ?? (io.isTTY ? "text" : "json");
  if (!["text", "json", "jsonl"].includes(format)) {
    throw new CliError(`analyze: --format must be text, json or jsonl, found "${format}"`);
  }
  let problems = 0;
  const records = [];
  const options = inputOptions(opts, io);
  for await (const item of readInputs(inputs, options)) {
    if ("kind" in item && item.kind === "problem") {
      problems++;
      io.stderr(`sitrep: ${item.uri}: ${item.message}\n`);
      continue;
    }
    const record = analyzeDocument(item as Exclude<typeof item, { kind: "problem" }>);
    if (format === "text") io.stdout(renderReport(record));
    else if (format === "jsonl") io.stdout(`${JSON.stringify(record)}\n`);
    else records.push(record);
  }
  if (format === "json") {
    // One object for one record; JSONL when there are several, so the output streams and greps well.
    if (records.length === 1) io.stdout(`${JSON.stringify(records[0], null, 2)}\n`);
    else for (const r of records) io.stdout(`${JSON.stringify(r)}\n`);
  }
  return problems > 0 && records.length === 0 && format === "json" ? 1 : 0;
}
