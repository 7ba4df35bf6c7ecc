/**
 * Bylines and author notes. "By X", "By X and Y", "By X, for Y", "By X | Y" at the top or bottom
 * (or both) are removed as byline and give the authors; Y is a publication, blog or section (a
 * publisher clue, mapped through data/clean/outlets.json). Author notes ("(The writer is …)",
 * "X is a retired professor …" naming a byline author) near the end are removed as author-note.
 * Known failures: a byline without "By" ("Jane Roe, Reuters") is not read; an author note about
 * an author not named in a byline is kept unless it starts "The writer/author is".
 */
import { BYLINE_ROLE, canonicalOutlet, outletSection } from "./cues.ts";
import { type Draft, removeUnit, wordCount } from "./draft.ts";

const NAME_WORD = "[\\p{Lu}][\\p{L}’'.-]*";
const NAME = `${NAME_WORD}(?:\\s+(?:(?:van|von|de|der|da|di|del|bin|al|la|le)\\s+)?${NAME_WORD}){0,3}`;
/** "By Jane Roe", "By Jane Roe and John Doe", "By Jane Roe, for Blog", "Written by …", "Author: …". */
const BYLINE = new RegExp(
  `^(?:[Bb]y|BY|[Ww]ritten [Bb]y|[Ww]ords [Bb]y|[Aa]uthors?|AUTHORS?|[Rr]eporting [Bb]y)\\s*:?\\s+(${NAME}(?:\\s*(?:,|and|&)\\s*${NAME})*?)` +
    `(?:\\s*(?:,|\\||—|–|-)\\s*(?:for\\s+|in\\s+)?(.{2,60}?))?\\s*\\.?$`,
  "u",
);
/** Cheap first test before the full pattern. */
const BYLINE_START = /^(?:by|written|words|authors?|reporting)\b/iu;
const NAME_SPLIT = /\s*(?:,|\band\b|&)\s*/u;
/** A byline is a short line; longer "By the time…" lines are sentences. */
const BYLINE_MAX_WORDS = 14;
/** An unknown "for Y" is a publication only when short. */
const BYLINE_FOR_MAX_WORDS = 4;
/** Words that start sentences like "By the time" or "By contrast" rather than names. */
const NOT_A_NAME =
  /^(?:the|a|an|this|that|then|now|contrast|comparison|far|all|means|mid|late|early|way|some|most|many|its|his|her|their|our)$/iu;
/** "(The writer is …)", "The author is …", "About the author". */
const WRITER_NOTE =
  /^[([]?\s*(?:the (?:writer|author|columnist|reviewer)s? (?:is|are|was|has)|about the author\b)/iu;
/** Author notes sit in the last part of the text (after this share of its lines). */
const NOTE_TAIL_SHARE = 0.6;
const AUTHOR_VERBS = ["is", "was", "has", "teaches", "writes", "covers", "leads", "directs"];
const NOTE_MAX_WORDS = 90;

/**
 * Authors and the "for Y" part of a byline line, or null when the line is no byline.
 * @example parseByline("By Jane Roe, for Eastern Desk") // { authors: ["Jane Roe"], forName: "Eastern Desk" }
 */
export function parseByline(text: string): { authors: string[]; forName: string | null } | null {
  if (!BYLINE_START.test(text) || wordCount(text) > BYLINE_MAX_WORDS) return null;
  const m = BYLINE.exec(text);
  if (!m) return null;
  const authors = m[1]
    .split(NAME_SPLIT)
    .map((a) => a.trim())
    .filter((a) => a.length > 1);
  if (authors.length === 0 || authors.some((a) => NOT_A_NAME.test(a.split(/\s+/)[0]))) return null;
  return { authors, forName: m[2]?.trim() || null };
}

/**
 * Removes bylines and author notes; fills authors and byline publisher clues.
 * @example readBylines(draft) // "By Jane Roe, for Eastern Desk" → authors ["Jane Roe"], removed as byline
 */
export function readBylines(draft: Draft): void {
  const units = draft.units;
  for (const u of units) {
    if (u.state !== "body") continue;
    const by = parseByline(u.text);
    if (!by) continue;
    removeUnit(u, "byline", "byline");
    for (const a of by.authors) {
      // "By Reuters" names an outlet, not a person.
      if (canonicalOutlet(a)) {
        if (!draft.bylineFor.includes(a)) draft.bylineFor.push(a);
      } else if (!draft.authors.includes(a)) draft.authors.push(a);
    }
    if (by.forName && !draft.bylineFor.includes(by.forName)) draft.bylineFor.push(by.forName);
  }
  for (const name of draft.bylineFor) {
    const section = outletSection(name);
    if (section?.parent && section.parent !== section.name) {
      draft.publisherClues.push({
        name: `${section.parent} (${section.name})`,
        rank: 4,
        rule: "byline-section",
      });
    } else if (section) {
      draft.publisherClues.push({ name: section.name, rank: 4, rule: "byline-section" });
    } else if (canonicalOutlet(name)) {
      draft.publisherClues.push({ name: canonicalOutlet(name)!, rank: 4, rule: "byline-outlet" });
    } else if (!BYLINE_ROLE.test(name) && wordCount(name) <= BYLINE_FOR_MAX_WORDS) {
      draft.publisherClues.push({ name, rank: 5, rule: "byline-for" });
    }
  }

  // Author notes: in the last part of the text, before the tail is stripped (a note that carries a
  // site disclaimer must leave as author-note, not as disclaimer).
  const from = Math.floor(units.length * NOTE_TAIL_SHARE);
  for (let i = from; i < units.length; i++) {
    const u = units[i];
    if (u.state !== "body" || u.words > NOTE_MAX_WORDS) continue;
    const startsWithAuthor = draft.authors.some((a) =>
      AUTHOR_VERBS.some((v) => u.text.startsWith(`${a} ${v} `)),
    );
    if (startsWithAuthor || WRITER_NOTE.test(u.text)) removeUnit(u, "author-note", "author-note");
  }
}
