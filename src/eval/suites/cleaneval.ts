import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "cleaneval" suite. */
export const suite: EvalSuite = {
  name: "cleaneval",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "cleaneval", metric: "status", value: "not implemented" }],
};
