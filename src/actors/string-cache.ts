import { ownString } from "../nlp/index.ts";

/**
 * A per-process cache keyed by strings met in articles (names, roles, organisation names), for answers
 * that repeat across articles. Bounded (emptied when full), since a long-running worker meets new names
 * for ever; and it keeps its own copies of keys and values, since a slice of an article kept here would
 * keep the whole article alive.
 * @example const cache = new StringCache<string>(); cache.get(name) ?? cache.set(name, compute(name))
 */
export class StringCache<V extends string | null> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 50_000) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Stores `value` under `key` and returns it. */
  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(ownString(key), (value === null ? null : ownString(value)) as V);
    return value;
  }
}
