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
  return decide(
    rule,
    anyWordIn(text, rule.against),
    anyWordIn(text, rule.for),
    rule.alt !== undefined && anyWordIn(text, rule.alt.for),
  );
}

/**
 * resolveAmbiguity's decision from the cues already known to occur in the article: the actors stage finds
 * them once per article among its tokens (see CueIndex) instead of searching the text once per cue.
 * @example resolveWithCues(rules.get("Brussels"), new Set(["NATO"])) // "igo:NATO"
 */
export function resolveWithCues(rule: AmbiguityRule, present: ReadonlySet<string>): string | null {
  return decide(
    rule,
    anyIn(present, rule.against),
    anyIn(present, rule.for),
    rule.alt !== undefined && anyIn(present, rule.alt.for),
  );
}

function decide(rule: AmbiguityRule, against: boolean, main: boolean, alt: boolean): string | null {
  if (against) return null;
  if (alt && !main) return rule.alt?.actor ?? null;
  if (alt && main) return null;
  return main || rule.default ? rule.actor : null;
}

function anyWordIn(text: string, cues: readonly string[]): boolean {
  for (const cue of cues) if (containsWord(text, cue)) return true;
  return false;
}

function anyIn(present: ReadonlySet<string>, cues: readonly string[]): boolean {
  for (const cue of cues) if (present.has(cue)) return true;
  return false;
}

/**
 * The cues of a set of context rules by the lookup key of their first word ("Georgian Dream" under
 * "georgian"), so that an article's tokens find them; cues that do not begin with a word are kept apart
 * and searched in the text.
 */
export interface CueIndex {
  byFirstKey: Map<string, string[]>;
  other: string[];
}

/**
 * Whether `word` occurs at `at` in `text` as a whole word: the test containsWord applies to each hit
 * (so a token-based search finds exactly what containsWord finds where a token starts).
 * @example wordAt("in Tbilisi.", "Tbilisi", 3) // true
 */
export function wordAt(text: string, word: string, at: number): boolean {
  return text.startsWith(word, at) && wordBounded(text, at, at + word.length);
}

/** Whether text[from, to) has no letter or digit touching it on either side. */
function wordBounded(text: string, from: number, to: number): boolean {
  const before = from === 0 ? 32 : text.charCodeAt(from - 1);
  const after = to >= text.length ? 32 : text.charCodeAt(to);
  return !isWordCode(before) && !isWordCode(after);
}

/** Whole-word, case-sensitive containment; indexOf is native and far cheaper than a regex per article. */
export function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1))
    if (wordBounded(text, at, at + word.length)) return true;
  return false;
}

/** A letter, digit or combining mark (any script): what may not touch a whole-word cue on either side. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Curly quotes and dashes are no part of a word: "“Tbilisi”" and "Atlanta—" hold their cues.
  return WORD_CHAR.test(String.fromCharCode(c));
}
