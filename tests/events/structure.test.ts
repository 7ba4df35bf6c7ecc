/**
 * Structure: compounds with modifiers, passives with adverbs, agreements between named parties.
 */
import { describe, expect, it } from "vitest";
import { brief, code } from "./helpers.ts";

describe("compounds: modifiers before a later member", () => {
  it("'X and the newly formed Y' is a compound subject", () => {
    const r = brief(code("France and the newly confident Poland condemned Russia on Monday."));
    expect(r).toEqual(["FRA>RUS ACCUSE 111 asserted", "POL>RUS ACCUSE 111 asserted"]);
  });

  it("a preposition between ends the compound ('and the rebels in X' is no member list)", () => {
    const r = brief(code("France and the rebels in Poland condemned Russia on Monday."));
    expect(r.some((e) => e.startsWith("POL>"))).toBe(false);
  });

  it("a clause after 'and' is not a compound ('and the army shelled X')", () => {
    const r = brief(code("Russia warned Poland and the army shelled Ukraine."));
    expect(r.some((e) => e.startsWith("RUS>UKR ASSAULT") || e.startsWith("-"))).toBe(false);
  });
});

describe("passives: an adverb between the be-form and the participle", () => {
  it("'was fiercely criticised by X' has X as source", () => {
    expect(brief(code("Poland was fiercely criticised by Germany over the border dispute."))[0]).toBe(
      "DEU>POL ACCUSE 111 asserted",
    );
  });
});

describe("agreement between named parties", () => {
  it("'X and Y agree that …' is an agreement both ways", () => {
    expect(brief(code("Poland and Ukraine agree that the border must stay open."))).toEqual([
      "POL>UKR AGREE 030 asserted",
      "UKR>POL AGREE 030 asserted",
    ]);
  });

  it("a lone 'X agrees that …' is an opinion, not an event", () => {
    expect(code("Poland agrees that the winter will be hard.").events).toEqual([]);
  });

  it("'X agrees with Y and Z that …' is X agreeing with each", () => {
    expect(brief(code("Poland agrees with France and Germany that sanctions should stay."))).toEqual([
      "POL>FRA AGREE 030 asserted",
      "POL>DEU AGREE 030 asserted",
    ]);
  });
});

describe("slots: the party named inside an of-phrase", () => {
  it("'urged the leaders of X to' has X as the target", () => {
    expect(brief(code("France urged the leaders of Ukraine to accept a ceasefire."))[0]).toBe(
      "FRA>UKR REQUEST 020 asserted",
    );
  });

  it("'helped support the rights of X' is support, not aid: a bare verb is no slot", () => {
    const r = brief(code("Poland moved to help support the rights of Ukrainians abroad."));
    expect(r.some((e) => e.includes(" AID "))).toBe(false);
  });
});

describe("reciprocal events between the members after 'between'", () => {
  it("'talks between X and Y' are talks both ways", () => {
    expect(brief(code("The talks between Poland and Ukraine ended late on Friday."))).toEqual([
      "POL>UKR CONSULT 040 asserted",
      "UKR>POL CONSULT 040 asserted",
    ]);
  });

  it("'clashes between X and Y' are fighting both ways", () => {
    expect(brief(code("Clashes between Russian and Ukrainian troops went on all night."))).toEqual([
      "RUS>UKR ASSAULT 190 asserted",
      "UKR>RUS ASSAULT 190 asserted",
    ]);
  });
});

describe("agreement of a compound source with nobody else named", () => {
  it("'X and Y agreed to …' is an agreement between them", () => {
    expect(brief(code("Poland and Germany agreed to hold joint exercises next spring."))[0]).toBe(
      "POL>DEU AGREE 030 asserted",
    );
  });

  it("a leader and his own party are one side: no agreement between them", () => {
    const r = brief(code("Anna Kowal and the Polish government agreed to hold early elections."));
    expect(r.some((e) => e.startsWith("POL>POL AGREE"))).toBe(false);
  });
});

describe("weapons fired at someone", () => {
  it("'fired rockets at X' is artillery fire (194), not a bare 'fired at' (190)", () => {
    expect(brief(code("Russian troops fired rockets at Kyiv overnight."))[0]).toBe(
      "RUS>UKR ASSAULT 194 asserted",
    );
  });

  it("'fired tear gas at' is repression (175)", () => {
    expect(brief(code("Polish police fired tear gas at the crowd in Warsaw."))[0]).toBe(
      "POL>POL ASSAULT 175 asserted",
    );
  });
});

describe("modality cues inside names", () => {
  it("'Without' inside an organisation's name negates nothing", () => {
    const r = code("Medics Without Frontiers sent medicine to Ukraine on Monday.");
    expect(r.events[0]?.modality).toBe("asserted");
    expect(r.events[0]?.source.sector).toBe("NGO");
  });
});

describe("reciprocal events: a place after in/at is not a third party", () => {
  it("'X and Y resumed talks in Z' are talks between X and Y", () => {
    expect(brief(code("Poland and Ukraine resumed talks in Berlin on Monday."))).toEqual([
      "POL>UKR CONSULT 046 asserted",
      "UKR>POL CONSULT 046 asserted",
    ]);
  });
});

describe("possessive 's after a name is no 'is'", () => {
  it("'X's president met with Y' is a meeting, not the idiom 'be met with'", () => {
    expect(brief(code("Poland's president met with the Ukrainian leader in Berlin."))).toEqual([
      "POL>UKR CONSULT 040 asserted",
      "UKR>POL CONSULT 040 asserted",
    ]);
  });
});

describe("passive expulsions without an agent", () => {
  it("'were expelled from X': X expelled them", () => {
    expect(brief(code("Russian diplomats were expelled from Poland on Friday."))).toEqual([
      "POL>RUS SANCTION 164 asserted",
    ]);
  });
});

describe("proposed events", () => {
  it("'a proposal for talks' is no talks held; its rejection is real", () => {
    expect(brief(code("A Polish proposal for talks with Russia was rejected by Moscow."))).toEqual([
      "POL>RUS CONSULT 040 hypothetical",
      "RUS>POL CONSULT 040 hypothetical",
      "RUS>POL REJECT 125 asserted",
    ]);
  });
});

describe("refusals", () => {
  it("'refused to release' is an asserted refusal, not a negated one", () => {
    expect(brief(code("Russia refused to release the Ukrainian sailors."))[0]).toBe(
      "RUS>UKR REJECT 1241 asserted",
    );
  });

  it("a negated refusal stays negated", () => {
    expect(brief(code("Russia did not refuse to withdraw from Ukraine."))[0]).toMatch(/REJECT 1246 negated$/);
  });
});

describe("protesters no actor names", () => {
  it("are civilians of the place they protest in", () => {
    const r = code("Thousands of students marched through Warsaw on Sunday.");
    expect(brief(r)).toEqual(["POL>POL PROTEST 141 asserted"]);
    expect(r.events[0]?.source.sector).toBe("CVL");
  });

  it("a place after another preposition is no protest's place ('marched to Berlin' names no people)", () => {
    expect(code("Thousands of students marched to Berlin on Sunday.").events).toEqual([]);
  });
});

describe("own statements of a reciprocal act", () => {
  it("'X said it will hold talks with Y' is X's stated intent only, not Y's", () => {
    expect(brief(code("Poland said it will hold talks with Russia next week."))).toEqual([
      "POL>RUS AGREE 036 asserted",
    ]);
  });
});

describe("objects before of/for", () => {
  it("'accused X of …' targets X, not an actor inside the accusation", () => {
    expect(brief(code("Poland accused Russia of shelling Ukraine."))[0]).toBe("POL>RUS ACCUSE 112 asserted");
  });

  it("an object no actor names leaves no target ('accused the West of ignoring X')", () => {
    expect(brief(code("Poland accused the West of ignoring Ukraine."))).toEqual([
      "POL>- ACCUSE 112 asserted",
    ]);
  });

  it("a passive 'was accused of' targets its subject", () => {
    expect(brief(code("Anna Kowal was accused of taking bribes from US firms by Polish officials."))[0]).toBe(
      "POL>POL ACCUSE 112 asserted",
    );
  });

  it("a slot holds at least one word ('forced out on Monday …' is 'force out')", () => {
    expect(brief(code("The Russian army forced out on Monday hundreds of Ukrainian villagers."))[0]).toBe(
      "RUS>UKR COERCE 170 asserted",
    );
  });
});

describe("quotation marks inside a pattern", () => {
  it("'warned of a “harsh response”' is still a warning of a response", () => {
    expect(brief(code("Russia warned of a “harsh military response” to the drills."))[0]).toMatch(
      /^RUS>- THREATEN 130/,
    );
  });
});

describe("demonyms before a preposition step", () => {
  it("'met his Ukrainian counterpart in Warsaw' is a meeting with Ukraine, not a meeting 'in' Poland", () => {
    expect(
      brief(code("Poland's foreign minister met his Ukrainian counterpart in Warsaw on Sunday.")),
    ).toEqual(["POL>UKR CONSULT 040 asserted", "UKR>POL CONSULT 040 asserted"]);
  });
});

describe("threats in a speaker's own words, and clauses that only look like targets", () => {
  it("a military answer the speaker promises in a quotation is the speaker's threat", () => {
    const quote = "If our terms are rejected, we will take military-technical measures";
    const r = code(`"${quote}," Sergei Lavrenko said after the meeting.`, {
      quotes: [[quote, "person:sergei-lavrenko"]],
    });
    expect(brief(r)).toEqual(["RUS>- THREATEN 138 asserted"]);
    const respond = "We will respond militarily if Poland moves its brigades east";
    const r2 = code(`"${respond}," Lavrenko told the press.`, {
      quotes: [[respond, "person:sergei-lavrenko"]],
    });
    expect(brief(r2)).toEqual(["RUS>POL THREATEN 138 asserted"]);
  });

  it("a name after 'warned that' is the subject of the warning's clause, not whom it warns", () => {
    const r = brief(code("Anna Kowal warned that Germany would answer any blockade of the port."));
    expect(r.some((e) => e.startsWith("POL>DEU"))).toBe(false);
  });

  it("', and' after a single name opens a new clause, not a list of targets", () => {
    const r = brief(
      code("Ukraine rejected the offer from Russia, and Poland closed two crossings on Monday."),
    );
    expect(r.some((e) => e.includes(">POL REJECT"))).toBe(false);
  });
});

describe("'insist' is a demand only about what must happen", () => {
  it("insisting that something must be done is a demand; insisting on a fact is not", () => {
    expect(brief(code("Russia insisted that Ukraine must withdraw its request."))[0]).toMatch(
      /^RUS>.* REQUEST/,
    );
    expect(
      brief(code("Russia insisted it had no plans to attack Poland.")).some((e) => e.includes("REQUEST")),
    ).toBe(false);
  });
});

describe("words that are force only in armed hands", () => {
  it("troops rolling into a country are an incursion; refugees pouring into one are not", () => {
    expect(brief(code("Russian troops rolled into Ukraine before dawn."))).toEqual([
      "RUS>UKR ASSAULT 190 asserted",
    ]);
    expect(brief(code("Refugees from Ukraine poured into Poland all week."))).toEqual([]);
  });
});

describe("warnings about unmet demands", () => {
  it("warning what failure to meet one's demands brings is a threat, not aimed at one's own state", () => {
    const r = brief(
      code(
        "Sergei Lavrenko warned that any failure to satisfy Russia's conditions would endanger the region.",
      ),
    );
    expect(r).toContain("RUS>- THREATEN 130 asserted");
  });

  it("needing a quick answer to one's proposals is a demand", () => {
    expect(brief(code("Russia said it needed a quick answer to its proposals."))[0]).toMatch(
      /^RUS>- REQUEST 100/,
    );
  });
});

describe("demands phrased as necessities", () => {
  it("'X said it was essential that Y do Z' is X demanding Z of Y, and Z stays unasserted", () => {
    const r = brief(
      code("Anna Kowal said it was absolutely essential that Germany deliver the tanks before spring."),
    );
    expect(r).toContain("POL>DEU REQUEST 100 asserted");
    expect(r.some((e) => e.startsWith("DEU>") && e.endsWith("asserted"))).toBe(false);
  });
});

describe("accusations carry what they accuse", () => {
  it("'X accused Y of staging an attack on X' is Y's attack on X, claimed by X", () => {
    const r = code("Russia accused Ukraine of staging a drone attack on Russia.");
    const claimed = r.events.find((e) => e.category === "ASSAULT");
    expect(claimed).toMatchObject({ modality: "claimed", claimedBy: "state:RUS" });
    expect(claimed?.source.country).toBe("UKR");
    expect(brief(r)).toContain("RUS>UKR ACCUSE 112 asserted");
  });

  it("mobilising reserves, aid packages and leaving a deal are coded", () => {
    expect(brief(code("Russia announced a partial mobilisation of reservists."))).toEqual([
      "RUS>- MOBILIZE 152 asserted",
    ]);
    expect(brief(code("Germany announced a military aid package for Ukraine."))).toEqual([
      "DEU>UKR AID 072 asserted",
    ]);
    expect(brief(code("Russia suspended its participation in the grain deal."))).toEqual([
      "RUS>- REJECT 120 asserted",
    ]);
  });
});

describe("sport is no violence", () => {
  it("a team beating another is no assault; police beating supporters is", () => {
    expect(brief(code("The Russian team beat Poland 3-1 in the final."))).toEqual([]);
    expect(brief(code("Polish police beat Russian protesters outside the stadium."))[0]).toMatch(
      /^POL>RUS ASSAULT 182/,
    );
  });
});
