import { defaultTagger, recognizeEntities, tokenize } from "../src/nlp/ner/index.ts";
import { cpuMs, limitArg, readBenchCorpus, TIMED_PASSES, WARMUP_PASSES } from "./bench-corpus.ts";

const DEFAULT_LIMIT = 1000;

const args = process.argv.slice(2);
const limit = limitArg(args, DEFAULT_LIMIT);
const compare = args.includes("--compare");

const texts = readBenchCorpus("bench-ner")
  .slice(0, limit)
  .map((r) => `${r.title ?? ""}\n\n${r.text ?? ""}`);
const words = texts.reduce((a, t) => a + t.split(/\s+/).length, 0);

function timed(label: string, fn: (t: string) => unknown): void {
  for (let p = 0; p < WARMUP_PASSES; p++) for (const t of texts) fn(t);
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < TIMED_PASSES; p++)
    best = Math.min(
      best,
      cpuMs(() => texts.forEach(fn)),
    );
  console.log(
    `${label}: ${(best / texts.length).toFixed(3)} ms/article CPU (${texts.length} articles, ` +
      `${Math.round(words / texts.length)} words each on average; best of ${TIMED_PASSES})`,
  );
}

timed("recognizeEntities (fast path)", (t) => recognizeEntities(t));

if (compare) {
  const tagger = defaultTagger();
  const abbreviations = tagger.lexicon.abbreviations;
  const exhaustive = (t: string) => {
    const tok = tokenize(t, abbreviations);
    return tagger.tagIndices(tok.tokens, tok.sentenceStart, "exhaustive");
  };
  timed("tokenize + exhaustive tagging (every token scored)", exhaustive);
  let differ = 0;
  let tokens = 0;
  let wrong = 0;
  for (const t of texts) {
    const tok = tokenize(t, abbreviations);
    const fast = tagger.tagIndices(tok.tokens, tok.sentenceStart, "fast");
    const full = tagger.tagIndices(tok.tokens, tok.sentenceStart, "exhaustive");
    let bad = 0;
    for (let i = 0; i < fast.length; i++) if (fast[i] !== full[i]) bad++;
    tokens += fast.length;
    wrong += bad;
    if (bad > 0) differ++;
  }
  console.log(
    `fast vs exhaustive: ${differ} of ${texts.length} articles differ; ${wrong} of ${tokens} token tags`,
  );
}
