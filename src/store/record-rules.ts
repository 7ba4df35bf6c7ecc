/**
 * Rules every store adapter applies the same way, so SQLite and PostgreSQL keep the same bytes and give
 * the same answers (tests/store/contract.ts and the parity test check it): how a record is encoded, the
 * date an article is filed under, its lead, the text near-duplicate detection compares, which mentions
 * become actor aliases, and how an `until` bound covers the whole period it names.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { ArticleRecord } from "../record.ts";

/** Characters of the first body paragraph kept as an article's lead. */
export const LEAD_CHARS = 400;
/** Longest mention text kept as an alias. */
const MAX_ALIAS_CHARS = 80;
/** Appended to an `until` bound: sorts after any character a stored date can hold. */
const UNTIL_END = "\uffff";
/** Mentions that are pronouns or other function words are no names to search an actor by. */
const NOT_AN_ALIAS =
  /^(?:he|she|him|her|his|hers|himself|herself|they|them|their|theirs|themselves|it|its|itself|we|us|our|i|me|my)$/i;
/** An alias starts with a capital letter or a digit: a name, not a description ("the Russian leader"). */
const ALIAS_START = /^[\p{Lu}\p{N}]/u;

/**
 * The stored form of a record: raw deflate of its JSON (fast level: records are written once, read rarely).
 * @example decodeRecord(encodeRecord(r)).id === r.id
 */
export function encodeRecord(r: ArticleRecord): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(r), "utf8"), { level: 1 });
}

export function decodeRecord(b: Buffer): ArticleRecord {
  return JSON.parse(inflateRawSync(b).toString("utf8")) as ArticleRecord;
}

/** The date an article is filed under: its best date, else the start of its range. */
export function filingDate(r: ArticleRecord): string | null {
  return r.published.date ?? r.published.earliest ?? null;
}

/**
 * The opening words of an article: its first body paragraph (headings skipped), cut to LEAD_CHARS; null
 * when it has no paragraph. Known failure: a dateline or photo credit left as the first paragraph.
 */
export function leadOf(r: ArticleRecord): string | null {
  const p = r.paragraphs.find((x) => x.kind === "paragraph") ?? r.paragraphs[0];
  return p ? p.text.slice(0, LEAD_CHARS) : null;
}

/** Text that near-duplicate detection compares: the article body, without comments or boilerplate. */
export function bodyText(r: ArticleRecord): string {
  return r.paragraphs.map((p) => p.text).join("\n");
}

/**
 * Whether a mention's text is kept as an alias of its actor: a name, not a pronoun or a description.
 * @example isAlias("Berg") // true;  isAlias("his") // false;  isAlias("the minister") // false
 */
export function isAlias(text: string): boolean {
  return text.length <= MAX_ALIAS_CHARS && ALIAS_START.test(text) && !NOT_AN_ALIAS.test(text);
}

/**
 * The value to compare stored dates with for an inclusive `until`: "2021" keeps 2021-12-31 and "2022-03-01"
 * keeps that day's timestamps, since every string that starts with `until` sorts at or below this.
 * @example untilBound("2021") // "2021\uffff"
 */
export function untilBound(until: string): string {
  return `${until}${UNTIL_END}`;
}

/**
 * Per actor of a record: how many mentions it has, and the mention texts kept as its aliases (names of
 * people, organisations and places only; see isAlias). Both stores write these the same way.
 * @example mentionTally(record).counts.get("state:RUS") // 6
 */
export function mentionTally(record: ArticleRecord): {
  counts: Map<string, number>;
  aliases: Map<string, Set<string>>;
} {
  const counts = new Map<string, number>();
  const aliases = new Map<string, Set<string>>();
  for (const m of record.mentions) {
    if (!m.actor) continue;
    counts.set(m.actor, (counts.get(m.actor) ?? 0) + 1);
    if (m.type === "PERSON" || m.type === "ORG" || m.type === "GPE") {
      let set = aliases.get(m.actor);
      if (!set) {
        set = new Set();
        aliases.set(m.actor, set);
      }
      if (isAlias(m.text)) set.add(m.text);
    }
  }
  return { counts, aliases };
}
