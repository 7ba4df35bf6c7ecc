import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/actors/index.ts";

const BAD = join(import.meta.dirname, "fixtures", "bad-registry");

describe("registry validation", () => {
  it("loads the shipped registry without a single problem", () => {
    const { registry, problems } = loadRegistry();
    expect(problems).toEqual([]);
    expect(registry.countries.size).toBeGreaterThan(190);
    expect(registry.people.size).toBeGreaterThan(400);
  });

  it("names file and line for every kind of error in a bad registry", () => {
    const { problems } = loadRegistry(BAD);
    const has = (re: RegExp) => problems.some((p) => re.test(p));
    expect(has(/countries\.tsv:5: duplicate country code RUS/)).toBe(true);
    expect(
      has(
        /people\/bad\.tsv:4: person:petr-two as president of RUS .* overlaps person:ivan-one \(.*bad\.tsv:3/,
      ),
    ).toBe(true);
    expect(has(/people\/bad\.tsv:5: unknown country code "XXX"/)).toBe(true);
    expect(
      has(/people\/bad\.tsv:6: role "defence minister" ends \(2009-01-01\) before it starts \(2010-05-01\)/),
    ).toBe(true);
    expect(has(/people\/bad\.tsv:7: unknown sector "GVO"/)).toBe(true);
    expect(has(/people\/bad\.tsv:8: duplicate id person:ivan-one/)).toBe(true);
    expect(has(/people\/bad\.tsv:9: expected a start date yyyy\[-mm\[-dd\]\], found "2015-13"/)).toBe(true);
  });
});
