import { describe, expect, it } from "vitest";
import { extractAttributions, findQuotes, scanQuoteMarks } from "../../src/quotes/index.ts";
import type { ArticleRecord, Mention, Quote } from "../../src/record.ts";
import { recordOfParagraphs } from "../helpers/records.ts";

/** A record around paragraphs written for these tests (fictional people and places). */
function recordOf(paragraphs: string[], extra: Partial<ArticleRecord> = {}): ArticleRecord {
  const r = recordOfParagraphs("test://quotes", paragraphs);
  return { ...r, ...extra };
}

function quotesOf(paragraphs: string[], extra: Partial<ArticleRecord> = {}): Quote[] {
  return findQuotes(recordOf(paragraphs, extra)).quotes;
}

function find(quotes: Quote[], words: string): Quote {
  const q = quotes.find((x) => x.text.includes(words));
  if (!q) throw new Error(`no quote containing "${words}" in ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q;
}

describe("quote marks", () => {
  it("reads curly, straight and doubled single marks, and spans leave the marks out", () => {
    const text = "She called it “firm” and \"final\" and ‘‘settled’’ and ‘‘closed''.";
    const spans = scanQuoteMarks([text])[0];
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["firm", "final", "settled", "closed"]);
  });

  it("takes a closing quotation typed as an opening mark at its end", () => {
    const text = "Aides said it was “a step toward a ceasefire.“ Nobody else agreed.";
    const spans = scanQuoteMarks([text])[0];
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0].start, spans[0].end)).toBe("a step toward a ceasefire.");
  });

  it("does not read apostrophes as quotation marks", () => {
    const spans = scanQuoteMarks(["The minister’s aides rejected the envoys’ plan on Norland’s behalf."])[0];
    expect(spans).toHaveLength(0);
  });

  it("carries an unclosed quotation into the next paragraph, with or without a new opening mark", () => {
    const spans = scanQuoteMarks([
      "“The harbour is calm tonight.",
      "The ferries will run at dawn,” she said.",
      "“We are ready.",
      "“We have waited long enough,” he said.",
    ]);
    expect(spans[0][0].toNext).toBe(true);
    expect(spans[1][0].fromPrevious).toBe(true);
    expect(spans[1][0].start).toBe(0);
    expect(spans[3][0].fromPrevious).toBe(true);
  });
});

describe("findQuotes: direct quotations", () => {
  it("finds a speaker after the quotation, and gives spans into the paragraph", () => {
    const p = "“The border stays open to traders,” Elena Marsh, the Norland trade minister, said on Monday.";
    const [q] = quotesOf([p]);
    expect(q.kind).toBe("direct");
    expect(q.text).toBe("The border stays open to traders,");
    expect(p.slice(q.start, q.end)).toBe(q.text);
    expect(q.speaker?.name).toBe("Elena Marsh");
    expect(q.cue).toBe("said");
  });

  it("reads an inverted cue and an appositive speaker phrase", () => {
    const qs = quotesOf([
      "“Nobody in the valley expected the river to rise so fast,” said Tomas Varga, a hydrologist at the Eastport institute.",
    ]);
    expect(qs[0].speaker?.name).toBe("Tomas Varga");
  });

  it("takes the name, not the possessor, from “X's spokesman, Name”", () => {
    const qs = quotesOf([
      "“What counts is the vote,” the premier's spokesman, Karel J. Dunst, told reporters on Friday.",
    ]);
    expect(qs[0].speaker?.name).toBe("Karel J. Dunst");
    expect(qs[0].speaker?.text).toBe("the premier's spokesman, Karel J. Dunst");
    expect(qs[0].cue).toBe("told");
  });

  it("gives a quotation after an interrupting attribution the same speaker, and drops the one-word fragment", () => {
    const qs = quotesOf([
      "Governor Ada Lind said the dam was safe. “However,” she insisted, “the spillway must be rebuilt before spring.”",
    ]);
    const q = find(qs, "spillway");
    expect(q.speaker?.name).toBe("Ada Lind");
    expect(qs.some((x) => x.text.startsWith("However"))).toBe(false);
  });

  it("attributes a quotation glued to the previous sentence and the next one in the same paragraph", () => {
    const qs = quotesOf([
      "Prices have doubled since March.“Families are skipping meals,” Marta Olsen said.“The winter will be worse.”",
    ]);
    expect(find(qs, "skipping meals").speaker?.name).toBe("Marta Olsen");
    expect(find(qs, "winter will be worse").speaker?.name).toBe("Marta Olsen");
  });

  it("keeps a question quotation in the sentence of its attribution", () => {
    const qs = quotesOf([
      "“Who can say what the council wants?” Piotr Halvorsen, who advises the mayor, said by phone.",
    ]);
    expect(qs[0].speaker?.name).toBe("Piotr Halvorsen");
  });

  it("runs a quotation over paragraphs and gives every part the speaker named at its end", () => {
    const qs = quotesOf([
      "Negotiators left the talks early.“The offer on the table is thin.",
      "If the other side moved even a little, we could sign within a week,” said Ines Moretti, the lead negotiator.",
    ]);
    expect(find(qs, "offer on the table").speaker?.name).toBe("Ines Moretti");
    expect(find(qs, "sign within a week").speaker?.name).toBe("Ines Moretti");
  });

  it("gives a following paragraph that is only a quotation to the previous speaker", () => {
    const qs = quotesOf([
      "“The fleet will stay in port,” Admiral Jonas Brek said.",
      "“There is no reason to sail into a storm.”",
    ]);
    expect(find(qs, "no reason to sail").speaker?.name).toBe("Jonas Brek");
  });

  it("resolves a short name to the full name seen earlier", () => {
    const qs = quotesOf([
      "“We will talk again,” said Deputy Minister Anton V. Rusk.",
      "Later, Mr. Rusk said the next round would be “decisive.”",
    ]);
    expect(find(qs, "decisive").speaker?.name).toBe("Anton V. Rusk");
  });
});

describe("findQuotes: partial quotations and reported speech", () => {
  it("finds partial quotations inside reported speech, even one or two words after a cue", () => {
    const p =
      "Minutes after calling the meeting “useful’’ and “frank,’’ Foreign Minister Lena Quist warned that delay could put the “whole northern corridor” at risk.";
    const qs = quotesOf([p]);
    for (const w of ["useful", "frank", "whole northern corridor"])
      expect(find(qs, w).speaker?.name).toBe("Lena Quist");
    expect(find(qs, "whole northern corridor").kind).toBe("partial");
  });

  it("finds a partial quotation after “warned of”", () => {
    const qs = quotesOf([
      "President Oskar Vell has warned of an unspecified “technical answer” if the treaty lapses.",
    ]);
    expect(find(qs, "technical answer").speaker?.name).toBe("Oskar Vell");
  });

  it("reports indirect speech with said…that, told reporters that, according to, and a bare clause", () => {
    const qs = quotesOf([
      "Ruth Kessler said on Friday that the corridor would reopen next week.",
      "The harbour master told reporters that two ships had run aground.",
      "According to port officials, the cargo was mostly grain.",
      "Analysts say the delays will raise bread prices.",
    ]);
    const indirect = qs.filter((q) => q.kind === "indirect");
    expect(find(indirect, "corridor would reopen").speaker?.name).toBe("Ruth Kessler");
    expect(find(indirect, "two ships had run aground").speaker?.text).toBe("The harbour master");
    expect(find(indirect, "cargo was mostly grain").speaker?.name).toBe("port officials");
    expect(find(indirect, "raise bread prices").speaker?.name).toBe("Analysts");
  });

  it("does not read a prepositional phrase after a cue as a reported clause", () => {
    const qs = quotesOf(["The mayor said in a radio interview."]);
    expect(qs).toHaveLength(0);
  });
});

describe("findQuotes: pronouns and groups", () => {
  it("resolves he and she to the nearest compatible speaker", () => {
    const qs = quotesOf([
      "“The mines must close,” said Greta Holm, the energy minister.",
      "Ms. Holm spoke after Mr. Dorr had left the room. “We cannot wait for another winter,” she adds.",
      "Mr. Dorr, the union leader, rejected the plan. He also says that “the miners were never asked.”",
    ]);
    expect(find(qs, "another winter").speaker?.name).toBe("Greta Holm");
    expect(find(qs, "never asked").speaker?.name).toBe("Dorr");
  });

  it("skips a plural speaker and a fronted clause when resolving he", () => {
    const qs = quotesOf([
      "While General Sato and other commanders have denied any plan to advance, President Ivo Renn himself did not. Instead, he has warned of a “firm response” to any provocation.",
    ]);
    expect(find(qs, "firm response").speaker?.name).toBe("Ivo Renn");
  });

  it("keeps groups as groups", () => {
    const qs = quotesOf([
      "Alliance sources say the demand could be “a bargaining chip and nothing more.”",
      "Officials who spoke to the radio were not told what the measures were because “naming them would let the other side prepare.”",
    ]);
    expect(find(qs, "bargaining chip").speaker?.name).toBe("Alliance sources");
    expect(find(qs, "naming them").speaker?.name?.toLowerCase()).toContain("officials");
  });

  it("links the speaker to the actor of a mention over the name", () => {
    const p = "“The talks were useful,” Hana Ruiz said.";
    const mentions: Mention[] = [
      { paragraph: 0, start: 25, end: 34, text: "Hana Ruiz", type: "PERSON", actor: "person:hana-ruiz" },
    ];
    const actors = [
      {
        id: "person:hana-ruiz",
        name: "Hana Ruiz",
        kind: "person" as const,
        country: null,
        sector: "GOV",
        role: "Minister",
      },
    ];
    const [q] = quotesOf([p], { mentions, actors });
    expect(q.speaker?.actor).toBe("person:hana-ruiz");
  });
});

describe("findQuotes: not quotations", () => {
  it("does not report scare quotes, coined words, titles and terms with no cue", () => {
    const qs = quotesOf([
      "For the premier, “ferrygate” has become a daily headache.",
      "Unlike his predecessors, the president has no “Presidium” to share the blame.",
      "The plan for a “liaison group” of neutral observers was put to the envoy on Sunday, his office told journalists.",
      "[That is not a “northern doctrine.” It is improvisation.]",
      "The senator told the programme “Morning Report” that the vote would be close.",
    ]);
    const quoted = qs.filter((q) => q.kind !== "indirect").map((q) => q.text);
    for (const term of ["ferrygate", "Presidium", "liaison group", "northern doctrine", "Morning Report"]) {
      expect(quoted.some((t) => t.includes(term))).toBe(false);
    }
  });

  it("never reads reader comments", () => {
    const r = recordOf(["The port reopened on Tuesday."], {
      comments: [
        {
          index: 0,
          author: "reader",
          replyTo: null,
          text: "“Total lies,” said Bob Smith.",
          spam: false,
          abusive: false,
        },
      ],
    });
    expect(findQuotes(r).quotes).toHaveLength(0);
  });
});

describe("extractAttributions", () => {
  it("gives the speaker span for scoring against source spans", () => {
    const p = "The river is rising, the mayor said.";
    const [a] = extractAttributions({ paragraphs: [p] });
    expect(a.kind).toBe("indirect");
    expect(p.slice(a.speaker?.start, a.speaker?.end)).toBe("the mayor");
    expect(a.text).toBe("The river is rising");
  });

  it("is deterministic and leaves the record's other fields alone", () => {
    const r = recordOf(["“We will rebuild,” said Nora Falk."]);
    const a = findQuotes(r);
    const b = findQuotes(r);
    expect(a.quotes).toEqual(b.quotes);
    expect(a.paragraphs).toBe(r.paragraphs);
  });
});

describe("findQuotes: harder attributions", () => {
  it("steps over a party tag in parentheses before the cue", () => {
    const qs = quotesOf(["Sen. Mara Quill (D-Ore.) said the bill would not pass this year."]);
    expect(qs[0].speaker?.name).toBe("Mara Quill");
    expect(qs[0].kind).toBe("indirect");
  });

  it("reads a long source after “according to” up to the comma", () => {
    const [a] = extractAttributions({
      paragraphs: [
        "According to early results of a survey run for two regional broadcasters, most voters favour the treaty.",
      ],
    });
    expect(a.speaker?.text).toBe("early results of a survey run for two regional broadcasters");
    expect(a.text).toBe("most voters favour the treaty");
  });

  it("takes “it”, “a narrator” and a participle's shared subject as speakers", () => {
    const qs = quotesOf([
      "“The flood plan is a disgrace,” it added.",
      "“Prices go up and wages stay put,” says a narrator.",
      "The two sides will meet on Monday, Dorota Weiss said, adding, “They have to talk before winter.”",
    ]);
    expect(find(qs, "flood plan").speaker?.text).toBe("it");
    expect(find(qs, "wages stay put").speaker?.text).toBe("a narrator");
    expect(find(qs, "before winter").speaker?.name).toBe("Dorota Weiss");
  });

  it("finds no speaker for a passive cue", () => {
    const qs = quotesOf(["It was reported that the bridge had been closed for repairs."]);
    expect(qs).toHaveLength(0);
  });

  it("splits coordinated cues into two reported clauses", () => {
    const qs = quotesOf(["Ines Caro says the mayor promised to resign and said she would leave in May."]);
    const says = qs.find((q) => q.cue === "says");
    expect(says?.text).toBe("the mayor promised to resign");
    expect(qs.find((q) => q.cue === "said")?.text).toBe("she would leave in May");
  });

  it("names an organisation speaker by its phrase", () => {
    const qs = quotesOf(["The Harbour Authority said the quay would reopen in June."]);
    expect(qs[0].speaker?.name).toBe("Harbour Authority");
  });
});

describe("findQuotes: marks and datelines", () => {
  it("reads typewriter '' quotations closed by a question and followed by an inverted cue", () => {
    const qs = quotesOf([
      "''Is the council running the port or not?'' asked Mr. Brandt, pointing at the cranes.",
    ]);
    expect(qs[0].speaker?.name).toBe("Brandt");
    expect(qs[0].text).toBe("Is the council running the port or not?");
  });

  it("does not take a dateline for the subject of a participle cue", () => {
    const qs = quotesOf([
      "EASTPORT (Wire) — Mayor Hilde Sand on Friday criticized the levy, saying it would hurt fishermen.",
    ]);
    expect(qs[0].speaker?.name).toBe("Hilde Sand");
  });
});

describe("findQuotes: pronouns linked by the actors stage", () => {
  it("uses the actor of a pronoun mention when no antecedent is in reach", () => {
    const p = "“We will not sign,” she said.";
    const mentions: Mention[] = [
      { paragraph: 0, start: 20, end: 23, text: "she", type: "PERSON", actor: "person:vera-lind" },
    ];
    const actors = [
      {
        id: "person:vera-lind",
        name: "Vera Lind",
        kind: "person" as const,
        country: null,
        sector: null,
        role: null,
      },
    ];
    const [q] = quotesOf([p], { mentions, actors });
    expect(q.speaker?.name).toBe("Vera Lind");
    expect(q.speaker?.actor).toBe("person:vera-lind");
  });
});

describe("findQuotes: he and she refer to people", () => {
  it("skips an organisation speaker when resolving she", () => {
    const qs = quotesOf([
      "“The ferry will sail on Monday,” said Lotte Aaberg, the transport minister.",
      "The Harbour Authority said the quay was safe. “We checked every bollard,” she added.",
    ]);
    expect(find(qs, "every bollard").speaker?.name).toBe("Lotte Aaberg");
  });
});

describe("findQuotes: names inside speaker phrases", () => {
  it("takes the person after an employer named before the role", () => {
    const qs = quotesOf(["“Rates will rise again,” Bank of Norland governor Petra Lunde said."]);
    expect(qs[0].speaker?.name).toBe("Petra Lunde");
  });

  it("takes the person quoted in “X quoted Y as saying”", () => {
    const qs = quotesOf([
      "The Eastport Courier quoted Minister Aron Blom as saying: “The tunnel will open in spring.”",
    ]);
    expect(qs[0].speaker?.name).toBe("Aron Blom");
  });
});

describe("findQuotes: statements introduced by a colon", () => {
  it("gives a quotation paragraph the speaker of the paragraph that introduced it", () => {
    const qs = quotesOf([
      "Governor Elsa Rydell said in a statement on Friday:",
      "“Today the valley gets the flood defences it has waited for since the storm of last winter.”",
    ]);
    const q = find(qs, "flood defences");
    expect(q.speaker?.name).toBe("Elsa Rydell");
    expect(q.cue).toBe("said");
  });

  it("does not read a contracted pronoun as a name", () => {
    const qs = quotesOf(["They'll say the new levy made things worse for the fishing towns."]);
    expect(qs[0]?.speaker?.name ?? null).not.toBe("They'll");
  });
});

describe("findQuotes: group speakers and their body", () => {
  it("keeps the group as the name and links the body it belongs to", () => {
    const p = "Alliance officials say the drills will go ahead.";
    const mentions: Mention[] = [
      { paragraph: 0, start: 0, end: 8, text: "Alliance", type: "ORG", actor: "igo:ALLIANCE" },
    ];
    const actors = [
      {
        id: "igo:ALLIANCE",
        name: "Northern Alliance",
        kind: "igo" as const,
        country: null,
        sector: null,
        role: null,
      },
    ];
    const [q] = quotesOf([p], { mentions, actors });
    expect(q.speaker?.name).toBe("Alliance officials");
    expect(q.speaker?.actor).toBe("igo:ALLIANCE");
  });
});

describe("findQuotes: asides, place lists and datelines before the subject", () => {
  it("skips a name inside an aside between the subject and the cue", () => {
    const qs = quotesOf(["Jonna Brekke, 58, who lives outside Dalby, says she never trusted the dam."]);
    expect(qs[0].speaker?.name).toBe("Jonna Brekke");
  });

  it("steps past a place list and a mixed-case dateline to the clause subject", () => {
    const qs = quotesOf([
      "Speaking at a rally in Varde, North Jutland, Mayor Ole Friis went after the council, calling it “a circus.”",
      "Eastport (Wire) – Premier Ada Holm criticised the budget, saying that “reckless promises” cost more later.",
    ]);
    expect(find(qs, "a circus").speaker?.name).toBe("Ole Friis");
    expect(find(qs, "reckless promises").speaker?.name).toBe("Ada Holm");
  });
});

describe("findQuotes: reported clauses end where another attribution begins", () => {
  it("stops a that-clause before a closing “, the source added”", () => {
    const [a] = extractAttributions({
      paragraphs: [
        "The mayor told aides that the levy was dead, but the council overruled him, the source added.",
      ],
    }).filter((x) => x.cue === "told");
    expect(a.text).toBe("the levy was dead, but the council overruled him");
  });

  it("reads a closing cue followed by a day and a new clause, after a dateline", () => {
    const qs = quotesOf([
      "EASTPORT ― The tunnel plan is dead, harbour officials said Friday, as crews packed up their gear.",
    ]);
    const q = qs.find((x) => x.cue === "said");
    expect(q?.text).toBe("The tunnel plan is dead");
    expect(q?.speaker?.name).toBe("harbour officials");
  });

  it("reads a possessor-led subject", () => {
    const qs = quotesOf(["Norland’s port commissioner says an inquiry found no fault with the crane crews."]);
    expect(qs[0].speaker?.text).toBe("Norland’s port commissioner");
  });
});

describe("quote marks: straight marks in joined paragraphs", () => {
  it("re-opens at a straight mark that starts a new quoted sentence, and ignores a stray closing mark", () => {
    const text =
      'Crews were "exhausted." "We have no fuel. "Who will pay for the next shift?" the foreman asked.';
    const spans = scanQuoteMarks([text])[0].map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(["exhausted.", "We have no fuel.", "Who will pay for the next shift?"]);
    expect(scanQuoteMarks(['It rained." Then the ferry left.'])[0]).toHaveLength(0);
  });
});

describe("findQuotes: a quotation paragraph after reported speech", () => {
  it("belongs to the speaker of the reported speech before it", () => {
    const qs = quotesOf([
      "Mayor Ines Holt said the bridge would reopen before the festival.",
      "“Nobody should plan a detour for the summer.”",
    ]);
    expect(find(qs, "detour").speaker?.name).toBe("Ines Holt");
  });
});

describe("findQuotes: post-modifiers and relative clauses", () => {
  it("finds the antecedent of “who said” even after a preposition", () => {
    const qs = quotesOf([
      "The mayor has won backing from Norland’s Premier Ada Holm, who said in a joint letter that the region “will not pay twice.”",
    ]);
    expect(find(qs, "not pay twice").speaker?.name).toBe("Ada Holm");
  });

  it("keeps a prepositional post-modifier in a group speaker, but not a time phrase", () => {
    const qs = quotesOf([
      "Experts on river ice and flood control said the thaw could come early.",
      "Holm on Tuesday said she wants a second ferry.",
      "Holm said after the vote she would not resign.",
    ]);
    expect(find(qs, "thaw could come").speaker?.text).toBe("Experts on river ice and flood control");
    expect(find(qs, "second ferry").speaker?.text).toBe("Holm");
    expect(find(qs, "would not resign").speaker?.text).toBe("Holm");
  });
});
