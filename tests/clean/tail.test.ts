import { describe, expect, it } from "vitest";
import { bodyText, cleanText, removedBy } from "./run-clean.ts";

const LONG =
  "The committee heard from four witnesses over two days, and each of them described the same sequence of meetings, calls and delayed decisions in almost the same words.";

describe("the tail after the article", () => {
  it("keeps a quoted paragraph full of 'we' and 'our' at the end", () => {
    const quote =
      "“We will support our partners, and we will help our people through this winter,” the minister said.";
    const r = cleanText(`A Headline About Winter\n\n${LONG}\n\n${quote}`);
    expect(bodyText(r)).toContain("We will support our partners");
  });

  it("keeps a short closing line between an inline 'Advertisement' and a copyright line", () => {
    const r = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nAdvertisement\n\nThe vote is expected next week.\n\n© 2021 Example Features Syndicate`,
    );
    expect(bodyText(r)).toContain("The vote is expected next week.");
    expect(removedBy(r, "navigation")).toEqual(["Advertisement"]);
    expect(removedBy(r, "disclaimer")).toHaveLength(1);
  });

  it("keeps a closing paragraph in the first person plural that asks nothing of readers", () => {
    const close =
      "At some point we will have to face our own debts, and we cannot leave that to our children.";
    const r = cleanText(`A Headline About Winter\n\n${LONG}\n\n${close}`);
    expect(bodyText(r)).toContain(close);
  });

  it("keeps the last paragraph of a speech that thanks listeners for their support", () => {
    const close =
      "Friends, we thank you for your support this year, and we wish all our people peace and health in the year ahead.";
    const r = cleanText(`A Headline About Winter\n\n${LONG}\n\n${close}`);
    expect(bodyText(r)).toContain(close);
  });

  it("swallows short filler between appeal lines", () => {
    const r = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nWe are a nonprofit newsroom and we depend on readers like you: please donate to support our journalism.\n\nEvery gift counts.\n\nDonate`,
    );
    expect(bodyText(r)).not.toContain("Every gift counts.");
    expect(r.paragraphs).toHaveLength(1);
  });

  it("removes photo captions with a credit and credit lines", () => {
    const r = cleanText(
      `A Headline About Winter\n\nThe minister arrives at the summit in Vilnius. (Jane Roe/Example Agency)\n\n${LONG}\n\nThe Associated Press contributed to this report.`,
    );
    expect(r.paragraphs).toHaveLength(1);
    expect(r.removed.map((x) => x.rule)).toEqual(expect.arrayContaining(["photo-caption", "credit-line"]));
  });
});

const OTHER = [
  "Officials later said the second day of hearings had been moved to a larger room because of the number of journalists who wanted to attend.",
  "None of the witnesses was asked about the budget, which several members of the committee described afterwards as the real question.",
];

describe("look-alikes that are article text", () => {
  it("reads an unknown outlet from a source note only when it looks like a name", () => {
    const named = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nThis article first appeared on Example Pro at 7:03 p.m. on May 2, 2019.`,
    );
    expect(named.originalSource).toBe("Example Pro");
    const sentence = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nSource: officials expect the report to reach the committee this week`,
    );
    expect(sentence.originalSource).toBeNull();
    expect(bodyText(sentence)).toContain("officials expect");
  });

  it("does not read a 'Sources …' sentence as a source note", () => {
    const r = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nSources question whether he ever mastered the job`,
    );
    expect(r.originalSource).toBeNull();
    expect(bodyText(r)).toContain("Sources question");
  });

  it("does not read 'The news agency says:' as a comment header", () => {
    const r = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nThe news agency says:\n\n${OTHER[0]}\n\nThe state broadcaster says:\n\n${OTHER[1]}`,
    );
    expect(r.comments).toHaveLength(0);
    expect(r.paragraphs.length).toBeGreaterThanOrEqual(5);
  });

  it("does not read a sentence starting 'Responses to' as a comment count", () => {
    const r = cleanText(
      `A Headline About Winter\n\n${LONG}\n\nResponses to the threat were at the heart of the talks on Friday.\n\n${OTHER[0]}`,
    );
    expect(r.paragraphs).toHaveLength(3);
  });
});

describe("photo captions", () => {
  it.each([
    "The minister arrives at the summit in Vilnius. (Jane Roe/Example Agency)",
    "(Photo: Jane Roe/Pool/via Example Agency)",
    "FILE - In this Feb. 22, 2018, file photo the envoy speaks at a conference in Vienna.",
    "In this undated handout photo released by the ministry, a convoy crosses the river.",
  ])("removes %j", (caption) => {
    const r = cleanText(`A Headline About Winter\n\n${caption}\n\n${LONG}`);
    expect(r.paragraphs.map((p) => p.text)).toEqual([LONG]);
  });

  it.each([
    "In this case the minister was wrong about the photo, and his office later said so in a statement.",
    "The report covered schools for pupils aged 6 to 14 (grades K/8) and found gaps in funding.",
    "Contains 25 references to earlier studies of rural schools and their funding. (Author/CDS)",
  ])("keeps %j", (line) => {
    const r = cleanText(`A Headline About Winter\n\n${LONG}\n\n${line}\n\n${OTHER_FOR_CAPTIONS}`);
    expect(bodyText(r)).toContain(line);
  });
});

const OTHER_FOR_CAPTIONS =
  "Officials later said the second day of hearings had been moved to a larger room because of the number of journalists who wanted to attend.";
