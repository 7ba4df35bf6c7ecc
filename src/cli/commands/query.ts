import { MODALITIES, type Modality } from "../../record.ts";
import { isoDateOption, limitOption, openStore } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";
import { table } from "../report.ts";

export interface QueryOptions {
  db?: string;
  publisher?: string;
  since?: string;
  until?: string;
  limit?: string;
  json?: boolean;
}

const BOLD: [string, string] = ["\u001b[1m", "\u001b[22m"];
const PLAIN: [string, string] = ["[", "]"];
function filterOf(opts: QueryOptions, defaultLimit: number) {
  return {
    publisher: opts.publisher,
    since: isoDateOption("since", opts.since),
    until: isoDateOption("until", opts.until),
    limit: limitOption(opts.limit, defaultLimit),
  };
}

const oneLine = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** `sitrep search "<query>"`: full-text search over stored paragraphs, best first, with highlighted snippets. */
export async function searchCommand(query: string, opts: QueryOptions, io: CliIO): Promise<number> {
  if (!query.trim()) throw new CliError("search: give some words to look for");
  const store = openStore(opts.db, io, true);
  try {
    const hits = await store.search(query, filterOf(opts, 20), io.isTTY ? BOLD : PLAIN);
    if (opts.json) {
      io.stdout(`${JSON.stringify(hits, null, 2)}\n`);
      return 0;
    }
    if (hits.length === 0) {
      io.stdout(`no matches for "${query}"\n`);
      return 0;
    }
    for (const h of hits) {
      io.stdout(
        `${h.published ?? "????-??-??"}  ${oneLine(h.publisher) || "?"} — ${oneLine(h.title) || "(no title)"}\n`,
      );
      io.stdout(
        `  ¶${h.paragraph} ${oneLine(h.snippet)}\n  ${h.articleId.slice(0, 19)}…  score ${h.score.toFixed(2)}\n\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

export interface QuotesOptions extends QueryOptions {
  speaker?: string;
  text?: string;
}

/**
 * `sitrep quotes --speaker Peskov --since 2022-01-01 [--text guarantees]`: quotations with date, outlet and
 * article, filtered by speaker (name, words used or actor id) and by words in the quotation.
 */
export async function quotesCommand(opts: QuotesOptions, io: CliIO): Promise<number> {
  const store = openStore(opts.db, io, true);
  try {
    const quotes = await store.quotes({ ...filterOf(opts, 100), speaker: opts.speaker, text: opts.text });
    if (opts.json) io.stdout(`${JSON.stringify(quotes, null, 2)}\n`);
    else if (quotes.length === 0) io.stdout("no quotations match\n");
    else
      for (const q of quotes) {
        const who = q.speaker?.name ?? q.speaker?.text ?? "unattributed";
        io.stdout(
          `${q.published ?? "????-??-??"}  ${oneLine(q.publisher) || "?"}  ${who} (${q.kind}${q.cue ? `, ${q.cue}` : ""})\n`,
        );
        io.stdout(
          `  “${oneLine(q.text)}”\n  ${oneLine(q.title) || q.articleId.slice(0, 19)} ¶${q.paragraph}\n\n`,
        );
      }
    return 0;
  } finally {
    await store.close();
  }
}

export interface EventsOptions extends QueryOptions {
  source?: string;
  target?: string;
  modality?: string;
  category?: string;
}

/** `sitrep events --source RUS --target UKR --modality asserted`: a table of coded events. */
export async function eventsCommand(opts: EventsOptions, io: CliIO): Promise<number> {
  if (opts.modality && !MODALITIES.includes(opts.modality as Modality)) {
    throw new CliError(`--modality must be one of ${MODALITIES.join(", ")}, found "${opts.modality}"`);
  }
  const store = openStore(opts.db, io, true);
  try {
    const events = await store.events({
      ...filterOf(opts, 200),
      source: opts.source,
      target: opts.target,
      modality: opts.modality as Modality | undefined,
      category: opts.category,
    });
    if (opts.json) {
      io.stdout(`${JSON.stringify(events, null, 2)}\n`);
      return 0;
    }
    if (events.length === 0) {
      io.stdout("no events match\n");
      return 0;
    }
    const rows = events.map((e) => [
      e.date ?? e.published ?? "",
      e.source.actor ?? e.source.country ?? "?",
      e.target ? (e.target.actor ?? e.target.country ?? "?") : "—",
      `${e.category}/${e.cameo}`,
      (e.intensity >= 0 ? "+" : "") + e.intensity.toFixed(1),
      e.modality,
      oneLine(e.evidence).slice(0, 70),
    ]);
    const header = ["date", "source", "target", "event", "int", "modality", "evidence"];
    io.stdout(table(header, rows));
    return 0;
  } finally {
    await store.close();
  }
}

/** `sitrep actors`: the most mentioned actors, optionally for a period. */
export async function actorsCommand(opts: QueryOptions, io: CliIO): Promise<number> {
  const store = openStore(opts.db, io, true);
  try {
    const actors = await store.actors(filterOf(opts, 30));
    if (opts.json) io.stdout(`${JSON.stringify(actors, null, 2)}\n`);
    else if (actors.length === 0) io.stdout("no actors stored yet\n");
    else
      for (const a of actors) {
        io.stdout(
          `${String(a.mentions).padStart(6)} mentions ${String(a.articles).padStart(5)} articles  ${a.name} (${a.kind}${a.country ? ` ${a.country}` : ""}${a.sector ? `/${a.sector}` : ""})  ${a.id}\n`,
        );
      }
    return 0;
  } finally {
    await store.close();
  }
}

/** `sitrep actor "Peskov"`: roles, articles, mentions and co-mentioned actors of one actor. */
export async function actorCommand(name: string, opts: QueryOptions, io: CliIO): Promise<number> {
  const store = openStore(opts.db, io, true);
  try {
    const a = await store.actor(name);
    if (!a) {
      io.stderr(`sitrep: no stored actor matches "${name}"\n`);
      return 1;
    }
    if (opts.json) {
      io.stdout(`${JSON.stringify(a, null, 2)}\n`);
      return 0;
    }
    const out = [
      `${a.name}  (${a.id})`,
      `  ${a.kind}${a.country ? ` · ${a.country}` : ""}${a.sector ? ` · ${a.sector}` : ""} · ${a.mentions} mentions in ${a.articles} articles`,
      `  also written: ${a.aliases.filter((x) => x !== a.name).join("; ") || "—"}`,
      ...(a.sameName.length > 0
        ? [
            `  also called "${name}": ${a.sameName.map((o) => `${o.id} (${o.country ?? "no country"}, ${o.mentions} mentions)`).join("; ")}; pass an id to see one`,
          ]
        : []),
      "  roles:",
      ...a.roles.map(
        (r) => `    ${r.role ?? "(no role)"}  ${r.first ?? "?"} … ${r.last ?? "?"}  (${r.articles} articles)`,
      ),
      "  recent articles:",
      ...a.recentArticles.map(
        (r) =>
          `    ${r.published ?? "????-??-??"}  ${oneLine(r.publisher) || "?"} — ${oneLine(r.title) || r.id.slice(0, 19)}`,
      ),
      "  mentioned with:",
      ...a.coMentioned.map((c) => `    ${c.name} (${c.articles})`),
    ];
    io.stdout(`${out.join("\n")}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
