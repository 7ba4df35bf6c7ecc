import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, decodeBytes, normaliseNewlines } from "../../src/ingest/index.ts";

const latin1 = (s: string) => Buffer.from(s, "latin1");
const rules = (d: { messages: { rule: string }[] }) => d.messages.map((m) => m.rule);

describe("decodeBytes", () => {
  it("reads plain UTF-8 without messages", () => {
    const d = decodeBytes(Buffer.from("Kyiv → Kharkiv, “quoted”", "utf8"));
    expect(d.text).toBe("Kyiv → Kharkiv, “quoted”");
    expect(d.charset).toBe("utf-8");
    expect(d.messages).toEqual([]);
  });

  it("strips a UTF-8 BOM and normalises CRLF and lone CR to LF", () => {
    const d = decodeBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("one\r\ntwo\rthree\n")]),
    );
    expect(d.text).toBe("one\ntwo\nthree\n");
  });

  it("follows UTF-16 byte-order marks, both endians", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Łódź news", "utf16le")]);
    const beBody = Buffer.from("Łódź news", "utf16le").swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    expect(decodeBytes(le).text).toBe("Łódź news");
    expect(decodeBytes(be).text).toBe("Łódź news");
  });

  it("honours a <meta charset> declaration for Latin-1 bytes", () => {
    const d = decodeBytes(
      latin1('<html><head><meta charset="iso-8859-1"></head><body>Café à São Tomé</body></html>'),
    );
    expect(d.text).toContain("Café à São Tomé");
    expect(rules(d)).not.toContain("charset-guessed");
  });

  it("honours an http-equiv Content-Type declaration", () => {
    const d = decodeBytes(
      latin1(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\x93Yes,\x94 she said</p>',
      ),
    );
    expect(d.text).toContain("“Yes,” she said");
  });

  it("reads undeclared non-UTF-8 bytes as windows-1252 and says so", () => {
    const d = decodeBytes(latin1("Le ministre a d\xe9clar\xe9 \x93non\x94 \xe0 la presse."));
    expect(d.text).toBe("Le ministre a déclaré “non” à la presse.");
    expect(d.charset).toBe("windows-1252");
    expect(rules(d)).toContain("charset-guessed");
  });

  it("reads koi8-r declared in an XML declaration", () => {
    const koi8 = new Uint8Array([0xe4, 0xcf, 0xcd]); // "Дом" in koi8-r
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="koi8-r"?><t>'),
      koi8,
      Buffer.from("</t>"),
    ]);
    expect(decodeBytes(bytes).text).toContain("Дом");
  });

  it("lets the transport's charset beat the document's", () => {
    const bytes = latin1('<meta charset="utf-8"><p>na\xefve</p>');
    const d = decodeBytes(bytes, { declared: "iso-8859-1" });
    expect(d.text).toContain("naïve");
  });

  it("replaces invalid bytes in a UTF-8 text and reports how many", () => {
    const bytes = Buffer.concat([
      Buffer.from("Zürich, Genève, Malmö, Škoda, Łódź: "),
      Buffer.from([0xff, 0xc3]),
      Buffer.from(" end"),
    ]);
    const d = decodeBytes(bytes);
    expect(d.text.startsWith("Zürich, Genève, Malmö, Škoda, Łódź: ")).toBe(true);
    expect(d.text).toContain("\ufffd");
    const msg = d.messages.find((m) => m.rule === "invalid-bytes");
    expect(msg?.reason).toMatch(/^2 invalid utf-8 byte sequences/);
  });

  it("counts damage only, not U+FFFD the source already held", () => {
    const bytes = Buffer.concat([
      Buffer.from("kept \ufffd here, "),
      Buffer.from([0x80]),
      Buffer.from(" añadido"),
    ]);
    const d = decodeBytes(bytes, { declared: "utf-8" });
    expect(d.messages.find((m) => m.rule === "invalid-bytes")?.reason).toMatch(/^1 invalid/);
  });

  it("reads valid UTF-8 as UTF-8 even when the page claims Latin-1, and says so", () => {
    const bytes = Buffer.from('<meta charset="ISO-8859-1"><p>It’s “done”</p>', "utf8");
    const d = decodeBytes(bytes);
    expect(d.text).toContain("It’s “done”");
    expect(rules(d)).toContain("charset-mismatch");
  });

  it("lets many valid UTF-8 sequences beat a legacy multi-byte declaration, but keeps a real legacy page", () => {
    const mislabelled = decodeBytes(
      Buffer.from('<meta charset="gb2312"><p>港口今天重新开放，渡轮恢复运行。</p>', "utf8"),
    );
    expect(mislabelled.text).toContain("港口今天重新开放");
    expect(rules(mislabelled)).toContain("charset-mismatch");
    const legacy = Buffer.concat([
      Buffer.from('<meta charset="windows-1251"><p>'),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]), // "Привет, мир"
      Buffer.from("</p>"),
    ]);
    const read = decodeBytes(legacy);
    expect(read.text).toContain("Привет, мир");
    expect(read.messages).toEqual([]);
  });

  it("ignores an unknown charset label with a message", () => {
    const d = decodeBytes(Buffer.from('<meta charset="klingon-9"><p>plain</p>'));
    expect(d.text).toContain("plain");
    expect(rules(d)).toContain("charset-unknown");
  });

  it("repairs UTF-8 that was once misread as windows-1252, and says so", () => {
    const d = decodeBytes(
      Buffer.from("Tickets cost Â£12 at the cafÃ©; the mayorâ€™s office said â€œnoâ€\u009d.", "utf8"),
    );
    expect(d.text).toBe("Tickets cost £12 at the café; the mayor’s office said “no”.");
    expect(d.messages.find((m) => m.rule === "mojibake-repaired")?.reason).toMatch(/^5 sequences/);
  });

  it("leaves genuine Latin-1 letters and symbols alone", () => {
    const text = "São Paulo, ESPAÑA, Nº 5, Ü-Boot, «quote», ½ price, Ørsted, Åland";
    const d = decodeBytes(Buffer.from(text, "utf8"));
    expect(d.text).toBe(text);
    expect(d.messages).toEqual([]);
  });

  it("never throws and never leaves a CR, whatever the bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.option(fc.constantFrom("utf-8", "koi8-r", "x-nope", "utf-16le")),
        (bytes, declared) => {
          const d = decodeBytes(bytes, { declared });
          expect(typeof d.text).toBe("string");
          expect(d.text.includes("\r")).toBe(false);
        },
      ),
      { numRuns: 300, seed: 20260 },
    );
  });
});

describe("charsetFromContentType and normaliseNewlines", () => {
  it("pulls the charset parameter out of a header value", () => {
    expect(charsetFromContentType('text/html; charset="Windows-1251"')).toBe("Windows-1251");
    expect(charsetFromContentType("text/html")).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });

  it("normalises line ends in strings that did not pass through decodeBytes", () => {
    expect(normaliseNewlines("\ufeffa\r\nb\rc")).toBe("a\nb\nc");
  });
});
