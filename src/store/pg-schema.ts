import type pg from "pg";
import { StoreError } from "./store.ts";

/**
 * The PostgreSQL schema of the store: the tables of the SQLite store (src/store/sqlite-store.ts), one
 * database schema per store so several stores (and test files) share one server.
 *
 * Choices, and why:
 * - The record is a deflated JSON bytea, the same bytes the SQLite store keeps, not jsonb: records are
 *   only ever read whole (get, list, export), every queried field already has its own column or table,
 *   and jsonb would store the text about three times larger (no compression below TOAST's 2 kB
 *   threshold, and pglz does worse than deflate above it).
 * - Paragraph text is kept in `paragraphs` next to its tsvector: ts_headline needs the text, and
 *   PostgreSQL has no contentless index like FTS5's. It costs the paragraph text a second time.
 * - Sorted and compared text columns are COLLATE "C": dates compare as the strings they are, `until`
 *   compares against "2021" + U+FFFF, and ORDER BY name matches SQLite's byte order on any server locale.
 * - Counts and sums are cast to int in queries: node-postgres returns bigint as a string.
 */

/** Bump when this schema changes; a store of another version is refused with a message, not misread. */
export const PG_SCHEMA_VERSION = 1;
/** The default database schema of a store when the URL names none (`?schema=name`). */
export const DEFAULT_PG_SCHEMA = "sitrep";
/**
 * An unquoted PostgreSQL identifier: lower-case, so it never needs quoting and never changes case; at most
 * 57 characters, so the queue schema ("<name>_queue") stays within the 63 PostgreSQL keeps.
 */
const SCHEMA_NAME_RE = /^[a-z_][a-z0-9_]{0,56}$/;
/** Token types of PostgreSQL's default parser that plain words (see pg-search.ts indexText) can become. */
const WORD_TOKENS =
  "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart, int, uint";

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  uri text NOT NULL,
  url text,
  format text NOT NULL,
  title text,
  publisher text COLLATE "C",
  original_source text,
  published text COLLATE "C",
  published_earliest text COLLATE "C",
  published_latest text COLLATE "C",
  language text,
  genre text,
  near_duplicate_of text COLLATE "C",
  similarity double precision,
  pipeline_version text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  signature bytea,
  record bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_publisher ON articles(publisher);
CREATE TABLE IF NOT EXISTS lsh (key text COLLATE "C" NOT NULL, article_seq integer NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_key ON lsh(key);
CREATE TABLE IF NOT EXISTS paragraphs (
  article_seq integer NOT NULL, paragraph integer NOT NULL, text text NOT NULL, tsv tsvector NOT NULL,
  PRIMARY KEY (article_seq, paragraph)
);
CREATE INDEX IF NOT EXISTS paragraphs_tsv ON paragraphs USING gin (tsv);
CREATE TABLE IF NOT EXISTS actors (
  id text COLLATE "C" PRIMARY KEY, name text COLLATE "C" NOT NULL, kind text NOT NULL, country text, sector text
);
-- Aliases are unique per actor whatever their case, as SQLite's COLLATE NOCASE key.
CREATE TABLE IF NOT EXISTS actor_aliases (actor_id text COLLATE "C" NOT NULL, alias text COLLATE "C" NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS actor_aliases_key ON actor_aliases(actor_id, lower(alias));
CREATE INDEX IF NOT EXISTS actor_aliases_alias ON actor_aliases(lower(alias));
CREATE TABLE IF NOT EXISTS article_actors (
  article_seq integer NOT NULL, actor_id text COLLATE "C" NOT NULL, role text, mentions integer NOT NULL,
  PRIMARY KEY (article_seq, actor_id)
);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
CREATE TABLE IF NOT EXISTS quotes (
  article_seq integer NOT NULL, paragraph integer NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
  text text NOT NULL, kind text NOT NULL, speaker_text text, speaker_name text, speaker_actor text, cue text
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_seq);
CREATE TABLE IF NOT EXISTS events (
  article_seq integer NOT NULL, paragraph integer NOT NULL, evidence text NOT NULL,
  source_actor text COLLATE "C", source_country text COLLATE "C", source_sector text,
  target_actor text COLLATE "C", target_country text COLLATE "C", target_sector text,
  category text NOT NULL, cameo text NOT NULL, intensity double precision NOT NULL, modality text NOT NULL,
  claimed_by text, date text COLLATE "C", start integer, "end" integer
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_seq);
CREATE INDEX IF NOT EXISTS events_pair ON events(source_country, target_country);
CREATE TABLE IF NOT EXISTS article_leads (article_seq integer PRIMARY KEY, lead text NOT NULL);
`;

/** Where a store lives: the server URL handed to node-postgres and the database schema of the store. */
export interface PgLocation {
  /** The URL without sitrep's own `schema` parameter. */
  url: string;
  schema: string;
  /** The URL with any password replaced by "***", for messages. */
  shown: string;
}

/**
 * Reads a store URL: a postgres:// or postgresql:// URL, optionally with `?schema=name` (default "sitrep")
 * naming the database schema that holds the store. Throws a StoreError for a bad schema name.
 * @example parsePgUrl("postgres://u@db/news?schema=crisis") // { url: "postgres://u@db/news", schema: "crisis", … }
 */
export function parsePgUrl(raw: string): PgLocation {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (err) {
    throw new StoreError(`postgres: expected a URL like postgres://user@host/db, found "${raw}"`, "open", {
      cause: err,
    });
  }
  const schema = u.searchParams.get("schema") ?? DEFAULT_PG_SCHEMA;
  u.searchParams.delete("schema");
  const shownUrl = new URL(u.toString());
  if (shownUrl.password) shownUrl.password = "***";
  const shown = `${decodeURIComponent(shownUrl.toString())}${schema === DEFAULT_PG_SCHEMA ? "" : ` (schema ${schema})`}`;
  if (!SCHEMA_NAME_RE.test(schema)) {
    throw new StoreError(
      `${shown}: ?schema= expects a lower-case name of letters, digits and _, found "${schema}"`,
      "open",
    );
  }
  return { url: u.toString(), schema, shown };
}

/**
 * Creates the store's schema, tables and text search configuration when absent, under an advisory lock
 * so that workers starting together do not race on CREATE … IF NOT EXISTS (which is not safe against a
 * concurrent twin). Refuses a store written by another schema version.
 * @example await ensurePgSchema(client, "sitrep", "postgres://…")
 */
export async function ensurePgSchema(client: pg.PoolClient, schema: string, shown: string): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`sitrep-schema:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const known = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'meta'", [
      schema,
    ]);
    if (known.rowCount) {
      const row = await client.query<{ value: string }>(
        `SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`,
      );
      const version = row.rows[0] ? Number(row.rows[0].value) : null;
      if (version !== null && version !== PG_SCHEMA_VERSION) {
        throw new StoreError(
          `${shown}: store schema version ${version}, this sitrep reads version ${PG_SCHEMA_VERSION}`,
          "schema-version",
        );
      }
    }
    await client.query(TABLES);
    await ensureTextSearch(client, schema);
    await client.query(
      "INSERT INTO meta(key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO NOTHING",
      [String(PG_SCHEMA_VERSION)],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

/**
 * The `sitrep_fts` text search configuration in the store's schema: `simple` (no stemming, no stop words,
 * as FTS5 unicode61) with `unaccent` in front when the extension can be had, so ts_headline marks
 * "Kraków" for a search for "krakow". Indexed text and queries are already folded in JS (pg-search.ts),
 * so without unaccent search still matches; only the highlight of accented words is lost.
 */
async function ensureTextSearch(client: pg.PoolClient, schema: string): Promise<void> {
  const exists = await client.query(
    "SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = $1 AND c.cfgname = 'sitrep_fts'",
    [schema],
  );
  if (exists.rowCount) return;
  await client.query(`CREATE TEXT SEARCH CONFIGURATION ${schema}.sitrep_fts (COPY = pg_catalog.simple)`);
  // One database-wide lock: stores in two schemas set up at once would otherwise both try to create the
  // extension, and the loser would settle for no unaccent before the winner commits.
  await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep-unaccent'))");
  let dict = await unaccentDictionary(client);
  if (!dict) {
    // In public, not in this schema: dropping one store's schema must not drop other stores' dictionary.
    await client.query("SAVEPOINT unaccent");
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public");
      await client.query("RELEASE SAVEPOINT unaccent");
    } catch {
      await client.query("ROLLBACK TO SAVEPOINT unaccent");
    }
    dict = await unaccentDictionary(client);
  }
  if (dict) {
    await client.query(
      `ALTER TEXT SEARCH CONFIGURATION ${schema}.sitrep_fts ALTER MAPPING FOR ${WORD_TOKENS} WITH ${dict}, pg_catalog.simple`,
    );
  }
}

async function unaccentDictionary(client: pg.PoolClient): Promise<string | null> {
  const r = await client.query<{ nspname: string }>(
    "SELECT n.nspname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE d.dictname = 'unaccent' LIMIT 1",
  );
  return r.rows[0] ? `${r.rows[0].nspname}.unaccent` : null;
}
