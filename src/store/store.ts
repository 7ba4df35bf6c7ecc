import type { CorpusRows } from "../corpus/index.ts";
import type { ArticleRecord, CodedEvent, Modality, Quote } from "../record.ts";

/** What happened to one record handed to `Store.put`. */
export type PutOutcome =
  | { status: "stored"; id: string; nearDuplicateOf: string | null; similarity?: number }
  | { status: "known"; id: string };

export interface ArticleFilter {
  publisher?: string;
  /** ISO date, inclusive. */
  since?: string;
  /** ISO date, inclusive. */
  until?: string;
  limit?: number;
}

export interface SearchHit {
  articleId: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  paragraph: number;
  /** Paragraph excerpt with matches wrapped in the markers passed to `search`. */
  snippet: string;
  score: number;
}

export interface StoredQuote extends Quote {
  articleId: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
}

export interface StoredEvent extends CodedEvent {
  articleId: string;
  publisher: string | null;
  published: string | null;
}

export interface ActorSummary {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  sector: string | null;
  mentions: number;
  articles: number;
}

export interface ActorDetail extends ActorSummary {
  roles: Array<{ role: string | null; first: string | null; last: string | null; articles: number }>;
  aliases: string[];
  recentArticles: Array<{
    id: string;
    title: string | null;
    publisher: string | null;
    published: string | null;
  }>;
  coMentioned: Array<{ id: string; name: string; articles: number }>;
  /**
   * Other actors stored under the name asked for ("Interior Ministry" of Russia and of Ukraine), most
   * mentioned first; the detail is of the most mentioned one. Empty when asked by id.
   */
  sameName: Array<{ id: string; name: string; country: string | null; mentions: number }>;
}

export interface QuoteFilter extends ArticleFilter {
  /** Matches the speaker's resolved name, words used, or actor id (case-insensitive substring). */
  speaker?: string;
  text?: string;
}

export interface EventFilter extends ArticleFilter {
  /** Country code or actor id of the source. */
  source?: string;
  target?: string;
  modality?: Modality;
  category?: string;
}

export interface StoreStats {
  articles: number;
  nearDuplicates: number;
  paragraphs: number;
  quotes: number;
  events: number;
  actors: number;
}

/**
 * The storage port. SQLite is the embedded default; a PostgreSQL adapter implements the same contract
 * (tests/store/contract.ts runs against every adapter). Methods are async so that both fit.
 * Writing an article is one transaction: a crash never leaves half an article, and `put` of an id
 * already stored changes nothing.
 */
export interface Store {
  has(id: string): Promise<boolean>;
  put(record: ArticleRecord): Promise<PutOutcome>;
  /** Several records in one transaction; each is whole or absent after a crash. */
  putMany(records: ArticleRecord[]): Promise<PutOutcome[]>;
  get(id: string): Promise<ArticleRecord | null>;
  /** Records in ingest order, for export. */
  list(filter?: ArticleFilter): AsyncIterable<ArticleRecord>;
  search(query: string, filter?: ArticleFilter, markers?: [string, string]): Promise<SearchHit[]>;
  quotes(filter?: QuoteFilter): Promise<StoredQuote[]>;
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  actors(filter?: ArticleFilter): Promise<ActorSummary[]>;
  /** One actor by id, name or alias (case-insensitive), or null. */
  actor(nameOrId: string): Promise<ActorDetail | null>;
  stats(): Promise<StoreStats>;
  /**
   * Light rows for corpus views (stories, escalation, outlets): articles filed in the range with their
   * actors and lead, and all their events, the speakers of attributed quotations, and actor names. `publisher` and `limit`
   * are ignored: views need every outlet of the range.
   * @example groupStories(await store.corpusRows({ since: "2022-02-01" }))
   */
  corpusRows(filter?: ArticleFilter): Promise<CorpusRows>;
  /** The first and last filing dates of stored articles (nulls when none is dated). */
  dateSpan(): Promise<{ first: string | null; last: string | null }>;
  close(): Promise<void>;
}

/** A store problem the CLI reports as one line: which file, what went wrong. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
  }
}
