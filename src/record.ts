/**
 * The article record: sitrep's output contract (see docs/OUTPUT.md in the shared docs).
 * Every way out of sitrep speaks this shape. Fields may gain siblings; none may change meaning.
 * Offsets are UTF-16 code units (JavaScript string indices) into `paragraphs[i].text`.
 */

export type SourceFormat = "text" | "html" | "jsonl" | "rss" | "atom" | "json-feed" | "warc" | "url";

export type Genre = "reporting" | "opinion" | "analysis" | "other";

export type DateBasis = "explicit" | "metadata" | "inferred" | "unknown";

export interface PublishedDate {
  /** Best single date, ISO yyyy-mm-dd, or null. */
  date: string | null;
  earliest: string | null;
  latest: string | null;
  basis: DateBasis;
  evidence?: string;
}

export type ParagraphKind = "paragraph" | "heading" | "blockquote" | "insertion";

export interface Paragraph {
  index: number;
  kind: ParagraphKind;
  text: string;
}

export interface Comment {
  index: number;
  author: string | null;
  /** Index of the parent comment in `comments`, or null for a top-level comment. */
  replyTo: number | null;
  text: string;
  spam: boolean;
  abusive: boolean;
}

export type RemovedReason =
  | "boilerplate"
  | "duplicate"
  | "byline"
  | "author-note"
  | "source-note"
  | "title"
  | "subtitle"
  | "comment-form"
  | "teaser"
  | "disclaimer"
  | "navigation"
  | "empty"
  | "other";

export interface Removed {
  text: string;
  reason: RemovedReason;
  /** Rule that removed it, for debugging and eval (e.g. "newsletter-appeal"). */
  rule?: string;
}

export type ActorKind = "person" | "state" | "igo" | "org" | "group";

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  country: string | null;
  sector: string | null;
  role: string | null;
}

export type MentionType = "PERSON" | "ORG" | "GPE" | "NORP" | "LOC" | "MISC";

export interface Mention {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  type: MentionType;
  actor: string | null;
  /**
   * For a place that is no actor (a city, a region, a state of a federation), the country it lies in
   * (ISO alpha-3), so later stages can say where an event happened or whom it hit ("shelled Kharkiv").
   */
  country?: string | null;
}

export type QuoteKind = "direct" | "partial" | "indirect";

export interface Quote {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  speaker: { text: string | null; name: string | null; actor: string | null } | null;
  cue: string | null;
}

export type Modality = "asserted" | "negated" | "hypothetical" | "future" | "denied" | "claimed";

/** Every modality, in the order of the type: for option checks and filter forms. */
export const MODALITIES: readonly Modality[] = [
  "asserted",
  "negated",
  "hypothetical",
  "future",
  "denied",
  "claimed",
];

export interface EventParty {
  actor: string | null;
  country: string | null;
  sector: string | null;
}

export interface CodedEvent {
  paragraph: number;
  sentence: string;
  evidence: string;
  /** Span of the evidence inside the paragraph. */
  start?: number;
  end?: number;
  source: EventParty;
  target: EventParty | null;
  category: string;
  cameo: string;
  intensity: number;
  modality: Modality;
  claimedBy: string | null;
  date: string | null;
}

export interface SentenceSpan {
  paragraph: number;
  start: number;
  end: number;
}

export interface Message {
  stage: string;
  rule: string;
  reason: string;
  /** Where it happened, when it is about one place. */
  paragraph?: number;
}

export interface ArticleRecord {
  id: string;
  source: { uri: string; format: SourceFormat; url?: string | null };
  pipelineVersion: string;
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  originalSource: string | null;
  /** Outlets the text cites ("From the LA Times:") without being a copy of them. */
  citedSources: string[];
  published: PublishedDate;
  language: string;
  genre: Genre;
  paragraphs: Paragraph[];
  comments: Comment[];
  removed: Removed[];
  actors: Actor[];
  mentions: Mention[];
  quotes: Quote[];
  events: CodedEvent[];
  messages: Message[];
  /** Sentence spans inside paragraphs, set by the nlp stage; later stages read them. */
  sentences?: SentenceSpan[];
  /** Set by the store when this text is a near-copy of an article already stored. */
  nearDuplicateOf?: string | null;
}

/**
 * What ingest hands to the pipeline: one document, decoded to a string, with whatever
 * metadata the container gave (JSONL fields, feed item fields, WARC headers, HTTP headers).
 */
export interface RawDocument {
  uri: string;
  format: SourceFormat;
  /** "text" for plain text, "html" for markup. */
  contentType: "text" | "html";
  content: string;
  meta: RawMeta;
  /** Problems met while reading (decoding, truncation), carried onto the record. */
  messages: Message[];
}

export interface RawMeta {
  title?: string | null;
  url?: string | null;
  date?: string | null;
  publisher?: string | null;
  authors?: string[];
  language?: string | null;
}

/**
 * A raw plain-text document with no container metadata, as evals, tests and scripts build them.
 * @example analyzeDocument(textDocument("plover:1", "Libya offered talks."))
 */
export function textDocument(uri: string, content: string, meta: RawMeta = {}): RawDocument {
  return { uri, format: "text", contentType: "text", content, meta, messages: [] };
}

/** An empty record around a raw document; stages fill it in. */
export function emptyRecord(doc: RawDocument, id: string, pipelineVersion: string): ArticleRecord {
  return {
    id,
    source: { uri: doc.uri, format: doc.format, url: doc.meta.url ?? null },
    pipelineVersion,
    title: null,
    subtitle: null,
    authors: [],
    publisher: null,
    originalSource: null,
    citedSources: [],
    published: { date: null, earliest: null, latest: null, basis: "unknown" },
    language: "und",
    genre: "other",
    paragraphs: [],
    comments: [],
    removed: [],
    actors: [],
    mentions: [],
    quotes: [],
    events: [],
    messages: [...doc.messages],
  };
}
