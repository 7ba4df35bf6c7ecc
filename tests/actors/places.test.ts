import { describe, expect, it } from "vitest";
import { lookupPlace } from "../../src/actors/index.ts";
import { actorOf, analyse } from "./helpers.ts";

describe("countries, demonyms and metonyms", () => {
  it("resolves country names, short forms and demonyms to states", () => {
    const r = analyse([
      "Tripoli said it would return two Libyan suspects to Great Britain, while Israeli troops moved along the border.",
      "Officials in the U.S. and Britain welcomed the step; America had pressed for it for months.",
    ]);
    expect(actorOf(r, "Great Britain")).toBe("state:GBR");
    expect(actorOf(r, "Libyan")).toBe("state:LBY");
    expect(actorOf(r, "Israeli")).toBe("state:ISR");
    expect(actorOf(r, "U.S.")).toBe("state:USA");
    expect(actorOf(r, "Britain")).toBe("state:GBR");
    expect(actorOf(r, "America")).toBe("state:USA");
    expect(r.mentions.find((m) => m.text === "Israeli")?.type).toBe("NORP");
  });

  it("reads capitals and seats of power as governments, with the Pentagon as the US military", () => {
    const r = analyse([
      "The Kremlin rejected the offer, and Moscow recalled its envoy. Kyiv and the White House said nothing; the Pentagon moved two destroyers and Downing Street called a meeting.",
    ]);
    expect(actorOf(r, "Kremlin")).toBe("state:RUS");
    expect(actorOf(r, "Moscow")).toBe("state:RUS");
    expect(actorOf(r, "Kyiv")).toBe("state:UKR");
    expect(actorOf(r, "White House")).toBe("state:USA");
    expect(actorOf(r, "Downing Street")).toBe("state:GBR");
    const pentagon = r.actors.find((a) => a.id === actorOf(r, "Pentagon"));
    expect(pentagon).toMatchObject({ country: "USA", sector: "MIL" });
    expect(r.actors.find((a) => a.id === "state:RUS")?.sector).toBe("GOV");
  });

  it("lists each actor once and finds both halves of a compound", () => {
    const r = analyse([
      "Moscow accused the US and the UK of stoking panic. The US denied it, and the UK sent more aid to Ukraine.",
    ]);
    const ids = r.actors.map((a) => a.id);
    expect(ids.filter((id) => id === "state:USA")).toHaveLength(1);
    expect(ids).toEqual(expect.arrayContaining(["state:RUS", "state:USA", "state:GBR", "state:UKR"]));
    expect(r.mentions.filter((m) => m.actor === "state:GBR")).toHaveLength(2);
  });

  it("finds IGOs and their bodies", () => {
    const r = analyse([
      "The UN Security Council met after NATO and the European Union condemned the strike; the IAEA and the OSCE sent monitors, and the G7 promised money.",
    ]);
    expect(actorOf(r, "UN Security Council")).toBe("igo:UNSC");
    expect(actorOf(r, "NATO")).toBe("igo:NATO");
    expect(actorOf(r, "European Union")).toBe("igo:EU");
    expect(actorOf(r, "IAEA")).toBe("igo:IAEA");
    expect(actorOf(r, "OSCE")).toBe("igo:OSCE");
    expect(actorOf(r, "G7")).toBe("igo:G7");
  });

  it("does not read the pronoun 'us' or a lower-case 'turkey' as a country", () => {
    const r = analyse(["They told us the turkey would be ready by noon."]);
    expect(r.actors).toEqual([]);
  });

  it("leaves Georgia unresolved when the article is about the US state, and resolves it near Tbilisi", () => {
    const us = analyse(["Voters in Georgia lined up for hours outside Atlanta polling stations."]);
    expect(actorOf(us, "Georgia")).toBeNull();
    expect(us.messages.some((m) => m.rule === "ambiguous-place")).toBe(true);
    const caucasus = analyse([
      "Protesters filled the streets of Tbilisi as Georgia weighed a law on foreign agents.",
    ]);
    expect(actorOf(caucasus, "Georgia")).toBe("state:GEO");
  });

  it("reads context cues anywhere in the article, as whole words and case-sensitively", () => {
    // The cue comes two paragraphs after the ambiguous name, as a possessive and as a multi-word cue.
    const later = analyse([
      "Georgia recalled its ambassador on Tuesday.",
      "The decision followed weeks of pressure from opposition parties.",
      "Tbilisi's mayor and Georgian Dream officials defended the move.",
    ]);
    expect(actorOf(later, "Georgia")).toBe("state:GEO");
    // "county" is an against-cue only as a word: "Countyline" and "COUNTY" are neither.
    const near = analyse([
      "Georgia protested to Armenia.",
      "A Countyline Transport spokesman said COUNTY roads were open.",
    ]);
    expect(actorOf(near, "Georgia")).toBe("state:GEO");
    const against = analyse(["Georgia protested to Armenia.", "The county roads were open."]);
    expect(actorOf(against, "Georgia")).toBeNull();
    // Curly quotes, curly apostrophes and dashes are not part of a word: the cue still counts.
    const quoted = analyse(["Georgia recalled its envoy.", "“Tbilisi” was written on every banner."]);
    expect(actorOf(quoted, "Georgia")).toBe("state:GEO");
    const possessive = analyse(["Georgia recalled its envoy.", "Tbilisi’s mayor said nothing."]);
    expect(actorOf(possessive, "Georgia")).toBe("state:GEO");
    const dashed = analyse(["Georgia voted early.", "Queues formed outside Atlanta—and beyond it."]);
    expect(actorOf(dashed, "Georgia")).toBeNull();
  });

  it("reads an ambiguous surface inside an 'X of Y' name as part of that name", () => {
    const r = analyse([
      "The Congress of Local Authorities met in Odesa, and the University of Georgia sent a delegation.",
    ]);
    expect(r.mentions.some((m) => m.text === "Congress" || m.text === "Georgia")).toBe(false);
    expect(r.messages.some((m) => m.rule === "ambiguous-place")).toBe(false);
  });

  it("tells Washington the government from a person or a newspaper", () => {
    const r = analyse([
      "Washington warned Moscow on Monday. Denzel Washington said he was not involved, and the Washington Post ran the story.",
    ]);
    expect(r.mentions.find((m) => m.text === "Washington")?.actor).toBe("state:USA");
    expect(r.mentions.some((m) => m.text === "Denzel Washington" && m.type === "PERSON")).toBe(true);
    expect(r.mentions.filter((m) => m.actor === "state:USA")).toHaveLength(1);
  });

  it("does not take 'American-born' as a nationality", () => {
    const r = analyse(["The fund was started by an American-born investor."]);
    expect(r.actors.find((a) => a.id === "state:USA")).toBeUndefined();
  });

  it("offers a lookup for other layers", () => {
    expect(lookupPlace("Great Britain")?.id).toBe("state:GBR");
    expect(lookupPlace("the U.S.")?.id).toBe("state:USA");
    expect(lookupPlace("Israeli")?.id).toBe("state:ISR");
    expect(lookupPlace("Pentagon")?.sector).toBe("MIL");
    expect(lookupPlace("us")).toBeNull();
    expect(lookupPlace("Georgia")).toBeNull();
    expect(lookupPlace("Georgia", "clashes in South Ossetia")?.id).toBe("state:GEO");
    expect(lookupPlace("Brussels", "the EU summit")?.id).toBe("igo:EU");
    expect(lookupPlace("Brussels", "NATO allies met")?.id).toBe("igo:NATO");
    expect(lookupPlace("Brussels", "NATO and the EU met")).toBeNull();
    expect(lookupPlace("Atlantis")).toBeNull();
  });
});

describe("Brussels by context", () => {
  it("is the EU beside EU cues, NATO beside alliance cues, and unresolved when both or neither appear", () => {
    const eu = analyse(["Brussels proposed new tariffs, and European Union member states must now vote."]);
    expect(eu.mentions.find((m) => m.text === "Brussels")?.actor).toBe("igo:EU");
    const nato = analyse(["Brussels asked the allies for more troops as NATO planned its summit."]);
    expect(nato.mentions.find((m) => m.text === "Brussels")?.actor).toBe("igo:NATO");
    const neither = analyse(["Brussels was rainy all week."]);
    expect(neither.mentions.find((m) => m.text === "Brussels")?.actor).toBeNull();
  });
});

describe("groups and IGO officials", () => {
  it("finds armed groups with the country they fight in", () => {
    const r = analyse([
      "Hamas fired rockets while Hezbollah stayed out, and the Taliban issued a statement.",
    ]);
    expect(r.actors.find((a) => a.id === "group:hamas")).toMatchObject({
      kind: "group",
      country: "PSE",
      sector: "REB",
    });
    expect(actorOf(r, "Hezbollah")).toBe("group:hezbollah");
    expect(actorOf(r, "Taliban")).toBe("group:taliban");
  });

  it("gives an IGO head the body's office, not their home country", () => {
    const r = analyse(
      ["NATO Secretary General Jens Stoltenberg met the Polish president in Warsaw."],
      "2022-03-01",
    );
    expect(r.actors.find((a) => a.id === "person:jens-stoltenberg")).toMatchObject({
      country: null,
      sector: "IGO",
      role: "NATO secretary-general",
    });
  });
});

describe("organisations", () => {
  it("gives a generic body the country named before it, and keeps two countries' bodies apart", () => {
    const r = analyse([
      "Russia's Interior Ministry said on Monday that the convoy had crossed the river at dawn.",
      "Ukraine's Interior Ministry denied that any convoy had crossed and called the claim a provocation.",
      "A Ukrainian Defense Ministry statement said the bridge was still closed to traffic.",
      "Later the Defense Ministry added that two engineers had been sent to inspect it.",
    ]);
    const orgs = r.actors.filter((a) => a.kind === "org");
    expect(orgs.map((a) => [a.name, a.country])).toEqual([
      ["Interior Ministry", "RUS"],
      ["Interior Ministry", "UKR"],
      ["Defense Ministry", "UKR"],
    ]);
    expect(new Set(orgs.map((a) => a.id)).size).toBe(3);
    // The bare "the Defense Ministry" later is the same Ukrainian body.
    const defense = orgs[2].id;
    expect(r.mentions.filter((m) => m.actor === defense).map((m) => m.paragraph)).toEqual([2, 3]);
  });
});

describe("names of companies, rooms and events", () => {
  it("reads companies, rooms and named events as no people, even with a rank or an honorific inside", () => {
    const r = analyse([
      "Shares of Dollar General Corp. rose while General Motors fell, and Halliburton Co. slipped after the close.",
      "The winner of Miss Universe said she would visit the front line next spring with the charity's volunteers.",
      "Speaking in the Rose Garden and later in the East Room, the president recalled the Saturday Night Massacre.",
    ]);
    expect(r.actors.filter((a) => a.kind === "person")).toEqual([]);
    // A rank inside a company name still splits it ("Dollar General Corp."): no org, but no person either.
    expect(r.actors.filter((a) => a.kind === "org").map((a) => a.name)).toEqual(["Halliburton Co"]);
  });
});

describe("names that are no actors", () => {
  it("types states, cities, regions and institutions without making people or actors of them", () => {
    const r = analyse([
      "Sen. Maria Okafor (D-Ore.) flew from North Carolina to San Francisco after the Justice Department opened an inquiry into arms sales to the Middle East.",
      "Hide Caption 4 of 12 Volunteers unload crates at a warehouse in Kharkiv.",
      "Okafor said the New York Times had seen the letter.",
    ]);
    const people = r.actors.filter((a) => a.kind === "person").map((a) => a.name);
    expect(people).toEqual(["Maria Okafor"]);
    const typeOf = (text: string) => r.mentions.find((m) => m.text === text);
    expect(typeOf("North Carolina")).toMatchObject({ type: "GPE", actor: null });
    expect(typeOf("San Francisco")).toMatchObject({ type: "GPE", actor: null });
    expect(typeOf("Middle East")).toMatchObject({ type: "LOC", actor: null });
    expect(typeOf("Justice Department")).toMatchObject({ type: "ORG", actor: null });
    expect(typeOf("Kharkiv")).toMatchObject({ type: "GPE", actor: null });
    // Page furniture and party tags are no mentions at all; a longer name keeps its own reading.
    expect(r.mentions.some((m) => /Hide|Caption|^D$|Ore/.test(m.text))).toBe(false);
    expect(r.mentions.find((m) => m.text.startsWith("New York"))?.text).toBe("New York Times");
    expect(r.actors.some((a) => a.id === "state:USA" && a.name === "North Carolina")).toBe(false);
  });
});
