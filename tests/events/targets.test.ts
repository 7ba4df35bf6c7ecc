/**
 * Targets: who an event is aimed at, by general rules (not by the wording of any one sentence).
 */
import { describe, expect, it } from "vitest";
import { partyCode } from "../../src/eval/suites/plover.ts";
import { brief, code } from "./helpers.ts";

describe("targets: events that have none", () => {
  it("resigning is aimed at nobody, even with a country named after it", () => {
    expect(brief(code("Anna Kowal resigned on Friday to clear the way for early elections in Poland."))).toEqual([
      "POL>- RETREAT 087 asserted",
    ]);
    const agreed = brief(code("Sergei Lavrenko has agreed to step down without going back to Russia."));
    expect(agreed[0]).toMatch(/^RUS>- /);
  });
});

describe("targets: a threat takes the target of the act it threatens", () => {
  it("an offer to impose martial law is a threat against the country at home", () => {
    const r = brief(code("The Polish government said that it is ready to impose martial law as riots spread."));
    expect(r[0]).toBe("POL>POL THREATEN 137 asserted");
  });
});

describe("targets: the subject behind an appositive, when the name runs on", () => {
  it("a long name the actors stage recognised only in part is still the subject of a later 'it'", () => {
    const r = brief(
      code(
        "The Polish Dockers' Union of Gdansk (PDU), the biggest harbour union, announced on Monday that it has called off a week-long strike.",
      ),
    );
    expect(r).toEqual(["POL>POL CONCEDE 083 asserted"]);
  });

  it("a lower-case phrase between the name and the comma is no name tail", () => {
    // "Poland's fleet of trawlers, idle for months, …": "fleet of trawlers" is not part of a name, so the
    // subject is not read through the appositive (the leftmost actor is still found in its own clause).
    const r = brief(code("Crews from Poland in a long dispute, angry for months, blocked the port of Warsaw."));
    expect(r.every((e) => !e.startsWith("POL>POL"))).toBe(true);
  });
});

describe("scoring: a person who acts for an intergovernmental body", () => {
  it("counts as IGO, as the codebooks code a secretary-general", () => {
    expect(partyCode({ actor: "person:x", country: null, sector: "IGO" })).toBe("IGO");
    expect(partyCode({ actor: "igo:UN", country: null, sector: "IGO" })).toBe("IGO");
    expect(partyCode({ actor: "person:y", country: null, sector: "GOV" })).toBeNull();
    expect(partyCode({ actor: "person:z", country: "FRA", sector: "IGO" })).toBe("FRA");
  });

  it("the events stage keeps the IGO sector on such a person's events", () => {
    const r = code("Washington rejected calls by Mira Tanaka to reform the council.");
    expect(r.events[0]?.target?.sector).toBe("IGO");
  });
});

describe("targets: police act at home", () => {
  it("police force with no named victim is aimed at the police's own country", () => {
    expect(brief(code("Polish police opened fire on a crowd of strikers near the shipyard."))[0]).toBe(
      "POL>POL ASSAULT 190 asserted",
    );
  });

  it("soldiers firing with no victim named get no home target (they often fight abroad)", () => {
    expect(brief(code("Russian troops opened fire near the river.")).every((e) => !e.startsWith("RUS>RUS"))).toBe(
      true,
    );
  });
});

describe("targets: forces that were moved, with no agent named", () => {
  it("'troops were pulled out of X': the troops withdraw from X", () => {
    expect(brief(code("Two hundred Polish troops were pulled out of Kazakhstan on Friday."))[0]).toBe(
      "POL>KAZ RETREAT 087 asserted",
    );
  });

  it("a release is done by the captors: released soldiers are not the source", () => {
    const r = brief(code("Ten Ukrainian soldiers were released from captivity in Russia."));
    expect(r.every((e) => !e.startsWith("UKR>"))).toBe(true);
  });
});
