import { describe, expect, it } from "vitest";
import { actorOf, analyse } from "./helpers.ts";

// Articles written for these tests: heads of state outside the G20, titles before lone surnames,
// armed groups and NGOs, and the European Community of the 1980s and 1990s.

describe("heads of state and government worldwide", () => {
  it("finds a Sudanese president by full name and by the forms wire copy uses", () => {
    const r = analyse(
      [
        "President Omar Hassan al-Bashir lifted the overnight curfew in Khartoum on Tuesday.",
        "Bashir told a rally that the army would stay in its barracks.",
      ],
      "1998-03-10",
    );
    expect(actorOf(r, "President Omar Hassan al-Bashir")).toBe("person:omar-al-bashir");
    expect(r.actors.find((a) => a.id === "person:omar-al-bashir")?.country).toBe("SDN");
  });

  it("resolves a title and a lone surname through the registry at the article date", () => {
    const r = analyse(
      ["Prime Minister Sharif flew to the capital to meet President Bush on trade."],
      "1991-06-02",
    );
    expect(actorOf(r, "Prime Minister Sharif")).toBe("person:nawaz-sharif");
    expect(actorOf(r, "President Bush")).toBe("person:george-h-w-bush");
    const later = analyse(
      ["Prime Minister Sharif flew to the capital to meet President Bush on trade."],
      "2006-06-02",
    );
    expect(actorOf(later, "President Bush")).toBe("person:george-w-bush");
  });

  it("undated, takes the one person a title and surname fit, and says when it had to guess", () => {
    const r = analyse(["President Mubarak received the envoy at his palace on the coast."]);
    expect(actorOf(r, "President Mubarak")).toBe("person:hosni-mubarak");
    const guess = analyse(["President Bush arrived late for the summit dinner in the old town."]);
    expect(r.actors.find((a) => a.id === "person:hosni-mubarak")?.country).toBe("EGY");
    expect(guess.actors.find((a) => a.id.startsWith("person:george"))?.country).toBe("USA");
    expect(guess.messages.some((m) => m.rule === "titled-surname-guess")).toBe(true);
  });

  it("does not hand a minister's title to a prime minister who shares the surname", () => {
    const r = analyse(["Minister Khan opened the new clinic in the hill district on Friday."], "2020-02-01");
    expect(r.actors.some((a) => a.id === "person:imran-khan")).toBe(false);
  });

  it("leaves a lone surname after a title alone when the registry does not know it", () => {
    const r = analyse(["President Qwertyson opened the new bridge over the river."], "2001-01-01");
    expect(r.actors.some((a) => a.country !== null && a.id.includes("qwertyson"))).toBe(false);
  });
});

describe("groups, NGOs and the European Community", () => {
  it("gives armed groups their country and NGOs the NGO sector", () => {
    const r = analyse([
      "Fighters of the Kosovo Liberation Army and the Khmer Rouge were named in a report that Human Rights Watch and Doctors Without Borders released on Monday.",
    ]);
    const by = (id: string) => r.actors.find((a) => a.id === id);
    expect(by("group:kla")?.country).toBe("XKX");
    expect(by("group:khmer-rouge")?.country).toBe("KHM");
    expect(by("org:human-rights-watch")?.sector).toBe("NGO");
    expect(by("org:msf")?.sector).toBe("NGO");
  });

  it("reads the European Community and the EC as one intergovernmental body", () => {
    const r = analyse([
      "European Community farm ministers met in Luxembourg, and the EC later froze the quota.",
    ]);
    expect(actorOf(r, "European Community")).toBe("igo:EC");
    expect(actorOf(r, "EC")).toBe("igo:EC");
  });
});

describe("countries that are also first names, and former state names", () => {
  it("reads Chad as the country unless a surname follows it", () => {
    const r = analyse(["Chad Porter, a farmer, said Chad had closed its eastern border with Sudan again."]);
    expect(actorOf(r, "Chad Porter")).toBe("person:chad-porter");
    expect(actorOf(r, "Chad")).toBe("state:TCD");
  });

  it("maps the Soviet Union, Yugoslavia and Zaire to the states news treats as their successors", () => {
    const r = analyse(["Yugoslav officials flew to Zaire after talks with the Soviet Union stalled."]);
    expect(actorOf(r, "Yugoslav")).toBe("state:SRB");
    expect(actorOf(r, "Zaire")).toBe("state:COD");
    expect(actorOf(r, "Soviet Union")).toBe("state:RUS");
  });

  it("keeps North and South Korea apart", () => {
    const r = analyse([
      "Pyongyang warned Seoul, and the DPRK envoy walked out of talks with the ROK delegation.",
    ]);
    expect(actorOf(r, "Pyongyang")).toBe("state:PRK");
    expect(actorOf(r, "DPRK")).toBe("state:PRK");
    expect(actorOf(r, "Seoul")).toBe("state:KOR");
    expect(actorOf(r, "ROK")).toBe("state:KOR");
  });
});

describe("group nouns after a country adjective", () => {
  it("keeps the country of a demonym before a capitalised people or faith", () => {
    const r = analyse([
      "Thousands of Iraqi Kurds crossed the mountains while Lebanese Shiites marched in the south.",
    ]);
    expect(actorOf(r, "Iraqi")).toBe("state:IRQ");
    expect(actorOf(r, "Lebanese")).toBe("state:LBN");
  });

  it("gives settlers their country and a civilian sector", () => {
    const r = analyse(["Jewish settlers blocked the road to the village before dawn."]);
    const settlers = r.actors.find((a) => a.id === "group:israeli-settlers");
    expect(settlers?.country).toBe("ISR");
    expect(settlers?.sector).toBe("CVL");
  });

  it("does not make an ethnic minority the neighbouring state", () => {
    const r = analyse([
      "Ethnic Albanian villagers in the valley met the mayor, and Albanian diplomats watched.",
    ]);
    const mentions = r.mentions.filter((m) => m.text === "Albanian");
    expect(mentions.map((m) => m.actor)).toEqual([null, "state:ALB"]);
  });
});

describe("communities named by two words", () => {
  it("codes the state a community lives in, not its kin state", () => {
    const r = analyse([
      "Bosnian Serb gunners fired on the town while Kosovo Albanians and Turkish Cypriots watched the talks.",
    ]);
    expect(actorOf(r, "Bosnian Serb")).toBe("state:BIH");
    expect(actorOf(r, "Kosovo Albanians")).toBe("state:XKX");
    expect(actorOf(r, "Turkish Cypriots")).toBe("state:CYP");
  });
});

describe("leaders of armed groups", () => {
  it("gives a rebel leader the country of the fight and the rebel sector", () => {
    const r = analyse(
      ["Rebel chief Jonas Savimbi rejected the ceasefire terms offered in Luanda."],
      "1993-04-01",
    );
    const savimbi = r.actors.find((a) => a.id === "person:jonas-savimbi");
    expect(savimbi?.country).toBe("AGO");
    expect(savimbi?.sector).toBe("REB");
  });
});
