import { afterAll, describe, expect, it } from "vitest";
import { indexText, openPgStore, parsePgUrl, toTsQuery } from "../../src/store/index.ts";
import { dropPgSchemas, freshPgUrl, PG_URL, pgSuiteName } from "../queue/pg-url.ts";
import { storeContract } from "./contract.ts";

afterAll(dropPgSchemas);

// One line for the whole run (this file holds the store contract; the other PG files skip quietly).
if (!PG_URL) {
  console.warn(
    "PostgreSQL suites skipped: SITREP_PG_URL is not set (scripts/pg-test-server.sh run npm test runs them)",
  );
}

describe.skipIf(!PG_URL)(pgSuiteName("postgres store"), () => {
  storeContract("postgres", () => openPgStore(freshPgUrl("contract")));
});

describe("postgres search queries (no server needed)", () => {
  it("reads FTS5-style queries as tsquery text that never fails to parse", () => {
    expect(toTsQuery("talks Vienna")).toBe("'talks' & 'vienna'");
    expect(toTsQuery('"Black Sea" OR grain* NOT wheat')).toBe("('black' <-> 'sea') | 'grain':* & !'wheat'");
    expect(toTsQuery("minister's \"border")).toBe("'minister' & 's' & 'border'");
    expect(toTsQuery("NOT war")).toBe("'war'");
    expect(toTsQuery("Kraków")).toBe("'krakow'");
    expect(toTsQuery(" ?! -- ")).toBeNull();
  });

  it("indexes words as FTS5 does: letters and digits, folded, no punctuation", () => {
    expect(indexText("Kraków: U.S.-Russia talks, 2022")).toBe("krakow u s russia talks 2022");
  });

  it("takes the store schema from the URL and hides passwords in messages", () => {
    const at = parsePgUrl("postgres://me:secret@db.example/news?schema=crisis_2022");
    expect(at.schema).toBe("crisis_2022");
    expect(at.url).not.toContain("schema=");
    expect(at.shown).not.toContain("secret");
    expect(() => parsePgUrl("postgres://db/news?schema=Bad-Name")).toThrow(/schema= expects/);
  });
});
