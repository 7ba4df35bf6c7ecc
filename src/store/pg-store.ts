import pg from "pg";
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
import { ensurePgSchema, type PgLocation, parsePgUrl } from "./pg-schema.ts";
import { HEADLINE_OPTIONS, headlineSnippet, indexText, toTsQuery } from "./pg-search.ts";
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

const DEFAULT_LIMIT = 50;
/** Records read per round trip by `list`: keyset pages keep memory flat on a large export. */
const LIST_PAGE = 200;
/** Connections per store unless the URL says otherwise: a worker needs one per job it runs at once. */
const DEFAULT_POOL_SIZE = 10;
/**
 * A write that loses a deadlock or serialisation race is retried this many times. Deadlocks are rare
 * (actors and aliases are written in sorted order) but two workers can still meet on index pages.
 */
const WRITE_ATTEMPTS = 4;
const RETRYABLE_CODES = new Set(["40P01", "40001"]);

/**
 * The whole write of one article as one statement ($1…$33, filled by `writeOne`). Every part after the
 * article insert reads its seq from `ins` or checks that `ins` returned a row, so a known id writes nothing.
 * Shared rows (actors, aliases) arrive sorted by key, so concurrent writers lock them in the same order.
 */
const WRITE_ARTICLE_SQL = `
WITH ins AS (
  INSERT INTO articles (id, uri, url, format, title, publisher, original_source, published, published_earliest,
    published_latest, language, genre, near_duplicate_of, similarity, pipeline_version, signature, record)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
  ON CONFLICT (id) DO NOTHING RETURNING seq
), lsh_rows AS (
  INSERT INTO lsh (key, article_seq) SELECT k, ins.seq FROM ins, unnest($18::text[]) AS k
), lead_row AS (
  INSERT INTO article_leads (article_seq, lead) SELECT ins.seq, $19::text FROM ins WHERE $19::text IS NOT NULL
), paragraph_rows AS (
  INSERT INTO paragraphs (article_seq, paragraph, text, tsv)
  SELECT ins.seq, p.i, p.t, to_tsvector('sitrep_fts', p.n) FROM ins, unnest($20::int[], $21::text[], $22::text[]) AS p(i, t, n)
  ON CONFLICT DO NOTHING
), actor_rows AS (
  INSERT INTO actors (id, name, kind, country, sector)
  SELECT x.id, x.name, x.kind, x.country, x.sector
  FROM unnest($23::text[], $24::text[], $25::text[], $26::text[], $27::text[]) AS x(id, name, kind, country, sector)
  WHERE EXISTS (SELECT 1 FROM ins)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = COALESCE(excluded.country, actors.country),
    sector = COALESCE(excluded.sector, actors.sector)
), article_actor_rows AS (
  INSERT INTO article_actors (article_seq, actor_id, role, mentions)
  SELECT ins.seq, x.id, x.role, x.mentions FROM ins, unnest($23::text[], $28::text[], $29::int[]) AS x(id, role, mentions)
), alias_rows AS (
  INSERT INTO actor_aliases (actor_id, alias)
  SELECT x.id, x.alias FROM unnest($30::text[], $31::text[]) AS x(id, alias) WHERE EXISTS (SELECT 1 FROM ins)
  ON CONFLICT (actor_id, lower(alias)) DO NOTHING
), quote_rows AS (
  INSERT INTO quotes (article_seq, paragraph, start, "end", text, kind, speaker_text, speaker_name, speaker_actor, cue)
  SELECT ins.seq, q.paragraph, q.start, q."end", q.text, q.kind, q.speaker_text, q.speaker_name, q.speaker_actor, q.cue
  FROM ins, json_to_recordset($32::json) AS q(paragraph int, start int, "end" int, text text, kind text,
    speaker_text text, speaker_name text, speaker_actor text, cue text)
), event_rows AS (
  INSERT INTO events (article_seq, paragraph, evidence, source_actor, source_country, source_sector, target_actor,
    target_country, target_sector, category, cameo, intensity, modality, claimed_by, date, start, "end")
  SELECT ins.seq, e.paragraph, e.evidence, e.source_actor, e.source_country, e.source_sector, e.target_actor,
    e.target_country, e.target_sector, e.category, e.cameo, e.intensity, e.modality, e.claimed_by, e.date, e.start, e."end"
  FROM ins, json_to_recordset($33::json) AS e(paragraph int, evidence text, source_actor text, source_country text,
    source_sector text, target_actor text, target_country text, target_sector text, category text, cameo text,
    intensity float8, modality text, claimed_by text, date text, start int, "end" int)
)
SELECT seq FROM ins`;

/** A quotation as the quotes table's JSON row. */
function quoteRow(q: ArticleRecord["quotes"][number]) {
  return {
    paragraph: q.paragraph,
    start: q.start,
    end: q.end,
    text: q.text,
    kind: q.kind,
    speaker_text: q.speaker?.text ?? null,
    speaker_name: q.speaker?.name ?? null,
    speaker_actor: q.speaker?.actor ?? null,
    cue: q.cue,
  };
}

/** A coded event as the events table's JSON row. */
function eventRow(e: ArticleRecord["events"][number]) {
  return {
    paragraph: e.paragraph,
    evidence: e.evidence,
    source_actor: e.source.actor,
    source_country: e.source.country,
    source_sector: e.source.sector,
    target_actor: e.target?.actor ?? null,
    target_country: e.target?.country ?? null,
    target_sector: e.target?.sector ?? null,
    category: e.category,
    cameo: e.cameo,
    intensity: e.intensity,
    modality: e.modality,
    claimed_by: e.claimedBy,
    date: e.date,
    start: e.start ?? null,
    end: e.end ?? null,
  };
}

/**
 * The actors of a record as column arrays: one row per id, sorted by id (a record naming an actor twice
 * would make ON CONFLICT touch a row twice), with mention counts and the names worth keeping as aliases.
 * The first spelling of each (actor, lower-cased alias) wins, the actor's name first, as in SQLite.
 */
function actorRows(record: ArticleRecord) {
  const { counts, aliases } = mentionTally(record);
  const actors = [...new Map(record.actors.map((a) => [a.id, a])).values()].sort((x, y) =>
    x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
  const byKey = new Map<string, [string, string]>();
  for (const a of actors) {
    for (const alias of [a.name, ...(aliases.get(a.id) ?? [])]) {
      const key = `${a.id}\u0000${alias.toLowerCase()}`;
      if (!byKey.has(key)) byKey.set(key, [a.id, alias]);
    }
  }
  const aliasRows = [...byKey.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map((e) => e[1]);
  return {
    ids: actors.map((a) => a.id),
    names: actors.map((a) => a.name),
    kinds: actors.map((a) => a.kind),
    countries: actors.map((a) => a.country),
    sectors: actors.map((a) => a.sector),
    roles: actors.map((a) => a.role),
    mentions: actors.map((a) => counts.get(a.id) ?? 0),
    aliasIds: aliasRows.map((r) => r[0]),
    aliasTexts: aliasRows.map((r) => r[1]),
  };
}

/** Builds WHERE parts with numbered parameters ($1, $2 …) for one query. */
class Params {
  readonly values: unknown[] = [];
  readonly where: string[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** The WHERE clause, or "" when nothing filters. */
  clause(): string {
    return this.where.length ? `WHERE ${this.where.join(" AND ")}` : "";
  }
}

/**
 * The article filters of the SQLite store: publisher contains (case-insensitive, % and _ are wildcards as
 * in SQLite's LIKE), since and until inclusive on the filing date, `until` covering its whole year or month.
 */
function articleFilter(p: Params, filter: ArticleFilter | undefined, alias = "a"): Params {
  if (filter?.publisher) p.where.push(`${alias}.publisher ILIKE ${p.add(`%${filter.publisher}%`)} ESCAPE ''`);
  if (filter?.since) p.where.push(`${alias}.published >= ${p.add(filter.since)}`);
  if (filter?.until) p.where.push(`${alias}.published <= ${p.add(untilBound(filter.until))}`);
  return p;
}

function limitOf(filter: ArticleFilter | undefined, fallback: number): number {
  const n = filter?.limit ?? fallback;
  return Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(n)));
}

/** Options of `openPgStore`. */
export interface PgStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * Create the store's schema when absent (default true). Reading commands pass false, so a mistyped
   * ?schema= says "no store there" instead of answering from a new empty store.
   */
  create?: boolean;
}

/**
 * The scale-out store: the SQLite store's schema on PostgreSQL, in one database schema per store
 * (`?schema=name` on the URL, default "sitrep"), tsvector/GIN full-text search with ts_headline snippets.
 * Any number of processes may write at once: `put` is idempotent on the article id, and each article is
 * written in its own transaction, so two workers handed the same article store it once.
 * Known limit: two near-duplicates written at the same moment by two workers do not see each other (each
 * transaction looks for candidates among committed articles), so neither is linked to the other.
 * @example const store = await openPgStore("postgres://localhost/news"); await store.put(record); await store.close();
 */
export class PgStore implements Store {
  /** The URL as shown in messages (password hidden). */
  readonly path: string;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly create: boolean;
  private prepared: Promise<void> | null = null;

  /**
   * Connects lazily: the first call of any method creates the schema (or checks that it exists), so the
   * CLI can open a store synchronously; `openPgStore` does it at once and reports connection errors there.
   */
  constructor(location: PgLocation, options: PgStoreOptions = {}) {
    this.create = options.create ?? true;
    this.path = location.shown;
    this.schema = location.schema;
    this.pool = new pg.Pool({
      connectionString: location.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      // Every connection reads and writes this store's schema; public stays last for extensions.
      options: `-c search_path=${location.schema},public`,
    });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
  }

  /** Connects and creates the schema when absent (once; later calls share the first outcome). */
  async init(): Promise<this> {
    this.prepared ??= this.prepare();
    await this.prepared;
    return this;
  }

  private async prepare(): Promise<void> {
    const client = await this.connect();
    try {
      if (!this.create) {
        const found = await client.query(
          "SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'articles'",
          [this.schema],
        );
        if (!found.rowCount) {
          throw new StoreError(
            `no sitrep store at ${this.path}; run \`sitrep ingest\` first or pass --db`,
            "open",
          );
        }
      }
      await ensurePgSchema(client, this.schema, this.path);
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`${this.path}: cannot prepare the store: ${(err as Error).message}`, "open", {
        cause: err,
      });
    } finally {
      client.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw new StoreError(`${this.path}: cannot connect: ${(err as Error).message}`, "open", { cause: err });
    }
  }

  private async query<T extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    values: unknown[] = [],
  ): Promise<T[]> {
    await this.init();
    try {
      return (await this.pool.query<T>(sql, values)).rows;
    } catch (err) {
      // The server went away or refused the query: one line for the CLI, the driver's error as cause.
      throw new StoreError(`${this.path}: cannot read: ${(err as Error).message}`, "read", { cause: err });
    }
  }

  async has(id: string): Promise<boolean> {
    return (await this.query("SELECT 1 FROM articles WHERE id = $1", [id])).length > 0;
  }

  async put(record: ArticleRecord): Promise<PutOutcome> {
    return (await this.putMany([record]))[0];
  }

  /**
   * Stores records one transaction each, in order, on one connection: a crash leaves every article whole
   * or absent, and a record near-duplicating one earlier in the batch is linked to it (it is committed by
   * then). The port allows one transaction for the whole batch; one per article keeps lock time short
   * when many workers write at once.
   */
  async putMany(records: ArticleRecord[]): Promise<PutOutcome[]> {
    await this.init();
    const client = await this.connect();
    try {
      const out: PutOutcome[] = [];
      for (const r of records) out.push(await this.writeWithRetry(client, r));
      return out;
    } finally {
      client.release();
    }
  }

  private async writeWithRetry(client: pg.PoolClient, record: ArticleRecord): Promise<PutOutcome> {
    const sig = signature(bodyText(record));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOne(client, record, sig);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code && RETRYABLE_CODES.has(code) && attempt < WRITE_ATTEMPTS) continue;
        throw new StoreError(
          `${this.path}: cannot store article ${record.id.slice(0, 19)}: ${(err as Error).message}`,
          "write",
          { cause: err },
        );
      }
    }
  }

  /**
   * Writes one record in two round trips: the near-duplicate candidates, then one statement whose
   * data-modifying CTEs insert the article and everything that hangs off it. One statement is one
   * transaction, so the article is whole or absent; when the id is already stored (by anyone, even a
   * worker committing a moment ago) the article insert returns no row and every other part inserts nothing.
   */
  private async writeOne(
    client: pg.PoolClient,
    record: ArticleRecord,
    sig: Uint32Array | null,
  ): Promise<PutOutcome> {
    let nearDuplicateOf: string | null = null;
    let similarity: number | undefined;
    const keys = sig ? bandKeys(sig) : [];
    if (sig) {
      const rows = await client.query<{ id: string; signature: Buffer | null }>(
        "SELECT DISTINCT a.id, a.signature FROM lsh l JOIN articles a ON a.seq = l.article_seq WHERE l.key = ANY($1::text[]) AND a.id <> $2",
        [keys, record.id],
      );
      for (const row of rows.rows) {
        if (!row.signature) continue;
        const j = estimatedJaccard(sig, signatureFromBuffer(row.signature));
        if (j >= NEAR_DUPLICATE_JACCARD && (similarity === undefined || j > similarity)) {
          similarity = j;
          nearDuplicateOf = row.id;
        }
      }
    }
    const stored: ArticleRecord = { ...record, nearDuplicateOf };
    const actors = actorRows(record);
    const inserted = await client.query<{ seq: number }>(WRITE_ARTICLE_SQL, [
      record.id,
      record.source.uri,
      record.source.url ?? null,
      record.source.format,
      record.title,
      record.publisher,
      record.originalSource,
      filingDate(record),
      record.published.earliest,
      record.published.latest,
      record.language,
      record.genre,
      nearDuplicateOf,
      similarity ?? null,
      record.pipelineVersion,
      sig ? signatureToBuffer(sig) : null,
      encodeRecord(stored),
      keys,
      leadOf(record),
      record.paragraphs.map((p) => p.index),
      record.paragraphs.map((p) => p.text),
      record.paragraphs.map((p) => indexText(p.text)),
      actors.ids,
      actors.names,
      actors.kinds,
      actors.countries,
      actors.sectors,
      actors.roles,
      actors.mentions,
      actors.aliasIds,
      actors.aliasTexts,
      JSON.stringify(record.quotes.map(quoteRow)),
      JSON.stringify(record.events.map(eventRow)),
    ]);
    if (!inserted.rowCount) return { status: "known", id: record.id };
    return { status: "stored", id: record.id, nearDuplicateOf, similarity };
  }

  async get(id: string): Promise<ArticleRecord | null> {
    const rows = await this.query<{ record: Buffer }>("SELECT record FROM articles WHERE id = $1", [id]);
    return rows[0] ? decodeRecord(rows[0].record) : null;
  }

  async *list(filter?: ArticleFilter): AsyncIterable<ArticleRecord> {
    let remaining = filter?.limit ? limitOf(filter, 1) : Number.POSITIVE_INFINITY;
    let after = 0;
    while (remaining > 0) {
      const p = articleFilter(new Params(), filter);
      p.where.push(`a.seq > ${p.add(after)}`);
      const page = Math.min(LIST_PAGE, remaining);
      const rows = await this.query<{ seq: number; record: Buffer }>(
        `SELECT a.seq, a.record FROM articles a ${p.clause()} ORDER BY a.seq LIMIT ${page}`,
        p.values,
      );
      for (const row of rows) yield decodeRecord(row.record);
      if (rows.length < page) return;
      after = rows[rows.length - 1].seq;
      remaining -= rows.length;
    }
  }

  async search(
    query: string,
    filter?: ArticleFilter,
    markers: [string, string] = ["[", "]"],
  ): Promise<SearchHit[]> {
    const ts = toTsQuery(query);
    if (!ts) return [];
    const p = articleFilter(new Params(), filter);
    const q = p.add(ts);
    p.where.push(`p.tsv @@ to_tsquery('sitrep_fts', ${q})`);
    const limit = p.add(limitOf(filter, DEFAULT_LIMIT));
    const opts = p.add(HEADLINE_OPTIONS);
    // Headlines are cut only for the rows kept: the inner query ranks and limits, the outer one cuts.
    const rows = await this.query<{
      articleId: string;
      title: string | null;
      publisher: string | null;
      published: string | null;
      paragraph: number;
      text: string;
      headline: string;
      score: number;
    }>(
      `SELECT h.*, ts_headline('sitrep_fts', h.text, to_tsquery('sitrep_fts', ${q}), ${opts}) AS headline FROM (
         SELECT a.id AS "articleId", a.title, a.publisher, a.published, p.paragraph, p.text,
           round(ts_rank_cd(p.tsv, to_tsquery('sitrep_fts', ${q}))::numeric, 6)::float8 AS score, a.seq
         FROM paragraphs p JOIN articles a ON a.seq = p.article_seq ${p.clause()}
         ORDER BY score DESC, a.seq, p.paragraph LIMIT ${limit}) h
       ORDER BY h.score DESC, h.seq, h.paragraph`,
      p.values,
    );
    return rows.map((r) => ({
      articleId: r.articleId,
      title: r.title,
      publisher: r.publisher,
      published: r.published,
      paragraph: r.paragraph,
      snippet: headlineSnippet(r.headline, r.text, markers),
      score: r.score,
    }));
  }

  async quotes(filter?: QuoteFilter): Promise<StoredQuote[]> {
    const p = articleFilter(new Params(), filter);
    if (filter?.speaker) {
      const s = p.add(`%${filter.speaker}%`);
      p.where.push(
        `(q.speaker_name ILIKE ${s} ESCAPE '' OR q.speaker_text ILIKE ${s} ESCAPE '' OR q.speaker_actor ILIKE ${s} ESCAPE '')`,
      );
    }
    if (filter?.text) p.where.push(`q.text ILIKE ${p.add(`%${filter.text}%`)} ESCAPE ''`);
    const rows = await this.query(
      `SELECT a.id AS "articleId", a.title, a.publisher, a.published, q.* FROM quotes q JOIN articles a ON a.seq = q.article_seq
       ${p.clause()} ORDER BY a.published DESC NULLS LAST, a.seq, q.paragraph, q.start LIMIT ${p.add(limitOf(filter, 200))}`,
      p.values,
    );
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
    const p = articleFilter(new Params(), filter);
    const party = (col: "source" | "target", value: string) => {
      const v = p.add(value.includes(":") ? value : value.toUpperCase());
      p.where.push(`(e.${col}_country = ${v} OR e.${col}_actor = ${v})`);
    };
    if (filter?.source) party("source", filter.source);
    if (filter?.target) party("target", filter.target);
    if (filter?.modality) p.where.push(`e.modality = ${p.add(filter.modality)}`);
    if (filter?.category) p.where.push(`e.category = ${p.add(filter.category.toUpperCase())}`);
    const rows = await this.query(
      `SELECT a.id AS "articleId", a.publisher, a.published, e.* FROM events e JOIN articles a ON a.seq = e.article_seq
       ${p.clause()} ORDER BY COALESCE(e.date, a.published) DESC NULLS LAST, a.seq, e.paragraph LIMIT ${p.add(limitOf(filter, 500))}`,
      p.values,
    );
    const sentences = await this.sentencesOf(rows.map((r) => r.article_seq as number));
    return rows.map((r) => {
      const start = r.start as number | null;
      const hit = sentences
        .get(r.article_seq as number)
        ?.find(
          (e) =>
            e.paragraph === r.paragraph && e.evidence === r.evidence && (start === null || e.start === start),
        );
      return {
        articleId: r.articleId as string,
        publisher: r.publisher as string | null,
        published: r.published as string | null,
        paragraph: r.paragraph as number,
        sentence: hit?.sentence ?? (r.evidence as string),
        evidence: r.evidence as string,
        start: start ?? undefined,
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
      };
    });
  }

  /**
   * The events of the records behind some event rows, for their sentence text (the events table keeps
   * only the evidence, so each sentence is stored once). One query, each record decoded once.
   */
  private async sentencesOf(seqs: number[]): Promise<Map<number, ArticleRecord["events"]>> {
    const out = new Map<number, ArticleRecord["events"]>();
    const unique = [...new Set(seqs)];
    if (unique.length === 0) return out;
    const rows = await this.query<{ seq: number; record: Buffer }>(
      "SELECT seq, record FROM articles WHERE seq = ANY($1::int[])",
      [unique],
    );
    for (const row of rows) out.set(row.seq, decodeRecord(row.record).events);
    return out;
  }

  async actors(filter?: ArticleFilter): Promise<ActorSummary[]> {
    const p = articleFilter(new Params(), filter);
    return this.query<ActorSummary & pg.QueryResultRow>(
      `SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, SUM(aa.mentions)::int AS mentions,
         COUNT(DISTINCT aa.article_seq)::int AS articles
       FROM article_actors aa JOIN actors ac ON ac.id = aa.actor_id JOIN articles a ON a.seq = aa.article_seq
       ${p.clause()} GROUP BY ac.id ORDER BY mentions DESC, articles DESC, ac.name LIMIT ${p.add(limitOf(filter, DEFAULT_LIMIT))}`,
      p.values,
    );
  }

  async actor(nameOrId: string): Promise<ActorDetail | null> {
    type Id = { id: string };
    let sameName: ActorDetail["sameName"] = [];
    let found: Id | undefined = (
      await this.query<Id>("SELECT id FROM actors WHERE lower(id) = lower($1) LIMIT 1", [nameOrId])
    )[0];
    if (!found) {
      // A name several actors go by: the most mentioned, the others listed.
      const named = await this.query<ActorDetail["sameName"][number] & pg.QueryResultRow>(
        `SELECT al.actor_id AS id, ac.name, ac.country,
           COALESCE((SELECT SUM(mentions) FROM article_actors WHERE actor_id = al.actor_id), 0)::int AS mentions
         FROM actor_aliases al JOIN actors ac ON ac.id = al.actor_id WHERE lower(al.alias) = lower($1)
         GROUP BY al.actor_id, ac.name, ac.country ORDER BY mentions DESC, al.actor_id`,
        [nameOrId],
      );
      found = named[0];
      sameName = named.slice(1);
    }
    found ??= (
      await this.query<Id>(
        `SELECT al.actor_id AS id FROM actor_aliases al JOIN article_actors aa ON aa.actor_id = al.actor_id
         WHERE al.alias ILIKE $1 ESCAPE '' GROUP BY al.actor_id ORDER BY SUM(aa.mentions) DESC, al.actor_id LIMIT 1`,
        [`%${nameOrId}%`],
      )
    )[0];
    if (!found) return null;
    const id = found.id;
    const [base] = await this.query<ActorSummary & pg.QueryResultRow>(
      `SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, COALESCE(SUM(aa.mentions), 0)::int AS mentions,
         COUNT(DISTINCT aa.article_seq)::int AS articles
       FROM actors ac LEFT JOIN article_actors aa ON aa.actor_id = ac.id WHERE ac.id = $1 GROUP BY ac.id`,
      [id],
    );
    const roles = await this.query<ActorDetail["roles"][number] & pg.QueryResultRow>(
      `SELECT aa.role, MIN(a.published) AS first, MAX(a.published) AS last, COUNT(*)::int AS articles
       FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq WHERE aa.actor_id = $1
       GROUP BY aa.role ORDER BY first NULLS FIRST`,
      [id],
    );
    const aliases = (
      await this.query<{ alias: string }>(
        "SELECT alias FROM actor_aliases WHERE actor_id = $1 ORDER BY alias",
        [id],
      )
    ).map((r) => r.alias);
    const recentArticles = await this.query<ActorDetail["recentArticles"][number] & pg.QueryResultRow>(
      `SELECT a.id, a.title, a.publisher, a.published FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq
       WHERE aa.actor_id = $1 ORDER BY a.published DESC NULLS LAST, a.seq DESC LIMIT 10`,
      [id],
    );
    const coMentioned = await this.query<ActorDetail["coMentioned"][number] & pg.QueryResultRow>(
      `SELECT o.actor_id AS id, ac.name, COUNT(*)::int AS articles FROM article_actors s
       JOIN article_actors o ON o.article_seq = s.article_seq AND o.actor_id <> s.actor_id
       JOIN actors ac ON ac.id = o.actor_id WHERE s.actor_id = $1 GROUP BY o.actor_id, ac.name
       ORDER BY articles DESC, ac.name LIMIT 10`,
      [id],
    );
    return { ...base, roles, aliases, recentArticles, coMentioned, sameName };
  }

  async stats(): Promise<StoreStats> {
    const [row] = await this.query<StoreStats & pg.QueryResultRow>(
      `SELECT (SELECT COUNT(*) FROM articles)::int AS articles,
         (SELECT COUNT(*) FROM articles WHERE near_duplicate_of IS NOT NULL)::int AS "nearDuplicates",
         (SELECT COUNT(*) FROM paragraphs)::int AS paragraphs,
         (SELECT COUNT(*) FROM quotes)::int AS quotes,
         (SELECT COUNT(*) FROM events)::int AS events,
         (SELECT COUNT(*) FROM actors)::int AS actors`,
    );
    return row;
  }

  async corpusRows(filter?: ArticleFilter): Promise<CorpusRows> {
    // publisher and limit are ignored, as the port says: views need every outlet of the range. Rows come
    // in the order the SQLite store gives them (its primary keys), so both adapters hand views the same input.
    const range = { since: filter?.since, until: filter?.until };
    const p = articleFilter(new Params(), range);
    const where = p.clause();
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
    const [articleRows, actorRows, events, quotes, actors] = await Promise.all([
      this.query<ArticleRow>(
        `SELECT a.seq, a.id, a.publisher, a.published AS date, a.title, l.lead, a.genre,
           a.near_duplicate_of AS "nearDuplicateOf"
         FROM articles a LEFT JOIN article_leads l ON l.article_seq = a.seq ${where} ORDER BY a.seq`,
        p.values,
      ),
      this.query<{ seq: number; actor: string; mentions: number }>(
        `SELECT aa.article_seq AS seq, aa.actor_id AS actor, aa.mentions FROM article_actors aa
         JOIN articles a ON a.seq = aa.article_seq ${where} ORDER BY aa.article_seq, aa.actor_id`,
        p.values,
      ),
      this.query<CorpusRows["events"][number] & pg.QueryResultRow>(
        `SELECT a.id AS "articleId", e.source_actor AS "sourceActor", e.source_country AS "sourceCountry",
           e.target_actor AS "targetActor", e.target_country AS "targetCountry", e.category, e.cameo, e.intensity,
           e.modality, e.date
         FROM events e JOIN articles a ON a.seq = e.article_seq ${where} ORDER BY e.article_seq, e.paragraph`,
        p.values,
      ),
      this.query<{
        articleId: string;
        kind: QuoteKind;
        speakerName: string | null;
        speakerActor: string | null;
      }>(
        `SELECT a.id AS "articleId", q.kind, q.speaker_name AS "speakerName", q.speaker_actor AS "speakerActor"
         FROM quotes q JOIN articles a ON a.seq = q.article_seq ${where}
         ${where ? "AND" : "WHERE"} (q.speaker_name IS NOT NULL OR q.speaker_actor IS NOT NULL)
         ORDER BY q.article_seq, q.paragraph, q.start`,
        p.values,
      ),
      this.query<CorpusRows["actors"][number] & pg.QueryResultRow>(
        `SELECT ac.id, ac.name, ac.kind, ac.country FROM actors ac WHERE ac.id IN
           (SELECT aa.actor_id FROM article_actors aa JOIN articles a ON a.seq = aa.article_seq ${where})
         ORDER BY ac.id`,
        p.values,
      ),
    ]);
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
    for (const { seq, actor, mentions } of actorRows) {
      const a = bySeq.get(seq);
      if (!a) continue;
      a.actors.push(actor);
      a.actorMentions.push(mentions);
    }
    return { articles, events, quotes, actors };
  }

  async dateSpan(): Promise<{ first: string | null; last: string | null }> {
    const [row] = await this.query<{ first: string | null; last: string | null }>(
      "SELECT MIN(published) AS first, MAX(published) AS last FROM articles WHERE published IS NOT NULL",
    );
    return row;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * Opens (creating its schema when absent) the PostgreSQL store at `url`: postgres:// or postgresql://,
 * with `?schema=name` to pick the database schema (default "sitrep").
 * @example const store = await openPgStore("postgresql://sitrep@db.internal/news?schema=crisis");
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  // init() at once: a wrong URL or a server that is down is reported here, not at the first query.
  const store = new PgStore(parsePgUrl(url), options);
  try {
    return await store.init();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

/** Whether a --db value names a PostgreSQL server rather than a SQLite file. */
export function isPgUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
