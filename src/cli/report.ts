import type { ArticleRecord } from "../record.ts";

/** A readable report of one article record, for a terminal. */
export function renderReport(r: ArticleRecord): string {
  const out: string[] = [];
  const rule = "─".repeat(72);
  out.push(rule);
  out.push(`${r.title ?? "(no title)"}`);
  if (r.subtitle) out.push(`  ${r.subtitle}`);
  const by = r.authors.length ? `by ${r.authors.join(", ")}` : "no byline";
  out.push(
    `${by} · ${r.publisher ?? "publisher unknown"}${r.originalSource ? ` · from ${r.originalSource}` : ""}`,
  );
  const d = r.published;
  const date = d.date ?? (d.earliest ? `${d.earliest}…${d.latest ?? ""}` : "date unknown");
  out.push(`${date} (${d.basis}) · ${r.language} · ${r.genre} · ${r.source.uri}`);
  out.push(
    `id ${r.id.slice(0, 19)}…${r.nearDuplicateOf ? ` · near-duplicate of ${r.nearDuplicateOf.slice(0, 19)}…` : ""}`,
  );
  out.push(rule);
  for (const p of r.paragraphs) {
    const tag = p.kind === "paragraph" ? "" : `[${p.kind}] `;
    out.push(`¶${p.index} ${tag}${p.text}`);
  }
  if (r.actors.length) {
    out.push("", `Actors (${r.actors.length})`);
    for (const a of r.actors) {
      out.push(
        `  ${a.name} — ${a.kind}${a.country ? ` ${a.country}` : ""}${a.sector ? `/${a.sector}` : ""}${a.role ? `, ${a.role}` : ""}`,
      );
    }
  }
  if (r.quotes.length) {
    out.push("", `Quotations (${r.quotes.length})`);
    for (const q of r.quotes) {
      const who = q.speaker?.name ?? q.speaker?.text ?? "unattributed";
      out.push(`  ¶${q.paragraph} ${q.kind} — ${who}${q.cue ? ` (${q.cue})` : ""}: “${q.text}”`);
    }
  }
  if (r.events.length) {
    out.push("", `Events (${r.events.length})`);
    // Parties by the name the article's actor list gives them ("Sergei Ryabkov (RUS)"), else their code.
    const names = new Map(r.actors.map((a) => [a.id, a.name]));
    const party = (p: { actor: string | null; country: string | null; sector: string | null }): string => {
      const name = p.actor ? names.get(p.actor) : undefined;
      const where = [p.country, p.sector].filter(Boolean).join("/");
      if (name && p.actor?.startsWith("state:"))
        return p.sector && p.sector !== "GOV" ? `${name} (${p.sector})` : name; // "Russia (MIL)"
      if (name) return where ? `${name} (${where})` : name;
      return p.actor ?? (where || "?");
    };
    for (const e of r.events) {
      const src = party(e.source);
      const tgt = e.target ? party(e.target) : "—";
      out.push(
        `  ¶${e.paragraph} ${e.category}/${e.cameo} ${src} → ${tgt} · ${e.modality}${e.claimedBy ? ` by ${e.claimedBy}` : ""} · ${e.intensity >= 0 ? "+" : ""}${e.intensity}${e.date ? ` · ${e.date}` : ""}`,
      );
      out.push(`      “${e.evidence}”`);
    }
  }
  if (r.comments.length) {
    out.push("", `Reader comments (${r.comments.length})`);
    for (const c of r.comments) {
      const flags = [c.spam ? "SPAM" : "", c.abusive ? "ABUSIVE" : ""].filter(Boolean).join(" ");
      const reply = c.replyTo === null ? "" : ` ↳ reply to #${c.replyTo}`;
      out.push(
        `  #${c.index} ${c.author ?? "anonymous"}${reply}${flags ? ` [${flags}]` : ""}: ${c.text.slice(0, 120)}${c.text.length > 120 ? "…" : ""}`,
      );
    }
  }
  if (r.removed.length) {
    out.push("", `Removed (${r.removed.length})`);
    for (const x of r.removed)
      out.push(
        `  ${x.reason}${x.rule ? `/${x.rule}` : ""}: ${x.text.slice(0, 100)}${x.text.length > 100 ? "…" : ""}`,
      );
  }
  if (r.messages.length) {
    out.push("", "Messages");
    for (const m of r.messages) out.push(`  ${m.stage}/${m.rule}: ${m.reason}`);
  }
  out.push("");
  return out.join("\n");
}

/**
 * Rows of cells as aligned columns under a header and a rule, one line each (trailing spaces trimmed).
 * @example table(["a", "bb"], [["1", "2"]]) // "a  bb\n-  --\n1  2\n"
 */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `${r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd()}\n`;
  return line(header) + line(widths.map((w) => "-".repeat(w))) + rows.map(line).join("");
}
