import { describe, expect, it } from "vitest";
import { brief, code } from "./helpers.ts";

describe("codeEvents: asserted events of several categories", () => {
  it("codes an attack with source, target, CAMEO code and Goldstein intensity", () => {
    const r = code("Russia invaded Ukraine early this morning, officials in Kyiv said.");
    expect(brief(r)).toEqual(["RUS>UKR ASSAULT 190 asserted"]);
    expect(r.events[0]?.intensity).toBe(-10);
    expect(r.events[0]?.evidence).toBe("invaded");
    const e = r.events[0];
    const para = r.paragraphs[e?.paragraph ?? 0]?.text ?? "";
    expect(para.slice(e?.start, e?.end)).toBe("invaded");
  });

  it("codes sanctions, demands and praise", () => {
    expect(brief(code("Washington imposed new sanctions on Moscow after the vote."))).toEqual([
      "USA>RUS SANCTION 163 asserted",
    ]);
    expect(brief(code("Poland demanded the withdrawal of Russian troops from the border."))[0]).toMatch(
      /^POL>RUS REQUEST/,
    );
    expect(brief(code("Germany praised Poland for its handling of the crisis."))).toEqual([
      "DEU>POL SUPPORT 051 asserted",
    ]);
  });

  it("codes troop movements as MOBILIZE and puts the military sector on 'Russian troops'", () => {
    const r = code("Russian troops massed near Ukraine over the weekend.");
    expect(brief(r)).toEqual(["RUS>UKR MOBILIZE 152 asserted"]);
    expect(r.events[0]?.source.sector).toBe("MIL");
  });

  it("codes nothing for a sentence without an event verb or without actors", () => {
    expect(code("The weather in Kyiv was cold and grey on Monday.").events).toEqual([]);
    expect(code("Somebody attacked a shop in the night.").events).toEqual([]);
  });
});

describe("codeEvents: modality", () => {
  it("negated: a stated lack of intention to invade is never an asserted invasion", () => {
    const r = code("Moscow stressed once more that it had no wish to invade Kazakhstan.");
    expect(brief(r)).toEqual(["RUS>KAZ ASSAULT 190 negated"]);
  });

  it("negated: a refusal to deploy soldiers", () => {
    const r = code("Germany would not send soldiers to protect Poland, its chancellor told parliament.");
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.events.every((e) => e.modality === "negated")).toBe(true);
  });

  it("denied: a denied plan to invade", () => {
    const r = code("The Kremlin denied that Russian troops would invade Kazakhstan.");
    expect(brief(r)).toEqual(["RUS>KAZ ASSAULT 190 denied"]);
  });

  it("hypothetical: a conditional sentence and a modal verb", () => {
    expect(brief(code("Should Russia manage to conquer Ukraine, Poland fears it will be next."))[0]).toBe(
      "RUS>UKR ASSAULT 190 hypothetical",
    );
    expect(brief(code("Analysts think Russia could invade Kazakhstan within weeks."))).toEqual([
      "RUS>KAZ ASSAULT 190 hypothetical",
    ]);
  });

  it("future: a scheduled meeting is an intent to meet (PLOVER AGREE), coded both ways, dated forward", () => {
    const r = code("Germany and France will hold talks on Wednesday in Vienna.", { published: "2022-01-13" });
    expect(brief(r)).toEqual(["DEU>FRA AGREE 036 future", "FRA>DEU AGREE 036 future"]);
    expect(r.events[0]?.date).toBe("2022-01-19");
  });

  it("expected but not happened: an offensive that was 'supposed to' start is not asserted", () => {
    const r = code(
      "Under the leaked plan, Moscow's forces were supposed to begin their offensive against Ukraine by Friday. Nothing came.",
    );
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.events.some((e) => e.modality === "asserted")).toBe(false);
  });

  it("claimed: reports of a withdrawal, and another actor's claim with claimedBy", () => {
    expect(
      brief(code("Reports that Russian units were pulling tanks back from Ukraine remain unconfirmed.")),
    ).toEqual(["RUS>UKR RETREAT 087 claimed"]);
    const r = code("Lavrenko said the United States had invaded Ukraine.");
    expect(brief(r)).toEqual(["USA>UKR ASSAULT 190 claimed"]);
    expect(r.events[0]?.claimedBy).toBe("person:sergei-lavrenko");
  });

  it("a source announcing its own plan is no claim: 'Moscow said it will withdraw' is an intent (AGREE)", () => {
    const r = code("Moscow said it will withdraw its troops from Kazakhstan.");
    expect(brief(r)).toEqual(["RUS>KAZ AGREE 035 asserted"]);
    expect(r.events[0]?.claimedBy).toBeNull();
  });

  it("a purpose infinitive is a plan: 'flew to Berlin to meet' is not an asserted meeting", () => {
    const r = code("Kowal flew to Berlin to meet with Lavrenko.");
    const meeting = r.events.filter((e) => e.target?.country === "RUS" || e.source.country === "RUS");
    expect(meeting.length).toBeGreaterThan(0);
    expect(meeting.every((e) => e.modality !== "asserted")).toBe(true);
  });

  it("opinion: the author's own hedged speculation is hypothetical", () => {
    const r = code("I think Russia will invade Ukraine before spring.", { genre: "opinion" });
    expect(r.events.map((e) => e.modality)).toEqual(["hypothetical"]);
  });

  it("a governed complement: 'threatened to shell' is a threat, 'called on Russia to withdraw' a request", () => {
    expect(brief(code("Moscow threatened to shell Ukrainian towns."))).toEqual([
      "RUS>UKR THREATEN 138 asserted",
    ]);
    const r = code("Poland called on Russia to withdraw its troops from Ukraine.");
    expect(brief(r)).toEqual(["POL>RUS REQUEST 020 asserted", "RUS>UKR RETREAT 087 hypothetical"]);
  });
});

describe("codeEvents: demands in reported speech", () => {
  it("'X said Y must Z' is X's demand of Y, and Z is not asserted", () => {
    const r = code("Poland said on Monday that Russia must withdraw its troops from Ukraine.");
    expect(brief(r)).toEqual(["POL>RUS REQUEST 100 asserted", "RUS>UKR RETREAT 087 hypothetical"]);
  });
});

describe("codeEvents: structure", () => {
  it("compound source: the US and the UK give two events", () => {
    expect(brief(code("The US and the UK imposed sanctions on Russia."))).toEqual([
      "USA>RUS SANCTION 163 asserted",
      "GBR>RUS SANCTION 163 asserted",
    ]);
  });

  it("compound list source: 'France, Germany and Poland' give three events", () => {
    expect(brief(code("France, Germany and Poland imposed sanctions on Russia."))).toEqual([
      "FRA>RUS SANCTION 163 asserted",
      "DEU>RUS SANCTION 163 asserted",
      "POL>RUS SANCTION 163 asserted",
    ]);
  });

  it("compound target: sanctions on Russia and Kazakhstan give two events", () => {
    expect(brief(code("France imposed sanctions on Russia and Kazakhstan."))).toEqual([
      "FRA>RUS SANCTION 163 asserted",
      "FRA>KAZ SANCTION 163 asserted",
    ]);
  });

  it("passive: unknown source without a by-phrase, the by-phrase when there is one", () => {
    expect(brief(code("Troops were deployed to Kazakhstan last week."))).toEqual([
      "->KAZ MOBILIZE 152 asserted",
    ]);
    expect(brief(code("Ukraine was attacked by Russia overnight."))).toEqual([
      "RUS>UKR ASSAULT 180 asserted",
    ]);
  });

  it("reciprocal: a meeting is coded both ways", () => {
    expect(brief(code("Poland met with Ukraine in Warsaw."))).toEqual([
      "POL>UKR CONSULT 040 asserted",
      "UKR>POL CONSULT 040 asserted",
    ]);
    expect(brief(code("Paris held talks with Berlin."))).toEqual([
      "FRA>DEU CONSULT 040 asserted",
      "DEU>FRA CONSULT 040 asserted",
    ]);
  });

  it("nominal events: an invasion and a phone call with a possessor source", () => {
    expect(brief(code("Russia's invasion of Ukraine shocked its neighbours."))).toEqual([
      "RUS>UKR ASSAULT 190 asserted",
    ]);
    expect(brief(code("Kowal's phone call to Lavrenko lasted an hour."))).toEqual([
      "POL>RUS CONSULT 040 asserted",
      "RUS>POL CONSULT 040 asserted",
    ]);
  });

  it("an event inside a quotation belongs to the speaker, with the quotation as evidence", () => {
    const quote = "We will strike Ukrainian positions if the shelling goes on";
    const r = code(`Sergei Lavrenko was blunt on Monday: "${quote}," he told reporters.`, {
      quotes: [[quote, "person:sergei-lavrenko"]],
    });
    expect(brief(r)).toEqual(["RUS>UKR THREATEN 138 asserted"]);
    expect(r.events[0]?.source.actor).toBe("person:sergei-lavrenko");
    expect(r.events[0]?.evidence).toBe(quote);
  });
});

describe("codeEvents: precision guards", () => {
  it("reads 'a Russian attack' as a nominal event of Russia, not a verb of the clause subject", () => {
    const r = code("France said it would not shield Poland from a Russian assault.");
    expect(brief(r)).not.toContain("FRA>POL ASSAULT 180 asserted");
    expect(r.events.every((e) => e.modality !== "asserted" || e.source.country === "RUS")).toBe(true);
  });

  it("takes the possessed person as subject, with the possessor's country when the person has none", () => {
    const r = code("Ukraine's envoy Ivo Mrak met with Lavrenko in Warsaw.");
    expect(r.events[0]?.source).toEqual({ actor: "person:ivo-mrak", country: "UKR", sector: "GOV" });
    expect(brief(r)).toEqual(["UKR>RUS CONSULT 040 asserted", "RUS>UKR CONSULT 040 asserted"]);
  });

  it("reads an unarmed attack on a person as verbal criticism", () => {
    expect(brief(code("Lavrenko attacked Kowal in a long speech."))).toEqual(["RUS>POL ACCUSE 111 asserted"]);
    expect(brief(code("Russian troops attacked Kowal's convoy.")).map((b) => b.split(" ")[1])).not.toContain(
      "ACCUSE",
    );
  });

  it("codes no event for an idiom ('fight for' a cause or a job)", () => {
    expect(code("Lavrenko is fighting for a second term in Moscow.").events).toEqual([]);
  });

  it("codes no aid or sanction without a target", () => {
    expect(code("France sent humanitarian aid on Monday.").events).toEqual([]);
  });

  it("does not take a country named as a border for the target of an attack", () => {
    expect(brief(code("Russian troops captured a village on the Polish border."))).toEqual([
      "RUS>- ASSAULT 190 asserted",
    ]);
  });
});

describe("codeEvents: dates", () => {
  it("resolves weekdays backwards for past events and months to yyyy-mm", () => {
    expect(code("Russian troops shelled Kyiv on Tuesday.", { published: "2022-01-13" }).events[0]?.date).toBe(
      "2022-01-11",
    );
    expect(
      code("Paris held talks with Berlin last month.", { published: "2022-01-13" }).events[0]?.date,
    ).toBe("2021-12");
    expect(
      code("Russia invaded Ukraine on March 2, 2014.", { published: "2022-01-13" }).events[0]?.date,
    ).toBe("2014-03-02");
  });

  it("leaves a relative date null when the publication date is unknown", () => {
    expect(code("Russian troops shelled Kyiv on Tuesday.").events[0]?.date).toBeNull();
  });
});
