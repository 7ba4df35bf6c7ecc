import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "plover" suite. */
export const suite: EvalSuite = {
  name: "plover",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "plover", metric: "status", value: "not implemented" }],
};
