/**
 * Picks the registry role that describes a person on the article's date: "Merkel" in a 2014 article is
 * chancellor; in a 2023 article she is "former chancellor". Without any date the most recent role is used
 * as is (no "former"), and the caller adds a message saying so.
 */
import type { PublishedDate } from "../record.ts";
import { dayOf, type PersonEntry, type RoleSpan } from "./registry.ts";

export interface DatedRole {
  span: RoleSpan;
  former: boolean;
  basis: "date" | "range" | "undated";
}

function covers(span: RoleSpan, from: string, to: string): boolean {
  const s = dayOf(span.start, "start");
  const e = span.end ? dayOf(span.end, "end") : "9999-12-31";
  return s <= to && e >= from;
}

/**
 * The role of `person` on `published` (date, else earliest–latest range), or null when the registry has
 * none yet on that date. Among several current roles the first listed in the data file wins, so files
 * list a person's main office first.
 * @example roleAt(merkel, { date: "2023-05-01", ... }) // { span: chancellor 2005–2021, former: true, basis: "date" }
 */
export function roleAt(person: PersonEntry, published: PublishedDate | null): DatedRole | null {
  if (person.roles.length === 0) return null;
  const date = published?.date ?? null;
  const from = date ?? published?.earliest ?? published?.latest ?? null;
  const to = date ?? published?.latest ?? published?.earliest ?? null;
  if (from === null || to === null) {
    let latest = person.roles[0];
    for (const r of person.roles) if (dayOf(r.start, "start") > dayOf(latest.start, "start")) latest = r;
    // A current office (no end) beats a later-starting one that ended: the person still holds it.
    const open = person.roles.find((r) => r.end === null);
    return { span: open ?? latest, former: false, basis: "undated" };
  }
  const f = dayOf(from, "start");
  const t = dayOf(to, "end");
  const basis = date ? "date" : "range";
  for (const r of person.roles) if (covers(r, f, t)) return { span: r, former: false, basis };
  let lastEnded: RoleSpan | null = null;
  for (const r of person.roles) {
    if (
      r.end &&
      dayOf(r.end, "end") < f &&
      (!lastEnded || dayOf(r.end, "end") > dayOf(lastEnded.end ?? "", "end"))
    )
      lastEnded = r;
  }
  return lastEnded ? { span: lastEnded, former: true, basis } : null;
}
