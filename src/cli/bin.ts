import { main } from "./main.ts";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sitrep: internal error: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 70;
  },
);
