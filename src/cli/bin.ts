import { main } from "./main.ts";

// "sitrep export … | head": when the reader closes the pipe, stop quietly, as Unix tools do.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sitrep: internal error: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 70;
  },
);
