import { describe, expect, it } from "vitest";
import { compileActorTable, resolveDate, withActorTable } from "../../src/events/index.ts";
import { verbForms } from "../../src/events/lexicon.ts";
import { tokenize } from "../../src/events/tokens.ts";
import { emptyRecord } from "../../src/record.ts";

describe("resolveDate", () => {
  const published = "2022-01-13"; // a Thursday
  it("reads weekdays backwards in past reporting and forwards for the future", () => {
    expect(resolveDate("The talks ended on Tuesday.", published, false)).toBe("2022-01-11");
    expect(resolveDate("They meet on Tuesday.", published, true)).toBe("2022-01-18");
    expect(resolveDate("Officials met next Monday.", published, false)).toBe("2022-01-17");
  });

  it("reads relative days, months and explicit dates", () => {
    expect(resolveDate("Troops moved yesterday.", published, false)).toBe("2022-01-12");
    expect(resolveDate("Troops moved three days ago.", published, false)).toBe("2022-01-10");
    expect(resolveDate("The drills began last month.", published, false)).toBe("2021-12");
    expect(resolveDate("The drills began in December.", published, false)).toBe("2021-12");
    expect(resolveDate("A summit is planned for June.", published, true)).toBe("2022-06");
    expect(resolveDate("It happened on March 2, 2014.", published, false)).toBe("2014-03-02");
    expect(resolveDate("It happened on 2 March 2014.", null, false)).toBe("2014-03-02");
  });

  it("does not take the modal 'may' for a month and needs a publication date for relative words", () => {
    expect(resolveDate("Russia may invade.", published, false)).toBeNull();
    expect(resolveDate("Troops moved yesterday.", null, false)).toBeNull();
  });
});

describe("tokenize", () => {
  it("splits possessives and negations off, keeps hyphens, dots and digit groups", () => {
    expect(tokenize("Russia's troops didn't move 25,000 tanks; a cease-fire in the U.S.").words).toEqual([
      "russia",
      "'s",
      "troops",
      "didn",
      "n't",
      "move",
      "25,000",
      "tanks",
      ";",
      "a",
      "cease-fire",
      "in",
      "the",
      "u.s",
      ".",
    ]);
  });

  it("keeps offsets that point back into the text", () => {
    const text = "Kyiv’s view";
    const t = tokenize(text);
    expect(text.slice(t.starts[1], t.ends[1])).toBe("’s");
    expect(t.words[1]).toBe("'s");
  });
});

describe("verbForms", () => {
  it("inflects regular verbs, doubles final consonants and reads irregulars", () => {
    expect(verbForms("ban", new Map())).toEqual(expect.arrayContaining(["bans", "banned", "banning"]));
    expect(verbForms("agree", new Map())).toEqual(expect.arrayContaining(["agrees", "agreed", "agreeing"]));
    expect(verbForms("invade", new Map())).toEqual(
      expect.arrayContaining(["invades", "invaded", "invading"]),
    );
    expect(verbForms("mobilize", new Map())).toEqual(expect.arrayContaining(["mobilised", "mobilizing"]));
    expect(verbForms("send", new Map([["send", ["sent"]]]))).toContain("sent");
  });
});

describe("actor table", () => {
  it("finds names at word boundaries, longest first, and proper names only when capitalised", () => {
    const actor = (id: string) => ({
      id,
      name: id,
      kind: "state" as const,
      country: id.slice(4),
      sector: null,
      role: null,
    });
    const table = compileActorTable([
      { name: "Arnor", actor: actor("toy:ARN"), prefix: true, proper: true },
      { name: "Minas Tirith", actor: actor("toy:GON") },
      { name: "Minas", actor: actor("toy:MIN") },
    ]);
    const doc = {
      uri: "t",
      format: "text" as const,
      contentType: "text" as const,
      content: "",
      meta: {},
      messages: [],
    };
    const record = {
      ...emptyRecord(doc, "t", "t"),
      paragraphs: [
        {
          index: 0,
          kind: "paragraph" as const,
          text: "Arnorian envoys reached Minas Tirith; arnorish words do not count.",
        },
      ],
    };
    const out = withActorTable(record, table);
    expect(out.mentions.map((m) => `${m.text}:${m.actor}`)).toEqual([
      "Arnorian:toy:ARN",
      "Minas Tirith:toy:GON",
    ]);
    expect(out.actors.map((a) => a.id).sort()).toEqual(["toy:ARN", "toy:GON"]);
  });
});
