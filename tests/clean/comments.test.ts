import { describe, expect, it } from "vitest";
import { flagComment } from "../../src/clean/index.ts";
import { bodyText, cleanText } from "./run-clean.ts";

const ARTICLE = [
  "Ministers Meet Again in Geneva",
  "",
  "Foreign ministers met in Geneva on Thursday for a second day of talks on prisoner exchanges and humanitarian corridors.",
  "",
  "Both delegations described the meeting as useful but gave no details about a possible agreement.",
  "",
].join("\n");

describe("splitComments", () => {
  it("reads 'Name says:' headers without numbers", () => {
    const r = cleanText(
      `${ARTICLE}Comments\n\nAlina says:\n\nUseful summary, thanks.\n\nReply\n\nPeter W says:\n\nI disagree with the framing.\n`,
    );
    expect(r.comments.map((c) => c.author)).toEqual(["Alina", "Peter W"]);
    expect(r.comments[0].text).toBe("Useful summary, thanks.");
    expect(r.removed.some((x) => x.text === "Reply")).toBe(true);
    expect(bodyText(r)).not.toContain("Useful summary");
  });

  it("reads 'Name on <date> at <time>' headers", () => {
    const r = cleanText(
      `${ARTICLE}Sam Ortiz on March 3, 2022 at 4:12 pm\n\nWhere is the source for this?\n\nLee on 4 March 2022 at 09:30\n\nIn the second paragraph.\n`,
    );
    expect(r.comments.map((c) => [c.author, c.text])).toEqual([
      ["Sam Ortiz", "Where is the source for this?"],
      ["Lee", "In the second paragraph."],
    ]);
  });

  it("takes reply depth from dotted numbering", () => {
    const r = cleanText(
      `${ARTICLE}1. Ann says\nFirst.\n1.1. Bo says\nA reply.\n1.1.1. Cy says\nDeeper.\n2. Di says\nSecond.\n`,
    );
    expect(r.comments.map((c) => [c.author, c.replyTo])).toEqual([
      ["Ann", null],
      ["Bo", 0],
      ["Cy", 1],
      ["Di", null],
    ]);
  });

  it("takes reply depth from restarting numbers when indentation is flattened", () => {
    const r = cleanText(
      `${ARTICLE}1. Ann says\nFirst.\n1. Bo says\nA reply.\n2. Cy says\nSecond top.\n3. Di says\nThird top.\n1. Ed says\nReply to Di.\n`,
    );
    expect(r.comments.map((c) => c.replyTo)).toEqual([null, 0, null, null, 3]);
  });

  it("keeps multi-line comment bodies together and removes everything after the form", () => {
    const r = cleanText(
      `${ARTICLE}  1. Ivo says\n\n    Line one of my comment.\n    Line two of my comment.\n\nLeave a Reply\n\nName *\n\nThis text belongs to the page footer.\n`,
    );
    expect(r.comments).toHaveLength(1);
    expect(r.comments[0].text).toBe("Line one of my comment.\nLine two of my comment.");
    expect(bodyText(r)).not.toContain("page footer");
    expect(r.removed.some((x) => x.text === "This text belongs to the page footer.")).toBe(true);
  });

  it("does not read an article line like 'He says:' as a comment", () => {
    const r = cleanText(
      `${ARTICLE}He says:\n\nThe talks will go on next week, according to both sides of the negotiation.\n`,
    );
    expect(r.comments).toHaveLength(0);
  });
});

describe("flagComment", () => {
  it.each([
    "Earn $80 per hour from home, no experience needed. Visit cashjobs-now.biz",
    "Best crypto trading signals, click here: http://example.top",
    "Cheap viagra and casino bonuses at www.pills-and-slots.net",
  ])("flags spam: %j", (text) => {
    expect(flagComment(text).spam).toBe(true);
  });

  it.each([
    "They are vermin, all of them.",
    "Those subhuman invaders deserve nothing.",
    "Another zionazi puppet regime.",
    "What scum runs this country",
  ])("flags abuse: %j", (text) => {
    expect(flagComment(text).abusive).toBe(true);
  });

  it.each([
    "Even a cornered animal will fight back, and hard.",
    "The neo-Nazi groups were banned in 2019.",
    "Read the full report at the ministry website, it is worth it.",
    "I lost money on this deal, sadly.",
  ])("leaves ordinary comments alone: %j", (text) => {
    const f = flagComment(text);
    expect(f.spam || f.abusive).toBe(false);
  });
});

describe("splitComments: more header styles", () => {
  it("reads a bare name line over a dated, timed line", () => {
    const r = cleanText(
      `${ARTICLE}2 Comments\n\nMira Holt\n\nMarch 5, 2022 at 9:41 am\n\nGood overview of the talks.\n\nReply\n\nJon\n\nMarch 5, 2022 at 10:02 am\n\nAgreed, thanks.\n`,
    );
    expect(r.comments.map((c) => [c.author, c.text])).toEqual([
      ["Mira Holt", "Good overview of the talks."],
      ["Jon", "Agreed, thanks."],
    ]);
    expect(bodyText(r)).not.toContain("Mira Holt");
  });

  it("reads 'Name • 2 years ago' headers", () => {
    const r = cleanText(
      `${ARTICLE}kestrel • 2 years ago\n\nWhere did the figures come from?\n\nAnna B • 1 year ago\n\nThe ministry report, page four.\n`,
    );
    expect(r.comments.map((c) => c.author)).toEqual(["kestrel", "Anna B"]);
  });
});

describe("splitComments: widget styles", () => {
  it("reads a bare name over a relative time, drops vote counts and view-all links", () => {
    const r = cleanText(
      `${ARTICLE}Top Rated Comments\n\n(View all)\n\nWoodlark\n\n2 days ago at 07:52 am\n\nNice to see the talks moving.\n\nRating: 12 Votes\n\nPeder N\n\n3 days ago\n\nNot convinced yet.\n`,
    );
    expect(r.comments.map((c) => [c.author, c.text])).toEqual([
      ["Woodlark", "Nice to see the talks moving."],
      ["Peder N", "Not convinced yet."],
    ]);
  });

  it("reads 'Name (Org) on <date> at <time> said:' headers", () => {
    const r = cleanText(
      `${ARTICLE}Comments\n\nLena Ford on September 12, 2018 at 4:47 pm said:\n\nAny update on the follow-up study?\n\nOmar (Example Fund) on September 13, 2018 at 5:23 pm said:\n\nHi Lena, not yet.\n`,
    );
    expect(r.comments.map((c) => c.author)).toEqual(["Lena Ford", "Omar (Example Fund)"]);
  });

  it("removes comment policy lines instead of reading them as comments", () => {
    const r = cleanText(
      `${ARTICLE}Comments\n\nComments are subject to our community guidelines.\n\nYou must login or create an account to comment.\n`,
    );
    expect(r.comments).toHaveLength(0);
    expect(bodyText(r)).not.toContain("community guidelines");
  });
});

describe("embedded social posts", () => {
  it("removes a post signature instead of opening a comment thread", () => {
    const r = cleanText(
      `${ARTICLE}Talks are over for today, more tomorrow.\n\nMara Lind (@maralind) July 15, 2012\n\nThe delegations will meet again on Friday to go through the remaining prisoner lists, officials said.\n\nMara Lind (@maralind) July 16, 2012\n\nNeither side commented on the outcome, and both delegations left the building without speaking to reporters.\n`,
    );
    expect(r.comments).toHaveLength(0);
    expect(bodyText(r)).toContain("Neither side commented");
    expect(r.removed.filter((x) => x.rule === "social-embed")).toHaveLength(2);
  });
});

describe("section headings that end in 'said'", () => {
  it("does not read 'What Hill has said' as a comment header", () => {
    const r = cleanText(
      `${ARTICLE}What the envoy has said\n\nIn closed testimony she described the pressure campaign in detail and named the officials involved.\n\nWhat the aide has said\n\nIn his testimony he described a call between the two leaders in July and what was agreed.\n`,
    );
    expect(r.comments).toHaveLength(0);
  });
});

describe("replies in flat threads", () => {
  it("links a comment that addresses an earlier commenter by name", () => {
    const r = cleanText(
      `${ARTICLE}Comments\n\nLena Ford says:\n\nAny update on the follow-up study?\n\nOmar says:\n\nHi Lena, not yet, we will publish it in spring.\n\nPia says:\n\n@omar thanks for the answer.\n\nTed says:\n\nGood article.\n`,
    );
    expect(r.comments.map((c) => c.replyTo)).toEqual([null, 0, 1, null]);
  });
});
