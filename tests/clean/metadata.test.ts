import { describe, expect, it } from "vitest";
import { readDate } from "../../src/clean/index.ts";
import { bodyText, cleanText } from "./run-clean.ts";

const BODY =
  "Officials in the capital confirmed on Wednesday that the convoy had crossed the border and reached the first town before dark.";

describe("title and publisher", () => {
  it("moves a ' - Outlet' suffix to the publisher only when it is a known outlet or reads like a site", () => {
    const known = cleanText(`Talks Stall Over Prisoner Lists - BBC News\n\n${BODY}`);
    expect(known.title).toBe("Talks Stall Over Prisoner Lists");
    expect(known.publisher).toBe("BBC");
    const unknown = cleanText(`Kyiv - The Long Winter Begins\n\n${BODY}`);
    expect(unknown.title).toBe("Kyiv - The Long Winter Begins");
    expect(unknown.publisher).toBeNull();
    const site = cleanText(`Convoy Reaches the Border - Harbour Evening Gazette\n\n${BODY}`);
    expect(site.title).toBe("Convoy Reaches the Border");
    expect(site.publisher).toBe("Harbour Evening Gazette");
  });

  it("invents no title when the text starts with body", () => {
    const r = cleanText(`${BODY}\n\n${BODY.replace("Wednesday", "Thursday")}`);
    expect(r.title).toBeNull();
    expect(r.paragraphs).toHaveLength(2);
  });

  it("prefers the container's publisher and takes its title when the text has none", () => {
    const r = cleanText(`${BODY}\n\nA second paragraph follows here with more detail on the convoy.`, {
      title: "Convoy Crosses Border",
      publisher: "Example Gazette",
    });
    expect(r.title).toBe("Convoy Crosses Border");
    expect(r.publisher).toBe("Example Gazette");
  });

  it("reads two authors from 'By A and B'", () => {
    const r = cleanText(`Convoy Crosses Border\n\nBy Jane Roe and John Doe\n\n${BODY}`);
    expect(r.authors).toEqual(["Jane Roe", "John Doe"]);
  });
});

describe("sources", () => {
  it("treats 'From the LA Times:' as a citation that stays in the body", () => {
    const r = cleanText(
      `Is the Ceasefire Real?\n\nFrom the LA Times:\n\n${BODY}\n\nI am not convinced this will last, and I doubt anyone in Kyiv is either.`,
    );
    expect(r.citedSources).toEqual(["Los Angeles Times"]);
    expect(r.originalSource).toBeNull();
    expect(r.paragraphs[0].text).toBe("From the LA Times:");
  });

  it("reads a wire dateline at the opening as the original source", () => {
    const r = cleanText(`Convoy Crosses Border\n\nKYIV (Reuters) — ${BODY}\n\nMore trucks are expected.`);
    expect(r.originalSource).toBe("Reuters");
  });

  it("collects outlets the text cites by name", () => {
    const r = cleanText(`Convoy Crosses Border\n\nTwo officials told CNN that ${BODY}`);
    expect(r.citedSources).toContain("CNN");
  });
});

describe("published date", () => {
  it("reads an explicit date line near the top and removes it from the body", () => {
    const r = cleanText(`Convoy Crosses Border\n\nPublished March 3, 2022\n\n${BODY}`);
    expect(r.published).toMatchObject({ date: "2022-03-03", basis: "explicit" });
    expect(bodyText(r)).not.toContain("Published");
  });

  it("falls back to container metadata, else unknown — never invented", () => {
    expect(
      cleanText(`Convoy Crosses Border\n\n${BODY}`, { date: "2022-01-11T08:00:00Z" }).published,
    ).toMatchObject({
      date: "2022-01-11",
      basis: "metadata",
    });
    expect(cleanText(`Convoy Crosses Border\n\n${BODY}`).published).toEqual({
      date: null,
      earliest: null,
      latest: null,
      basis: "unknown",
    });
  });

  it("brackets a month-only date", () => {
    expect(readDate("Updated February 2024")).toMatchObject({
      date: null,
      earliest: "2024-02-01",
      latest: "2024-02-29",
    });
    expect(readDate("2022-02-30")).toBeNull();
    expect(readDate("4 March 2022")?.date).toBe("2022-03-04");
  });
});

describe("genre", () => {
  it("reads explainer questions with expert voices as analysis", () => {
    const r = cleanText(
      [
        "Why the Grain Deal Matters",
        "Ships have waited for weeks outside the strait while insurers weigh the risks.",
        "So what are the negotiators hoping for?",
        "Analysts say both sides want a face-saving formula that lets exports restart before winter.",
        "What is the point of another round, then?",
        "According to one researcher at a think tank in Ankara, the talks buy time for everyone involved.",
      ].join("\n\n"),
    );
    expect(r.genre).toBe("analysis");
  });

  it("blanks quoted speech before counting first-person signals", () => {
    const r = cleanText(
      [
        "Minister Rejects Talks",
        "“I doubt we will ever sign, and I think we must fight on,” the minister said on Monday.",
        "His deputy said the army would hold its positions, officials told reporters.",
        "The foreign ministry said later that no date had been set for a new round, according to a statement.",
      ].join("\n\n"),
    );
    expect(r.genre).toBe("reporting");
  });
});

describe("html input", () => {
  it("runs the same rules on extracted blocks", () => {
    const html = `<html><head><title>Convoy Crosses Border</title></head><body><article><h1>Convoy Crosses Border</h1><p>${BODY}</p><p>Read More</p><p>${BODY.replace("Wednesday", "Friday")}</p></article></body></html>`;
    const r = cleanText(html, {}, "html");
    expect(r.title).toBe("Convoy Crosses Border");
    expect(bodyText(r)).toContain("confirmed on Wednesday");
    expect(bodyText(r)).not.toContain("Read More");
  });
});

describe("header furniture", () => {
  it("removes time-ago stamps, highlight boxes, gallery counters and caption toggles before the title", () => {
    const r = cleanText(
      [
        "3 hours ago",
        "Story highlights The minister met her counterpart for the first time since the spring",
        "Enlarge this image toggle caption Jane Roe/Example Agency",
        "Image 1 of 4",
        "Updated on 2/14/2013 @ 5:20 pm",
        "Ministers Meet at Last",
        BODY,
      ].join("\n\n"),
    );
    expect(r.title).toBe("Ministers Meet at Last");
    expect(r.paragraphs.map((p) => p.text)).toEqual([BODY]);
  });

  it("takes no wire dateline for a title", () => {
    const r = cleanText(`NEW YORK (Example Wire) -- Could more help be on the way?\n\n${BODY}`);
    expect(r.title).toBeNull();
  });
});

describe("numeric dates and byline roles", () => {
  it("reads a US numeric date in a byline, and no publisher from a role", () => {
    const r = cleanText(`Convoy Crosses Border\n\nBy Jane Roe, Globe Correspondent, 6/20/04\n\n${BODY}`);
    expect(r.authors).toEqual(["Jane Roe"]);
    expect(r.published).toMatchObject({ date: "2004-06-20", basis: "explicit" });
    expect(r.publisher).toBeNull();
  });

  it("does not read numeric dates from the body", () => {
    const r = cleanText(
      `Convoy Crosses Border\n\n${BODY} The next convoy leaves on 6/24/04 if the road is open.`,
    );
    expect(r.published.basis).toBe("unknown");
  });
});
