/**
 * Context rules for surfaces that are often not the actor they look like (data/actors/ambiguity.json):
 * "Georgia" the country or the US state, "Washington" the government or a city in another state,
 * "Brussels" the EU or NATO. Cues are whole words matched case-sensitively in the article text.
 * Known failure: cues are read over the whole article, so an article about both Atlanta and Tbilisi
 * leaves every "Georgia" unresolved.
 */
import type { AmbiguityRule } from "./registry.ts";

/**
 * The actor id a rule picks for `text`, or null when the context does not decide.
 * An "against" cue always wins (null). Then the main reading needs a "for" cue (or `default`), the
 * alternative (`alt`, e.g. NATO for "Brussels") needs one of its own cues; when both or neither are
 * supported the answer is null, except that a `default` rule without alternative support keeps its actor.
 * @example resolveAmbiguity(rules.get("Brussels"), "NATO allies met in Brussels") // "igo:NATO"
 */
export function resolveAmbiguity(rule: AmbiguityRule, text: string): string | null {
  if (rule.against.some((cue) => containsWord(text, cue))) return null;
  const main = rule.for.some((cue) => containsWord(text, cue));
  const alt = rule.alt ? rule.alt.for.some((cue) => containsWord(text, cue)) : false;
  if (alt && !main) return rule.alt?.actor ?? null;
  if (alt && main) return null;
  return main || rule.default ? rule.actor : null;
}

/** Whole-word, case-sensitive containment; indexOf is native and far cheaper than a regex per article. */
export function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    const after = at + word.length >= text.length ? 32 : text.charCodeAt(at + word.length);
    if (!isWordCode(before) && !isWordCode(after)) return true;
  }
  return false;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191;
}
