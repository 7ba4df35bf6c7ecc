import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL server the PG suites run against (scripts/pg-test-server.sh prints one); unset, they skip.
 * Each call of `freshPgUrl` names a new database schema, so test files (and tests) never share tables.
 */
export const PG_URL = process.env.SITREP_PG_URL ?? "";

/** The title of a PG suite: says plainly when and why it is skipped. */
export function pgSuiteName(name: string): string {
  return PG_URL
    ? name
    : `${name} — skipped: SITREP_PG_URL is not set (scripts/pg-test-server.sh run npm test)`;
}

const made: string[] = [];

/** A URL naming a fresh, unused schema on the test server. */
export function freshPgUrl(prefix: string): string {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  made.push(schema);
  const u = new URL(PG_URL);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** Drops every schema this file made (for afterAll); and their queue schemas ("<schema>_queue"). */
export async function dropPgSchemas(): Promise<void> {
  if (!PG_URL || made.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const s of made.splice(0)) {
      await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS ${s}_queue CASCADE`);
    }
  } finally {
    await client.end();
  }
}
