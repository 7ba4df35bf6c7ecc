/**
 * Spam and abuse flags for one reader comment, from weighted cues in data/clean/comment-cues.json.
 * Spam: income offers ("$90/hr from home"), link drops with promo wording, crypto/casino/pills.
 * Abusive: slurs, "-nazi" compounds aimed at groups, dehumanising words (vermin, scum, subhuman).
 * Known failures: sarcasm and coded slurs not in the list pass; a comment quoting a slur in order
 * to condemn it is flagged.
 */
import { ABUSE_CUES, SPAM_CUES, type WeightedCue } from "./cues.ts";

function score(text: string, cues: readonly WeightedCue[]): { total: number; names: string[] } {
  let total = 0;
  const names: string[] = [];
  for (const cue of cues) {
    if (cue.re.test(text)) {
      total += cue.weight;
      names.push(cue.name);
    }
  }
  return { total, names };
}

/**
 * Flags a comment text.
 * @example flagComment("Earn $70/hr from home, see www.example-offer.biz").spam // true
 */
export function flagComment(text: string): { spam: boolean; abusive: boolean; cues: string[] } {
  const spam = score(text, SPAM_CUES.cues);
  const abuse = score(text, ABUSE_CUES.cues);
  return {
    spam: spam.total >= SPAM_CUES.threshold,
    abusive: abuse.total >= ABUSE_CUES.threshold,
    cues: [...spam.names, ...abuse.names],
  };
}
