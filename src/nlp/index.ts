import type { ArticleRecord } from "../record.ts";
import { splitSentences } from "./split-sentences.ts";
import { tokenizeRecord } from "./word-tokens.ts";

export { detectLanguage } from "./detect-language.ts";
export { recognizeEntities } from "./ner/index.ts";
export { sentenceSpans, splitSentences } from "./split-sentences.ts";
export {
  ALLCAPS,
  CAP,
  firstAtOrAfter,
  foldKey,
  HYPHEN_BEFORE,
  ownString,
  POSS,
  paragraphTokens,
  SENT_START,
  sentenceStartsByParagraph,
  type Tokens,
  tokenize as tokenizeWords,
} from "./word-tokens.ts";

/**
 * The nlp stage: sentence spans on `record.sentences`, and word tokens of every paragraph cut at those
 * sentences, kept beside the record for the stages after it (see paragraphTokens).
 * @example readText(record).sentences[0] // { paragraph: 0, start: 0, end: 42 }
 */
export function readText(record: ArticleRecord): ArticleRecord {
  const out = splitSentences(record);
  tokenizeRecord(out);
  return out;
}
