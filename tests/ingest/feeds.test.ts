import { describe, expect, it } from "vitest";
import { readXmlFeed } from "../../src/ingest/index.ts";
import type { RawDocument } from "../../src/record.ts";
import { collect, fixture } from "./helpers.ts";

describe("RSS 2.0", () => {
  it("takes full content from content:encoded, else the description, with item and channel metadata", async () => {
    const { docs, problems } = await collect([fixture("content-encoded.rss")]);
    expect(docs).toHaveLength(2);
    const [first, second] = docs;
    expect(first.format).toBe("rss");
    expect(first.contentType).toBe("html");
    expect(first.content).toBe(
      "<p>Customs officers waved the first lorries through at dawn.</p><p>Drivers said the queue had stretched for &amp; beyond twelve kilometres.</p>",
    );
    expect(first.meta).toEqual({
      title: "Border crossing reopens to trucks",
      url: "https://ledger.example.net/world/border-crossing",
      date: "2023-04-12T06:30:00.000Z",
      publisher: "Valley Ledger — World",
      authors: ["Jonas Berg"],
      language: "en-us",
    });
    expect(second.content).toBe("<p>The council voted 9 to 2 for the new flood budget.</p>");
    expect(second.meta.authors).toEqual(["Sara Quint"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "no-content" });
    expect(problems[0].uri).toMatch(/content-encoded\.rss#item=3$/);
  });
});

describe("relative links", () => {
  it("are made absolute against the channel's own link", () => {
    const xml =
      "<rss><channel><title>Desk</title><link>https://desk.example/news/</link>" +
      "<item><title>A</title><link>/news/a-story</link><description>Body.</description></item></channel></rss>";
    const [doc] = readXmlFeed(xml, "file:///d.rss", "rss") as RawDocument[];
    expect(doc.meta.url).toBe("https://desk.example/news/a-story");
  });
});

describe("RSS 1.0 (RDF)", () => {
  it("reads items that sit beside the channel, with Dublin Core dates and creators", () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://plains.example/"><title>Plains Herald</title><link>https://plains.example/</link></channel>
  <item rdf:about="https://plains.example/harvest">
    <title>Harvest starts early</title><link>https://plains.example/harvest</link>
    <description>Farmers began the harvest two weeks ahead of the usual date.</description>
    <dc:date>2021-08-14T06:00:00Z</dc:date><dc:creator>Ivo Rask</dc:creator>
  </item>
</rdf:RDF>`;
    const [doc] = readXmlFeed(rdf, "file:///p.rdf", "rss") as RawDocument[];
    expect(doc).toMatchObject({
      format: "rss",
      contentType: "text",
      content: "Farmers began the harvest two weeks ahead of the usual date.",
      meta: {
        title: "Harvest starts early",
        url: "https://plains.example/harvest",
        date: "2021-08-14T06:00:00.000Z",
        publisher: "Plains Herald",
        authors: ["Ivo Rask"],
      },
    });
  });
});

describe("Atom", () => {
  it("reads html, xhtml and summary-only entries, with the alternate link and feed-level author", async () => {
    const { docs } = await collect([fixture("newsroom.atom")]);
    expect(docs.map((d) => [d.format, d.contentType])).toEqual([
      ["atom", "html"],
      ["atom", "html"],
      ["atom", "text"],
    ]);
    expect(docs[0].meta).toMatchObject({
      title: "Power restored to most districts",
      url: "https://dispatch.example.com/power",
      date: "2024-02-20T08:15:00.000Z",
      authors: ["Lea Marsh"],
      publisher: "Northern Dispatch",
      language: "en",
    });
    expect(docs[0].content).toBe(
      "<p>Crews worked through the night to restore power.</p><p>Two districts remain dark.</p>",
    );
    expect(docs[1].content).toContain("<p>Pupils returned to <b>classrooms</b> on Monday.</p>");
    expect(docs[1].meta.authors).toEqual(["Dispatch Desk"]);
    expect(docs[2].content).toBe("Engineers will inspect the old bridge next week & close one lane.");
  });
});

describe("JSON Feed", () => {
  it("prefers content_html, falls back to content_text, and reports an empty item", async () => {
    const { docs, problems } = await collect([fixture("desk.feed.json")]);
    expect(docs.map((d) => [d.format, d.contentType, d.meta.title])).toEqual([
      ["json-feed", "html", "Ceasefire talks to resume"],
      ["json-feed", "text", "Aid convoy reaches the valley"],
    ]);
    expect(docs[0].meta).toMatchObject({
      authors: ["Idris Kahn"],
      publisher: "Riverside Monitor",
      language: "en-GB",
    });
    expect(docs[1].meta).toMatchObject({ authors: ["Monitor Staff"], date: "2023-11-01T09:30:00.000Z" });
    expect(problems.map((p) => p.code)).toEqual(["no-content"]);
  });
});

describe("JSON Feed with its version late in the object", () => {
  it("is still read as a feed", async () => {
    const feed = JSON.stringify(
      {
        title: "Late",
        description: "x".repeat(5000),
        version: "https://jsonfeed.org/version/1",
        items: [{ id: "1", content_text: "Late body." }],
      },
      null,
      2,
    );
    const { docs } = await collect(["-"], { stdin: async () => Buffer.from(feed) });
    expect(docs.map((d) => [d.format, d.content])).toEqual([["json-feed", "Late body."]]);
  });
});

describe("broken feeds", () => {
  it("recovers a feed with bare ampersands and no closing root, with a message on each item", async () => {
    const { docs, problems } = await collect([fixture("broken-recoverable.rss")]);
    expect(problems).toEqual([]);
    expect(docs.map((d) => d.meta.title)).toEqual(["Market prices rise & fall", "Road closure extended"]);
    expect(docs[0].meta.publisher).toBe("Hill & Dale Gazette");
    expect(docs[0].messages.map((m) => m.rule)).toContain("feed-malformed");
  });

  it("cuts items out one by one when the parser gives up, losing only the broken one", async () => {
    const { all } = await collect([fixture("broken-partial.rss")]);
    expect(
      all.map((x) => ("kind" in x ? `problem:${x.uri.replace(/.*#/, "")}` : (x as RawDocument).meta.title)),
    ).toEqual(["Library extends opening hours", "problem:item=2", "Volunteers plant trees"]);
  });

  it("names the feed and the reason when nothing can be recovered", async () => {
    const { docs, problems } = await collect([fixture("broken-hopeless.rss")]);
    expect(docs).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe("malformed-feed");
    expect(problems[0].uri).toMatch(/broken-hopeless\.rss$/);
    expect(problems[0].message).toMatch(/^rss: not a readable feed \(line 2/);
  });

  it("reads an undeclared Latin-1 feed as windows-1252 and says so", async () => {
    const xml = Buffer.from(
      '<rss version="2.0"><channel><title>Di\xe1rio</title><item><title>Elei\xe7\xf5es</title><description>Not\xedcia de S\xe3o Paulo</description></item></channel></rss>',
      "latin1",
    );
    const { docs } = await collect(["-"], { stdin: async () => xml });
    expect(docs[0].meta.title).toBe("Eleições");
    expect(docs[0].meta.publisher).toBe("Diário");
    expect(docs[0].content).toBe("Notícia de São Paulo");
    expect(docs[0].messages.map((m) => m.rule)).toContain("charset-guessed");
  });

  it("reads a feed whose XML declaration says ISO-8859-1 without a guess", async () => {
    const xml = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Gazeta</title><item><title>Ma\xe7\xe3</title><description>P\xe3o quente</description></item></channel></rss>',
      "latin1",
    );
    const { docs } = await collect(["-"], { stdin: async () => xml });
    expect(docs[0].content).toBe("Pão quente");
    expect(docs[0].messages).toEqual([]);
  });

  it("says so when a well-formed feed has no items", () => {
    const items = readXmlFeed("<rss><channel><title>T</title></channel></rss>", "file:///e.rss", "rss");
    expect(items).toEqual([
      { kind: "problem", uri: "file:///e.rss", code: "empty-feed", message: "rss: the feed has no items" },
    ]);
  });
});
