/**
 * Stories: articles that report the same event, grouped over plain rows in one pass.
 *
 * Two articles are linked when
 *  1. one is a near-duplicate of the other (the store's MinHash link), at any distance in time; or
 *  2. both are dated within `windowDays` of each other, both report an ASSERTED event with the same
 *     (source, target, PLOVER category) — sides named by country code, else actor id — and their titles
 *     and leads share at least MIN_EVENT_SHARED_WORDS distinctive words, at least MIN_EVENT_WORD_OVERLAP
 *     of the smaller article's; or
 *  3. both are dated within `windowDays` of each other, name at least MIN_SHARED_ACTORS same actors, and
 *     their titles and leads share at least MIN_SHARED_WORDS distinctive words, which are at least
 *     MIN_WORD_OVERLAP of the smaller article's distinctive words.
 * Distinctive words are content words (data/corpus/story-words.json lists the ignored ones) carried by
 * no more than COMMON_WORD_SHARE of the dated articles loaded: in a month of war coverage "russia",
 * "ukraine" and "invasion" name no event. The event key alone is not enough for the same reason: in
 * such a month nearly every article asserts "RUS → UKR · ASSAULT".
 * Stories are the connected groups (union–find, articles taken in date order), except that links 2 and 3
 * never let a story span more than `maxSpanDays`, and join an article to a story only when it also shares
 * MIN_LEADER_SHARED_WORDS distinctive words with the story's first article (leader–follower clustering),
 * so a war reported every day does not chain into one story of a whole week or year.
 *
 * Known failures: two reports of separate events of one pair in the same days that share place names
 * (two strikes on one city) merge; a follow-up whose headline shares no distinctive word with the first
 * report stays apart; a word common in the loaded range (a city under siege all month) stops counting,
 * so a narrower --since/--until can group differently; reports written days
 * apart in different words with different actors stay apart; an undated article joins only through a
 * near-duplicate link; the result depends on the date range loaded (a story cut by --since starts later).
 */
import type { Modality } from "../record.ts";
import { dayNumber } from "./periods.ts";
import { type CorpusRows, partyMatches, sideOf } from "./rows.ts";
import { contentWords } from "./story-words.ts";

/** Days within which two reports of one event usually fall (wire copy, follow-ups, weekly round-ups). */
export const STORY_WINDOW_DAYS = 3;
/** Longest stretch links by event or words may stitch into one story (near-duplicates are exempt). */
export const STORY_MAX_SPAN_DAYS = 7;
/** Distinctive title/lead words two articles with the same asserted event key must share. */
export const MIN_EVENT_SHARED_WORDS = 3;
/** Share of the smaller article's distinctive words that two articles with the same event key must share. */
export const MIN_EVENT_WORD_OVERLAP = 0.15;
/**
 * Distinctive words an article must share with the first article of the story it joins (and the first
 * article of its own story with that one): links 2 and 3 then cannot chain through a side topic from
 * a report on a nuclear plant to one on a monument to one on a prisoner.
 */
export const MIN_LEADER_SHARED_WORDS = 3;
/** A word in more than this share of the dated articles loaded is common, not distinctive. */
export const COMMON_WORD_SHARE = 0.04;
/** …but never common below this many articles, so a small set of rows keeps all its words. */
export const COMMON_WORD_MIN_ARTICLES = 20;
/** Named actors two articles must share for a words link: one shared name is any article on the crisis. */
export const MIN_SHARED_ACTORS = 2;
/** Title+lead content words two articles must share for a words link. */
export const MIN_SHARED_WORDS = 4;
/** Share of the smaller article's title+lead words that must be shared (long leads share words by chance). */
export const MIN_WORD_OVERLAP = 0.2;
/**
 * A word carried by more articles than this within one window is skipped even when it is rare over the
 * whole range (a burst of coverage): it would link nearly everything, and skipping it keeps the pass
 * near-linear on a dense feed.
 */
export const MAX_WORD_POSTINGS = 200;
/** How many actors a story lists. */
const STORY_ACTORS = 5;

/** Which rule linked articles, for explaining a story. */
const LINK_NEAR_DUPLICATE = 0;
const LINK_SHARED_EVENT = 1;
const LINK_SHARED_WORDS = 2;

/** The rule's thresholds; each defaults to the constant of the same name. */
export interface StoryOptions {
  windowDays?: number;
  maxSpanDays?: number;
  minEventSharedWords?: number;
  minEventWordOverlap?: number;
  minSharedWords?: number;
  minWordOverlap?: number;
  minSharedActors?: number;
  minLeaderSharedWords?: number;
}

export interface StoryArticle {
  id: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  nearDuplicateOf: string | null;
}

/** One kind of event in a story, with how many reports carried it in each modality. */
export interface StoryEvent {
  source: string | null;
  target: string | null;
  category: string;
  reports: number;
  modalities: Partial<Record<Modality, number>>;
}

export interface Story {
  /** "story:" + the first 16 hex digits of its earliest article's id: stable while that article stays earliest. */
  id: string;
  /** Its most reported event ("RUS → UKR · THREATEN"), else its most named actors, else its first title. */
  label: string;
  first: string | null;
  last: string | null;
  /** Articles, earliest first. */
  articles: StoryArticle[];
  /** Publishers, most articles first. */
  outlets: string[];
  /** Events, most reported first. */
  events: StoryEvent[];
  actors: Array<{ id: string; name: string; articles: number }>;
  /** How many links of each rule joined its articles. */
  links: { nearDuplicate: number; sharedEvent: number; sharedWords: number };
}

export interface StoryGrouping {
  /** Largest first (articles), then latest, then id. */
  stories: Story[];
  /** Story id of each article id. */
  storyOf: Map<string, string>;
}

/**
 * Groups articles into stories (see the file comment for the rule).
 * @example groupStories(await store.corpusRows({ since: "2022-02-01" })).stories[0].label // "RUS → UKR · FIGHT"
 */
export function groupStories(rows: CorpusRows, options: StoryOptions = {}): StoryGrouping {
  const windowDays = options.windowDays ?? STORY_WINDOW_DAYS;
  const maxSpan = options.maxSpanDays ?? Math.max(STORY_MAX_SPAN_DAYS, windowDays);
  const minEventShared = options.minEventSharedWords ?? MIN_EVENT_SHARED_WORDS;
  const minEventOverlap = options.minEventWordOverlap ?? MIN_EVENT_WORD_OVERLAP;
  const minShared = options.minSharedWords ?? MIN_SHARED_WORDS;
  const minOverlap = options.minWordOverlap ?? MIN_WORD_OVERLAP;
  const minActors = options.minSharedActors ?? MIN_SHARED_ACTORS;
  const minLeaderShared = options.minLeaderSharedWords ?? MIN_LEADER_SHARED_WORDS;
  const arts = rows.articles;
  const n = arts.length;
  const day = new Float64Array(n);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    day[i] = dayNumber(arts[i].date);
    indexOf.set(arts[i].id, i);
  }
  // Dated articles by date then id; undated ones last (they take part in near-duplicate links only).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const da = Number.isNaN(day[a]) ? Number.POSITIVE_INFINITY : day[a];
    const db = Number.isNaN(day[b]) ? Number.POSITIVE_INFINITY : day[b];
    return da - db || (arts[a].id < arts[b].id ? -1 : arts[a].id > arts[b].id ? 1 : 0);
  });
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;

  // Union–find whose roots are the earliest member and carry the story's first and last day.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const first = new Float64Array(n);
  const last = new Float64Array(n);
  const links = new Int32Array(n * 3);
  for (let i = 0; i < n; i++) {
    first[i] = Number.isNaN(day[i]) ? Number.POSITIVE_INFINITY : day[i];
    last[i] = Number.isNaN(day[i]) ? Number.NEGATIVE_INFINITY : day[i];
  }
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number, rule: number, limit: number): boolean => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return true;
    const lo = Math.min(first[ra], first[rb]);
    const hi = Math.max(last[ra], last[rb]);
    if (hi - lo > limit) return false;
    if (rank[rb] < rank[ra]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    first[ra] = lo;
    last[ra] = hi;
    for (let k = 0; k < 3; k++) links[ra * 3 + k] += links[rb * 3 + k];
    links[ra * 3 + rule]++;
    return true;
  };

  // Rule 1: near-duplicates.
  for (let i = 0; i < n; i++) {
    const of = arts[i].nearDuplicateOf;
    const j = of ? indexOf.get(of) : undefined;
    if (j !== undefined) union(i, j, LINK_NEAR_DUPLICATE, Number.POSITIVE_INFINITY);
  }

  // Events of each article, and the keys (source|target|category) of its asserted ones.
  const eventsOf: number[][] = Array.from({ length: n }, () => []);
  const keysOf: string[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < rows.events.length; e++) {
    const ev = rows.events[e];
    const i = indexOf.get(ev.articleId);
    if (i === undefined) continue;
    eventsOf[i].push(e);
    if (ev.modality !== "asserted") continue;
    const s = sideOf(ev.sourceActor, ev.sourceCountry);
    const t = sideOf(ev.targetActor, ev.targetCountry);
    if (s === null || t === null) continue;
    const key = `${s}|${t}|${ev.category}`;
    if (!keysOf[i].includes(key)) keysOf[i].push(key);
  }

  // Distinctive title/lead words: content words minus the ones common across the rows loaded.
  const wordsOf: string[][] = Array.from({ length: n }, () => []);
  const df = new Map<string, number>();
  let dated = 0;
  for (const i of order) {
    if (Number.isNaN(day[i])) break;
    dated++;
    wordsOf[i] = contentWords(arts[i].title, arts[i].lead);
    for (const w of wordsOf[i]) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const commonAt = Math.max(COMMON_WORD_MIN_ARTICLES, COMMON_WORD_SHARE * dated);
  for (const i of order) {
    if (Number.isNaN(day[i])) break;
    wordsOf[i] = wordsOf[i].filter((w) => (df.get(w) ?? 0) <= commonAt);
  }

  const wordSets = new Map<number, Set<string>>();
  const wordSet = (k: number): Set<string> => {
    let set = wordSets.get(k);
    if (!set) {
      set = new Set(wordsOf[k]);
      wordSets.set(k, set);
    }
    return set;
  };

  // Rules 2 and 3 in one pass: candidates are earlier articles within the window that share a
  // distinctive word (an inverted index whose lists are trimmed to the window as dates advance).
  const postings = new Map<string, { items: number[]; head: number }>();
  const shared = new Int32Array(n);
  const touched: number[] = [];
  for (const i of order) {
    if (Number.isNaN(day[i])) break;
    const words = wordsOf[i];
    for (const w of words) {
      let p = postings.get(w);
      if (!p) {
        p = { items: [], head: 0 };
        postings.set(w, p);
      }
      while (p.head < p.items.length && day[i] - day[p.items[p.head]] > windowDays) p.head++;
      if (p.items.length - p.head <= MAX_WORD_POSTINGS) {
        for (let k = p.head; k < p.items.length; k++) {
          const c = p.items[k];
          if (shared[c] === 0) touched.push(c);
          shared[c]++;
        }
      }
      p.items.push(i);
    }
    if (touched.length === 0) continue;
    const mine = new Set(arts[i].actors);
    const myWords = new Set(words);
    // Leader check: the article, and the first article of its own story, must share words with the
    // first article of the story it joins — a link through a side topic does not chain two stories.
    const fitsLeader = (c: number): boolean => {
      const rc = find(c);
      if (rc !== c && sharedCount(myWords, wordsOf[rc]) < minLeaderShared) return false;
      const ri = find(i);
      return ri === i || ri === rc || sharedCount(wordSet(ri), wordsOf[rc]) >= minLeaderShared;
    };
    for (const c of touched) {
      const s = shared[c];
      shared[c] = 0;
      const smaller = Math.min(words.length, wordsOf[c].length);
      if (
        s >= minEventShared &&
        s >= minEventOverlap * smaller &&
        keysOf[i].length &&
        keysOf[c].some((k) => keysOf[i].includes(k)) &&
        fitsLeader(c) &&
        union(i, c, LINK_SHARED_EVENT, maxSpan)
      )
        continue;
      if (s < minShared || s < minOverlap * smaller) continue;
      let common = 0;
      for (const a of arts[c].actors) if (mine.has(a) && ++common >= minActors) break;
      if (common >= minActors && fitsLeader(c)) union(i, c, LINK_SHARED_WORDS, maxSpan);
    }
    touched.length = 0;
  }

  // Assemble: members of each root in date order.
  const members = new Map<number, number[]>();
  for (const i of order) {
    const r = find(i);
    let list = members.get(r);
    if (!list) {
      list = [];
      members.set(r, list);
    }
    list.push(i);
  }
  const names = new Map<string, string>();
  for (const a of rows.actors) names.set(a.id, a.name);
  const stories: Story[] = [];
  const storyOf = new Map<string, string>();
  for (const [root, list] of members) {
    const story = assembleStory(rows, list, eventsOf, names, links, root);
    stories.push(story);
    for (const i of list) storyOf.set(arts[i].id, story.id);
  }
  stories.sort(
    (a, b) =>
      b.articles.length - a.articles.length ||
      (b.last ?? "").localeCompare(a.last ?? "") ||
      a.id.localeCompare(b.id),
  );
  return { stories, storyOf };
}

/** How many of `words` are in `set`. */
function sharedCount(set: Set<string>, words: string[]): number {
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n;
}

function assembleStory(
  rows: CorpusRows,
  list: number[],
  eventsOf: number[][],
  names: Map<string, string>,
  links: Int32Array,
  root: number,
): Story {
  const arts = rows.articles;
  const earliest = arts[list[0]];
  const dates = list.map((i) => arts[i].date).filter((d): d is string => d !== null);
  const outletCount = new Map<string, number>();
  const actorCount = new Map<string, number>();
  const eventMap = new Map<string, StoryEvent>();
  for (const i of list) {
    const a = arts[i];
    if (a.publisher) outletCount.set(a.publisher, (outletCount.get(a.publisher) ?? 0) + 1);
    for (const id of a.actors) actorCount.set(id, (actorCount.get(id) ?? 0) + 1);
    for (const e of eventsOf[i]) {
      const ev = rows.events[e];
      const source = sideOf(ev.sourceActor, ev.sourceCountry);
      const target = sideOf(ev.targetActor, ev.targetCountry);
      const key = `${source}|${target}|${ev.category}`;
      let se = eventMap.get(key);
      if (!se) {
        se = { source, target, category: ev.category, reports: 0, modalities: {} };
        eventMap.set(key, se);
      }
      se.reports++;
      se.modalities[ev.modality] = (se.modalities[ev.modality] ?? 0) + 1;
    }
  }
  const events = [...eventMap.values()].sort(
    (x, y) =>
      (y.modalities.asserted ?? 0) - (x.modalities.asserted ?? 0) ||
      y.reports - x.reports ||
      `${x.source}${x.target}${x.category}`.localeCompare(`${y.source}${y.target}${y.category}`),
  );
  const actors = [...actorCount.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, STORY_ACTORS)
    .map(([id, articles]) => ({ id, name: names.get(id) ?? id, articles }));
  return {
    id: `story:${earliest.id.replace(/^[a-z0-9]+:/, "").slice(0, 16)}`,
    label: storyLabel(events, actors, earliest.title),
    first: dates.length ? dates[0] : null,
    last: dates.length ? dates.reduce((m, d) => (d > m ? d : m)) : null,
    articles: list.map((i) => ({
      id: arts[i].id,
      title: arts[i].title,
      publisher: arts[i].publisher,
      date: arts[i].date,
      nearDuplicateOf: arts[i].nearDuplicateOf,
    })),
    outlets: [...outletCount.entries()]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([o]) => o),
    events,
    actors,
    links: {
      nearDuplicate: links[root * 3 + LINK_NEAR_DUPLICATE],
      sharedEvent: links[root * 3 + LINK_SHARED_EVENT],
      sharedWords: links[root * 3 + LINK_SHARED_WORDS],
    },
  };
}

/**
 * A readable name for a story: its most reported event, else its two most named actors, else a title.
 * @example storyLabel([{source:"RUS",target:"UKR",category:"THREATEN",reports:3,modalities:{asserted:3}}], [], null) // "RUS → UKR · THREATEN"
 */
export function storyLabel(
  events: StoryEvent[],
  actors: Array<{ name: string }>,
  title: string | null,
): string {
  const top = events[0];
  if (top)
    return top.target
      ? `${top.source ?? "?"} → ${top.target} · ${top.category}`
      : `${top.source ?? "?"} · ${top.category}`;
  if (actors.length)
    return actors
      .slice(0, 2)
      .map((a) => a.name)
      .join(" · ");
  return title?.replace(/\s+/g, " ").trim() || "(untitled)";
}

/**
 * Ids of the articles that name an actor (a country code such as "RUS", or an actor id), either among
 * their actors (an actor of that country counts for the code) or as an event's source or target.
 * @example articlesNaming(rows, "RUS").has(rows.articles[0].id)
 */
export function articlesNaming(rows: CorpusRows, actor: string): Set<string> {
  const countryOf = new Map<string, string | null>();
  for (const a of rows.actors) countryOf.set(a.id, a.country);
  const out = new Set<string>();
  for (const a of rows.articles) {
    for (const id of a.actors) {
      if (partyMatches(actor, id, countryOf.get(id) ?? null)) {
        out.add(a.id);
        break;
      }
    }
  }
  for (const e of rows.events) {
    if (
      partyMatches(actor, e.sourceActor, e.sourceCountry) ||
      partyMatches(actor, e.targetActor, e.targetCountry)
    )
      out.add(e.articleId);
  }
  return out;
}

/**
 * The stories with at least one article that names `actor` (see `articlesNaming`).
 * @example storiesNaming(groupStories(rows), rows, "UKR").length
 */
export function storiesNaming(grouping: StoryGrouping, rows: CorpusRows, actor: string): Story[] {
  const hits = articlesNaming(rows, actor);
  return grouping.stories.filter((s) => s.articles.some((a) => hits.has(a.id)));
}
