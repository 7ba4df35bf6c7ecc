import type { EvalSuite } from "../types.ts";

/** STUB: replaced by the work that owns the "ner" suite. */
export const suite: EvalSuite = {
  name: "ner",
  description: "not yet implemented",
  needs: [],
  run: async () => [{ suite: "ner", metric: "status", value: "not implemented" }],
};
