/**
 * Lookups for other layers, over the same registry the stage uses: a place or IGO by its surface,
 * a person by name on a date.
 */

import { foldKey, tokenizeWords } from "../nlp/index.ts";
import type { Actor } from "../record.ts";
import { getIndex } from "./gazetteer.ts";
import { resolveAmbiguity } from "./resolve-ambiguity.ts";
import { roleAt } from "./role-at-date.ts";

/** A leading article and a trailing possessive do not change the place ("the U.S.'s" → "U.S."). */
const LEADING_THE = /^the\s+/i;
const TRAILING_POSS = /['’]s$/;

/**
 * The state, IGO or seat of power a surface names, or null. Ambiguous surfaces ("Georgia", "Jordan",
 * "Brussels") resolve only when `context` (the sentence or article) carries the rule's cues; surfaces
 * that usually mean the country ("Washington", "Turkey") resolve unless the context says otherwise.
 * @example lookupPlace("Great Britain")?.id // "state:GBR"
 * @example lookupPlace("Israeli")?.id // "state:ISR"; lookupPlace("the Pentagon")?.sector // "MIL"
 */
export function lookupPlace(surface: string, context?: string): Actor | null {
  const index = getIndex();
  const cleaned = surface.trim().replace(LEADING_THE, "").replace(TRAILING_POSS, "");
  const entries = index.placeBySurface.get(foldKey(cleaned));
  if (!entries || entries.length === 0) return null;
  // "US" must be written in capitals; "us" is a pronoun.
  const usable = entries.filter(
    (e) => !e.acronym || cleaned.replace(/\./g, "") === cleaned.replace(/\./g, "").toUpperCase(),
  );
  const entry = usable[0];
  if (!entry) return null;
  if (!entry.ambiguous) return entry.actor;
  const rule = index.registry.ambiguity.get(entry.ambiguous);
  const picked = rule ? resolveAmbiguity(rule, context ?? "") : null;
  if (!picked) return null;
  if (picked === entry.actor.id) return entry.actor;
  for (const p of index.registry.places) if (p.actor.id === picked) return p.actor;
  return null;
}

/**
 * A registry person by full name or distinctive short form, with the role they held on `date`
 * (ISO yyyy-mm-dd; without it, the most recent role). Middle initials are ignored ("Vladimir V. Putin").
 * Returns null for unknown names and for a short form shared by several registry people.
 * @example lookupPerson("Angela Merkel", "2014-03-02")?.role // "chancellor"
 * @example lookupPerson("Merkel", "2023-05-01")?.role // "former chancellor"
 */
export function lookupPerson(name: string, date?: string): Actor | null {
  const index = getIndex();
  const t = tokenizeWords(name.trim());
  const keys: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const initial = t.end[i] - t.start[i] === 1;
    if (!(initial && i > 0 && i < t.count - 1)) keys.push(t.key[i]);
  }
  const people = index.personByName.get(keys.join(" "));
  if (!people || people.length === 0) return null;
  const distinct = new Set(people.map((p) => p.id));
  if (distinct.size !== 1) return null;
  const person = people[0];
  const dated = roleAt(person, date ? { date, earliest: null, latest: null, basis: "explicit" } : null);
  const span = dated?.span ?? null;
  return {
    id: person.id,
    name: person.name,
    kind: "person",
    country: span?.country ?? null,
    sector: span?.sector ?? null,
    role: span ? (dated?.former ? `former ${span.role}` : span.role) : null,
  };
}
