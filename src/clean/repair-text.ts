/**
 * Repairs that change spacing, never words. Machine-rewritten and scraped text glues sentences
 * ("Cold War.The alliance", "fired.”The", "worse.“Giving in"); a space goes back after the
 * sentence punctuation. Abbreviations and initials (U.S., e.g., V. Putin, K.Analitika), decimals (2.5)
 * and web addresses (example.Com, www.) are left alone because the glue needs two lower-case
 * letters or digits before the stop and no address around it. A scraping prefix glued to the first
 * word ("imageUS officials…", "Photo:Crowds…") is cut off and reported as removed text.
 * Non-breaking spaces are kept as in the text; doubled punctuation ("adds..") is left alone.
 * Known failures: "U.S.The" stays glued; a lower-case brand like "iPhone.The" is split correctly
 * but "vs.The" is split too.
 */
import { type Draft, setText } from "./draft.ts";

/** Sentence punctuation (and a closing quote) glued to the next sentence's capital. */
const GLUED = /[.!?]+["”’]?(?=["“‘]?\p{Lu})/gu;
/** What must precede the stop: two lower-case letters or digits ("War.", "2014."), or ")", "]", "%". */
const GLUE_BEFORE = /(?:[\p{Ll}\d]{2}|[)\]%])$/u;
/** Parts of web addresses: the glue is not a sentence break there. */
const ADDRESS = /(?:https?:\/\/|www\.|@)\S*$/u;
const ADDRESS_AFTER = /^["“‘]?\p{Lu}[\p{L}\d-]*(?:\/|\.[\p{L}]{2,}\b)/u;
/** A scraper's caption marker glued to the first word. */
const PREFIX = /^(?:image|photo|picture|photograph|video|(?:Image|Photo|Picture|Video):)(?=\p{Lu})/u;

/**
 * Inserts the missing space in glued sentences of one text.
 * @example repairSpacing("the Cold War.The alliance met.") // "the Cold War. The alliance met."
 */
export function repairSpacing(text: string): string {
  if (!GLUED.test(text)) return text;
  GLUED.lastIndex = 0;
  return text.replace(GLUED, (punct: string, offset: number) => {
    const before = text.slice(Math.max(0, offset - 80), offset);
    if (!GLUE_BEFORE.test(before)) return punct;
    const after = text.slice(offset + punct.length, offset + punct.length + 40);
    if (ADDRESS.test(before.split(/\s/).pop() ?? "") || ADDRESS_AFTER.test(after)) return punct;
    return `${punct} `;
  });
}

/**
 * Repairs body paragraphs in place; glued prefixes go to removed.
 * @example repairText(draft) // "imageUS envoy said" → "US envoy said", "image" removed
 */
export function repairText(draft: Draft): void {
  let repaired = 0;
  draft.units.forEach((u, at) => {
    if (u.state !== "body") return;
    const prefix = PREFIX.exec(u.text);
    if (prefix) {
      draft.extraRemoved.push({ text: prefix[0], reason: "boilerplate", rule: "scraping-prefix", at });
      setText(u, u.text.slice(prefix[0].length));
    }
    const fixed = repairSpacing(u.text);
    if (fixed !== u.text) {
      repaired++;
      u.text = fixed; // only spaces were added: the word count stands
    }
  });
  if (repaired > 0) {
    draft.messages.push({
      stage: "clean",
      rule: "glued-sentences",
      reason: `spaces restored in ${repaired} paragraphs`,
    });
  }
}
