import { describe, expect, it } from "vitest";
import { slug } from "../../src/actors/registry.ts";
import { StringCache } from "../../src/actors/string-cache.ts";

describe("slug", () => {
  it("folds case and diacritics and joins words with single hyphens", () => {
    expect(slug("Dalia Žemaitytė-Onić")).toBe("dalia-zemaityte-onic");
    expect(slug("U.S. Army Corps")).toBe("us-army-corps");
  });

  it("drops punctuation at either end and collapses runs of it", () => {
    expect(slug("  --O'Hara,  Inc.!! ")).toBe("o-hara-inc");
    expect(slug("")).toBe("");
    expect(slug("—")).toBe("");
  });
});

describe("StringCache", () => {
  it("returns what was stored and stays within its limit", () => {
    const cache = new StringCache<string | null>(2);
    expect(cache.set("a", "x")).toBe("x");
    expect(cache.set("b", null)).toBeNull();
    expect(cache.get("a")).toBe("x");
    expect(cache.get("b")).toBeNull();
    cache.set("c", "z"); // full: emptied first
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")).toBe("z");
  });
});
