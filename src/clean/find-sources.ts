/**
 * Where the text came from. A repost or rewrite names its original: a "Source: Outlet" line (removed
 * as source-note), a wire dateline "(Outlet) —" opening the article, or the same dateline in a
 * teaser of the same story at the end of the page. A citation is different: "From the LA Times:"
 * introducing an excerpt, or "told CNN", names a cited source and the line stays in the body.
 * Outlet names are made canonical through data/clean/outlets.json.
 * Known failures: an unknown outlet in a dateline is not read (only known outlets are trusted
 * there); "Source: a senior official" lines are read as an outlet name.
 */
import {
  CITATION,
  canonicalOutlet,
  EXCERPT_INTRO,
  OUTLET_HINT,
  SOURCE_NOTE,
  SOURCE_NOTE_MAX_WORDS,
  SOURCE_NOTE_NAME_MAX_WORDS,
  SOURCE_NOTE_TRIM,
  WIRE_DATELINE,
} from "./cues.ts";
import { type Draft, removeUnit, wordCount } from "./draft.ts";

/** Datelines count only in the first lines of the body. */
const DATELINE_BODY_UNITS = 2;
/** Every word capitalised (small linking words allowed): "The Kyiv Independent", "FiveThirtyEight". */
const NAME_LIKE = /^(?:(?:the|of|and|for|on|de|la|&)\s+|[\p{Lu}\d][\p{L}\d.'’&-]*(?:\s+|$))+$/u;
/** "Source: …" notes are short and sit near the start or the end. */
const NOTE_EDGE_SHARE = 0.25;
/** …and in short texts, the first and last two lines. */
const NOTE_EDGE_MIN_LINES = 2;

function addCited(draft: Draft, name: string): void {
  if (!draft.citedSources.includes(name)) draft.citedSources.push(name);
}

/**
 * Fills originalSource and citedSources; removes source notes.
 * @example findSources(draft) // "Source: NYT" → originalSource "The New York Times", line removed
 */
export function findSources(draft: Draft): void {
  const units = draft.units;
  // Edges are measured over the article's lines only: a long comment thread must not push a
  // "Source:" line out of the end zone.
  const bodyAt: number[] = [];
  for (let i = 0; i < units.length; i++) if (units[i].state === "body") bodyAt.push(i);
  const n = bodyAt.length;
  for (let k = 0; k < n; k++) {
    const u = units[bodyAt[k]];
    const edge = Math.max(NOTE_EDGE_MIN_LINES, n * NOTE_EDGE_SHARE);
    const nearEdge = k < edge || k >= n - edge;
    if (nearEdge && u.words <= SOURCE_NOTE_MAX_WORDS) {
      const m = SOURCE_NOTE.exec(u.text);
      const named = m ? m[1].replace(SOURCE_NOTE_TRIM, "").trim() : "";
      const known = m ? canonicalOutlet(named) : null;
      // An unknown outlet must look like a name: short, capitalised ("Source: Example Gazette"), not
      // a sentence ("Source: officials expect a report this week") or a chart credit.
      if (m && (known || (wordCount(named) <= SOURCE_NOTE_NAME_MAX_WORDS && NAME_LIKE.test(named)))) {
        const name = known ?? named;
        removeUnit(u, "source-note", "source-note");
        if (!draft.originalSource) draft.originalSource = name;
        continue;
      }
    }
    const intro = EXCERPT_INTRO.exec(u.text);
    if (intro) {
      const name = canonicalOutlet(intro[1]);
      if (name) addCited(draft, name);
    }
  }

  // Wire datelines: the article's opening, else a teaser of the same story.
  if (!draft.originalSource) {
    let seen = 0;
    for (const u of units) {
      if (u.state !== "body" || seen++ >= DATELINE_BODY_UNITS) continue;
      const m = WIRE_DATELINE.exec(u.text);
      if (m) {
        draft.originalSource = canonicalOutlet(m[1]);
        break;
      }
    }
  }
  if (!draft.originalSource) {
    for (const u of units) {
      if (u.state !== "removed" || u.reason !== "teaser") continue;
      const m = WIRE_DATELINE.exec(u.text);
      if (m) {
        draft.originalSource = canonicalOutlet(m[1]);
        break;
      }
    }
  }
  if (draft.originalSource) addCited(draft, draft.originalSource);

  for (const u of units) {
    if (u.state !== "body" || !OUTLET_HINT.test(u.text)) continue;
    CITATION.lastIndex = 0;
    for (const m of u.text.matchAll(CITATION)) {
      const name = canonicalOutlet(m[1]);
      if (name) addCited(draft, name);
    }
  }
}
