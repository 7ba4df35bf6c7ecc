/**
 * Genre from weighted signals in data/clean/genre.json: first-person judgement ("I doubt"), "we
 * must", opinion disclaimers and author notes, an opinion blog in the byline → opinion; explainer
 * questions ("So what is X hoping for?", "what is the point of") with expert voices → analysis;
 * attribution ("said", "told reporters") and datelines → reporting. Quoted speech is blanked before
 * counting: a quoted "we must" is the speaker's stance, not the writer's. The winning signals go to
 * a message (rule "genre").
 * Known failures: a reported interview full of the reporter's "I asked" reads as opinion; a column
 * that argues only through quotations reads as reporting.
 */
import type { Genre } from "../record.ts";
import { GENRE_MIN_SCORE, GENRE_SIGNALS, outletSection } from "./cues.ts";
import type { Draft } from "./draft.ts";

/**
 * Blanks quoted stretches (curly or straight double quotes) in one linear pass. A quote left open at
 * the end of a paragraph runs on into the next one in news style, so the rest of the line is blanked.
 * (A regex with a bounded repeat per opening mark goes quadratic on lines full of unmatched quotes.)
 */
function blankQuoted(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const curly = text.indexOf("“", i);
    const straight = text.indexOf('"', i);
    const open = curly < 0 ? straight : straight < 0 ? curly : Math.min(curly, straight);
    if (open < 0) break;
    let lineEnd = text.indexOf("\n", open);
    if (lineEnd < 0) lineEnd = text.length;
    const close = text.indexOf(text[open] === "“" ? "”" : '"', open + 1);
    const end = close < 0 || close > lineEnd ? lineEnd : close + 1;
    out += `${text.slice(i, open)} `;
    i = end;
  }
  return out + text.slice(i);
}
const NOTE_REASONS = new Set(["author-note", "disclaimer", "byline"]);
/** An opinion blog named in the byline ("for <Opinion blog>") weighs like a disclaimer. */
const OPINION_SECTION_WEIGHT = 3;

/**
 * Picks the genre and reports the signals that decided it.
 * @example classifyGenre(draft) // "I doubt…" + "views expressed are the author's own" → "opinion"
 */
export function classifyGenre(draft: Draft): Genre {
  const body = draft.units
    .filter((u) => u.state === "body")
    .map((u) => blankQuoted(u.text))
    .join("\n");
  const notes = draft.units
    .filter((u) => u.state === "removed" && u.reason && NOTE_REASONS.has(u.reason))
    .map((u) => u.text)
    .join("\n");
  const texts = { body, notes, title: draft.title ?? "" };
  const lower = { body: body.toLowerCase(), notes: notes.toLowerCase(), title: texts.title.toLowerCase() };
  const totals: Record<Genre, number> = { reporting: 0, opinion: 0, analysis: 0, other: 0 };
  const fired: { name: string; genre: Genre; score: number }[] = [];
  for (const s of GENRE_SIGNALS) {
    s.re.lastIndex = 0;
    let hits = 0;
    for (const _ of (s.lower ? lower : texts)[s.where].matchAll(s.re)) if (++hits >= s.cap) break;
    if (hits > 0) {
      totals[s.genre] += hits * s.weight;
      fired.push({ name: s.name, genre: s.genre, score: hits * s.weight });
    }
  }
  for (const name of draft.bylineFor) {
    if (outletSection(name)?.opinion) {
      totals.opinion += OPINION_SECTION_WEIGHT;
      fired.push({ name: "opinion-section", genre: "opinion", score: OPINION_SECTION_WEIGHT });
    }
  }
  let genre: Genre = "other";
  let best = GENRE_MIN_SCORE - Number.EPSILON;
  for (const g of ["opinion", "analysis", "reporting"] as const) {
    if (totals[g] > best) {
      best = totals[g];
      genre = g;
    }
  }
  const why = fired
    .filter((f) => f.genre === genre)
    .sort((a, b) => b.score - a.score)
    .map((f) => `${f.name} ${f.score.toFixed(1)}`)
    .join(", ");
  const scores = (["opinion", "analysis", "reporting"] as const)
    .map((g) => `${g} ${totals[g].toFixed(1)}`)
    .join(", ");
  draft.messages.push({
    stage: "clean",
    rule: "genre",
    reason: `${genre}: ${why || "no signal"} (${scores})`,
  });
  return genre;
}
