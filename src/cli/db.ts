import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { isPgUrl, openSqliteStore, PgStore, parsePgUrl, type Store, StoreError } from "../store/index.ts";
import { CliError, type CliIO } from "./io.ts";

export const DEFAULT_DB = "sitrep.db";

/** A store as commands hold it: the port, and where it lives for messages (a file, or a URL without password). */
export type CliStore = Store & { readonly path: string };

/**
 * Opens the store named by --db (default ./sitrep.db), turning store errors into one-line CLI errors.
 * A postgres:// or postgresql:// URL opens the PostgreSQL store (`?schema=name` picks its schema); it
 * connects on first use, and with `mustExist` a missing store is reported instead of created.
 * @example const store = openStore("postgres://localhost/news?schema=crisis", io, true);
 */
export function openStore(db: string | undefined, io: CliIO, mustExist = false): CliStore {
  if (db && isPgUrl(db)) {
    try {
      return new PgStore(parsePgUrl(db), { create: !mustExist });
    } catch (err) {
      if (err instanceof StoreError) throw new CliError(err.message);
      throw err;
    }
  }
  const path = resolvePath(db ?? DEFAULT_DB, io);
  if (mustExist && path !== ":memory:") {
    // Reading commands should not create an empty database by accident.
    if (!existsSync(path))
      throw new CliError(`no database at ${path}; run \`sitrep ingest\` first or pass --db PATH`);
  }
  try {
    return openSqliteStore(path);
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(err.message);
    throw err;
  }
}

export function resolvePath(p: string, io: CliIO): string {
  return p === ":memory:" || isAbsolute(p) ? p : resolve(io.cwd, p);
}

/** Checks an ISO date option (yyyy, yyyy-mm or yyyy-mm-dd) and returns it, or throws a CLI error naming it. */
export function isoDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) {
    throw new CliError(`--${name} expects a date like 2022-01-31, found "${value}"`);
  }
  return value;
}

export function limitOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`--limit expects a whole number ≥ 1, found "${value}"`);
  return n;
}
