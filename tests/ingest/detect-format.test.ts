import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/ingest/index.ts";

const fmt = (s: string | Buffer, name = "") =>
  detectFormat(typeof s === "string" ? Buffer.from(s) : s, name).format;

describe("detectFormat", () => {
  it("knows containers by their first bytes, whatever the name says", () => {
    expect(fmt("WARC/1.0\r\nWARC-Type: warcinfo\r\n", "notes.txt")).toBe("warc");
    expect(fmt(gzipSync(Buffer.from("anything")), "a.txt")).toBe("gzip");
    expect(fmt('<?xml version="1.0"?>\n<rss version="2.0"><channel>', "page.html")).toBe("rss");
    expect(
      fmt(
        '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">',
      ),
    ).toBe("atom");
    expect(fmt('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel>')).toBe("rss");
  });

  it("tells a JSON Feed, JSONL, a JSON array and a pretty-printed object apart", () => {
    expect(fmt('{"version": "https://jsonfeed.org/version/1.1", "items": []}')).toBe("json-feed");
    expect(fmt('{"version":"https:\\/\\/jsonfeed.org\\/version\\/1","items":[]}')).toBe("json-feed");
    expect(fmt('{"text": "a"}\n{"text": "b"}\n')).toBe("jsonl");
    expect(fmt('[{"text": "a"}]')).toBe("json");
    expect(fmt('{\n  "text": "a"\n}\n')).toBe("json");
  });

  it("reads an article that merely opens with a brace as text", () => {
    expect(fmt("{Editor's note: this story was updated.}\nThe council met on Monday.", "story.txt")).toBe(
      "text",
    );
  });

  it("finds HTML by doctype, root element or tag density", () => {
    expect(fmt("\n\n<!DOCTYPE html><html><body>x</body></html>")).toBe("html");
    expect(fmt("<html><body><p>x</p></body></html>")).toBe("html");
    expect(fmt("Intro line\n<div class='a'><p>One</p><p>Two</p><span>3</span></div>")).toBe("html");
    expect(fmt("The ratio of a<b and c>d is discussed below in plain words.")).toBe("text");
  });

  it("lets the extension break ties only", () => {
    expect(fmt("Just words with one <b>bold</b> bit.", "x.html")).toBe("html");
    expect(fmt("Just words with one <b>bold</b> bit.", "x.txt")).toBe("text");
  });

  it("refuses binaries and names the kind", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(detectFormat(png)).toEqual({ format: "binary", detail: "PNG image" });
    expect(detectFormat(Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")).detail).toBe("PDF document");
    expect(detectFormat(Buffer.from([0x41, 0, 0x42, 0x01, 0x02, 0x03, 0x00, 0x05, 0x06, 0x07])).format).toBe(
      "binary",
    );
  });

  it("does not mistake BOM-less UTF-16 text for binary", () => {
    expect(fmt(Buffer.from("<html><body><p>Hello there</p></body></html>", "utf16le"))).toBe("html");
  });

  it("calls white space empty and other XML unsupported", () => {
    expect(fmt(" \n\t \n")).toBe("empty");
    expect(detectFormat(Buffer.from('<?xml version="1.0"?><urlset><url/></urlset>'))).toEqual({
      format: "xml-other",
      detail: "root element <urlset>",
    });
  });
});
