/** The CLI's window on the world, so tests can run `main(argv, io)` in process and read what it wrote. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (text report and progress bar) or a pipe (JSON and plain lines). */
  isTTY: boolean;
  stdin?: () => Promise<Buffer>;
  /** Working directory that relative paths are read against. */
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
  };
}

/** Error the CLI reports as one line and exit code, without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
