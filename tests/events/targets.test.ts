/**
 * Targets: who an event is aimed at, by general rules (not by the wording of any one sentence).
 */
import { describe, expect, it } from "vitest";
import { partyCode } from "../../src/eval/suites/plover.ts";
import { brief, code } from "./helpers.ts";

describe("targets: events that have none", () => {
  it("resigning is aimed at nobody, even with a country named after it", () => {
    expect(
      brief(code("Anna Kowal resigned on Friday to clear the way for early elections in Poland.")),
    ).toEqual(["POL>- RETREAT 087 asserted"]);
    const agreed = brief(code("Sergei Lavrenko has agreed to step down without going back to Russia."));
    expect(agreed[0]).toMatch(/^RUS>- /);
  });
});

describe("targets: a threat takes the target of the act it threatens", () => {
  it("an offer to impose martial law is a threat against the country at home", () => {
    const r = brief(
      code("The Polish government said that it is ready to impose martial law as riots spread."),
    );
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
    const r = brief(
      code("Crews from Poland in a long dispute, angry for months, blocked the port of Warsaw."),
    );
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
    expect(
      brief(code("Russian troops opened fire near the river.")).every((e) => !e.startsWith("RUS>RUS")),
    ).toBe(true);
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

describe("targets: the actor inside the pattern's own noun", () => {
  it("'expelled the Russian ambassador' is aimed at Russia", () => {
    expect(brief(code("Poland expelled the Russian ambassador on Tuesday."))[0]).toBe(
      "POL>RUS SANCTION 164 asserted",
    );
  });

  it("the source's own side inside the pattern is no target", () => {
    expect(brief(code("Russia recalled the Russian ambassador for consultations."))).toEqual([]);
  });
});

describe("sources: a possessive before a sector noun stands for its owner", () => {
  it("'Russia said its troops had shelled X' has Russia's military as source", () => {
    const r = code("Russia said on Monday that its troops had shelled Kyiv overnight.");
    expect(brief(r)[0]).toBe("RUS>UKR ASSAULT 194 asserted");
    expect(r.events[0]?.source.sector).toBe("MIL");
  });
});

describe("sources: police named without a country in a passive", () => {
  it("'was arrested by police' in a country: that country's police", () => {
    const r = code("Anna Kowal was arrested by police in Warsaw on Friday.");
    expect(brief(r)[0]).toBe("POL>POL COERCE 173 asserted");
    expect(r.events[0]?.source.sector).toBe("COP");
  });

  it("other countryless agents stay unknown ('by gunmen')", () => {
    expect(brief(code("Anna Kowal was attacked by gunmen in Warsaw on Friday."))[0] ?? "").not.toMatch(
      /^POL>/,
    );
  });
});

describe("scoring: a non-governmental organisation without a country", () => {
  it("counts as NGO", () => {
    expect(partyCode({ actor: "org:x", country: null, sector: "NGO" })).toBe("NGO");
    expect(partyCode({ actor: "org:y", country: "GBR", sector: "NGO" })).toBe("GBR");
  });
});

describe("targets: demonyms inside the pattern, go-betweens, international bodies", () => {
  it("'seized three Ukrainian fishing boats' targets Ukraine", () => {
    expect(brief(code("The Russian navy seized three Ukrainian fishing boats near the strait."))[0]).toBe(
      "RUS>UKR COERCE 171 asserted",
    );
  });

  it("'returned Russian prisoners through the Red Cross': the go-between is no target", () => {
    expect(brief(code("Ukraine returned 50 Russian prisoners through the Kazakhstan embassy."))[0]).toBe(
      "UKR>RUS RETREAT 084 asserted",
    );
  });

  it("an international body as target is not replaced by the domestic convention", () => {
    const r = code("Poland expelled all Mira Tanaka staff from the country.");
    expect(r.events[0]?.target?.sector).toBe("IGO");
    expect(r.events[0]?.target?.country).toBeNull();
  });
});

describe("sources: a person described by an appositive acts for the body it names", () => {
  it("'X, the Danube Commission's coordinator, demanded' is the commission's demand", () => {
    const r = code(
      "Kenji Arata, the Danube Commission's river coordinator, demanded that Poland open the locks.",
    );
    expect(r.events[0]?.source.actor).toBe("person:kenji-arata");
    expect(r.events[0]?.source.sector).toBe("IGO");
  });

  it("an unknown two-word name with an appositive naming a country takes that country", () => {
    expect(brief(code("Jan Nowak, the Polish deputy foreign minister, condemned Russia on Monday."))[0]).toBe(
      "POL>RUS ACCUSE 111 asserted",
    );
  });

  it("an appositive that names only a place says nothing about whom one acts for", () => {
    expect(code("Officials, speaking in Warsaw, condemned Russia on Monday.").events).toEqual([]);
  });

  it("'This, together with …' is no name", () => {
    const r = brief(
      code("This, together with a promise from Germany, is an unacceptable demand for Russia."),
    );
    expect(r.some((e) => e.startsWith("DEU>"))).toBe(false);
  });
});

describe("sources: protesters in 'the capital city of X'", () => {
  it("take X's country", () => {
    expect(brief(code("About 300 farmers blocked roads in the capital city of Warsaw on Monday."))[0]).toBe(
      "POL>POL PROTEST 144 asserted",
    );
  });
});
