import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "polnear" suite. */
export const suite: EvalSuite = {
  name: "polnear",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "polnear", metric: "status", value: "not implemented" }],
};
