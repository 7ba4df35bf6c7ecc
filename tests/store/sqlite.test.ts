import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/index.ts";
import { makeRecord } from "../helpers/records.ts";
import { storeContract } from "./contract.ts";

storeContract("sqlite (in memory)", () => openSqliteStore(":memory:"));

describe("sqlite store on disk", () => {
  it("keeps what it stored across reopen and refuses a newer schema", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sitrep-")), "t.db");
    const s1 = openSqliteStore(path);
    const r = makeRecord(["A paragraph long enough to be stored as an article in the test database file."]);
    await s1.put(r);
    await s1.close();
    const s2 = openSqliteStore(path);
    expect(await s2.has(r.id)).toBe(true);
    await s2.close();
  });

  it("says which file it cannot open", () => {
    expect(() => openSqliteStore("/nonexistent-dir/x/y.db")).toThrow(/nonexistent-dir.*cannot open/);
  });
});

import { makeSnippet, queryTerms } from "../../src/store/sqlite-store.ts";

describe("search snippets", () => {
  it("highlights whole words, prefixes and words with diacritics as FTS matched them", () => {
    const t = "Officials in Kyiv and Kraków said the ceasefire talks were postponed again.";
    expect(makeSnippet(t, queryTerms("krakow ceasefire"), ["[", "]"])).toContain("[Kraków]");
    expect(makeSnippet(t, queryTerms("postpone*"), ["<", ">"])).toContain("<postponed>");
    expect(makeSnippet(t, queryTerms("talks NOT war"), ["[", "]"])).toContain("[talks]");
  });

  it("cuts long paragraphs to a window around the first match", () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    words[120] = "sanctions";
    const s = makeSnippet(words.join(" "), queryTerms("sanctions"), ["[", "]"]);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("[sanctions]");
    expect(s.split(" ").length).toBeLessThan(40);
  });
});
