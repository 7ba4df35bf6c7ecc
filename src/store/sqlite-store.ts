import Database from "better-sqlite3";
import type { CorpusRows } from "../corpus/index.ts";
import {
  bandKeys,
  estimatedJaccard,
  NEAR_DUPLICATE_JACCARD,
  signature,
  signatureFromBuffer,
  signatureToBuffer,
} from "../corpus/index.ts";
import type { ArticleRecord, Genre, QuoteKind } from "../record.ts";
import {
  bodyText,
  decodeRecord,
  encodeRecord,
  filingDate,
  leadOf,
  mentionTally,
  untilBound,
} from "./record-rules.ts";
import type {
  ActorDetail,
  ActorSummary,
  ArticleFilter,
  EventFilter,
  PutOutcome,
  QuoteFilter,
  SearchHit,
  Store,
  StoredEvent,
  StoredQuote,
  StoreStats,
} from "./store.ts";
import { StoreError } from "./store.ts";

/**
 * Bump when the schema changes; a file of another version is refused with a message rather than misread,
 * unless `upgradeFrom` knows how to bring it up to date in place (see OLDEST_UPGRADABLE).
 * v4 (additive): the article_leads table, for story grouping.
 */
const SCHEMA_VERSION = 4;
/** The oldest schema version opened by upgrading in place: v3 files gain v4's tables and keep working. */
const OLDEST_UPGRADABLE = 3;
/** Records decoded per step while upgrading an older file (bounded memory on large files). */
const UPGRADE_BATCH = 500;
const DEFAULT_LIMIT = 50;
/** FTS rowids pack the article and the paragraph; an article has fewer paragraphs than this. */
const PARAGRAPHS_PER_ARTICLE = 65536;
/** Words of context either side of the first match in a search snippet. */
const SNIPPET_WORDS = 14;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  uri TEXT NOT NULL,
  url TEXT,
  format TEXT NOT NULL,
  title TEXT,
  publisher TEXT,
  original_source TEXT,
  published TEXT,
  published_earliest TEXT,
  published_latest TEXT,
  language TEXT,
  genre TEXT,
  near_duplicate_of TEXT,
  similarity REAL,
  pipeline_version TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  signature BLOB,
  record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_publisher ON articles(publisher);
CREATE TABLE IF NOT EXISTS lsh (key TEXT NOT NULL, article_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_key ON lsh(key);
-- Contentless: the paragraph text lives once, in the compressed record; snippets are cut from it.
-- rowid = article_seq * 65536 + paragraph index.
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
  text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS actors (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, sector TEXT
);
CREATE TABLE IF NOT EXISTS actor_aliases (actor_id TEXT NOT NULL, alias TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (actor_id, alias)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_aliases_alias ON actor_aliases(alias);
CREATE TABLE IF NOT EXISTS article_actors (
  article_seq INTEGER NOT NULL, actor_id TEXT NOT NULL, role TEXT, mentions INTEGER NOT NULL,
  PRIMARY KEY (article_seq, actor_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
CREATE TABLE IF NOT EXISTS quotes (
  article_seq INTEGER NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  text TEXT NOT NULL, kind TEXT NOT NULL, speaker_text TEXT, speaker_name TEXT, speaker_actor TEXT, cue TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_seq);
CREATE TABLE IF NOT EXISTS events (
  article_seq INTEGER NOT NULL, paragraph INTEGER NOT NULL, evidence TEXT NOT NULL,
  source_actor TEXT, source_country TEXT, source_sector TEXT,
  target_actor TEXT, target_country TEXT, target_sector TEXT,
  category TEXT NOT NULL, cameo TEXT NOT NULL, intensity REAL NOT NULL, modality TEXT NOT NULL,
  claimed_by TEXT, date TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_seq);
CREATE INDEX IF NOT EXISTS events_pair ON events(source_country, target_country);
-- v4: the opening words of each article, read by story grouping without decoding records.
CREATE TABLE IF NOT EXISTS article_leads (article_seq INTEGER PRIMARY KEY, lead TEXT NOT NULL);
`;

/**
 * Turns a user's search words into an FTS5 query. Plain words are ANDed; quoted phrases, OR, NOT and
 * prefix* pass through when the query parses; otherwise every word is quoted so stray punctuation
 * ("Putin's", "U.S.-Russia") never raises a syntax error.
 */
export function toFtsQuery(query: string, strict: boolean): string {
  if (!strict) return query;
  const words = query.match(/[\p{L}\p{N}]+\*?/gu) ?? [];
  return words.map((w) => (w.endsWith("*") ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(" ");
}

/** The words of a search query, for highlighting (operators dropped; a trailing * marks a prefix). */
export function queryTerms(query: string): Array<{ word: string; prefix: boolean }> {
  const out: Array<{ word: string; prefix: boolean }> = [];
  for (const m of query.matchAll(/([\p{L}\p{N}]+)(\*)?/gu)) {
    if (/^(AND|OR|NOT|NEAR)$/.test(m[1])) continue;
    out.push({ word: foldForMatch(m[1]), prefix: m[2] === "*" });
  }
  return out;
}

/** Lower-case and strip diacritics, as the FTS tokenizer does, so highlights match what FTS matched. */
function foldForMatch(w: string): string {
  return w
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * A window of a paragraph around its first matching word, with every matching word wrapped in markers.
 * @example makeSnippet("Talks in Vienna resumed", [{word:"vienna",prefix:false}], ["[","]"]) // "Talks in [Vienna] resumed"
 */
export function makeSnippet(
  text: string,
  terms: Array<{ word: string; prefix: boolean }>,
  markers: [string, string],
): string {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const isHit = (w: string) => {
    const f = foldForMatch(w);
    return terms.some((t) => (t.prefix ? f.startsWith(t.word) : f === t.word));
  };
  const first = words.findIndex((m) => isHit(m[0]));
  const from = Math.max(0, Math.max(first, 0) - SNIPPET_WORDS);
  const to = Math.min(words.length, from + 2 * SNIPPET_WORDS + 1);
  if (words.length === 0) return "";
  const startAt = words[from].index ?? 0;
  const endAt = to < words.length ? (words[to].index ?? text.length) : text.length;
  let out = "";
  let pos = startAt;
  for (let i = from; i < to; i++) {
    const m = words[i];
    const at = m.index ?? 0;
    if (isHit(m[0])) {
      out += text.slice(pos, at) + markers[0] + m[0] + markers[1];
      pos = at + m[0].length;
    }
  }
  out += text.slice(pos, endAt);
  return `${from > 0 ? "…" : ""}${out.trim()}${to < words.length ? "…" : ""}`;
}

interface FilterSql {
  where: string[];
  params: Record<string, unknown>;
}

function articleFilterSql(filter: ArticleFilter | undefined, alias = "a"): FilterSql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter?.publisher) {
    where.push(`${alias}.publisher LIKE @publisher`);
    params.publisher = `%${filter.publisher}%`;
  }
  if (filter?.since) {
    where.push(`${alias}.published >= @since`);
    params.since = filter.since;
  }
  if (filter?.until) {
    // Inclusive of the whole period named: "2021" keeps 2021-12-31 and "2022-03-01" keeps that day's
    // timestamps. Every string that starts with `until` sorts at or below it followed by U+FFFF, and the
    // comparison can still use an index on published.
    where.push(`${alias}.published <= @until`);
    params.until = untilBound(filter.until);
  }
  return { where, params };
}

const whereClause = (parts: string[]) => (parts.length ? `WHERE ${parts.join(" AND ")}` : "");

/**
 * The embedded store: one SQLite file in WAL mode with FTS5 over paragraphs.
 * @example const store = openSqliteStore("sitrep.db"); await store.put(record); await store.close();
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore["prepare"]>;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = OFF");
      const version = this.readSchemaVersion();
      const upgrade = version !== null && version >= OLDEST_UPGRADABLE && version < SCHEMA_VERSION;
      if (version !== null && version !== SCHEMA_VERSION && !upgrade) {
        throw new StoreError(
          `${path}: database schema version ${version}, this sitrep reads version ${SCHEMA_VERSION} (and upgrades ${OLDEST_UPGRADABLE}…${SCHEMA_VERSION - 1})`,
          "schema-version",
        );
      }
      this.db.exec(SCHEMA);
      if (upgrade) this.upgradeFrom(version);
      this.db
        .prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)")
        .run(String(SCHEMA_VERSION));
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`${path}: cannot open the database: ${(err as Error).message}`, "open", {
        cause: err,
      });
    }
    this.stmts = this.prepare();
  }

  /**
   * Brings an older file up to SCHEMA_VERSION in one transaction; SCHEMA has already created the new
   * tables (every change so far is additive). v3 → v4: fill article_leads from the stored records.
   */
  private upgradeFrom(version: number): void {
    const run = this.db.transaction(() => {
      if (version < 4) {
        // In batches: better-sqlite3 cannot write while a read statement is still iterating.
        const insert = this.db.prepare(
          "INSERT OR IGNORE INTO article_leads (article_seq, lead) VALUES (?, ?)",
        );
        const batch = this.db.prepare("SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?");
        let after = 0;
        for (;;) {
          const rows = batch.all(after, UPGRADE_BATCH) as Array<{ seq: number; record: Buffer }>;
          if (rows.length === 0) break;
          for (const row of rows) {
            const lead = leadOf(decodeRecord(row.record));
            if (lead) insert.run(row.seq, lead);
          }
          after = rows[rows.length - 1].seq;
        }
      }
      this.db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
    });
    run.immediate();
  }

  private readSchemaVersion(): number | null {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").get();
    if (!exists) return null;
    const row = this.db.prepare("SELECT value FROM meta WHERE key='schema_version'").get() as
      | { value: string }
      | undefined;
    return row ? Number(row.value) : null;
  }

  private prepare() {
    const db = this.db;
    return {
      has: db.prepare("SELECT 1 FROM articles WHERE id = ?"),
      get: db.prepare("SELECT record, near_duplicate_of FROM articles WHERE id = ?"),
      insertArticle:
        db.prepare(`INSERT INTO articles (id, uri, url, format, title, publisher, original_source, published,
        published_earliest, published_latest, language, genre, near_duplicate_of, similarity, pipeline_version, ingested_at,
        signature, record) VALUES (@id, @uri, @url, @format, @title, @publisher, @originalSource, @published, @earliest,
        @latest, @language, @genre, @nearDuplicateOf, @similarity, @pipelineVersion, @ingestedAt, @signature, @record)`),
      candidates: db.prepare(
        "SELECT DISTINCT a.id, a.signature FROM lsh l JOIN articles a ON a.seq = l.article_seq WHERE l.key IN (SELECT value FROM json_each(?))",
      ),
      insertLead: db.prepare("INSERT OR REPLACE INTO article_leads (article_seq, lead) VALUES (?, ?)"),
      insertLsh: db.prepare("INSERT INTO lsh (key, article_seq) VALUES (?, ?)"),
      insertFts: db.prepare("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)"),
      recordBySeq: db.prepare("SELECT record FROM articles WHERE seq = ?"),
      upsertActor:
        db.prepare(`INSERT INTO actors (id, name, kind, country, sector) VALUES (@id, @name, @kind, @country, @sector)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, country = COALESCE(excluded.country, actors.country),
        sector = COALESCE(excluded.sector, actors.sector)`),
      insertAlias: db.prepare("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)"),
      insertArticleActor: db.prepare(
        "INSERT OR REPLACE INTO article_actors (article_seq, actor_id, role, mentions) VALUES (?, ?, ?, ?)",
      ),
      insertQuote:
        db.prepare(`INSERT INTO quotes (article_seq, paragraph, start, "end", text, kind, speaker_text, speaker_name,
        speaker_actor, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertEvent:
        db.prepare(`INSERT INTO events (article_seq, paragraph, evidence, source_actor, source_country,
        source_sector, target_actor, target_country, target_sector, category, cameo, intensity, modality, claimed_by, date,
        start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  async has(id: string): Promise<boolean> {
    return this.stmts.has.get(id) !== undefined;
  }

  async put(record: ArticleRecord): Promise<PutOutcome> {
    return this.putSync(record);
  }

  /** Synchronous put, for ingest inside one process. */
  putSync(record: ArticleRecord): PutOutcome {
    return this.putManySync([record])[0];
  }

  /**
   * Stores several records in one transaction: fewer commits, same guarantee — a crash leaves every
   * article either whole or absent, and a re-run stores the absent ones. Records near-duplicating one
   * earlier in the same batch are linked to it.
   */
  putManySync(records: ArticleRecord[]): PutOutcome[] {
    const signatures = records.map((r) => signature(bodyText(r)));
    const write = this.db.transaction((): PutOutcome[] =>
      records.map((r, i) => this.writeOne(r, signatures[i])),
    );
    try {
      return write.immediate();
    } catch (err) {
      const ids = records.map((r) => r.id.slice(0, 19)).join(", ");
      throw new StoreError(
        `${this.path}: cannot store article(s) ${ids}: ${(err as Error).message}`,
        "write",
        {
          cause: err,
        },
      );
    }
  }

  async putMany(records: ArticleRecord[]): Promise<PutOutcome[]> {
    return this.putManySync(records);
  }

  /** Writes one record inside the caller's transaction. */
  private writeOne(record: ArticleRecord, sig: Uint32Array | null): PutOutcome {
    if (this.stmts.has.get(record.id)) return { status: "known", id: record.id };
    let nearDuplicateOf: string | null = null;
    let similarity: number | undefined;
    const keys = sig ? bandKeys(sig) : [];
    if (sig) {
      const rows = this.stmts.candidates.all(JSON.stringify(keys)) as Array<{
        id: string;
        signature: Buffer | null;
      }>;
      for (const row of rows) {
        if (!row.signature) continue;
        const j = estimatedJaccard(sig, signatureFromBuffer(row.signature));
        if (j >= NEAR_DUPLICATE_JACCARD && (similarity === undefined || j > similarity)) {
          similarity = j;
          nearDuplicateOf = row.id;
        }
      }
    }
    const stored: ArticleRecord = { ...record, nearDuplicateOf };
    const info = this.stmts.insertArticle.run({
      id: record.id,
      uri: record.source.uri,
      url: record.source.url ?? null,
      format: record.source.format,
      title: record.title,
      publisher: record.publisher,
      originalSource: record.originalSource,
      published: filingDate(record),
      earliest: record.published.earliest,
      latest: record.published.latest,
      language: record.language,
      genre: record.genre,
      nearDuplicateOf,
      similarity: similarity ?? null,
      pipelineVersion: record.pipelineVersion,
      ingestedAt: new Date().toISOString(),
      signature: sig ? signatureToBuffer(sig) : null,
      record: encodeRecord(stored),
    });
    const seq = Number(info.lastInsertRowid);
    for (const key of keys) this.stmts.insertLsh.run(key, seq);
    const lead = leadOf(record);
    if (lead) this.stmts.insertLead.run(seq, lead);
    for (const p of record.paragraphs)
      this.stmts.insertFts.run(seq * PARAGRAPHS_PER_ARTICLE + p.index, p.text);
    this.writeActors(record, seq);
    for (const q of record.quotes) {
      this.stmts.insertQuote.run(
        seq,
        q.paragraph,
        q.start,
        q.end,
        q.text,
        q.kind,
        q.speaker?.text ?? null,
        q.speaker?.name ?? null,
        q.speaker?.actor ?? null,
        q.cue,
      );
    }
    for (const e of record.events) {
      this.stmts.insertEvent.run(
        seq,
        e.paragraph,
        e.evidence,
        e.source.actor,
        e.source.country,
        e.source.sector,
        e.target?.actor ?? null,
        e.target?.country ?? null,
        e.target?.sector ?? null,
        e.category,
        e.cameo,
        e.intensity,
        e.modality,
        e.claimedBy,
        e.date,
        e.start ?? null,
        e.end ?? null,
      );
    }
    return { status: "stored", id: record.id, nearDuplicateOf, similarity };
  }

  private writeActors(record: ArticleRecord, seq: number): void {
    const { counts, aliases } = mentionTally(record);
    for (const a of record.actors) {
      this.stmts.upsertActor.run({
        id: a.id,
        name: a.name,
        kind: a.kind,
        country: a.country,
        sector: a.sector,
      });
      this.stmts.insertAlias.run(a.id, a.name);
      for (const alias of aliases.get(a.id) ?? []) this.stmts.insertAlias.run(a.id, alias);
      this.stmts.insertArticleActor.run(seq, a.id, a.role, counts.get(a.id) ?? 0);
    }
  }

  async get(id: string): Promise<ArticleRecord | null> {
    const row = this.stmts.get.get(id) as { record: Buffer } | undefined;
    return row ? decodeRecord(row.record) : null;
  }

  async *list(filter?: ArticleFilter): AsyncIterable<ArticleRecord> {
    const f = articleFilterSql(filter);
    const limit = filter?.limit ? ` LIMIT ${Math.max(1, Math.floor(filter.limit))}` : "";
    const stmt = this.db.prepare(
      `SELECT record FROM articles a ${whereClause(f.where)} ORDER BY seq${limit}`,
    );
    for (const row of stmt.iterate(f.params) as Iterable<{ record: Buffer }>) yield decodeRecord(row.record);
  }

  async search(
    query: string,
    filter?: ArticleFilter,
    markers: [string, string] = ["[", "]"],
  ): Promise<SearchHit[]> {
    const f = articleFilterSql(filter);
    const sql = `SELECT a.seq, a.id AS articleId, a.title, a.publisher, a.published, p.rowid AS rowid, bm25(paragraphs_fts) AS score
      FROM paragraphs_fts p JOIN articles a ON a.seq = p.rowid / ${PARAGRAPHS_PER_ARTICLE}
      WHERE paragraphs_fts MATCH @q ${f.where.map((w) => `AND ${w}`).join(" ")}
      ORDER BY score LIMIT @limit`;
    const params = { ...f.params, limit: filter?.limit ?? DEFAULT_LIMIT };
    const stmt = this.db.prepare(sql);
    type Row = Omit<SearchHit, "snippet" | "paragraph"> & { seq: number; rowid: number };
    let rows: Row[];
    try {
      rows = stmt.all({ ...params, q: toFtsQuery(query, false) }) as Row[];
    } catch {
      const safe = toFtsQuery(query, true);
      if (!safe) return [];
      rows = stmt.all({ ...params, q: safe }) as Row[];
    }
    const terms = queryTerms(query);
    const records = new Map<number, ArticleRecord>();
    return rows.map((r) => {
      let rec = records.get(r.seq);
      if (!rec) {
        rec = decodeRecord((this.stmts.recordBySeq.get(r.seq) as { record: Buffer }).record);
        records.set(r.seq, rec);
      }
      const paragraph = r.rowid % PARAGRAPHS_PER_ARTICLE;
      const text = rec.paragraphs.find((p) => p.index === paragraph)?.text ?? "";
      return {
        articleId: r.articleId,
        title: r.title,
        publisher: r.publisher,
        published: r.published,
        paragraph,
        snippet: makeSnippet(text, terms, markers),
        score: -r.score,
      };
    });
  }

  async quotes(filter?: QuoteFilter): Promise<StoredQuote[]> {
    const f = articleFilterSql(filter);
    if (filter?.speaker) {
      f.where.push(
        "(q.speaker_name LIKE @speaker OR q.speaker_text LIKE @speaker OR q.speaker_actor LIKE @speaker)",
      );
      f.params.speaker = `%${filter.speaker}%`;
    }
    if (filter?.text) {
      f.where.push("q.text LIKE @text");
      f.params.text = `%${filter.text}%`;
    }
    const rows = this.db
      .prepare(
        `SELECT a.id AS articleId, a.title, a.publisher, a.published, q.* FROM quotes q JOIN articles a ON a.seq = q.article_seq
         ${whereClause(f.where)} ORDER BY a.published DESC, a.seq, q.paragraph, q.start LIMIT @limit`,
      )
      .all({ ...f.params, limit: filter?.limit ?? 200 }) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      articleId: r.articleId as string,
      title: r.title as string | null,
      publisher: r.publisher as string | null,
      published: r.published as string | null,
      paragraph: r.paragraph as number,
      start: r.start as number,
      end: r.end as number,
      text: r.text as string,
      kind: r.kind as StoredQuote["kind"],
      speaker:
        r.speaker_text || r.speaker_name || r.speaker_actor
          ? {
              text: r.speaker_text as string | null,
              name: r.speaker_name as string | null,
              actor: r.speaker_actor as string | null,
            }
          : null,
      cue: r.cue as string | null,
    }));
  }

  async events(filter?: EventFilter): Promise<StoredEvent[]> {
    const f = articleFilterSql(filter);
    const party = (col: "source" | "target", value: string) => {
      f.where.push(`(e.${col}_country = @${col} OR e.${col}_actor = @${col})`);
      f.params[col] = value.includes(":") ? value : value.toUpperCase();
    };
    if (filter?.source) party("source", filter.source);
    if (filter?.target) party("target", filter.target);
    if (filter?.modality) {
      f.where.push("e.modality = @modality");
      f.params.modality = filter.modality;
    }
    if (filter?.category) {
      f.where.push("e.category = @category");
      f.params.category = filter.category.toUpperCase();
    }
    const rows = this.db
      .prepare(
        `SELECT a.id AS articleId, a.publisher, a.published, e.* FROM events e JOIN articles a ON a.seq = e.article_seq
         ${whereClause(f.where)} ORDER BY COALESCE(e.date, a.published) DESC, a.seq, e.paragraph LIMIT @limit`,
      )
      .all({ ...f.params, limit: filter?.limit ?? 500 }) as Array<Record<string, unknown>>;
    const sentenceOf = this.sentenceLookup();
    return rows.map((r) => ({
      articleId: r.articleId as string,
      publisher: r.publisher as string | null,
      published: r.published as string | null,
      paragraph: r.paragraph as number,
      sentence: sentenceOf(
        r.article_seq as number,
        r.paragraph as number,
        r.start as number | null,
        r.evidence as string,
      ),
      evidence: r.evidence as string,
      start: (r.start as number | null) ?? undefined,
      end: (r.end as number | null) ?? undefined,
      source: {
        actor: r.source_actor as string | null,
        country: r.source_country as string | null,
        sector: r.source_sector as string | null,
      },
      target:
        r.target_actor || r.target_country
          ? {
              actor: r.target_actor as string | null,
              country: r.target_country as string | null,
              sector: r.target_sector as string | null,
            }
          : null,
      category: r.category as string,
      cameo: r.cameo as string,
      intensity: r.intensity as number,
      modality: r.modality as StoredEvent["modality"],
      claimedBy: r.claimed_by as string | null,
      date: r.date as string | null,
    }));
  }

  /**
   * The sentence an event came from, read back from its record (the events table keeps only the evidence,
   * so sentence text is stored once). Records are decoded once per call and article.
   */
  private sentenceLookup(): (
    seq: number,
    paragraph: number,
    start: number | null,
    evidence: string,
  ) => string {
    const cache = new Map<number, ArticleRecord>();
    return (seq, paragraph, start, evidence) => {
      let rec = cache.get(seq);
      if (!rec) {
        rec = decodeRecord((this.stmts.recordBySeq.get(seq) as { record: Buffer }).record);
        cache.set(seq, rec);
      }
      const hit = rec.events.find(
        (e) => e.paragraph === paragraph && e.evidence === evidence && (start === null || e.start === start),
      );
      return hit?.sentence ?? evidence;
    };
  }

  async actors(filter?: ArticleFilter): Promise<ActorSummary[]> {
    const f = articleFilterSql(filter);
    return this.db
      .prepare(
        `SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, SUM(aa.mentions) AS mentions,
           COUNT(DISTINCT aa.article_seq) AS articles
         FROM article_actors aa JOIN actors ac ON ac.id = aa.actor_id JOIN articles a ON a.seq = aa.article_seq
         ${whereClause(f.where)} GROUP BY ac.id ORDER BY mentions DESC, articles DESC, ac.name LIMIT @limit`,
      )
      .all({ ...f.params, limit: filter?.limit ?? DEFAULT_LIMIT }) as ActorSummary[];
  }

  async actor(nameOrId: string): Promise<ActorDetail | null> {
    let sameName: ActorDetail["sameName"] = [];
    let found = this.db.prepare("SELECT id FROM actors WHERE id = ? COLLATE NOCASE").get(nameOrId) as
      | { id: string }
      | undefined;
    if (!found) {
      // A name several actors go by: the most mentioned, the others listed.
      const named = this.db
        .prepare(
          `SELECT al.actor_id AS id, ac.name, ac.country,
             COALESCE((SELECT SUM(mentions) FROM article_actors WHERE actor_id = al.actor_id), 0) AS mentions
           FROM actor_aliases al JOIN actors ac ON ac.id = al.actor_id WHERE al.alias = ?
           GROUP BY al.actor_id ORDER BY mentions DESC, al.actor_id`,
        )
        .all(nameOrId) as ActorDetail["sameName"];
      found = named[0];
      sameName = named.slice(1);
    }
    found ??= this.db
      .prepare(
        `SELECT al.actor_id AS id FROM actor_aliases al JOIN article_actors aa ON aa.actor_id = al.actor_id
         WHERE al.alias LIKE ? GROUP BY al.actor_id ORDER BY SUM(aa.mentions) DESC LIMIT 1`,
      )
      .get(`%${nameOrId}%`) as { id: string } | undefined;
    if (!found) return null;
    const id = found.id;
    const base = this.db
      .prepare(
        `SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, COALESCE(SUM(aa.mentions), 0) AS mentions,
           COUNT(DISTINCT aa.article_seq) AS articles
         FROM actors ac LEFT JOIN article_actors aa ON aa.actor_id = ac.id WHERE ac.id = ? GROUP BY ac.id`,
      )
      .get(id) as ActorSummary;
    const roles = this.db
      .prepare(
        `SELECT aa.role, MIN(a.published) AS first, MAX(a.published) AS last, COUNT(*) AS articles
         FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq WHERE aa.actor_id = ?
         GROUP BY aa.role ORDER BY first`,
      )
      .all(id) as ActorDetail["roles"];
    const aliases = (
      this.db.prepare("SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias").all(id) as Array<{
        alias: string;
      }>
    ).map((r) => r.alias);
    const recentArticles = this.db
      .prepare(
        `SELECT a.id, a.title, a.publisher, a.published FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq
         WHERE aa.actor_id = ? ORDER BY a.published DESC, a.seq DESC LIMIT 10`,
      )
      .all(id) as ActorDetail["recentArticles"];
    const coMentioned = this.db
      .prepare(
        `SELECT o.actor_id AS id, ac.name, COUNT(*) AS articles FROM article_actors s
         JOIN article_actors o ON o.article_seq = s.article_seq AND o.actor_id <> s.actor_id
         JOIN actors ac ON ac.id = o.actor_id WHERE s.actor_id = ? GROUP BY o.actor_id ORDER BY articles DESC, ac.name LIMIT 10`,
      )
      .all(id) as ActorDetail["coMentioned"];
    return { ...base, roles, aliases, recentArticles, coMentioned, sameName };
  }

  async stats(): Promise<StoreStats> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      articles: one("SELECT COUNT(*) AS n FROM articles"),
      nearDuplicates: one("SELECT COUNT(*) AS n FROM articles WHERE near_duplicate_of IS NOT NULL"),
      paragraphs: one("SELECT COUNT(*) AS n FROM paragraphs_fts_docsize"),
      quotes: one("SELECT COUNT(*) AS n FROM quotes"),
      events: one("SELECT COUNT(*) AS n FROM events"),
      actors: one("SELECT COUNT(*) AS n FROM actors"),
    };
  }

  async corpusRows(filter?: ArticleFilter): Promise<CorpusRows> {
    const f = articleFilterSql({ since: filter?.since, until: filter?.until });
    const where = whereClause(f.where);
    type ArticleRow = {
      seq: number;
      id: string;
      publisher: string | null;
      date: string | null;
      title: string | null;
      lead: string | null;
      genre: string | null;
      nearDuplicateOf: string | null;
    };
    const articleRows = this.db
      .prepare(
        `SELECT a.seq, a.id, a.publisher, a.published AS date, a.title, l.lead, a.genre, a.near_duplicate_of AS nearDuplicateOf
         FROM articles a LEFT JOIN article_leads l ON l.article_seq = a.seq ${where} ORDER BY a.seq`,
      )
      .all(f.params) as ArticleRow[];
    const bySeq = new Map<number, CorpusRows["articles"][number]>();
    const articles = articleRows.map((r) => {
      const a = {
        id: r.id,
        publisher: r.publisher,
        date: r.date,
        title: r.title,
        lead: r.lead,
        genre: (r.genre ?? "other") as Genre,
        nearDuplicateOf: r.nearDuplicateOf,
        actors: [] as string[],
        actorMentions: [] as number[],
      };
      bySeq.set(r.seq, a);
      return a;
    });
    const actorRows = this.db
      .prepare(
        `SELECT aa.article_seq AS seq, aa.actor_id AS actor, aa.mentions FROM article_actors aa
         JOIN articles a ON a.seq = aa.article_seq ${where}`,
      )
      .raw()
      .all(f.params) as Array<[number, string, number]>;
    for (const [seq, actor, mentions] of actorRows) {
      const a = bySeq.get(seq);
      if (!a) continue;
      a.actors.push(actor);
      a.actorMentions.push(mentions);
    }
    // Column aliases are the row fields; modality is one of the stored Modality strings.
    const events = this.db
      .prepare(
        `SELECT a.id AS articleId, e.source_actor AS sourceActor, e.source_country AS sourceCountry,
           e.target_actor AS targetActor, e.target_country AS targetCountry, e.category, e.cameo, e.intensity,
           e.modality, e.date
         FROM events e JOIN articles a ON a.seq = e.article_seq ${where} ORDER BY e.article_seq, e.paragraph`,
      )
      .all(f.params) as CorpusRows["events"];
    const quotes = this.db
      .prepare(
        `SELECT a.id AS articleId, q.kind, q.speaker_name AS speakerName, q.speaker_actor AS speakerActor
         FROM quotes q JOIN articles a ON a.seq = q.article_seq ${where}
         ${where ? "AND" : "WHERE"} (q.speaker_name IS NOT NULL OR q.speaker_actor IS NOT NULL)`,
      )
      .all(f.params) as Array<{
      articleId: string;
      kind: QuoteKind;
      speakerName: string | null;
      speakerActor: string | null;
    }>;
    const actors = this.db
      .prepare(
        `SELECT ac.id, ac.name, ac.kind, ac.country FROM actors ac WHERE ac.id IN
           (SELECT aa.actor_id FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq ${where})`,
      )
      .all(f.params) as CorpusRows["actors"];
    return { articles, events, quotes, actors };
  }

  async dateSpan(): Promise<{ first: string | null; last: string | null }> {
    return this.db
      .prepare(
        "SELECT MIN(published) AS first, MAX(published) AS last FROM articles WHERE published IS NOT NULL",
      )
      .get() as { first: string | null; last: string | null };
  }

  async close(): Promise<void> {
    if (this.db.open) {
      this.db.pragma("wal_checkpoint(TRUNCATE)");
      this.db.close();
    }
  }
}

/** Opens (creating when absent) the SQLite store at `path`. */
export function openSqliteStore(path: string): SqliteStore {
  return new SqliteStore(path);
}
