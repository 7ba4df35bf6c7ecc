/**
 * The events stage behind the real actors and quotes stages: places that are no actors, protests at
 * embassies, and conditional threats, on short reports written for these tests.
 */
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../../src/pipeline.ts";
import { textDocument } from "../../src/record.ts";

function events(body: string): string[] {
  const doc = textDocument("test://events-e2e", `Test Report\n\nMarch 2, 2022\n\n${body}`);
  return analyzeDocument(doc).events.map(
    (e) => `${e.source.country ?? "-"}>${e.target?.country ?? "-"} ${e.category} ${e.modality}`,
  );
}

describe("events with the real actors stage", () => {
  it("an attack on a city is an attack on the city's country", () => {
    expect(events("Russian artillery shelled the northern districts of Kharkiv overnight.")).toContain(
      "RUS>UKR ASSAULT asserted",
    );
  });

  it("a protest outside an embassy is aimed at the embassy's country, by people of the city", () => {
    expect(events("Hundreds of students rallied outside the Russian embassy in Warsaw on Sunday.")).toContain(
      "POL>RUS PROTEST asserted",
    );
  });

  it("'If X invades, we will impose costs', said by a government, is its threat against X", () => {
    const got = events("“If Russia invades Ukraine, we will impose severe costs on Moscow,” Joe Biden said.");
    expect(got).toContain("USA>RUS THREATEN asserted");
    expect(got.filter((e) => e.includes("ASSAULT"))).toEqual(["RUS>UKR ASSAULT hypothetical"]);
  });

  it("the condition's subject is the target of a conditional act reported by others", () => {
    expect(
      events("If Russia invades, the United States will impose severe economic costs, the official warned."),
    ).toContain("USA>RUS SANCTION hypothetical");
  });

  it("a city is never a side of talks or a source: 'the Geneva talks' are only where they happened", () => {
    const got = events("Ryabkov, who led the delegation at the Geneva talks, flew home on Friday.");
    expect(got.some((e) => e.startsWith("CHE>") || e.includes(">CHE CONSULT"))).toBe(false);
  });

  it("'Russian artillery shelled' is a verb after an armed actor, not a noun compound", () => {
    expect(events("Russian artillery shelled Mariupol again on Tuesday.")).toContain(
      "RUS>UKR ASSAULT asserted",
    );
  });

  it("shooting down another side's missiles is force against that side", () => {
    expect(events("Ukrainian air defences shot down three Russian drones near Odesa.")).toContain(
      "UKR>RUS ASSAULT asserted",
    );
  });

  it("a state energy company acts for its country", () => {
    expect(events("Gazprom threatened to halt gas deliveries to Bulgaria.")).toContain(
      "RUS>BGR THREATEN asserted",
    );
  });

  it("armed men no actor names, attacking in a place, are an armed group of that country", () => {
    expect(events("Gunmen attacked a bus depot in northern Kenya, wounding four guards.")).toContain(
      "KEN>KEN ASSAULT asserted",
    );
    expect(events("Insurgents overran a police post in the east of Chad.")[0]).toMatch(/^TCD>/);
  });

  it("broader wording: understandings, vows of revenge, warnings of what a state will do", () => {
    expect(events("Peru and Chile reached an understanding on fishing rights.")).toContain(
      "PER>CHL AGREE asserted",
    );
    expect(events("Hezbollah vowed revenge for the strike on its convoy.")[0]).toMatch(/THREATEN asserted$/);
    expect(events("Hungary warned Austria it would block the new budget.")).toContain(
      "HUN>AUT THREATEN asserted",
    );
  });
});
