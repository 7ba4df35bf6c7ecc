import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "seeds" suite. */
export const suite: EvalSuite = {
  name: "seeds",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "seeds", metric: "status", value: "not implemented" }],
};
