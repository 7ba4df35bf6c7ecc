/** Scoring helpers shared by eval suites, following the conventions of shared/README.md. */

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Tokens for text F1: maximal runs of letters or digits, lower-cased. */
export function scoringTokens(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []) as string[];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** Token precision/recall/F1 of a predicted text against gold text, over token multisets. */
export function tokenPRF(predicted: string, gold: string): PRF {
  const p = scoringTokens(predicted);
  const g = scoringTokens(gold);
  if (p.length === 0 && g.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (p.length === 0 || g.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  const precision = overlap / p.length;
  const recall = overlap / g.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Normalise quote marks and white space, for quotation matching. */
export function normaliseQuoteText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

export const fmt = (x: number, digits = 3): string => x.toFixed(digits);
