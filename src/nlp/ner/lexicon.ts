/**
 * The recogniser's small hand-written lexicon (data/models/ner.lexicon.json): country and place names,
 * demonyms and a few organisations, plus abbreviations the tokenizer keeps whole ("Mr.", "Gen.").
 * Lexicon hits are features, not decisions: the model learns how far to trust them.
 */
import { readFileSync } from "node:fs";
import { ENTITY_TYPES } from "./tags.ts";

/** Longest lexicon entry, in tokens; longer entries are ignored so matching stays O(n · this). */
const MAX_ENTRY_TOKENS = 6;
const SPACES = /\s+/;

interface LexiconFile {
  abbreviations?: string[];
  titleCaseCues?: string[];
  plainSentenceStarts?: string[];
  nameParticles?: string[];
  [type: string]: unknown;
}

/** Lexicon entries by first token, for greedy longest-match over a sentence. */
export class Lexicon {
  /** first lower-case token → entries (token arrays, lower case) with their type index, longest first. */
  private readonly byFirst = new Map<string, { tokens: string[]; type: number }[]>();
  /** Abbreviations with their final period, as written ("Mr.", "Gen."). */
  readonly abbreviations: ReadonlySet<string>;
  /** Lower-case function words; two of them capitalised in one sentence mark a Title-Case Headline. */
  readonly titleCaseCues: ReadonlySet<string>;
  /** Lower-case common words ("the", "but", "he") that open sentences: no name evidence there on their own. */
  readonly plainSentenceStarts: ReadonlySet<string>;
  /** Lower-case words found inside names ("van der Zwaan", "Osama bin Laden", "the interior ministry"). */
  readonly nameParticles: ReadonlySet<string>;

  constructor(file: LexiconFile) {
    ENTITY_TYPES.forEach((type, t) => {
      const list = file[type];
      if (list === undefined) return;
      if (!Array.isArray(list))
        throw new Error(`ner lexicon: expected "${type}" to be a list of names, found ${typeof list}`);
      for (const name of list as string[]) {
        const tokens = name.toLowerCase().split(SPACES).filter(Boolean);
        if (tokens.length === 0 || tokens.length > MAX_ENTRY_TOKENS) continue;
        const bucket = this.byFirst.get(tokens[0]) ?? [];
        bucket.push({ tokens, type: t });
        this.byFirst.set(tokens[0], bucket);
      }
    });
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
    this.abbreviations = new Set(file.abbreviations ?? []);
    this.titleCaseCues = new Set(file.titleCaseCues ?? []);
    this.plainSentenceStarts = new Set(file.plainSentenceStarts ?? []);
    this.nameParticles = new Set(file.nameParticles ?? []);
  }

  /** Reads a lexicon JSON file. */
  static load(path: string): Lexicon {
    return new Lexicon(JSON.parse(readFileSync(path, "utf8")) as LexiconFile);
  }

  /**
   * Whether some entry begins with this lower-case token; callers cache it per word so markSpans can skip
   * the lookup on most tokens.
   * @example lex.startsEntry("new") // true when "New Zealand" is listed
   */
  startsEntry(lower: string): boolean {
    return this.byFirst.has(lower);
  }

  /**
   * Marks lexicon matches: out[i] = type*3 + 0 for a one-token match, +1 for the first token of a longer
   * one, +2 for a later token; -1 outside. Greedy longest match from left to right, inside sentences.
   * `mayStart[i]` false (from startsEntry, cached per word) skips token i as a first token.
   * @example lex.markSpans(["in","new","zealand"], Int32Array.of(3,3,3)) // [-1, 7, 8] when LOC is type 2
   */
  markSpans(
    lowers: readonly string[] | readonly { lowerStr: string }[],
    sentEnd: Int32Array,
    mayStart?: (i: number) => boolean,
  ): Int32Array {
    const n = lowers.length;
    const out = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; ) {
      if (mayStart !== undefined && !mayStart(i)) {
        i++;
        continue;
      }
      const bucket = this.byFirst.get(lowerAt(lowers, i));
      let matched = 0;
      if (bucket) {
        for (const entry of bucket) {
          const len = entry.tokens.length;
          if (i + len > sentEnd[i]) continue;
          let ok = true;
          for (let k = 1; k < len && ok; k++) ok = lowerAt(lowers, i + k) === entry.tokens[k];
          if (!ok) continue;
          if (len === 1) out[i] = entry.type * 3;
          else for (let k = 0; k < len; k++) out[i + k] = entry.type * 3 + (k === 0 ? 1 : 2);
          matched = len;
          break;
        }
      }
      i += matched > 0 ? matched : 1;
    }
    return out;
  }
}

/** The lower-case form of word k, from plain strings or word infos (a plain function: see markSpans). */
function lowerAt(lowers: readonly string[] | readonly { lowerStr: string }[], k: number): string {
  const x = lowers[k];
  return typeof x === "string" ? x : x.lowerStr;
}
