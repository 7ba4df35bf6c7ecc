import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "quotes" suite. */
export const suite: EvalSuite = {
  name: "quotes",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "quotes", metric: "status", value: "not implemented" }],
};
