import type { CliIO } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process, as a user would type it, and captures what it wrote. */
export async function runCli(
  argv: string[],
  opts: { cwd: string; isTTY?: boolean; stdin?: string },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: opts.isTTY ?? false,
    cwd: opts.cwd,
    stdin: async () => Buffer.from(opts.stdin ?? "", "utf8"),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
