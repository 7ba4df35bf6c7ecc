import { MODALITIES, type Modality } from "../record.ts";
import type { ArticleFilter, EventFilter, QuoteFilter } from "../store/index.ts";

/** Largest `limit` a request may ask for: enough for a table, small enough to answer in milliseconds. */
export const MAX_LIMIT = 500;
/** Longest free-text parameter (publisher, speaker, text, source…); longer is a mistake or an attack. */
export const MAX_TEXT_PARAM = 200;
/** Longest search query. */
export const MAX_QUERY = 500;

/** Default limits, the same as the CLI commands that show the same lists. */
export const DEFAULT_LIMITS = {
  articles: 50,
  search: 20,
  actors: 30,
  quotes: 100,
  events: 200,
} as const;

/** yyyy, yyyy-mm or yyyy-mm-dd, as the CLI's --since/--until. */
const ISO_DATE_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const WHOLE_NUMBER_RE = /^\d{1,6}$/;
/** A PLOVER category word, e.g. THREATEN or ENGAGE_IN_RESTRICTIONS style names. */
const CATEGORY_RE = /^[A-Za-z_]{2,40}$/;
/** A country code (RUS) or an actor id (state:RUS, person:vladimir-putin). */
const PARTY_RE = /^(?:[A-Za-z]{2,3}|[a-z]+:[^\s:][^\s]*)$/;
const CONTROL_RE = /[\u0000-\u001F\u007F]/;

/** Longest echo of a rejected value in an error message. */
const ECHO_CHARS = 60;

/** A rejected value as quoted in an error message, cut short so an error never carries a whole payload. */
const shown = (v: string) => JSON.stringify(v.length > ECHO_CHARS ? `${v.slice(0, ECHO_CHARS)}…` : v);

/** A query parameter the server cannot use; answered with 400 and this message, naming the parameter. */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "ParamError";
  }
}

/**
 * The parameters of one request, checked against the names an endpoint accepts: an unknown name (a typo
 * like `sinse`) or a repeated one is an error rather than silently ignored. Empty values count as absent,
 * as an HTML form sends every field.
 * @example readParams(new URLSearchParams("limit=5"), ["limit"]).get("limit") // "5"
 */
export function readParams(search: URLSearchParams, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, value] of search) {
    if (!allowed.includes(name)) {
      const hint = allowed.length
        ? `; this endpoint takes ${allowed.join(", ")}`
        : "; this endpoint takes none";
      throw new ParamError(name, `unknown parameter ${shown(name)}${hint}`);
    }
    if (seen.has(name)) throw new ParamError(name, `parameter ${shown(name)} is given more than once`);
    seen.add(name);
    if (value !== "") out.set(name, value);
  }
  return out;
}

/**
 * A free-text parameter, length-capped and without control characters.
 * @example textParam(new Map([["speaker", "Rau"]]), "speaker") // "Rau"
 */
export function textParam(
  params: Map<string, string>,
  name: string,
  max = MAX_TEXT_PARAM,
): string | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (v.length > max) throw new ParamError(name, `${name} is longer than ${max} characters`);
  if (CONTROL_RE.test(v)) throw new ParamError(name, `${name} contains control characters`);
  return v;
}

/**
 * An ISO date parameter (yyyy, yyyy-mm or yyyy-mm-dd).
 * @example dateParam(new Map([["since", "2022-02"]]), "since") // "2022-02"; "2022-13" throws
 */
export function dateParam(params: Map<string, string>, name: string): string | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (!ISO_DATE_RE.test(v))
    throw new ParamError(name, `${name} expects a date like 2022-01-31, found ${shown(v)}`);
  return v;
}

/**
 * The last day string of a partial `until` date, so `until=2021` keeps 2021-06-10: the store compares
 * ISO strings, and "2021-06-10" > "2021". Day 31 for any month is fine for a string comparison.
 * @example endOfPeriod("2021") // "2021-12-31"; endOfPeriod("2021-06") // "2021-06-31"
 */
function endOfPeriod(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) return `${date}-31`;
  return date;
}

/**
 * `limit`: a whole number from 1 to MAX_LIMIT, or the endpoint's default.
 * @example limitParam(new Map(), 20) // 20; limit=0, 501 or "ten" throws a ParamError naming limit
 */
export function limitParam(params: Map<string, string>, fallback: number): number {
  const v = params.get("limit");
  if (v === undefined) return fallback;
  const n = WHOLE_NUMBER_RE.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new ParamError("limit", `limit expects a whole number from 1 to ${MAX_LIMIT}, found ${shown(v)}`);
  }
  return n;
}

/** The period and publisher filters every list shares. */
export const ARTICLE_PARAMS = ["since", "until", "publisher", "limit"] as const;
export const SEARCH_PARAMS = ["q", ...ARTICLE_PARAMS] as const;
export const QUOTE_PARAMS = [...ARTICLE_PARAMS, "speaker", "text"] as const;
export const EVENT_PARAMS = [...ARTICLE_PARAMS, "source", "target", "modality", "category"] as const;

/**
 * since, until, publisher and limit as a store filter.
 * @example articleFilter(readParams(new URLSearchParams("since=2022"), ARTICLE_PARAMS), 50) // { since: "2022", limit: 50 }
 */
export function articleFilter(params: Map<string, string>, defaultLimit: number): ArticleFilter {
  const since = dateParam(params, "since");
  const until = endOfPeriod(dateParam(params, "until"));
  if (since && until && since > until) {
    throw new ParamError("until", `until (${until}) is before since (${since})`);
  }
  return strip({
    since,
    until,
    publisher: textParam(params, "publisher"),
    limit: limitParam(params, defaultLimit),
  });
}

/**
 * The search words (`q`, required) and the article filter.
 * @example searchRequest(new Map([["q", "border talks"]])) // { q: "border talks", filter: { limit: 20 } }
 */
export function searchRequest(params: Map<string, string>): { q: string; filter: ArticleFilter } {
  const q = textParam(params, "q", MAX_QUERY)?.trim();
  if (!q) throw new ParamError("q", "q is required: the words to search for");
  return { q, filter: articleFilter(params, DEFAULT_LIMITS.search) };
}

/**
 * Quotation filters: the article filter plus speaker and text.
 * @example quoteFilter(new Map([["speaker", "Rau"]])) // { speaker: "Rau", limit: 100 }
 */
export function quoteFilter(params: Map<string, string>): QuoteFilter {
  return strip({
    ...articleFilter(params, DEFAULT_LIMITS.quotes),
    speaker: textParam(params, "speaker"),
    text: textParam(params, "text"),
  });
}

function partyParam(params: Map<string, string>, name: string): string | undefined {
  const v = textParam(params, name);
  if (v !== undefined && !PARTY_RE.test(v)) {
    throw new ParamError(
      name,
      `${name} expects a country code like RUS or an actor id like state:RUS, found ${shown(v)}`,
    );
  }
  return v;
}

/**
 * Event filters: the article filter plus source, target, modality and category.
 * @example eventFilter(new Map([["source", "RUS"], ["modality", "denied"]])) // { source, modality, limit: 200 }
 */
export function eventFilter(params: Map<string, string>): EventFilter {
  const modality = params.get("modality");
  if (modality !== undefined && !MODALITIES.includes(modality as Modality)) {
    throw new ParamError(
      "modality",
      `modality must be one of ${MODALITIES.join(", ")}, found ${shown(modality)}`,
    );
  }
  const category = params.get("category");
  if (category !== undefined && !CATEGORY_RE.test(category)) {
    throw new ParamError(
      "category",
      `category expects a PLOVER category like THREATEN, found ${shown(category)}`,
    );
  }
  return strip({
    ...articleFilter(params, DEFAULT_LIMITS.events),
    source: partyParam(params, "source"),
    target: partyParam(params, "target"),
    modality: modality as Modality | undefined,
    category,
  });
}

/** Drops undefined fields, so a filter echoes back (and compares in tests) without noise. */
function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}
