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
  SOURCE_NOTE,
  SOURCE_NOTE_MAX_WORDS,
  WIRE_DATELINE,
} from "./cues.ts";
import { type Draft, removeUnit } from "./draft.ts";

/** Datelines count only in the first lines of the body. */
const DATELINE_BODY_UNITS = 2;
/** "Source: …" notes are short and sit near the start or the end. */
const NOTE_EDGE_SHARE = 0.25;

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
    const nearEdge = k < n * NOTE_EDGE_SHARE || k >= n * (1 - NOTE_EDGE_SHARE);
    if (nearEdge && u.words <= SOURCE_NOTE_MAX_WORDS) {
      const m = SOURCE_NOTE.exec(u.text);
      if (m) {
        const name = canonicalOutlet(m[1]) ?? m[1].trim();
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
    if (u.state !== "body") continue;
    CITATION.lastIndex = 0;
    for (const m of u.text.matchAll(CITATION)) {
      const name = canonicalOutlet(m[1]);
      if (name) addCited(draft, name);
    }
  }
}
