/** One line of the eval table: a metric, its value, and the target it must reach when there is one. */
export interface EvalRow {
  suite: string;
  metric: string;
  value: number | string;
  /** Target: "≥ 0.97" style, for display; pass is computed by the suite. */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface EvalOptions {
  /** Root of the shared data folder (default ../shared beside the repo). */
  sharedDir: string;
  /** Override for a suite's own data path (--data). */
  dataDir?: string;
  split: "dev" | "test";
  /** Limit items, for quick runs. */
  limit?: number;
  /** Print per-item details (failures) to this writer. */
  verbose?: (line: string) => void;
}

export interface EvalSuite {
  name: string;
  description: string;
  /** Paths under sharedDir this suite reads; checked before it runs so a missing folder is said plainly. */
  needs: string[];
  run: (options: EvalOptions) => Promise<EvalRow[]>;
}
