/**
 * Line-level boilerplate anywhere in the text: reading-time lines, newsletter and membership appeals,
 * follow/share prompts, "Read More", comment forms. Each rule in data/clean/boilerplate.json carries
 * a word cap so that a long article paragraph that merely mentions "newsletter" survives.
 * The tail after the article (mission blocks, disclaimers, teasers) is strip-trailing.ts.
 * Known failure: a one-line article paragraph that is itself a short appeal ("Support us.") goes.
 */
import { BOILERPLATE_RULES, type BoilerplateRule } from "./cues.ts";
import { type Draft, removeUnit, wordCount } from "./draft.ts";

/**
 * The first boilerplate rule a line matches, or null. `tail` allows the rules that only hold in the
 * tail after the article (disclaimers, teaser headers, navigation).
 * @example matchBoilerplate("4 min read", false)?.rule // "reading-time"
 */
export function matchBoilerplate(
  text: string,
  tail: boolean,
  words = wordCount(text),
): BoilerplateRule | null {
  for (const rule of BOILERPLATE_RULES) {
    if (!tail && !rule.anywhere) continue;
    if (words <= rule.maxWords && rule.re.test(text)) return rule;
  }
  return null;
}

const TEASER_RULES = BOILERPLATE_RULES.filter((r) => r.rule === "teaser-header");
const TEASER_MAX_WORDS = Math.max(0, ...TEASER_RULES.map((r) => r.maxWords));

/**
 * True for a "Next Post" / "Related stories" header that opens a teaser of other posts.
 * @example isTeaserHeader("Next Post", 2) // true
 */
export function isTeaserHeader(text: string, words: number): boolean {
  if (words > TEASER_MAX_WORDS) return false;
  for (const rule of TEASER_RULES) if (words <= rule.maxWords && rule.re.test(text)) return true;
  return false;
}

/**
 * Removes body lines that match an anywhere-rule, with the rule's reason.
 * @example stripBoilerplate(draft) // "Sign up for our Daily newsletter" → removed, reason boilerplate
 */
export function stripBoilerplate(draft: Draft): void {
  for (const unit of draft.units) {
    if (unit.state !== "body") continue;
    const rule = matchBoilerplate(unit.text, false, unit.words);
    if (rule) removeUnit(unit, rule.reason, rule.rule);
  }
}
