/**
 * An injectable actor table: names → actors, turned into mentions on a record. The real registry lives
 * in the actors stage; this is for suites and tests that bring their own actors (the PETRARCH validation
 * suite's fictional states, a test's two countries) without touching that registry.
 */
import type { Actor, ArticleRecord, Mention, MentionType } from "../record.ts";

/** One name in a table: the words as written, and the actor they stand for. */
export interface TableEntry {
  /** Surface words, matched case-insensitively at word boundaries ("Arnor", "Minas Tirith"). */
  name: string;
  actor: Actor;
  /** When true, the last word may continue with letters ("Eriador" also matches "Eriadorian"). */
  prefix?: boolean;
  /** When true, the match must start with a capital letter (a proper name, not "enter" for "Ent"). */
  proper?: boolean;
  type?: MentionType;
}

/** A compiled table: one regex over all names, longest names first so "Gondor army" beats "Gondor". */
export interface ActorTable {
  pattern: RegExp;
  byName: Map<string, TableEntry>;
  actors: Actor[];
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const SPACES = /\s+/g;
/** A proper name starts with a capital. */
const UPPER_START = /^\p{Lu}/u;

/**
 * Compiles a table once; reuse it for every document.
 * @example compileActorTable([{ name: "Arnor", actor: { id: "toy:ARN", name: "Arnor", kind: "state", country: "ARN", sector: null, role: null } }])
 */
export function compileActorTable(entries: readonly TableEntry[]): ActorTable {
  const byName = new Map<string, TableEntry>();
  for (const e of entries) {
    const key = e.name.toLowerCase().replace(SPACES, " ").trim();
    if (key && !byName.has(key)) byName.set(key, e);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return { pattern: /(?!)/g, byName, actors: [] };
  const alternatives = names.map((n) => {
    const body = n.replace(REGEX_SPECIAL, "\\$&").replace(/ /g, "\\s+");
    return byName.get(n)?.prefix ? `${body}\\p{L}*` : body;
  });
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  const actors = new Map<string, Actor>();
  for (const e of byName.values()) actors.set(e.actor.id, e.actor);
  return { pattern, byName, actors: [...actors.values()] };
}

/** Finds which entry a matched surface belongs to (prefix entries match longer words). */
function entryFor(table: ActorTable, surface: string): TableEntry | undefined {
  const key = surface.toLowerCase().replace(SPACES, " ");
  const exact = table.byName.get(key);
  if (exact) return exact;
  let best: TableEntry | undefined;
  let bestLen = 0;
  for (const [name, e] of table.byName) {
    if (e.prefix && key.startsWith(name) && name.length > bestLen) {
      best = e;
      bestLen = name.length;
    }
  }
  return best;
}

/**
 * Replaces a record's mentions and actors with those the table finds in its paragraphs.
 * @example withActorTable(record, table).mentions[0].actor // "toy:ARN"
 */
export function withActorTable(record: ArticleRecord, table: ActorTable): ArticleRecord {
  const mentions: Mention[] = [];
  const used = new Map<string, Actor>();
  for (const p of record.paragraphs) {
    table.pattern.lastIndex = 0;
    for (let m = table.pattern.exec(p.text); m; m = table.pattern.exec(p.text)) {
      const e = entryFor(table, m[0]);
      if (!e) continue;
      if (e.proper && !UPPER_START.test(m[0])) continue;
      used.set(e.actor.id, e.actor);
      mentions.push({
        paragraph: p.index,
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        type: e.type ?? (e.actor.kind === "person" ? "PERSON" : "GPE"),
        actor: e.actor.id,
      });
    }
  }
  return { ...record, mentions, actors: [...used.values()] };
}
