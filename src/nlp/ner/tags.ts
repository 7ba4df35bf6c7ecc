/**
 * Tag schemes for the entity recogniser: the four CoNLL types, BIO/BILOU tag lists, which tag may follow
 * which (for constrained Viterbi), and spans ↔ tags. Works on flat arrays: a tag is its index in the list.
 */

/** The four CoNLL-2003 entity types, in the order the model file stores them. */
export const ENTITY_TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** "BIO" = IOB2 (B- at each entity start); "BILOU" adds L- (last) and U- (unit-length). */
export type TagScheme = "BIO" | "BILOU";

/**
 * The tag list of a scheme, "O" first.
 * @example tagList("BIO") // ["O","B-PER","I-PER","B-ORG",…]
 */
export function tagList(scheme: TagScheme): string[] {
  const prefixes = scheme === "BIO" ? ["B", "I"] : ["B", "I", "L", "U"];
  const out = ["O"];
  for (const type of ENTITY_TYPES) for (const p of prefixes) out.push(`${p}-${type}`);
  return out;
}

/** Prefix letter and type of a tag string ("O" → ["O", ""]). */
function splitTag(tag: string): [string, string] {
  if (tag.length < 3 || tag[1] !== "-") return ["O", ""];
  return [tag[0], tag.slice(2)];
}

/**
 * Allowed-transition matrix for constrained decoding: allowed[prev * T + cur] is 1 when cur may follow prev.
 * Row T (one past the last tag) is the sentence start, column T the sentence end, so the arrays are (T+1)².
 * @example transitionMask(tagList("BIO"))[0 * 10 + 2] // 0: I-PER may not follow O
 */
export function transitionMask(tags: readonly string[]): Uint8Array {
  const T = tags.length;
  const mask = new Uint8Array((T + 1) * (T + 1));
  const parts = tags.map(splitTag);
  const bilou = tags.some((t) => t.startsWith("L-"));
  // "open" = an entity continues past this tag and must be followed by I-/L- of the same type.
  const opens = (p: string) => (bilou ? p === "B" || p === "I" : false);
  const continues = (p: string) => p === "I" || p === "L";
  for (let prev = 0; prev <= T; prev++) {
    for (let cur = 0; cur <= T; cur++) {
      const [pp, pt] = prev === T ? ["O", ""] : parts[prev];
      const [cp, ct] = cur === T ? ["O", ""] : parts[cur];
      let ok: boolean;
      if (opens(pp)) ok = cur !== T && continues(cp) && ct === pt;
      else if (continues(cp)) ok = bilou ? false : (pp === "B" || pp === "I") && pt === ct;
      else ok = true;
      mask[prev * (T + 1) + cur] = ok ? 1 : 0;
    }
  }
  return mask;
}

/** A typed token span [start, end) over a token array. */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * Entity spans from a tag sequence in IOB1 (CoNLL files), IOB2/BIO or BILOU, with conlleval semantics:
 * a span starts at B-/U-, or at I-/L- whose type differs from the running span; it ends at O, L-, U-, or a
 * type change. Lenient on purpose so both gold files and model output read the same way.
 * @example spansFromTags(["B-PER","I-PER","O","I-LOC"]) // [{start:0,end:2,type:"PER"},{start:3,end:4,type:"LOC"}]
 */
export function spansFromTags(tags: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const [p, t] = splitTag(tags[i]);
    if (p === "O") {
      open = null;
      continue;
    }
    const startsNew = p === "B" || p === "U" || open === null || open.type !== t;
    if (startsNew) {
      open = { start: i, end: i + 1, type: t };
      out.push(open);
    } else if (open) {
      open.end = i + 1;
    }
    if ((p === "L" || p === "U") && open) open = null;
  }
  return out;
}

/**
 * Tag sequence of `length` tokens in a scheme from spans (spans must not overlap).
 * @example tagsFromSpans([{start:0,end:2,type:"PER"}], 3, "BILOU") // ["B-PER","L-PER","O"]
 */
export function tagsFromSpans(spans: readonly TokenSpan[], length: number, scheme: TagScheme): string[] {
  const out = new Array<string>(length).fill("O");
  for (const s of spans) {
    for (let i = s.start; i < s.end; i++) {
      if (scheme === "BIO") out[i] = `${i === s.start ? "B" : "I"}-${s.type}`;
      else if (s.end - s.start === 1) out[i] = `U-${s.type}`;
      else out[i] = `${i === s.start ? "B" : i === s.end - 1 ? "L" : "I"}-${s.type}`;
    }
  }
  return out;
}
