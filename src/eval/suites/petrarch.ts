import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "petrarch" suite. */
export const suite: EvalSuite = {
  name: "petrarch",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "petrarch", metric: "status", value: "not implemented" }],
};
