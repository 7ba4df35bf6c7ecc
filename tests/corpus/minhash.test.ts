import { describe, expect, it } from "vitest";
import { estimatedJaccard, signature } from "../../src/corpus/index.ts";

const BASE =
  "The defence ministers of the alliance met in Tallinn on Thursday to discuss the build-up of armoured units along the eastern border and agreed to send more air defence systems before the winter, officials said after the meeting ended late in the evening.";

function exactJaccard(a: string, b: string): number {
  const sh = (t: string) => {
    const w = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return new Set(w.slice(2).map((_, i) => w.slice(i, i + 3).join(" ")));
  };
  const x = sh(a);
  const y = sh(b);
  let inter = 0;
  for (const s of x) if (y.has(s)) inter++;
  return inter / (x.size + y.size - inter);
}

describe("MinHash signatures", () => {
  it("are stable and give 1 for the same text", () => {
    const a = signature(BASE)!;
    expect(Array.from(signature(BASE)!)).toEqual(Array.from(a));
    expect(estimatedJaccard(a, signature(BASE.toUpperCase())!)).toBe(1);
  });

  it("estimate Jaccard similarity of reworded text within a reasonable error", () => {
    const long = Array.from({ length: 12 }, (_, i) => BASE.replace("Thursday", `day ${i}`)).join(" ");
    const reworded = long.replace(/officials said/g, "sources told reporters").replace(/agreed/g, "decided");
    const est = estimatedJaccard(signature(long)!, signature(reworded)!);
    expect(Math.abs(est - exactJaccard(long, reworded))).toBeLessThan(0.2);
  });

  it("keeps unrelated texts far apart and refuses texts too short to compare", () => {
    const other =
      "Farmers in the southern provinces reported the largest wheat harvest in a decade thanks to a mild spring and late rains, while grain prices on the exchange fell for a third week as exporters cleared warehouses.";
    expect(estimatedJaccard(signature(BASE)!, signature(other)!)).toBeLessThan(0.2);
    expect(signature("Too short to say.")).toBeNull();
  });
});
