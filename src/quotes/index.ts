/** The quotes layer: quotations, partial quotations and reported speech, with their speakers. */
export { findQuotes } from "./find-quotes.ts";
export { type Attribution, type AttributionInput, extractAttributions, type SpeakerRef } from "./extract-attributions.ts";
export { type QuoteSpan, scanQuoteMarks } from "./scan-quote-marks.ts";
export { type Lexicon, lexicon } from "./lexicon.ts";
