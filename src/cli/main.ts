import { Command, CommanderError } from "commander";
import { StoreError } from "../store/index.ts";
import { PIPELINE_VERSION } from "../version.ts";
import { analyzeCommand } from "./commands/analyze.ts";
import { changesCommand, escalationCommand, outletsCommand, storiesCommand } from "./commands/corpus.ts";
import { evalCommand } from "./commands/eval.ts";
import { exportCommand } from "./commands/export.ts";
import { ingestCommand } from "./commands/ingest.ts";
import {
  actorCommand,
  actorsCommand,
  eventsCommand,
  quotesCommand,
  searchCommand,
} from "./commands/query.ts";
import { serveCommand } from "./commands/serve.ts";
import { enqueueCommand, workerCommand } from "./commands/worker.ts";
import { CliError, type CliIO, processIO } from "./io.ts";

/**
 * The CLI as a function: parses argv (without "node sitrep"), runs one command, returns the exit code.
 * Tests call it in process with their own `io`.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("sitrep")
    .description("News intelligence for crisis monitoring: clean articles, actors, quotations, coded events.")
    .version(PIPELINE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const collect = (value: string, previous: string[] = []) => [...previous, value];

  program
    .command("analyze")
    .description("analyse files, directories, URLs or - (stdin) and print article records")
    .argument("<inputs...>", "files, directories, URLs, or - for stdin")
    .option(
      "-f, --format <format>",
      "text (default on a terminal), json (one object; JSONL for many) or jsonl",
    )
    .option("--allow-private", "allow URLs on private or loopback addresses")
    .option("--max-bytes <n>", "largest input accepted, in bytes")
    .option("--field <name=field>", "JSONL field name, e.g. --field text=body (repeatable)", collect)
    .action(async (inputs: string[], opts) => {
      code = await analyzeCommand(inputs, opts, io);
    });

  const dbOption = [
    "--db <path>",
    "SQLite database file, or a postgres:// URL (?schema=name picks the store's schema)",
    "sitrep.db",
  ] as const;
  const periodOptions = (cmd: Command) =>
    cmd
      .option("--publisher <name>", "only articles whose publisher contains this")
      .option("--since <date>", "only articles published on or after this date (yyyy-mm-dd)")
      .option("--until <date>", "only articles published on or before this date (yyyy-mm-dd)");

  program
    .command("ingest")
    .description("analyse and store articles (idempotent on the article id); prints a summary")
    .argument("<inputs...>", "files, directories, URLs, or - for stdin")
    .option(...dbOption)
    .option("--allow-private", "allow URLs on private or loopback addresses")
    .option("--max-bytes <n>", "largest input accepted, in bytes")
    .option("--field <name=field>", "JSONL field name, e.g. --field text=body (repeatable)", collect)
    .option("-q, --quiet", "no progress output")
    .option("--queue", "queue the documents for `sitrep worker` instead of analysing here (PostgreSQL --db)")
    .action(async (inputs: string[], opts) => {
      code = opts.queue ? await enqueueCommand(inputs, opts, io) : await ingestCommand(inputs, opts, io);
    });

  program
    .command("worker")
    .description("analyse and store documents queued by `ingest --queue` (PostgreSQL --db), until Ctrl-C")
    .requiredOption("--db <url>", "postgres:// URL of the store and its job queue")
    .option("--concurrency <n>", "jobs in hand at once in this process", "1")
    .option("--once", "drain the queue and exit (for cron and tests)")
    .option("-q, --quiet", "no progress output")
    .action(async (opts) => {
      code = await workerCommand(opts, io);
    });

  periodOptions(
    program
      .command("search")
      .description("full-text search over stored articles, best first, with highlighted snippets")
      .argument("<query>", 'words to find; "quoted phrases", OR, NOT and prefix* work')
      .option(...dbOption)
      .option("--limit <n>", "how many hits", "20")
      .option("--json", "print hits as JSON"),
  ).action(async (query: string, opts) => {
    code = await searchCommand(query, opts, io);
  });

  periodOptions(
    program
      .command("export")
      .description("write stored records as JSONL or CSV")
      .option(...dbOption)
      .option("-f, --format <format>", "jsonl or csv", "jsonl")
      .option("--what <what>", "articles, quotes or events (events CSV has GDELT-like columns)", "articles")
      .option("-o, --out <file>", "write to a file instead of stdout"),
  ).action(async (opts) => {
    code = await exportCommand(opts, io);
  });

  periodOptions(
    program
      .command("actors")
      .description("the most mentioned actors, optionally for a period")
      .option(...dbOption)
      .option("--limit <n>", "how many actors", "30")
      .option("--json", "print as JSON"),
  ).action(async (opts) => {
    code = await actorsCommand(opts, io);
  });

  program
    .command("actor")
    .description("one actor: roles, articles, mentions, co-mentioned actors")
    .argument("<name>", "a name, alias or actor id, e.g. Peskov or state:RUS")
    .option(...dbOption)
    .option("--json", "print as JSON")
    .action(async (name: string, opts) => {
      code = await actorCommand(name, opts, io);
    });

  periodOptions(
    program
      .command("quotes")
      .description("stored quotations with date, outlet and article")
      .option(...dbOption)
      .option("--speaker <name>", "speaker name, words used, or actor id")
      .option("--text <words>", "only quotations containing these words")
      .option("--limit <n>", "how many quotations", "100")
      .option("--json", "print as JSON"),
  ).action(async (opts) => {
    code = await quotesCommand(opts, io);
  });

  periodOptions(
    program
      .command("events")
      .description("stored coded events as a table")
      .option(...dbOption)
      .option("--source <code>", "source country code or actor id, e.g. RUS")
      .option("--target <code>", "target country code or actor id, e.g. UKR")
      .option("--modality <m>", "asserted, negated, hypothetical, future, denied or claimed")
      .option("--category <c>", "PLOVER category, e.g. THREATEN")
      .option("--limit <n>", "how many events", "200")
      .option("--json", "print as JSON"),
  ).action(async (opts) => {
    code = await eventsCommand(opts, io);
  });

  const rangeOptions = (cmd: Command) =>
    cmd
      .option(...dbOption)
      .option("--since <date>", "only articles published on or after this date (yyyy-mm-dd)")
      .option("--until <date>", "only articles published on or before this date (yyyy-mm-dd)");

  rangeOptions(
    program
      .command("stories")
      .description("articles grouped into stories (the same event reported many times)"),
  )
    .option("--actor <code>", "only stories naming this country code or actor id, e.g. RUS")
    .option("--limit <n>", "how many stories", "20")
    .option("--format <format>", "table or json", "table")
    .action(async (opts) => {
      code = await storiesCommand(opts, io);
    });

  rangeOptions(
    program
      .command("escalation")
      .description("escalation index of an actor pair per period, from asserted events"),
  )
    .option("--source <code>", "source country code or actor id, e.g. RUS")
    .option("--target <code>", "target country code or actor id, e.g. UKR")
    .option("--period <period>", "day, week or month", "week")
    .option("--limit <n>", "how many pairs without --source/--target", "20")
    .option("--format <format>", "table, json or csv", "table")
    .action(async (opts) => {
      code = await escalationCommand(opts, io);
    });

  rangeOptions(
    program
      .command("outlets")
      .description("outlets compared: modality of events, intensity per pair, speakers, actors, genres"),
  )
    .option("--actor <code>", "only articles naming this country code or actor id")
    .option("--limit <n>", "how many outlets", "20")
    .option("--format <format>", "table or json", "table")
    .action(async (opts) => {
      code = await outletsCommand(opts, io);
    });

  program
    .command("changes")
    .description("what changed: the latest period against the one before")
    .option(...dbOption)
    .option("--period <period>", "day, week or month", "week")
    .option("--until <date>", "the day the latest period ends (default: the latest stored article)")
    .option("--format <format>", "table or json", "table")
    .action(async (opts) => {
      code = await changesCommand(opts, io);
    });

  program
    .command("serve")
    .description("read-only HTTP API (/api/v1) and web dashboard over a database, until Ctrl-C")
    .option(...dbOption)
    .option("--port <n>", "port to listen on (0: any free port)", "8080")
    .option("--host <address>", "address to bind; anything but loopback is reachable by others", "127.0.0.1")
    .action(async (opts) => {
      code = await serveCommand(opts, io);
    });

  program
    .command("eval")
    .description("score sitrep against the gold data in ../shared and print one table")
    .argument("[suites...]", "suites to run (default: all)")
    .option("--data <dir>", "another copy of a suite's benchmark data")
    .option("--shared <dir>", "the shared data folder (default ../shared)")
    .option("--split <split>", "dev (default) or test: held-out, for a single final report", "dev")
    .option("--limit <n>", "score only the first n items of each suite")
    .option("-v, --verbose", "print the items each suite gets wrong")
    .option("--json", "print rows as JSON")
    .action(async (suites: string[], opts) => {
      code = await evalCommand(suites, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError) {
      io.stderr(`sitrep: ${err.message}\n`);
      return err.exitCode;
    }
    // A store that cannot be reached or read (a PostgreSQL server down, a missing schema): one line.
    if (err instanceof StoreError) {
      io.stderr(`sitrep: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  return code;
}
