export { detectLanguage } from "./detect-language.ts";
export { sentenceSpans, splitSentences } from "./split-sentences.ts";
export { recognizeEntities } from "./ner/index.ts";
