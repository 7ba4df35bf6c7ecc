import { createHash } from "node:crypto";
import { findActors } from "./actors/index.ts";
import { cleanArticle } from "./clean/index.ts";
import { codeEvents } from "./events/index.ts";
import { detectLanguage, readText } from "./nlp/index.ts";
import { findQuotes } from "./quotes/index.ts";
import { type ArticleRecord, emptyRecord, type RawDocument } from "./record.ts";
import type { PipelineOptions, Stage, StageName } from "./stage.ts";
import { PIPELINE_VERSION } from "./version.ts";

/** The flow of ARCHITECTURE.md, as data. Order matters; `needs` is checked below at load. */
export const STAGES: readonly Stage[] = [
  { name: "clean", needs: [], run: cleanArticle },
  { name: "language", needs: ["clean"], run: detectLanguage },
  { name: "nlp", needs: ["clean"], run: readText },
  { name: "actors", needs: ["nlp"], run: findActors },
  { name: "quotes", needs: ["nlp", "actors"], run: findQuotes },
  { name: "events", needs: ["nlp", "actors", "quotes"], run: codeEvents },
];

function checkStages(stages: readonly Stage[]): void {
  const seen = new Set<StageName>();
  for (const stage of stages) {
    for (const need of stage.needs) {
      if (!seen.has(need)) {
        throw new Error(`pipeline: stage "${stage.name}" needs "${need}", which does not run before it`);
      }
    }
    if (seen.has(stage.name)) throw new Error(`pipeline: stage "${stage.name}" is listed twice`);
    seen.add(stage.name);
  }
}
checkStages(STAGES);

/**
 * The article id: a hash of the normalised input text, so the same input always gets the same id
 * whatever file or feed it arrived in. Normalisation folds Unicode (NFC) and white space.
 */
export function articleId(content: string): string {
  const normalised = content.normalize("NFC").replace(/\s+/g, " ").trim();
  return `sha256:${createHash("sha256").update(normalised).digest("hex")}`;
}

/**
 * Runs the pipeline over one raw document.
 * @example analyzeDocument({ uri: "file:///a.txt", format: "text", contentType: "text", content, meta: {}, messages: [] })
 */
export function analyzeDocument(doc: RawDocument, options: PipelineOptions = {}): ArticleRecord {
  let record = emptyRecord(doc, options.id ?? articleId(doc.content), PIPELINE_VERSION);
  const ctx = { doc, options };
  for (const stage of STAGES) {
    record = stage.run(record, ctx);
    if (options.until === stage.name) break;
  }
  return record;
}
