import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/version.ts";
import { runCli } from "../helpers/cli.ts";

const TEXT_SAMPLES = ["01-repost-with-comments.txt", "02-oped-with-appeals.txt", "03-rewrite-glued.txt"];

describe("sitrep CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
    for (const f of TEXT_SAMPLES)
      cpSync(join(REPO_ROOT, "samples", f), join(dir, "in", f), { recursive: true });
  });

  it("analyze --format json prints one record object for one file", async () => {
    const r = await runCli(["analyze", "in/03-rewrite-glued.txt", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.id).toMatch(/^sha256:/);
    expect(rec.source.uri).toContain("03-rewrite-glued.txt");
    expect(rec.paragraphs.length).toBeGreaterThan(0);
  });

  it("analyze prints JSONL for several inputs and a readable report on a terminal", async () => {
    const many = await runCli(["analyze", "in", "--format", "json"], { cwd: dir });
    expect(many.stdout.trim().split("\n")).toHaveLength(TEXT_SAMPLES.length);
    const report = await runCli(["analyze", "in/02-oped-with-appeals.txt"], { cwd: dir, isTTY: true });
    expect(report.stdout).toContain("¶0");
    expect(report.stdout).toMatch(/Removed|¶/);
  });

  it("analyze reads stdin with -", async () => {
    const r = await runCli(["analyze", "-", "--format", "json"], {
      cwd: dir,
      stdin:
        "Talks resumed in Vienna on Monday after a pause of two weeks, diplomats said.\n\nNo agreement was expected.",
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).paragraphs.length).toBeGreaterThan(0);
  });

  it("reports a missing input by name and goes on with the rest", async () => {
    const r = await runCli(["analyze", "in/nope.txt", "in/03-rewrite-glued.txt", "--format", "jsonl"], {
      cwd: dir,
    });
    expect(r.stderr).toContain("nope.txt");
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("ingest is idempotent and says what it did", async () => {
    const first = await runCli(["ingest", "in", "--db", "a.db"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/stored\s+3/);
    const second = await runCli(["ingest", "in", "--db", "a.db"], { cwd: dir });
    expect(second.stdout).toMatch(/stored\s+0/);
    expect(second.stdout).toMatch(/already known\s+3/);
  });

  it("ingest counts skipped inputs with their reason", async () => {
    writeFileSync(join(dir, "empty.txt"), "");
    const r = await runCli(["ingest", "empty.txt", "missing.txt", "--db", "b.db"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped\s+2/);
    expect(r.stdout).toContain("missing.txt");
  });

  it("search finds stored paragraphs with highlighted snippets and filters", async () => {
    await runCli(["ingest", "in", "--db", "s.db", "-q"], { cwd: dir });
    const r = await runCli(["search", "hotline", "--db", "s.db"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[hotline]");
    const none = await runCli(["search", "hotline", "--db", "s.db", "--publisher", "Nobody Weekly"], {
      cwd: dir,
    });
    expect(none.stdout).toContain("no matches");
    const bad = await runCli(["search", "hotline", "--db", "s.db", "--since", "last week"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since");
  });

  it("export writes JSONL records and CSV rows", async () => {
    await runCli(["ingest", "in", "--db", "e.db", "-q"], { cwd: dir });
    const jsonl = await runCli(["export", "--db", "e.db", "--format", "jsonl"], { cwd: dir });
    const lines = jsonl.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]).paragraphs).toBeInstanceOf(Array);
    const csv = await runCli(["export", "--db", "e.db", "--format", "csv"], { cwd: dir });
    expect(csv.stdout.split("\r\n")[0]).toMatch(/^id,published,/);
    expect(csv.stdout.trim().split("\r\n")).toHaveLength(4);
    const events = await runCli(["export", "--db", "e.db", "--format", "csv", "--what", "events"], {
      cwd: dir,
    });
    expect(events.stdout).toMatch(/^SQLDATE,Actor1Code/);
  });

  it("lists quotations by speaker and by their words", async () => {
    await runCli(["ingest", "in", "--db", "q.db", "-q"], { cwd: dir });
    const bySpeaker = await runCli(["quotes", "--db", "q.db", "--speaker", "Ryabkov"], { cwd: dir });
    expect(bySpeaker.stdout).toContain("We are not going to wait forever");
    const byText = await runCli(["quotes", "--db", "q.db", "--text", "patience", "--json"], { cwd: dir });
    const quotes = JSON.parse(byText.stdout);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q: { text: string }) => q.text.includes("patience"))).toBe(true);
    const events = await runCli(["events", "--db", "q.db", "--modality", "asserted"], { cwd: dir });
    expect(events.code).toBe(0);
    const bad = await runCli(["events", "--db", "q.db", "--modality", "maybe"], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it("reading commands refuse a database that does not exist", async () => {
    const r = await runCli(["search", "x", "--db", "nothing-here.db"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no database");
  });

  it("rejects unknown options and formats with a clear message", async () => {
    const r = await runCli(["analyze", "in", "--format", "xml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format");
  });
});

describe("sitrep analyze options", () => {
  it("reads JSONL with named fields and caps input size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-opts-"));
    writeFileSync(
      join(dir, "d.jsonl"),
      `${JSON.stringify({ story: "Negotiators met again in Istanbul on Friday and agreed to extend the grain deal for four months, officials said.", head: "Grain deal extended" })}\n`,
    );
    const r = await runCli(
      ["analyze", "d.jsonl", "--field", "text=story", "--field", "title=head", "--format", "json"],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.title).toBe("Grain deal extended");
    expect(rec.paragraphs[0].text).toContain("Istanbul");
    const capped = await runCli(["analyze", "d.jsonl", "--max-bytes", "10", "--format", "jsonl"], {
      cwd: dir,
    });
    expect(capped.stderr).toContain("d.jsonl");
    const bad = await runCli(["analyze", "d.jsonl", "--field", "body"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--field");
  });
});
