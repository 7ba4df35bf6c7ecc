/** The quotes layer: quotations, partial quotations and reported speech, with their speakers. */

export {
  type Attribution,
  type AttributionInput,
  extractAttributions,
  type SpeakerRef,
} from "./extract-attributions.ts";
export { findQuotes } from "./find-quotes.ts";
export { type Lexicon, lexicon } from "./lexicon.ts";
export { type QuoteSpan, scanQuoteMarks } from "./scan-quote-marks.ts";
