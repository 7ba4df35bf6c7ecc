/**
 * Checks an actor registry folder and prints every problem as file:line, then a short census.
 * Exit code 1 when there are problems, so CI can run it.
 *
 *   node --import tsx scripts/validate-registry.ts            # the shipped data/actors
 *   node --import tsx scripts/validate-registry.ts some/dir   # another registry folder
 */
import { resolve } from "node:path";
import { loadRegistry } from "../src/actors/index.ts";

const dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
const { registry, problems } = loadRegistry(dir);
for (const p of problems) console.error(p);
let roles = 0;
let current = 0;
for (const person of registry.people.values()) {
  roles += person.roles.length;
  if (person.roles.some((r) => r.end === null)) current++;
}
console.log(
  `${problems.length} problem(s); ${registry.countries.size} countries, ${registry.places.length} place surfaces, ` +
    `${registry.people.size} people with ${roles} roles (${current} holding an open-ended role), ${registry.titles.size} role titles`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
