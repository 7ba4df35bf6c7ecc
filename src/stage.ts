import type { ArticleRecord, RawDocument } from "./record.ts";

/** What a stage may read besides the record: the raw input it came from and run options. */
export interface StageContext {
  doc: RawDocument;
  options: PipelineOptions;
}

export interface PipelineOptions {
  /** Stop after this stage (inclusive); all stages when absent. */
  until?: StageName;
  /** The article id when the caller already computed it (`articleId(doc.content)`), so it is hashed once. */
  id?: string;
}

export type StageName = "clean" | "language" | "nlp" | "actors" | "quotes" | "events";

/** A stage is a function from the article record to a richer one; problems go to `record.messages`. */
export interface Stage {
  name: StageName;
  /** Stages whose output this one reads; checked once when the pipeline is built. */
  needs: StageName[];
  run: (record: ArticleRecord, ctx: StageContext) => ArticleRecord;
}
