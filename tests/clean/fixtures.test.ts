import { describe, expect, it } from "vitest";
import { bodyText, cleanText, fixture, removedBy } from "./run-clean.ts";

describe("clean: a repost with a bracketed aside and a comment thread", () => {
  const r = cleanText(fixture("repost-with-comments.txt"));

  it("reads title and subtitle and lists both as removed", () => {
    expect(r.title).toBe("Grain Corridor Talks Resume Under Pressure");
    expect(r.subtitle).toBe("Negotiators from both governments return to Istanbul this week");
    expect(removedBy(r, "title")).toEqual([r.title]);
    expect(removedBy(r, "subtitle")).toEqual([r.subtitle]);
  });

  it("takes the original source from the Source line and removes that line", () => {
    expect(r.originalSource).toBe("Reuters");
    expect(removedBy(r, "source-note")).toEqual(["Source: Reuters"]);
    expect(bodyText(r)).not.toContain("Source:");
  });

  it("splits an appended bracketed aside into its own insertion paragraph right after", () => {
    const i = r.paragraphs.findIndex((p) => p.text.startsWith("Shipping analysts"));
    expect(r.paragraphs[i].text.endsWith("North Africa.")).toBe(true);
    expect(r.paragraphs[i + 1]).toMatchObject({
      kind: "insertion",
      text: expect.stringMatching(/^\[Nobody .*course\.\]$/),
    });
  });

  it("marks a whole bracketed paragraph as an insertion", () => {
    expect(r.paragraphs.find((p) => p.text.startsWith("[Editors"))?.kind).toBe("insertion");
  });

  it("finds every comment with its author and reply parent, none leaking into paragraphs", () => {
    expect(r.comments.map((c) => [c.author, c.replyTo])).toEqual([
      ["Marta K", null],
      ["quickcash77", 0],
      ["Oleg", 0],
      ["Daniel R", null],
    ]);
    for (const c of r.comments) expect(bodyText(r)).not.toContain(c.text.slice(0, 20));
  });

  it("flags the income offer as spam and the dehumanising comment as abusive, nothing else", () => {
    expect(r.comments.map((c) => c.spam)).toEqual([false, true, false, false]);
    expect(r.comments.map((c) => c.abusive)).toEqual([false, false, false, true]);
  });

  it("removes the comment form after the thread", () => {
    expect(removedBy(r, "comment-form")).toHaveLength(2);
  });

  it("reads attributed third-person reporting as reporting", () => {
    expect(r.genre).toBe("reporting");
  });
});

describe("clean: an op-ed with appeals, headings, a repeat and an author note", () => {
  const r = cleanText(fixture("oped-with-appeals.txt"));

  it("removes reading time, the newsletter appeal and the membership block", () => {
    const body = bodyText(r);
    for (const junk of [
      "min read",
      "newsletter",
      "Become a Member",
      "Read More",
      "answer only to our readers",
    ]) {
      expect(body).not.toContain(junk);
    }
  });

  it("drops the repeated paragraph once, with a message naming both", () => {
    expect(removedBy(r, "duplicate")).toHaveLength(1);
    expect(r.paragraphs.filter((p) => p.text.startsWith("The numbers tell"))).toHaveLength(1);
    expect(r.messages.find((m) => m.rule === "duplicate-paragraph")?.reason).toMatch(
      /^paragraph \d+ repeats paragraph \d+$/,
    );
  });

  it("does not take a reordered list for a repeat", () => {
    const lines = [
      "Group one plays: Austria v Chile; Norway v Peru; Ghana v Japan in the first round of games.",
      "Group two plays: Chile v Norway; Peru v Ghana; Japan v Austria in the first round of games.",
    ];
    const intro =
      "The federation published the spring fixtures on Friday, and as usual the order of the games was the first thing coaches complained about.";
    const r = cleanText(
      `Fixtures Announced for the Spring\n\n${intro}\n\n${lines.join("\n\n")}\n\n${lines[0]}`,
    );
    expect(r.paragraphs.map((p) => p.text)).toEqual([intro, ...lines]);
    expect(removedBy(r, "duplicate")).toEqual([lines[0]]);
  });

  it("marks short Title Case lines between paragraphs as headings", () => {
    expect(r.paragraphs.filter((p) => p.kind === "heading").map((p) => p.text)).toEqual([
      "Promises Without Budgets",
      "A Question of Will",
    ]);
  });

  it("removes the parenthesised writer note as author-note", () => {
    expect(removedBy(r, "author-note")[0]).toMatch(/^\(The writer is/);
  });

  it("names the publisher from the appeals and calls the piece opinion", () => {
    expect(r.publisher).toBe("Northern Ledger");
    expect(r.genre).toBe("opinion");
    expect(r.messages.find((m) => m.rule === "genre")?.reason).toMatch(/^opinion: .*opinion-disclaimer/);
  });
});

describe("clean: a machine-reworded rewrite", () => {
  const r = cleanText(fixture("reworded-rewrite.txt"));

  it("moves the ' | Site' title suffix to the publisher", () => {
    expect(r.title).toBe("Drone strikes hit power stations ahead of winter");
    expect(r.publisher).toBe("Harbour Daily Post");
    expect(r.subtitle).toBeNull();
  });

  it("cuts the glued 'image' prefix and reports it as removed", () => {
    expect(r.paragraphs[0].text.startsWith("Ukrainian officials said")).toBe(true);
    expect(r.removed.some((x) => x.text === "image" && x.rule === "scraping-prefix")).toBe(true);
  });

  it("restores spaces in glued sentences without touching abbreviations or decimals", () => {
    const body = bodyText(r);
    expect(body).toContain("across the north. Engineers");
    expect(body).toContain("could take weeks. “We have");
    expect(body).toContain("spokesperson said. The U.S. embassy");
    expect(body).toContain("2.5 million");
  });

  it("removes the Next Post teaser that repeats the title and names the wire original", () => {
    expect(r.paragraphs).toHaveLength(4);
    expect(removedBy(r, "teaser").some((t) => t.startsWith("(AP)"))).toBe(true);
    expect(r.originalSource).toBe("Associated Press");
  });
});

describe("clean: a single-newline blog post with bylines at both ends", () => {
  const r = cleanText(fixture("single-newline-blog.txt"));

  it("has no title because the text starts with a byline", () => {
    expect(r.title).toBeNull();
    expect(r.subtitle).toBeNull();
  });

  it("reads the author once and removes both bylines and the bio", () => {
    expect(r.authors).toEqual(["Irena Vovk"]);
    expect(removedBy(r, "byline")).toHaveLength(2);
    expect(removedBy(r, "author-note")[0]).toMatch(/^Irena Vovk is a former diplomat/);
  });

  it("keeps one paragraph per line", () => {
    expect(r.paragraphs).toHaveLength(4);
    expect(r.messages.find((m) => m.rule === "segmentation")?.reason).toMatch(/^single-newline/);
  });

  it("maps the blog in the byline to its parent publisher and reads opinion", () => {
    expect(r.publisher).toBe("Atlantic Council (New Atlanticist)");
    expect(r.genre).toBe("opinion");
  });
});

describe("clean: the same pages without blank lines or indentation", () => {
  const squeeze = (text: string): string =>
    text
      .split("\n")
      .map((l) => l.trimStart())
      .filter((l) => l.trim() !== "")
      .join("\n");

  it("still removes the teaser and keeps the article of the rewrite", () => {
    const r = cleanText(squeeze(fixture("reworded-rewrite.txt")));
    expect(r.paragraphs).toHaveLength(4);
    expect(r.title).toBe("Drone strikes hit power stations ahead of winter");
    expect(r.originalSource).toBe("Associated Press");
  });

  it("still reads the comment thread of the repost, replies from restarting numbers", () => {
    const r = cleanText(squeeze(fixture("repost-with-comments.txt")));
    expect(r.comments.map((c) => [c.author, c.replyTo])).toEqual([
      ["Marta K", null],
      ["quickcash77", 0],
      ["Oleg", 0],
      ["Daniel R", null],
    ]);
  });

  it("still strips the op-ed's appeals and the repeat", () => {
    const r = cleanText(squeeze(fixture("oped-with-appeals.txt")));
    expect(r.paragraphs.map((p) => p.text)).toEqual(
      cleanText(fixture("oped-with-appeals.txt")).paragraphs.map((p) => p.text),
    );
  });
});
