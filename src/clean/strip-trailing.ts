/**
 * The tail after the article: a publisher's mission and fund-raising block, disclaimers, comment
 * forms, "Next Post" teasers that repeat the article's own title and opening. Read backwards from
 * the last body line: boilerplate lines, ALL-CAPS kickers, appeal-dense paragraphs ("we", "our
 * journalism", "donate"; two action words besides the pronouns) and title repeats extend the tail;
 * short filler lines between them are swallowed when more boilerplate follows them (at most three
 * in a row); the first long ordinary paragraph ends it.
 * Known failures: a short closing line of the article that sits between two boilerplate lines is
 * swallowed; an appeal written without first-person-plural or money words survives.
 */
import {
  APPEAL_ACTIONS,
  APPEAL_MAX_WORDS,
  APPEAL_MIN_ACTIONS,
  APPEAL_MIN_HITS,
  APPEAL_MIN_SHARE,
  APPEAL_WORDS,
  INLINE_RULES,
  TRAILING_MAX_FILLER_WORDS,
} from "./cues.ts";
import { type Draft, foldText, removeUnit, type Unit } from "./draft.ts";
import { isTeaserHeader, matchBoilerplate } from "./strip-boilerplate.ts";

const APPEAL_TOKEN = /[\p{L}][\p{L}'’-]*/gu;
const OPENS_WITH_QUOTE = /^["“‘'«]/u;
const QUOTED = /“[^”]*”|"[^"]*"/gu;
/** Reported speech ("he said") is a source talking, not the publisher. */
const ATTRIBUTION = /\b(?:said|says|told|added)\b/u;
const LETTER = /\p{L}/gu;
const UPPER = /\p{Lu}/gu;
/** An ALL-CAPS kicker is short; longer capitals are shouting inside an article. */
const KICKER_MAX_WORDS = 8;
const KICKER_MIN_UPPER_SHARE = 0.8;
/** How many lines after a "Next Post" header belong to the teaser of the other post. */
const TEASER_FOLLOWERS = 3;
/** A teaser that quotes the article's opening repeats at least this many characters of it. */
const OPENING_PREFIX_CHARS = 60;
/** A teaser block (other post's title, opening, link) is a few lines; more is the page itself. */
const TEASER_BLOCK_MAX_LINES = 4;
/** A repeat of the title may differ in spacing or quote marks, hardly in length. */
const TITLE_LENGTH_SLACK = 10;

/**
 * True when a paragraph is dense in appeal words: "we", "our journalism", "donate", "support".
 * Quoted speech is not the publisher talking: a paragraph that opens with a quote mark is never an
 * appeal, and quoted stretches are blanked before counting ("“Our nation is torn,” she said").
 * @example isAppeal("Please donate today: our journalism depends on readers like you.", 10) // true
 */
export function isAppeal(text: string, words: number): boolean {
  if (words > APPEAL_MAX_WORDS || OPENS_WITH_QUOTE.test(text) || ATTRIBUTION.test(text)) return false;
  let tokens = 0;
  let hits = 0;
  const actions = new Set<string>();
  for (const m of text.replace(QUOTED, " ").matchAll(APPEAL_TOKEN)) {
    tokens++;
    // "US" the country is no "us"; acronyms never count.
    if (m[0] !== m[0].toUpperCase() || m[0].length === 1) {
      const w = m[0].toLowerCase();
      if (APPEAL_ACTIONS.has(w)) {
        actions.add(w);
        hits++;
      } else if (APPEAL_WORDS.has(w)) hits++;
    }
  }
  return (
    actions.size >= APPEAL_MIN_ACTIONS &&
    hits >= APPEAL_MIN_HITS &&
    hits / Math.max(tokens, 1) >= APPEAL_MIN_SHARE
  );
}

function isKicker(text: string, words: number): boolean {
  if (words > KICKER_MAX_WORDS) return false;
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters < 4) return false;
  const upper = text.match(UPPER)?.length ?? 0;
  return upper / letters >= KICKER_MIN_UPPER_SHARE;
}

/** At most this many short non-boilerplate lines in a row are swallowed between boilerplate lines. */
const TRAILING_MAX_FILLER_RUN = 3;

/** Removed lines with these reasons are page furniture that marks the tail. */
const TAIL_REASONS: ReadonlySet<string> = new Set([
  "boilerplate",
  "navigation",
  "comment-form",
  "teaser",
  "disclaimer",
]);

interface TailVerdict {
  reason: Unit["reason"];
  rule: string;
}

/**
 * Removes the trailing region of page furniture after the article.
 * @example stripTrailing(draft) // mission block + "Donate" + "Next Post" teaser → removed
 */
export function stripTrailing(draft: Draft): void {
  const units = draft.units;
  const n = units.length;
  if (n === 0) return;
  const titleKey = draft.title ? foldText(draft.title) : null;
  const titleLen = draft.title?.length ?? 0;
  let openingKey: string | null = null;
  for (const u of units) {
    if (u.state === "body" && u.text.length >= OPENING_PREFIX_CHARS * 2) {
      openingKey = foldText(u.text).slice(0, OPENING_PREFIX_CHARS);
      break;
    }
  }
  const totalChars = units.reduce((a, u) => a + u.text.length, 0);

  // Blocks that repeat the title or the opening in the second half are teasers as a whole.
  const verdicts: (TailVerdict | null)[] = new Array(n).fill(null);
  const teaserBlocks = new Set<number>();
  // Lines per blank-line block: in single-newline text the whole page is one block, and a block
  // that large is never one teaser.
  const blockSize = new Map<number, number>();
  for (const u of units) blockSize.set(u.block, (blockSize.get(u.block) ?? 0) + 1);
  let seenChars = 0;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    seenChars += u.text.length;
    const inSecondHalf = seenChars > totalChars / 2;
    if (!inSecondHalf || u.state !== "body") continue;
    // Length checks first: folding every line of a long page is the slow part.
    let repeats = false;
    if (titleKey && Math.abs(u.text.length - titleLen) <= TITLE_LENGTH_SLACK)
      repeats = foldText(u.text) === titleKey;
    if (!repeats && openingKey && u.text.length >= OPENING_PREFIX_CHARS) {
      const key = foldText(u.text.slice(0, OPENING_PREFIX_CHARS * 2));
      repeats = key.startsWith(openingKey) && repeatsEarlier(units, i, key);
    }
    if (repeats) {
      if ((blockSize.get(u.block) ?? 0) <= TEASER_BLOCK_MAX_LINES) teaserBlocks.add(u.block);
      else verdicts[i] = { reason: "teaser", rule: "teaser-repeat" };
    }
    if (isTeaserHeader(u.text, u.words)) {
      // The lines right after "Next Post" are the other post's title and opening.
      let taken = 0;
      for (let j = i + 1; j < n && taken < TEASER_FOLLOWERS; j++) {
        if (units[j].state !== "body") continue;
        if (matchBoilerplate(units[j].text, true, units[j].words)) break;
        verdicts[j] = { reason: "teaser", rule: "teaser-block" };
        taken++;
        if (units[j].words > TRAILING_MAX_FILLER_WORDS) break;
      }
    }
  }

  let regionStart = -1;
  let junkAfter = false;
  let fillerRun = 0;
  for (let i = n - 1; i >= 0; i--) {
    const u = units[i];
    if (u.state === "removed") {
      if (TAIL_REASONS.has(u.reason ?? "") && !INLINE_RULES.has(u.rule ?? "")) junkAfter = true;
      continue;
    }
    if (u.state !== "body") continue;
    const verdict = verdicts[i] ?? judgeTail(u, teaserBlocks);
    if (verdict) {
      verdicts[i] = verdict;
      regionStart = i;
      junkAfter = true;
      fillerRun = 0;
      continue;
    }
    // Filler is swallowed only between boilerplate lines: the tail must end in boilerplate, so an
    // article's own short closing line after an inline widget stays.
    // A long run of short lines is a table or a list (a scoreboard, a recipe), not filler.
    if (junkAfter && u.words <= TRAILING_MAX_FILLER_WORDS && ++fillerRun <= TRAILING_MAX_FILLER_RUN) continue;
    break;
  }
  if (regionStart < 0) return;
  for (let i = regionStart; i < n; i++) {
    const u = units[i];
    if (u.state !== "body") continue;
    const v = verdicts[i];
    removeUnit(u, v?.reason ?? "boilerplate", v?.rule ?? "trailing-region");
  }
}

function repeatsEarlier(units: readonly Unit[], at: number, key: string): boolean {
  for (let i = 0; i < at; i++) {
    if (foldText(units[i].text).startsWith(key.slice(0, OPENING_PREFIX_CHARS))) return true;
  }
  return false;
}

function judgeTail(u: Unit, teaserBlocks: ReadonlySet<number>): TailVerdict | null {
  if (teaserBlocks.has(u.block)) return { reason: "teaser", rule: "teaser-repeat" };
  const rule = matchBoilerplate(u.text, true, u.words);
  if (rule) return { reason: rule.reason, rule: rule.rule };
  if (isKicker(u.text, u.words)) return { reason: "boilerplate", rule: "caps-kicker" };
  if (isAppeal(u.text, u.words)) return { reason: "boilerplate", rule: "publisher-appeal" };
  return null;
}
