import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "actors" suite. */
export const suite: EvalSuite = {
  name: "actors",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "actors", metric: "status", value: "not implemented" }],
};
