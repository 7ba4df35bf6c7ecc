/**
 * Precision guards found on real news: each case is a general cause of a wrong asserted event, written
 * in our own sentences with the same trap.
 */
import { describe, expect, it } from "vitest";
import { brief, code } from "./helpers.ts";

const asserted = (r: ReturnType<typeof code>) => r.events.filter((e) => e.modality === "asserted");

describe("events precision: who is the source", () => {
  it("an actor after a preposition is not the subject ('cavalier about Polish power')", () => {
    const r = code("Commentators who are naive about Polish military power are far too willing to believe Lavrenko.");
    expect(r.events.filter((e) => e.source.country === "POL")).toEqual([]);
  });

  it("a passive participle inside a claim takes no agent from a later passive ('… was raised by X')", () => {
    const r = code(
      "The Kremlin's claim that Kazakhstan is threatened with unrest was raised by Kowal during a long phone call to Lavrenko.",
    );
    expect(r.events.filter((e) => e.category === "THREATEN" && e.source.country === "POL")).toEqual([]);
    // The call itself is reported as fact: the passive agent made it.
    expect(brief(r)).toContain("POL>RUS CONSULT 040 asserted");
  });

  it("'he' points back to a person (the speaker of the previous sentence), never to a state", () => {
    const r = code(
      'On Monday, as Kazakhstan urged its citizens to leave Ukraine, Lavrenko said at a briefing in Moscow that Russia wanted calm. "Still," he insisted, "the status of the border must be settled now."',
    );
    const insisted = r.events.filter((e) => e.evidence === "insisted");
    expect(insisted.length).toBe(1);
    expect(insisted[0]?.source.actor).toBe("person:sergei-lavrenko");
  });

  it("support received 'from' someone runs from the giver to the receiver", () => {
    expect(brief(code("Kowal got strong support from Berlin for her plan."))).toEqual(["DEU>POL SUPPORT 050 asserted"]);
    expect(brief(code("Lavrenko has won firm backing from Kazakhstan."))).toEqual(["KAZ>RUS SUPPORT 050 asserted"]);
  });

  it("a generic 'you' subject names no actor, and a long if-clause is hypothetical throughout", () => {
    const r = code("Of course, if you grew up in Kazakhstan and have criticised Lavrenko, he looks frightening.");
    expect(asserted(r)).toEqual([]);
    expect(r.events.filter((e) => e.source.country === "KAZ")).toEqual([]);
  });

  it("a noun after a prefixed modifier is no verb ('anti-government protests'), and moved troops are their country's", () => {
    const r = code("Russian troops were sent to Kazakhstan to restore order after violent anti-government protests.");
    expect(brief(r)).toEqual(["RUS>KAZ MOBILIZE 152 asserted"]);
  });

  it("an expletive 'it' gives no source ('how costly it would be to rebuff X')", () => {
    const r = code("Lavrenko warned that the West still failed to see how costly it would be to rebuff Ukraine's demands.");
    expect(r.events.filter((e) => e.category === "REJECT" && e.source.country !== null)).toEqual([]);
  });
});

describe("events precision: modality", () => {
  it("an assumption or an open question is hypothetical", () => {
    expect(asserted(code("Diplomats should be careful not to assume Russia is so weak that it is ready to sign a deal."))).toEqual(
      [],
    );
    expect(asserted(code("Nobody in Warsaw knows whether Lavrenko is prepared to accept the offer."))).toEqual([]);
  });

  it("a present-tense verb in a time clause is still to come ('when they meet on Friday')", () => {
    const r = code("Some hope for progress when Polish diplomats meet with Lavrenko on Friday.");
    expect(r.events.length).toBeGreaterThan(0);
    expect(asserted(r)).toEqual([]);
  });

  it("'ended talks' is asserted; a later 'would meet again' governs only its own clause", () => {
    const r = code(
      "Polish and Ukrainian delegations ended three days of border talks in Warsaw on Monday without a deal, but both sides said they would meet again soon.",
    );
    const talks = r.events.filter((e) => e.evidence === "talks");
    expect(talks.map((e) => `${e.source.country}>${e.target?.country} ${e.modality}`).sort()).toEqual([
      "POL>UKR asserted",
      "UKR>POL asserted",
    ]);
  });

  it("a participle after a noun is no offer ('training offered to their sons')", () => {
    const r = code("Russian mothers complain about the poor training offered to their sons.");
    expect(r.events.filter((e) => e.category === "AGREE")).toEqual([]);
  });

  it("still codes a real agreement to a proposal", () => {
    expect(brief(code("Lavrenko agreed to a Polish proposal for border monitors."))[0]).toMatch(/^RUS>POL AGREE 030 asserted/);
  });
});

describe("events coverage: codes added from the CAMEO definitions", () => {
  it("codes verbal attacks, exchanges of fire and demands for a truce", () => {
    expect(brief(code("Kowal lashed out at Moscow over the gas cuts."))).toEqual(["POL>RUS ACCUSE 111 asserted"]);
    expect(brief(code("Polish and Russian border guards exchanged fire with each other on Sunday."))).toEqual([
      "POL>RUS ASSAULT 193 asserted",
      "RUS>POL ASSAULT 193 asserted",
    ]);
    expect(brief(code("Poland demanded an immediate ceasefire in Ukraine."))).toEqual(["POL>UKR REQUEST 1056 asserted"]);
    expect(brief(code("Russia called up reservists on Monday."))).toEqual(["RUS>- MOBILIZE 154 asserted"]);
  });
});

describe("events precision: more sources and voices", () => {
  it("in an opinion piece, 'the US' is a country, not the author's 'us'", () => {
    const r = code("On Monday the US welcomed talks, and Kowal praised Lavrenko for his patience.", { genre: "opinion" });
    expect(r.events.some((e) => e.modality === "asserted")).toBe(true);
  });

  it("a gerund's subject is the actor right before it ('claims of Russian troops withdrawing')", () => {
    const r = code("Poland has not yet verified claims of Russian troops withdrawing from the border.");
    expect(r.events.map((e) => `${e.source.country} ${e.category} ${e.modality}`)).toEqual(["RUS RETREAT claimed"]);
  });

  it("talks the subject emerged from are the subject's talks", () => {
    const r = code("After a senior Polish diplomat emerged from two days of tense talks with Ukraine, he spoke to reporters.");
    expect(brief(r).sort()).toEqual(["POL>UKR CONSULT 040 asserted", "UKR>POL CONSULT 040 asserted"]);
  });

  it("a possessed plural 'demands' is the possessor's demand", () => {
    expect(brief(code("Moscow's demands looked impossible to meet."))).toEqual(["RUS>- REQUEST 100 asserted"]);
  });
});

describe("events precision: coordinated clauses", () => {
  it("a second actor after 'and', right before the verb, is that verb's subject", () => {
    const r = code("Poland stays calm at home and Russian troops continue to occupy parts of Ukraine.");
    expect(r.events.map((e) => `${e.source.country}/${e.source.sector}>${e.target?.country}`)).toEqual(["RUS/MIL>UKR"]);
    expect(brief(code("Russia shelled Kyiv overnight and Ukraine attacked a Russian depot."))).toContain(
      "UKR>RUS ASSAULT 180 asserted",
    );
    // An object list is no new subject: Kazakhstan did not attack anyone here.
    const r2 = code("Russian troops shelled Kyiv and Kazakhstan and attacked a Polish convoy.");
    expect(r2.events.filter((e) => e.source.country === "KAZ")).toEqual([]);
  });
});
