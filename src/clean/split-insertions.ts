/**
 * Republisher asides: a site that reposts another outlet's text adds bracketed remarks
 * ("[This is not new at all.]"). A whole bracketed paragraph becomes kind insertion; a bracketed
 * sentence appended to the end of a paragraph is split out into its own insertion paragraph right
 * after it. Editorial bracketed words inside a quotation ("[the minister] said") are left alone:
 * they are short, lower-case or not at the end.
 * Known failure: an aside in parentheses rather than brackets is not recognised.
 */
import type { Draft, Unit } from "./draft.ts";
import { setText, wordCount } from "./draft.ts";

const WHOLE = /^\[[^[\]]{3,}\]$/u;
/** A bracketed sentence at the very end, after sentence punctuation: "…evolve. [That is …]" */
const TRAILING_ASIDE = /^([\s\S]*?[.!?"”’])\s+(\[\p{Lu}[^[\]]*[.!?"”’]\])$/u;
const ASIDE_MIN_WORDS = 4;

/**
 * Marks and splits republisher insertions.
 * @example splitInsertions(draft) // "Talks resumed. [Our note: again.]" → paragraph + insertion
 */
export function splitInsertions(draft: Draft): void {
  const out: Unit[] = [];
  for (const u of draft.units) {
    out.push(u);
    if (u.state !== "body") continue;
    if (u.words >= ASIDE_MIN_WORDS && WHOLE.test(u.text)) {
      u.kind = "insertion";
      continue;
    }
    if (!u.text.endsWith("]")) continue;
    const m = TRAILING_ASIDE.exec(u.text);
    if (m && wordCount(m[2]) >= ASIDE_MIN_WORDS) {
      const aside: Unit = { ...u, kind: "insertion" };
      setText(aside, m[2]);
      setText(u, m[1]);
      out.push(aside);
      draft.messages.push({
        stage: "clean",
        rule: "insertion",
        reason: `republisher aside split out: ${m[2].slice(0, 60)}`,
      });
    }
  }
  draft.units = out;
}
