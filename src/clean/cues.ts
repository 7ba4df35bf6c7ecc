/**
 * Knowledge the clean stage reads: cue lists, outlet names, genre signals and month names from
 * data/clean/*.json, loaded and compiled once when the module loads (never per article).
 * A malformed data file is a configuration error and throws at load with the file and entry named.
 */
import { readFileSync } from "node:fs";
import type { Genre, RemovedReason } from "../record.ts";

const DATA_DIR = new URL("../../data/clean/", import.meta.url);

function readData<T>(file: string): T {
  const url = new URL(file, DATA_DIR);
  try {
    return JSON.parse(readFileSync(url, "utf8")) as T;
  } catch (err) {
    throw new Error(`clean: expected readable JSON in data/clean/${file}, found: ${(err as Error).message}`);
  }
}

function compile(pattern: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (err) {
    throw new Error(
      `clean: ${where} has an invalid pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`,
    );
  }
}

/** One line-level boilerplate rule: a pattern, the reason it removes with, and a length cap. */
export interface BoilerplateRule {
  rule: string;
  reason: RemovedReason;
  maxWords: number;
  /** False for rules that only fire in the tail after the article (disclaimers, teasers). */
  anywhere: boolean;
  re: RegExp;
}

interface BoilerplateFile {
  rules: {
    rule: string;
    reason: RemovedReason;
    maxWords: number;
    pattern: string;
    anywhere?: boolean;
    caseSensitive?: boolean;
  }[];
  appealWords: string[];
  appealActions: string[];
  appeal: { minHits: number; minShare: number; minActions: number; maxWords: number };
  trailing: { maxFillerWords: number; inlineRules: string[] };
  ledeCues: { pattern: string };
}

const boilerplate = readData<BoilerplateFile>("boilerplate.json");

/** Line rules from data/clean/boilerplate.json, in file order (first match wins). */
export const BOILERPLATE_RULES: readonly BoilerplateRule[] = boilerplate.rules.map((r, i) => ({
  rule: r.rule,
  reason: r.reason,
  maxWords: r.maxWords,
  anywhere: r.anywhere !== false,
  re: compile(r.pattern, r.caseSensitive ? "u" : "iu", `data/clean/boilerplate.json rules[${i}] (${r.rule})`),
}));

/** Lower-cased words whose density marks a publisher's appeal (donate, our journalism, we…). */
export const APPEAL_WORDS: ReadonlySet<string> = new Set(boilerplate.appealWords.map((w) => w.toLowerCase()));
/** Lower-cased action words of an appeal (donate, journalism, newsletter); at least one must occur. */
export const APPEAL_ACTIONS: ReadonlySet<string> = new Set(
  boilerplate.appealActions.map((w) => w.toLowerCase()),
);
/** Fewest distinct action words, fewest appeal words, longest paragraph for an appeal. */
export const APPEAL_MIN_ACTIONS = boilerplate.appeal.minActions;
export const APPEAL_MIN_HITS = boilerplate.appeal.minHits;
export const APPEAL_MAX_WORDS = boilerplate.appeal.maxWords;
/** Smallest share of appeal words among all words of an appeal. */
export const APPEAL_MIN_SHARE = boilerplate.appeal.minShare;
/** Longest non-boilerplate line the trailing region may swallow between two boilerplate lines. */
export const TRAILING_MAX_FILLER_WORDS = boilerplate.trailing.maxFillerWords;
/** Words of a news lede ("said on Monday"): such a line after the title is body, not a subtitle. */
export const LEDE_CUES = compile(boilerplate.ledeCues.pattern, "iu", "data/clean/boilerplate.json ledeCues");
/** Rules for furniture that sits anywhere in an article; their lines do not mark the tail. */
export const INLINE_RULES: ReadonlySet<string> = new Set(boilerplate.trailing.inlineRules);

interface OutletsFile {
  siteWords: string[];
  outlets: { name: string; aliases: string[] }[];
  sections: { name: string; parent: string | null; opinion: boolean }[];
}

const outlets = readData<OutletsFile>("outlets.json");

/** Folds an outlet mention for lookup: lower case, no leading "the", single spaces. */
export function outletKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^the\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

const OUTLET_BY_KEY = new Map<string, string>();
for (const o of outlets.outlets) {
  OUTLET_BY_KEY.set(outletKey(o.name), o.name);
  for (const a of o.aliases) OUTLET_BY_KEY.set(outletKey(a), o.name);
}

/** Section or blog of a parent publisher, from data/clean/outlets.json. */
export interface OutletSection {
  name: string;
  parent: string | null;
  opinion: boolean;
}

const SECTION_BY_KEY = new Map<string, OutletSection>();
for (const s of outlets.sections) SECTION_BY_KEY.set(outletKey(s.name), s);

/**
 * Canonical outlet name for a mention, or null when the outlet is not in the data file.
 * @example canonicalOutlet("LA Times") // "Los Angeles Times"
 */
export function canonicalOutlet(mention: string): string | null {
  return OUTLET_BY_KEY.get(outletKey(mention)) ?? null;
}

/**
 * The section or blog a byline names ("for UkraineAlert"), or null.
 * @example outletSection("UkraineAlert")?.parent // "Atlantic Council"
 */
export function outletSection(mention: string): OutletSection | null {
  return SECTION_BY_KEY.get(outletKey(mention)) ?? null;
}

const SITE_WORDS = outlets.siteWords.map((w) => w.toLowerCase());

/**
 * True when a name reads like a site's name ("Harbour Daily Post", "example.com"): it holds a site word.
 * @example looksLikeSite("Harbour Daily Post") // true
 */
export function looksLikeSite(name: string): boolean {
  const lower = name.toLowerCase();
  return SITE_WORDS.some((w) => (w.startsWith(".") ? lower.includes(w) : lower.split(/[\s-]+/).includes(w)));
}

/** Every alias and canonical name, longest first, for scanning text for outlet mentions. */
export const OUTLET_NAMES: readonly string[] = [...OUTLET_BY_KEY.keys()].sort((a, b) => b.length - a.length);

/** A weighted cue over comment text. */
export interface WeightedCue {
  name: string;
  weight: number;
  re: RegExp;
}

interface CueSet {
  threshold: number;
  cues: { name: string; weight: number; pattern: string }[];
}

const commentCues = readData<{ spam: CueSet; abusive: CueSet }>("comment-cues.json");

function compileCues(set: CueSet, where: string): { threshold: number; cues: WeightedCue[] } {
  return {
    threshold: set.threshold,
    cues: set.cues.map((c) => ({
      name: c.name,
      weight: c.weight,
      re: compile(c.pattern, "iu", `${where} ${c.name}`),
    })),
  };
}

/** Spam cues (income offers, link drops, crypto/casino/pills) from data/clean/comment-cues.json. */
export const SPAM_CUES = compileCues(commentCues.spam, "data/clean/comment-cues.json spam");
/** Abuse cues (slurs, dehumanising words) from data/clean/comment-cues.json. */
export const ABUSE_CUES = compileCues(commentCues.abusive, "data/clean/comment-cues.json abusive");

/** A genre signal: where it reads, which genre it votes for, how much per hit and how many hits count. */
export interface GenreSignal {
  name: string;
  genre: Genre;
  where: "body" | "notes" | "title";
  weight: number;
  cap: number;
  /** Case-insensitive signals run without the i flag on lower-cased text: much faster on long bodies. */
  lower: boolean;
  re: RegExp;
}

interface GenreFile {
  minScore: number;
  signals: {
    name: string;
    genre: Genre;
    where: GenreSignal["where"];
    weight: number;
    cap: number;
    pattern: string;
    flags?: string;
  }[];
}

const genre = readData<GenreFile>("genre.json");

/**
 * Genre signals from data/clean/genre.json; every pattern is global and multi-line for counting.
 * A signal without explicit flags is case-insensitive: its pattern is written in lower case and runs
 * on lower-cased text.
 */
export const GENRE_SIGNALS: readonly GenreSignal[] = genre.signals.map((s) => ({
  name: s.name,
  genre: s.genre,
  where: s.where,
  weight: s.weight,
  cap: s.cap,
  lower: s.flags === undefined,
  re: compile(s.pattern, `gm${s.flags ?? "u"}`, `data/clean/genre.json ${s.name}`),
}));
/** Below this total no genre is claimed ("other"). */
export const GENRE_MIN_SCORE = genre.minScore;

const dates = readData<{ months: Record<string, number>; publishedCues: string[] }>("dates.json");

/** Month name or abbreviation (lower case) to month number. */
export const MONTHS: ReadonlyMap<string, number> = new Map(Object.entries(dates.months));
/** Words that introduce a publication date on a line ("Published", "Updated"). */
export const PUBLISHED_CUES: readonly string[] = dates.publishedCues;

interface HeaderFile {
  verbs: string[];
  notNames: string[];
  notNameStarts: string[];
  notNameEnds: string[];
  maxNameWords: number;
  markers: string;
  replyLinks: string;
}

const header = (commentCues as unknown as { header: HeaderFile }).header;

/** Comment header knowledge: verbs after a name ("says"), words that are not names, marker lines. */
export const COMMENT_HEADER = {
  verbs: header.verbs,
  notNames: new Set(header.notNames.map((n) => n.toLowerCase())),
  /** A commenter's name does not start with a determiner ("The news agency says:" is article text). */
  notNameStarts: new Set(header.notNameStarts.map((n) => n.toLowerCase())),
  /** Nor does it end with an auxiliary or adverb ("What Hill has said", "She also said"). */
  notNameEnds: new Set(header.notNameEnds.map((n) => n.toLowerCase())),
  maxNameWords: header.maxNameWords,
  marker: compile(header.markers, "iu", "data/clean/comment-cues.json header.markers"),
  replyLink: compile(header.replyLinks, "iu", "data/clean/comment-cues.json header.replyLinks"),
};

interface SourcesFile {
  publisher: { rule: string; rank: number; where?: "text" | "comments"; pattern: string }[];
  sourceNote: string;
  sourceNoteMaxWords: number;
  sourceNoteNameMaxWords: number;
  sourceNoteTrim: string;
  citation: string;
  excerptIntro: string;
  wireDateline: string;
  bylineRoles: string;
}

const sources = readData<SourcesFile>("sources.json");
const NAME_WORD_SRC = "[\\p{Lu}][\\p{L}\\p{N}'’&.-]*";
const NAME_SRC = `(?:The )?${NAME_WORD_SRC}(?: ${NAME_WORD_SRC}){0,3}`;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const OUTLET_ALTERNATION = [...new Set([...outlets.outlets.flatMap((o) => [o.name, ...o.aliases])])]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");

function expand(pattern: string): string {
  return pattern
    .replaceAll("NAME?", `(?:The )?${NAME_WORD_SRC}(?: ${NAME_WORD_SRC}){0,3}?`)
    .replaceAll("NAME", NAME_SRC)
    .replaceAll("OUTLET", OUTLET_ALTERNATION);
}

/** A pattern whose first group names the site that published this copy. */
export interface PublisherCue {
  rule: string;
  rank: number;
  where: "text" | "comments";
  re: RegExp;
}

/** Publisher cues from data/clean/sources.json (case-sensitive: names are capitalised). */
export const PUBLISHER_CUES: readonly PublisherCue[] = sources.publisher.map((p) => ({
  rule: p.rule,
  rank: p.rank,
  where: p.where ?? "text",
  re: compile(expand(p.pattern), "u", `data/clean/sources.json publisher ${p.rule}`),
}));
/** "Source: Outlet" and "Originally published in Outlet" lines; group 1 is the outlet. */
export const SOURCE_NOTE = compile(sources.sourceNote, "iu", "data/clean/sources.json sourceNote");
/** A source note is a short line. */
export const SOURCE_NOTE_MAX_WORDS = sources.sourceNoteMaxWords;
/** An outlet named in a source note that is not in outlets.json must be this short to count. */
export const SOURCE_NOTE_NAME_MAX_WORDS = sources.sourceNoteNameMaxWords;
/** Trailing "at 7:03 p.m. on August 24" after the outlet in a source note. */
export const SOURCE_NOTE_TRIM = compile(
  sources.sourceNoteTrim,
  "iu",
  "data/clean/sources.json sourceNoteTrim",
);
/** A known outlet after a citing word ("told CNN", "according to Reuters"); group 1 is the outlet. */
export const CITATION = compile(expand(sources.citation), "gu", "data/clean/sources.json citation");
/**
 * Any outlet name at all: a cheap test before CITATION, whose leading alternation of prepositions makes
 * the engine try every position of every paragraph. Most paragraphs name no outlet.
 */
export const OUTLET_HINT = new RegExp(OUTLET_ALTERNATION, "u");
/** "From the LA Times:" introducing an excerpt; group 1 is the outlet. */
export const EXCERPT_INTRO = compile(sources.excerptIntro, "u", "data/clean/sources.json excerptIntro");
/** A role or a date in the "for"/comma part of a byline ("Staff Writer", "6/20/04"): no publisher. */
export const BYLINE_ROLE = compile(sources.bylineRoles, "iu", "data/clean/sources.json bylineRoles");
/** "(CNN) —" or "MOSCOW (Reuters) -" at the start of a paragraph; group 1 is the outlet. */
export const WIRE_DATELINE = compile(
  expand(sources.wireDateline),
  "u",
  "data/clean/sources.json wireDateline",
);
