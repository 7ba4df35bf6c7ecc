import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "html" suite. */
export const suite: EvalSuite = {
  name: "html",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "html", metric: "status", value: "not implemented" }],
};
