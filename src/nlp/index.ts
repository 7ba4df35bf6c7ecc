export { detectLanguage } from "./detect-language.ts";
export { recognizeEntities } from "./ner/index.ts";
export { sentenceSpans, splitSentences } from "./split-sentences.ts";
