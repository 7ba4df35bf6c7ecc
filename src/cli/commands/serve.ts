import { DEFAULT_HOST, DEFAULT_PORT, isLoopback, startServer } from "../../server/index.ts";
import { openStore } from "../db.ts";
import { CliError, type CliIO } from "../io.ts";

/** The `serve` options as commander hands them over (strings, checked here). */
export interface ServeCommandOptions {
  db?: string;
  port?: string;
  host?: string;
}

const PORT_RE = /^\d{1,5}$/;
const MAX_PORT = 65535;

/** Signals that stop the server cleanly (Ctrl-C, a service manager's stop). */
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

function portOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = PORT_RE.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= MAX_PORT))
    throw new CliError(`--port expects a number from 0 to ${MAX_PORT}, found "${value}"`);
  return n;
}

/** Resolves when one of the stop signals arrives or `until` is aborted; removes its listeners after. */
function stopRequested(until: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
      until?.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onSignal = (signal: NodeJS.Signals) => done(signal);
    const onAbort = () => done("abort");
    for (const s of STOP_SIGNALS) process.once(s, onSignal);
    if (until?.aborted) done("abort");
    else until?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * `sitrep serve --db crisis.db [--port 8080] [--host 127.0.0.1]`: the read-only API and dashboard until
 * Ctrl-C. Binds to 127.0.0.1 unless --host says otherwise, and warns when the address is not loopback.
 * `until` lets a test stop it without a signal.
 * @example await serveCommand({ db: "crisis.db", port: "0" }, io, controller.signal)
 */
export async function serveCommand(
  opts: ServeCommandOptions,
  io: CliIO,
  until?: AbortSignal,
): Promise<number> {
  const port = portOption(opts.port);
  const host = opts.host ?? DEFAULT_HOST;
  const store = openStore(opts.db, io, true);
  try {
    if (!isLoopback(host)) {
      io.stderr(
        `sitrep: warning: listening on ${host}, not only this machine: anyone who can reach it can read the whole database\n`,
      );
    }
    let running: Awaited<ReturnType<typeof startServer>>;
    try {
      running = await startServer({ store, host, port, log: (line) => io.stderr(`${line}\n`) });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new CliError(`serve: cannot listen on ${host}:${port}: ${e.code ?? e.message}`);
    }
    io.stdout(
      `sitrep: serving ${store.path} at ${running.url} (API at ${running.url}api/v1/, Ctrl-C to stop)\n`,
    );
    const why = await stopRequested(until);
    await running.close();
    io.stdout(`sitrep: stopped (${why})\n`);
    return 0;
  } finally {
    await store.close();
  }
}
