/**
 * Coverage: common news verbs and nouns for each PLOVER category, in sentences written for these tests.
 * Each case is one pattern family a different article would also use, not the wording of an eval item.
 */
import { describe, expect, it } from "vitest";
import { brief, code } from "./helpers.ts";

/** [sentence, the first coded event as "SRC>TGT CATEGORY cameo modality"]. */
const CASES: Array<[string, string]> = [
  // ASSAULT and COERCE
  [
    "Russian troops recaptured the village from Ukraine after a week of fighting.",
    "RUS>UKR ASSAULT 190 asserted",
  ],
  ["Russian forces besieged Kyiv for a month.", "RUS>UKR COERCE 191 asserted"],
  ["Russian soldiers wounded three Ukrainian civilians near the river.", "RUS>UKR ASSAULT 18 asserted"],
  ["Russia annexed a strip of Ukraine in the spring.", "RUS>UKR COERCE 192 asserted"],
  ["Polish police dispersed protesters outside parliament in Warsaw.", "POL>POL ASSAULT 175 asserted"],
  // AID and COOPERATE
  ["Germany shipped medical supplies to Ukraine on Tuesday.", "DEU>UKR AID 073 asserted"],
  ["France deployed peacekeepers to Kazakhstan last year.", "FRA>KAZ AID 074 asserted"],
  ["Britain trained Ukrainian troops for months.", "GBR>UKR COOPERATE 062 asserted"],
  ["Russia swapped prisoners with Ukraine at the border.", "RUS>UKR COOPERATE 064 asserted"],
  // SUPPORT and CONSULT
  ["The United States struck a deal with Poland on gas.", "USA>POL SUPPORT 057 asserted"],
  ["Poland reaffirmed its support for Ukraine.", "POL>UKR SUPPORT 050 asserted"],
  ["Kazakhstan sided with Russia in the dispute.", "KAZ>RUS SUPPORT 050 asserted"],
  ["France brokered a ceasefire between Russia and Ukraine.", "FRA>RUS CONSULT 045 asserted"],
  ["Poland sat down with Ukraine for a second day.", "POL>UKR CONSULT 040 asserted"],
  // ACCUSE and REJECT
  ["Germany held Russia responsible for the poisoning.", "DEU>RUS ACCUSE 112 asserted"],
  ["Poland's criticism of Russia grew louder.", "POL>RUS ACCUSE 111 asserted"],
  ["France voted against Russia at the council.", "FRA>RUS REJECT 120 asserted"],
  ["Russia scrapped the treaty with the United States.", "RUS>USA REJECT 127 asserted"],
  // SANCTION and MOBILIZE
  ["Russia pulled out of talks with Ukraine.", "RUS>UKR SANCTION 165 asserted"],
  ["Ukraine broke off talks with Russia.", "UKR>RUS SANCTION 165 asserted"],
  ["The United States blacklisted Russian banks.", "USA>RUS SANCTION 163 asserted"],
  ["Poland withdrew its ambassador from Moscow.", "POL>RUS SANCTION 164 asserted"],
  ["Germany postponed talks with Russia.", "DEU>RUS SANCTION 160 asserted"],
  ["Russia amassed troops near Ukraine.", "RUS>UKR MOBILIZE 152 asserted"],
  ["Russia test-fired a new missile.", "RUS>- MOBILIZE 150 asserted"],
  // RETREAT, CONCEDE, PROTEST
  ["Russia lifted the blockade of Ukraine's ports.", "RUS>UKR RETREAT 0872 asserted"],
  ["Ukraine reopened its border to Poland.", "UKR>POL RETREAT 086 asserted"],
  ["Russia halted attacks on Kyiv over the weekend.", "RUS>UKR RETREAT 087 asserted"],
  ["Polish workers stopped work on Monday.", "POL>POL PROTEST 143 asserted"],
  // object-and-with frames, staged attacks, solidarity, suspended cooperation, sentencing
  ["Germany provided Ukraine with anti-tank weapons last spring.", "DEU>UKR AID 072 asserted"],
  ["France supplied Poland with fuel.", "FRA>POL AID 070 asserted"],
  ["Poland offered aid to Ukraine.", "POL>UKR AGREE 033 asserted"],
  ["Poland expressed solidarity with Ukraine.", "POL>UKR SUPPORT 050 asserted"],
  ["Ukraine suspended flights with Russia.", "UKR>RUS SANCTION 160 asserted"],
  ["Russian forces carried out raids on Kyiv.", "RUS>UKR ASSAULT 180 asserted"],
  ["Russia tried to assassinate the Ukrainian president.", "RUS>UKR ASSAULT 185 asserted"],
  ["Ukraine resisted pressure from Russia.", "UKR>RUS REJECT 120 asserted"],
  // repression of a gathering, a claimed attack, a seized industry
  ["Polish police broke up a rally of farmers in Warsaw.", "POL>POL ASSAULT 175 asserted"],
  ["Russia claimed responsibility for the strike on Kyiv.", "RUS>UKR ASSAULT 180 asserted"],
  ["The Polish government nationalized two private banks.", "POL>POL COERCE 171 asserted"],
  // the asked party first; inspectors with their body named
  ["Ukraine asked Poland for more help with refugees.", "UKR>POL REQUEST 023 asserted"],
  ["Russia allowed Polish inspectors into the plant.", "RUS>POL RETREAT 086 asserted"],
  // loans extended, candidates allowed to stand, proposals accepted, invitations, suspects handed over
  ["Germany extended a $2 billion loan to Ukraine.", "DEU>UKR AID 071 asserted"],
  ["Kazakhstan allowed opposition candidates to register for the vote.", "KAZ>KAZ CONCEDE 082 asserted"],
  ["Ukraine accepted a Polish proposal for a truce with Russia.", "UKR>POL AGREE 030 asserted"],
  ["Poland's president invited the Ukrainian leader to visit Warsaw.", "POL>UKR AGREE 036 asserted"],
  ["Poland handed over a suspected smuggler to Germany.", "POL>DEU COOPERATE 063 asserted"],
];

describe("coverage: one sentence per pattern family", () => {
  for (const [sentence, expected] of CASES) {
    it(sentence, () => {
      expect(brief(code(sentence))[0]).toBe(expected);
    });
  }
});

describe("coverage: longer patterns win over a short one with the same head", () => {
  it("'struck a deal' is an agreement, never an attack", () => {
    expect(brief(code("Ukraine struck an agreement with Poland.")).some((e) => e.includes("ASSAULT"))).toBe(
      false,
    );
  });

  it("'withdrew from the treaty' is a rejection, not a troop withdrawal", () => {
    expect(brief(code("Russia withdrew from the treaty with the United States."))[0]).toBe(
      "RUS>USA REJECT 127 asserted",
    );
  });

  it("'pulled out of talks' halts negotiations; 'pulled out of' a town is a retreat", () => {
    expect(brief(code("Russia pulled out of talks with Ukraine."))[0]).toMatch(/SANCTION 165/);
    expect(brief(code("Russian troops pulled out of Ukraine."))[0]).toMatch(/RETREAT 087/);
  });
});

describe("coverage: precision on the new words", () => {
  it("a noun subject that names no actor codes nothing ('The offer helped Russia …')", () => {
    expect(code("The offer helped Russia to save face.").events).toEqual([]);
  });

  it("a protest burning the embassy is not coded from a bare 'burned down' (no target, no victim)", () => {
    expect(code("Crowds burned down the old market in Warsaw.").events).toEqual([]);
  });

  it("a negated or hypothetical new verb keeps its modality", () => {
    expect(brief(code("Russia did not besiege Kyiv."))[0]).toBe("RUS>UKR COERCE 191 negated");
    expect(brief(code("If Russia annexed Ukraine, Poland would respond."))[0]).toBe(
      "RUS>UKR COERCE 192 hypothetical",
    );
  });
});

describe("coverage: fire exchanged, prisoners released as a noun", () => {
  it("'Polish and Ukrainian troops exchanged fire' is fighting both ways", () => {
    expect(brief(code("Russian and Ukrainian troops exchanged fire across the river."))).toEqual([
      "RUS>UKR ASSAULT 193 asserted",
      "UKR>RUS ASSAULT 193 asserted",
    ]);
  });

  it("'approved the release of Ukrainian prisoners' is a release by the subject", () => {
    expect(brief(code("The Russian cabinet approved the release of 100 Ukrainian prisoners."))[0]).toBe(
      "RUS>UKR RETREAT 0841 asserted",
    );
  });
});

describe("coverage: cooperation between two named sides", () => {
  it("'X and Y will cooperate' is a stated intent of each toward the other", () => {
    expect(brief(code("France and Germany will cooperate on a new tank."))).toEqual([
      "FRA>DEU AGREE 031 future",
      "DEU>FRA AGREE 031 future",
    ]);
  });

  it("a lone 'X will cooperate' names no partner: no event", () => {
    expect(code("France will cooperate on a new tank.").events).toEqual([]);
  });
});
