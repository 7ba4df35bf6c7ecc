import { Command, CommanderError } from "commander";
import { PIPELINE_VERSION } from "../version.ts";
import { analyzeCommand } from "./commands/analyze.ts";
import { evalCommand } from "./commands/eval.ts";
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

  program
    .command("analyze")
    .description("analyse files, directories, URLs or - (stdin) and print article records")
    .argument("<inputs...>", "files, directories, URLs, or - for stdin")
    .option("-f, --format <format>", "text (default on a terminal), json (one object; JSONL for many) or jsonl")
    .option("--allow-private", "allow URLs on private or loopback addresses")
    .action(async (inputs: string[], opts) => {
      code = await analyzeCommand(inputs, opts, io);
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
    throw err;
  }
  return code;
}
