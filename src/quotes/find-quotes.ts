import type { ArticleRecord, Quote } from "../record.ts";
import { extractAttributions } from "./extract-attributions.ts";

/**
 * The quotes stage: direct, partial and indirect quotations in the article body and who said them.
 * Reads `paragraphs` (never `comments`), `sentences`, `mentions` and `actors`; fills `quotes`.
 * @example findQuotes(record).quotes[0] // { kind: "direct", speaker: { text: "she", name: "Jane Roe", … }, cue: "said", … }
 */
export function findQuotes(record: ArticleRecord): ArticleRecord {
  const texts = record.paragraphs.map((p) => p.text);
  let starts: number[][] | undefined;
  if (record.sentences && record.sentences.length > 0) {
    starts = texts.map(() => []);
    for (const s of record.sentences) if (starts[s.paragraph]) starts[s.paragraph].push(s.start);
  }
  const found = extractAttributions({
    paragraphs: texts,
    mentions: record.mentions,
    actors: record.actors,
    sentenceStarts: starts,
  });
  const quotes: Quote[] = found.map((a) => ({
    paragraph: record.paragraphs[a.paragraph].index,
    start: a.start,
    end: a.end,
    text: a.text,
    kind: a.kind,
    speaker: a.speaker ? { text: a.speaker.text, name: a.speaker.name, actor: a.speaker.actor } : null,
    cue: a.cue,
  }));
  const messages = [...record.messages];
  const unattributed = quotes.filter((q) => q.kind !== "indirect" && !q.speaker).length;
  if (unattributed > 0) {
    messages.push({
      stage: "quotes",
      rule: "no-speaker",
      reason: `${unattributed} quotation(s) with no speaker found nearby`,
    });
  }
  return { ...record, quotes, messages };
}
