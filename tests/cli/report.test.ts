import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";

describe("the text report's events", () => {
  it("names the parties as the article's actor list does, with the sector when it is not the government", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-report-"));
    writeFileSync(
      join(dir, "a.txt"),
      "Shelling Resumes\n\nMarch 3, 2022\n\nRussian troops shelled Kharkiv overnight, officials said.\n\nPresident Vladimir Putin met Emmanuel Macron in Moscow on Monday.\n",
    );
    const r = await runCli(["analyze", "a.txt", "--format", "text"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ASSAULT/194 Russia (MIL) → UKR");
    expect(r.stdout).toMatch(/CONSULT\/040 Vladimir Putin \(RUS\/GOV\) → Emmanuel Macron \(FRA\/GOV\)/);
    expect(r.stdout).not.toContain("state:RUS →");
  });
});
