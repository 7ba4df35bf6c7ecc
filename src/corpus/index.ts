export {
  type CompareOutletsOptions,
  compareOutlets,
  OUTLET_TOP,
  type OutletSummary,
  UNKNOWN_OUTLET,
} from "./compare-outlets.ts";
export {
  type EscalationOptions,
  type EscalationPoint,
  type EscalationSeries,
  escalationIndex,
  latestDay,
  type PairChange,
  pairChanges,
  TREND_THRESHOLD,
  type Trend,
  trendOf,
} from "./escalation-index.ts";
export {
  articlesNaming,
  groupStories,
  MAX_WORD_POSTINGS,
  MIN_SHARED_ACTORS,
  MIN_SHARED_WORDS,
  MIN_WORD_OVERLAP,
  STORY_MAX_SPAN_DAYS,
  STORY_WINDOW_DAYS,
  type Story,
  type StoryArticle,
  type StoryEvent,
  type StoryGrouping,
  type StoryOptions,
  storiesNaming,
  storyLabel,
} from "./group-stories.ts";
export {
  BANDS,
  bandKeys,
  estimatedJaccard,
  NEAR_DUPLICATE_JACCARD,
  NUM_HASHES,
  signature,
  signatureFromBuffer,
  signatureToBuffer,
} from "./minhash.ts";
export {
  asPeriod,
  dayNumber,
  isoDate,
  PERIODS,
  type Period,
  periodLabel,
  periodStart,
  previousPeriodStart,
} from "./periods.ts";
export {
  type CorpusActor,
  type CorpusArticle,
  type CorpusEvent,
  type CorpusQuote,
  type CorpusRows,
  emptyRows,
  partyMatches,
  sideOf,
} from "./rows.ts";
export { contentWords, STORY_WORDS_FILE } from "./story-words.ts";
export { CHANGES_TOP, type RiseRow, type WhatChanged, whatChanged } from "./what-changed.ts";
