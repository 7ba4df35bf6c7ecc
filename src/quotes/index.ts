/**
 * The quotes layer: quotations, partial quotations and reported speech, with their speakers.
 *
 * @example
 * const r = findQuotes(record); // record.paragraphs: ["“We will rebuild,” said Nora Falk, the mayor."]
 * r.quotes[0]; // { kind: "direct", text: "We will rebuild,", speaker: { text: "Nora Falk", name: "Nora Falk", actor: null }, cue: "said", … }
 *
 * How it reads a paragraph: scan-quote-marks (quotation spans, one pass over the characters) →
 * scan-paragraph (tokens, cue words from data/quotes/cues.json, quotation-aware sentences) →
 * extract-attributions (a cue and speaker for each quotation; continuations) with find-subject
 * (who a cue belongs to), report-indirect (reported speech without marks) and resolve-speakers
 * (names, actors, he/she/they). find-quotes is the pipeline stage.
 */

export {
  type Attribution,
  type AttributionInput,
  extractAttributions,
  type SpeakerRef,
} from "./extract-attributions.ts";
export { findQuotes } from "./find-quotes.ts";
export { type Lexicon, lexicon } from "./lexicon.ts";
export { type QuoteSpan, scanQuoteMarks } from "./scan-quote-marks.ts";
