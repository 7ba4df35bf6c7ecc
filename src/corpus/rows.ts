/**
 * The plain rows that corpus views read. A store (SQLite now, PostgreSQL later) fills them with a few
 * filtered queries and no record decoding; every view in this folder is a pure function over them, so
 * both adapters share one implementation.
 */
import type { Genre, Modality, QuoteKind } from "../record.ts";

/** One stored article, as little of it as the views need. */
export interface CorpusArticle {
  id: string;
  publisher: string | null;
  /** Filing date (yyyy-mm-dd): the article's best date, else the start of its range; null when unknown. */
  date: string | null;
  title: string | null;
  /** Opening words of the first body paragraph (the store keeps a few hundred characters), or null. */
  lead: string | null;
  genre: Genre | string;
  nearDuplicateOf: string | null;
  /** Ids of the actors the article names, each once. */
  actors: string[];
  /** Mentions of each actor in `actors`, same order. */
  actorMentions: number[];
}

/** One coded event, flat. */
export interface CorpusEvent {
  articleId: string;
  sourceActor: string | null;
  sourceCountry: string | null;
  targetActor: string | null;
  targetCountry: string | null;
  category: string;
  cameo: string;
  intensity: number;
  modality: Modality;
  /** When it happened, if the events stage resolved it. */
  date: string | null;
}

/** One quotation's speaker (the words are not needed for counting). */
export interface CorpusQuote {
  articleId: string;
  kind: QuoteKind;
  speakerName: string | null;
  speakerActor: string | null;
}

/** Names for the actor ids that rows refer to. */
export interface CorpusActor {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

/** What `Store.corpusRows` returns: everything corpus views read, for one date range. */
export interface CorpusRows {
  articles: CorpusArticle[];
  events: CorpusEvent[];
  quotes: CorpusQuote[];
  actors: CorpusActor[];
}

/** An empty set of rows, for tests and empty stores. */
export function emptyRows(): CorpusRows {
  return { articles: [], events: [], quotes: [], actors: [] };
}

/**
 * How an event party is named in pairs and labels: its country code when it has one (states, their
 * officials and forces all count for the country), else its actor id ("igo:NATO"), else null.
 * @example sideOf("person:vladimir-putin", "RUS") // "RUS"
 */
export function sideOf(actor: string | null, country: string | null): string | null {
  return country ?? actor ?? null;
}

/**
 * Whether a user's actor filter ("RUS", "state:RUS", "person:vladimir-putin") names this party.
 * Country codes compare upper-cased; actor ids exactly.
 * @example partyMatches("rus", "person:vladimir-putin", "RUS") // true
 */
export function partyMatches(filter: string, actor: string | null, country: string | null): boolean {
  if (filter.includes(":")) return actor === filter;
  return country !== null && country === filter.toUpperCase();
}
