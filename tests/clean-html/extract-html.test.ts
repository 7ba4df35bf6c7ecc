import { describe, expect, it } from "vitest";
import { extractHtml, MAX_HTML_CHARS, splitTitle } from "../../src/clean/html/index.ts";
import { MALFORMED_PAGE, NEWS_PAGE, nestedDivPage, SUFFIX_PAGE, TABLE_PAGE } from "./pages.ts";

const textOf = (blocks: { text: string }[]): string => blocks.map((b) => b.text).join("\n");

describe("extractHtml on a news page with chrome, comments and metadata", () => {
  const ex = extractHtml(NEWS_PAGE, "https://ledger.example/some/other/path");
  const body = textOf(ex.blocks);

  it("keeps the article paragraphs in reading order", () => {
    expect(ex.blocks[0].text).toMatch(/^An international observer team crossed the bridge/);
    expect(body.indexOf("The twelve monitors")).toBeLessThan(body.indexOf("Residents of Velna"));
    expect(body).toContain("pumping station on the eastern bank");
  });

  it("marks headings and blockquotes", () => {
    expect(ex.blocks.find((b) => b.text === "Access had been refused twice")?.kind).toBe("heading");
    expect(ex.blocks.find((b) => b.text.startsWith("We are not here to take sides"))?.kind).toBe(
      "blockquote",
    );
  });

  it("drops nav, share bar, newsletter box, related links, caption, byline, title and footer", () => {
    for (const gone of [
      "Home",
      "Share on Facebook",
      "Sign up for our daily",
      "Truce signed after",
      "Photo: Ledger staff",
      "By Mira Okafor",
      "All rights reserved",
      "Ceasefire monitors reach",
    ]) {
      expect(body).not.toContain(gone);
    }
    expect(ex.removed.some((r) => r.rule === "image-caption" && r.text.includes("bridge at Velna"))).toBe(
      true,
    );
  });

  it("records what it dropped, with reasons, so nothing is lost silently", () => {
    const removedText = ex.removed.map((r) => r.text).join("\n");
    expect(removedText).toContain("Home World Sport Opinion");
    expect(removedText).toContain("Sign up for our daily briefing newsletter");
    expect(removedText).toContain("Truce signed after marathon talks");
    expect(removedText).toContain("Share on Facebook");
    expect(ex.removed.every((r) => r.reason.length > 0 && r.text.length > 0)).toBe(true);
  });

  it("puts reader comments in commentBlocks with author lines as their own blocks", () => {
    const comments = ex.commentBlocks.map((b) => b.text);
    expect(comments).toContain("harbourwatcher");
    expect(comments).toContain("K. Lind");
    expect(comments).toContain("Ten days for a report seems slow when people have no water.");
    expect(comments.some((c) => /leave a reply|2 comments/i.test(c))).toBe(false);
    expect(body).not.toContain("press releases");
    expect(ex.removed.some((r) => r.reason === "comment-form")).toBe(true);
  });

  it("reads page metadata from og tags, JSON-LD, canonical link and <html lang>", () => {
    expect(ex.meta).toEqual({
      title: "Ceasefire monitors reach river crossing after week of delays",
      siteName: "The Harbour Ledger",
      authors: ["Mira Okafor", "Tomas Brenner"],
      published: "2023-04-11",
      description: "An observer team crossed the bridge at Velna on Tuesday after talks on access.",
      language: "en",
      url: "https://ledger.example/world/2023/04/11/monitors-reach-crossing",
    });
  });
});

describe("extractHtml metadata fallbacks", () => {
  it("splits the site suffix off <title> and takes the date from the URL path", () => {
    const ex = extractHtml(SUFFIX_PAGE, "https://courier.example/2021/08/02/grain-exports");
    expect(ex.meta.title).toBe("Grain exports resume from southern ports");
    expect(ex.meta.siteName).toBe("Coastal Courier");
    expect(ex.meta.published).toBe("2021-08-02");
    expect(ex.meta.url).toBe("https://courier.example/2021/08/02/grain-exports");
    expect(ex.blocks).toHaveLength(3);
  });

  it("ignores article:author when it is a URL and reads a byline element instead", () => {
    const html = `<html><head><meta property="article:author" content="https://x.example/people/1"></head><body><article><span class="byline">By Lena Moss</span><p>${"Storm damage closed the coastal road for a second day as crews cleared fallen trees and repaired power lines. ".repeat(5)}</p></article></body></html>`;
    expect(extractHtml(html).meta.authors).toEqual(["Lena Moss"]);
  });

  it("resolves a JSON-LD author given by @id and trims a site prefix using the page's h1", () => {
    const html = `<html><head><title>Harbour Notes » Pier repairs start in March</title>
      <script type="application/ld+json">{"@graph":[{"@type":"BlogPosting","@id":"#post","headline":"Pier repairs start in March","author":{"@id":"#me"}},{"@type":"Person","@id":"#me","name":"Ola Strand"}]}</script>
      </head><body><article><h1>Pier repairs start in March</h1><p>${"The old pier will be closed to walkers while divers replace the timber piles under its outer end. ".repeat(5)}</p></article></body></html>`;
    const ex = extractHtml(html, "https://notes.example/pier");
    expect(ex.meta.authors).toEqual(["Ola Strand"]);
    expect(ex.meta.title).toBe("Pier repairs start in March");
  });

  it("prefers the URL's date over a <time> outside the article", () => {
    const html = `<html><body><aside><time datetime="2009-04-11">old teaser</time></aside><article><p>${"Crews finished the new cycle lane along the harbour road ahead of schedule. ".repeat(6)}</p></article></body></html>`;
    expect(extractHtml(html, "https://x.example/2019/10/22/cycle-lane").meta.published).toBe("2019-10-22");
  });

  it("keeps a headline whose last dash part is long", () => {
    expect(
      splitTitle("Mayor resigns - council to pick successor at an emergency session next week", null).site,
    ).toBeNull();
    expect(splitTitle("Storm closes road | Ledger", "Ledger")).toEqual({
      title: "Storm closes road",
      site: "Ledger",
    });
  });
});

describe("extractHtml on hard pages", () => {
  it("finds the article in an old table layout", () => {
    const ex = extractHtml(TABLE_PAGE);
    const body = textOf(ex.blocks);
    expect(body).toContain("The island ferry will run twice a day");
    expect(body).toContain("moved to the nearest remaining crossing");
    expect(body).not.toContain("Advertise with us");
  });

  it("falls back to the density pass when Readability keeps too little", () => {
    const html = `<html><body><div><a href="/">Home</a> <a href="/a">About</a></div><div><p>The library reopens on Monday after a two-month refit, with longer evening hours.</p><p>Members can return books at any branch.</p></div></body></html>`;
    const ex = extractHtml(html);
    expect(textOf(ex.blocks)).toContain("The library reopens on Monday");
    expect(textOf(ex.blocks)).not.toContain("About");
  });

  it("survives 10,000 nested divs without overflowing the stack", () => {
    const ex = extractHtml(nestedDivPage(10_000));
    expect(ex.blocks.map((b) => b.text)).toEqual([
      expect.stringMatching(/^Deep inside the nesting sits the only paragraph/),
    ]);
    expect(ex.method).toBe("density");
    expect(ex.problems?.some((p) => p.rule === "page-too-deep")).toBe(true);
  }, 10_000);

  it("repairs malformed markup and decodes entities, broken ones included", () => {
    const ex = extractHtml(MALFORMED_PAGE);
    const body = textOf(ex.blocks);
    expect(body).toContain("The council\u2019s vote on the new bridge");
    expect(body).toContain("ill & could not attend");
    expect(body).toContain("budget \u2014 the money");
    expect(body).toContain("last year's accounts");
    expect(body).toContain("three more weeks. Drivers were advised");
    expect(body).toContain("town hall &bogus; details");
    expect(ex.meta.title).toBe("Broken & markup test");
    expect(body).not.toMatch(/&(?:#\d+|amp|nbsp|mdash);/);
  });

  it("reads a page that has server warnings printed before <html>", () => {
    const html = `<br />\n<b>Warning</b>: cache directory not writable in <b>/srv/site/cache.php</b><br />\n<!DOCTYPE html><html lang="de"><head><title>Hafenfest wegen Sturmwarnung abgesagt | Kieler Notizen</title></head><body><article><p>${"Das Hafenfest fällt wegen des angekündigten Sturms aus, teilte die Stadt am Freitag mit. ".repeat(5)}</p></article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.meta.title).toBe("Hafenfest wegen Sturmwarnung abgesagt");
    expect(ex.meta.siteName).toBe("Kieler Notizen");
    expect(ex.meta.language).toBe("de");
    expect(textOf(ex.blocks)).toContain("Das Hafenfest fällt wegen des angekündigten Sturms aus");
  });

  it("returns an empty extraction with a problem for empty and whitespace pages", () => {
    for (const html of ["", "   \n\t  ", "<html><body>   </body></html>"]) {
      const ex = extractHtml(html, "https://x.example/a");
      expect(ex.blocks).toEqual([]);
      expect(ex.commentBlocks).toEqual([]);
      expect(ex.problems?.length).toBeGreaterThan(0);
      expect(ex.meta.url).toBe("https://x.example/a");
    }
  });

  it("never throws, even when handed something that is not a string", () => {
    const ex = extractHtml(undefined as unknown as string);
    expect(ex.blocks).toEqual([]);
    expect(ex.problems?.[0].rule).toBe("empty-page");
  });

  it("cuts closed scripts and survives thousands of unclosed ones", () => {
    const closed = `<html><body><article><p>${"Flood barriers went up along the quay overnight. ".repeat(10)}</p><script>var t = "<p>not text</p>";</script><p>Second paragraph after the script, kept in place.</p></article></body></html>`;
    const ex = extractHtml(closed);
    expect(textOf(ex.blocks)).toContain("Second paragraph after the script");
    expect(textOf(ex.blocks)).not.toContain("not text");
    const hostile = `<html><body><p>${"Flood barriers went up along the quay overnight. ".repeat(10)}</p>${"<script>x ".repeat(20_000)}</body></html>`;
    expect(() => extractHtml(hostile)).not.toThrow();
  }, 10_000);

  it("drops page-tool lines, post footers and labelled link lists that Readability keeps", () => {
    const para =
      "The harbour board approved a plan to dredge the eastern channel before the autumn storms arrive. ";
    const html = `<html><body><article>
      <p>Font size: Decrease Increase</p>
      <p>${para.repeat(4)}</p>
      <p>${para.repeat(3)}</p>
      <p>Posted by Ria Holm at 09:12 AM | Email This</p>
      <h5>More articles in Local</h5>
      <ul><li> <a href="/a">Ferry timetable changes from Monday</a> </li><li> <a href="/b">New lifeboat named at ceremony</a> </li></ul>
    </article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.blocks).toHaveLength(2);
    const rules = ex.removed.map((r) => r.rule);
    expect(rules).toEqual(
      expect.arrayContaining(["ui-line", "posted-line", "related-label", "related-links"]),
    );
  });

  it("caps huge pages and says so", () => {
    const html = `<html><body><p>${"The reservoir level fell again this week. ".repeat(10)}</p>${" ".repeat(MAX_HTML_CHARS)}</body></html>`;
    const ex = extractHtml(html);
    expect(ex.problems?.some((p) => p.rule === "page-truncated")).toBe(true);
    expect(textOf(ex.blocks)).toContain("The reservoir level fell again this week.");
  });

  it("keeps words split by inline markup whole and does not glue block texts together", () => {
    const html = `<html><body><article><p>${"Officials in <b>Mos</b>cow declined to comment on the report about the convoy. ".repeat(6)}</p><p>Second paragraph ends here.</p></article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.blocks[0].text).toContain("Officials in Moscow declined");
    expect(ex.blocks.map((b) => b.text)).toContain("Second paragraph ends here.");
  });
});
