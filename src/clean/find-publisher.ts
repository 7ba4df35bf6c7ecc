/**
 * Who published THIS copy. Evidence, strongest first: the container's publisher, the page's site
 * name, a " | Site" title suffix, an appeal or disclaimer naming the site ("Sign up for the free
 * Site Daily newsletter", "At Site, we …", "Site neither endorses …"), a byline "for <blog>" mapped
 * to its parent, and last a reader comment naming "a site called Site". Names are made canonical
 * through data/clean/outlets.json. Cue patterns live in data/clean/sources.json.
 * Known failure: an appeal quoting another outlet's newsletter names that outlet.
 */
import { canonicalOutlet, PUBLISHER_CUES } from "./cues.ts";
import type { Draft } from "./draft.ts";

/** Body lines this close to either end are read for site names too. */
const EDGE_LINES = 3;

/**
 * Collects publisher clues from lines and comments and picks the strongest; null when none.
 * @example findPublisher(draft) // "At Example Daily, we answer to readers." → "Example Daily"
 */
export function findPublisher(draft: Draft): string | null {
  // Appeals and disclaimers naming the site are removed lines, or the first and last body lines.
  const units = draft.units;
  let firstBody = units.findIndex((u) => u.state === "body");
  if (firstBody < 0) firstBody = units.length;
  let lastBody = -1;
  for (let i = units.length - 1; i >= 0; i--) {
    if (units[i].state === "body") {
      lastBody = i;
      break;
    }
  }
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.state === "comment") continue;
    if (u.state === "body" && i - firstBody >= EDGE_LINES && lastBody - i >= EDGE_LINES) continue;
    for (const cue of PUBLISHER_CUES) {
      if (cue.where !== "text") continue;
      const m = cue.re.exec(u.text);
      if (m) draft.publisherClues.push({ name: m[1].trim(), rank: cue.rank, rule: cue.rule });
    }
  }
  for (const c of draft.comments) {
    for (const cue of PUBLISHER_CUES) {
      if (cue.where !== "comments") continue;
      const m = cue.re.exec(c.text);
      if (m) draft.publisherClues.push({ name: m[1].trim(), rank: cue.rank, rule: cue.rule });
    }
  }
  if (draft.publisherClues.length === 0) return null;
  // Lowest rank wins; among equals, the name seen most often, then the first seen.
  const best = Math.min(...draft.publisherClues.map((c) => c.rank));
  const counts = new Map<string, number>();
  for (const c of draft.publisherClues) {
    if (c.rank !== best) continue;
    const name = canonicalOutlet(c.name) ?? c.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let winner: string | null = null;
  let top = 0;
  for (const [name, count] of counts) {
    if (count > top) {
      winner = name;
      top = count;
    }
  }
  if (winner) {
    const rules = [...new Set(draft.publisherClues.filter((c) => c.rank === best).map((c) => c.rule))];
    draft.messages.push({ stage: "clean", rule: "publisher", reason: `${winner} from ${rules.join(", ")}` });
  }
  return winner;
}
