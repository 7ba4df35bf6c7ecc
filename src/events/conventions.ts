/**
 * CAMEO/PLOVER conventions and who speaks: the conventions file (data/events/intent.json), speakers of
 * report verbs and trailing attributions, "X said Y must Z" demands, and the opinion author's own voice.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { EventParty } from "../record.ts";
import { REPO_ROOT } from "../version.ts";
import {
  clauseStart,
  compound,
  cueAt,
  findSubject,
  firstMentionIn,
  mentionStartingNear,
  type Para,
  PUNCT_BREAKS,
  quoteAt,
  type TokMention,
} from "./clauses.ts";
import type { Lexicon } from "./lexicon.ts";

/** How far after the reported subject its modal may stand ("the army and the militias in the north must"). */
export const OBLIGATION_REACH = 6;

/** CAMEO conventions the coder applies: intent, threat and refusal codes, demands, domestic targets. */
export const INTENT_FILE = resolve(REPO_ROOT, "data/events/intent.json");

export interface IntentMaps {
  intent: Record<string, string>;
  threat: Record<string, string>;
  refusal: Record<string, string>;
  threatDefault: string;
  conditionalThreat: string[];
  obligation: { modals: string[]; adjectives: string[]; code: string };
  domesticTarget: { categories: Record<string, string | null> };
  recipientRequired: { categories: string[] };
  assaultNeedsTarget: { codes: string[]; armedSectors: string[]; verbalCode: string };
  /** Police force with no named victim is aimed at the police's own country. */
  policeAtHome: { sectors: string[]; categories: string[]; targetSector: string };
  armedAtPlace: { categories: string[]; nouns: string[]; sector: string };
  /** Passive moves of armed forces with no agent ("were pulled out of X"): the forces are the source. */
  movedForces: { categories: string[]; codes: string[] };
  /** Passive expulsions with no agent ("were expelled from X"): X is the source. */
  passiveFromSource: { codes: string[] };
  /** Protests by people no actor names: the place's country, as civilians. */
  protestAtPlace: { categories: string[]; sector: string };
}

let intentCache: IntentMaps | null = null;

/** Cues after an own statement that turn it into a threat ("unless"); read from intent.json. */
export let CONDITIONAL_THREAT: string[][] = [];

export function intentMaps(): IntentMaps {
  if (!intentCache) {
    intentCache = JSON.parse(readFileSync(INTENT_FILE, "utf8")) as IntentMaps;
    CONDITIONAL_THREAT = intentCache.conditionalThreat.map((c) => c.split(" "));
  }
  return intentCache;
}

/**
 * The speaker of a report verb before the event ("X said (that) …"), when it is an identified actor.
 * Unidentified speakers ("officials said") and trailing attributions ("…, X said") give null: ordinary
 * news attribution, not a claim. Known failure: "X said" after a fronted clause is not seen as a claim.
 */
export function reportSpeaker(
  p: Para,
  s0: number,
  s1: number,
  head: number,
  last: number,
  carry: TokMention | null,
  lex: Lexicon,
): EventParty | null {
  const words = p.tok.words;
  for (let k = s0; k < s1; k++) {
    if (k >= head && k <= last) continue;
    const w = words[k] as string;
    if (!lex.modality.reportVerbs.has(w)) continue;
    if (p.inMention[k] !== -1) continue;
    if (k < head) {
      // "X said (that) … event": the report verb's own subject.
      const subj = findSubject(p, k, s0, carry, lex);
      if (subj.mention) return subj.mention.party;
      if (subj.party) return subj.party;
      return null;
    }
    // A trailing "…, X said" is ordinary news attribution: the event stays asserted.
    return null;
  }
  return null;
}

/**
 * The identified speaker of a trailing attribution ("…, the Chilean foreign minister said"): used only to
 * see whether the source speaks about itself, never to make a claim.
 */
export function trailingSpeaker(
  p: Para,
  s0: number,
  s1: number,
  head: number,
  lex: Lexicon,
): EventParty | null {
  for (let k = head + 1; k < s1; k++) {
    if (!lex.modality.reportVerbs.has(p.tok.words[k] as string) || p.inMention[k] !== -1) continue;
    const cs = clauseStart(p, k, s0, lex);
    if (cs <= head) return null; // the report verb is not in a clause of its own
    const before = firstMentionIn(p, cs, k, null);
    if (before >= 0) return (p.mentions[before] as TokMention).party;
    const after = firstMentionIn(p, k + 1, Math.min(s1, k + 6), null);
    return after >= 0 ? (p.mentions[after] as TokMention).party : null;
  }
  return null;
}

export interface Obligation {
  speaker: TokMention;
  target: TokMention;
  start: number;
  end: number;
  modal: number;
}

/**
 * "X said (that) Y must Z": X demands Z of Y. Found per sentence; the caller emits REQUEST events
 * (source X, target Y) and marks the span after the modal as governed, so the Z event is not asserted.
 * Known failure: "X said Y must" where X is unidentified gives nothing (no source to code).
 */
export function obligationEvents(
  p: Para,
  s0: number,
  s1: number,
  carry: TokMention | null,
  lex: Lexicon,
): Obligation[] {
  const out: Obligation[] = [];
  const modals = OBLIGATION_MODALS();
  const words = p.tok.words;
  for (let k = s0; k < s1; k++) {
    if (!lex.modality.reportVerbs.has(words[k] as string) || p.inMention[k] !== -1) continue;
    const subj = findSubject(p, k, s0, carry, lex);
    if (!subj.mention) continue;
    // "the envoy said it was vital that Berlin act first": an obligation adjective, then
    // "that", then the party it is demanded of.
    const necessity = necessityAfter(p, k, s1, lex);
    if (necessity) {
      for (const member of compound(p, p.mentions[necessity.party] as TokMention, s1, lex))
        out.push({
          speaker: subj.mention,
          target: member,
          start: k,
          end: necessity.that,
          modal: necessity.that,
        });
      continue;
    }
    // The reported subject: the first actor within a few tokens after the verb ("that", a date between).
    let y = -1;
    for (let j = k + 1; j < s1 && j <= k + 8; j++) {
      if (p.mentionAt[j] !== -1) {
        y = p.mentionAt[j] as number;
        break;
      }
      if (PUNCT_BREAKS.has(words[j] as string) && words[j] !== ",") break;
    }
    if (y < 0) continue;
    const members = compound(p, p.mentions[y] as TokMention, s1, lex);
    const lastMember = members[members.length - 1] as TokMention;
    for (let j = lastMember.t1; j < s1 && j <= lastMember.t1 + OBLIGATION_REACH; j++) {
      if (PUNCT_BREAKS.has(words[j] as string)) break;
      const modal = modals.find((m) => cueAt(words, j, m));
      if (modal) {
        for (const member of members)
          out.push({ speaker: subj.mention, target: member, start: k, end: j + modal.length - 1, modal: j });
        break;
      }
    }
  }
  return out;
}

/** "it was essential that X": the "that" token and the mention after it, within a few tokens of a report verb. */
function necessityAfter(
  p: Para,
  k: number,
  s1: number,
  lex: Lexicon,
): { that: number; party: number } | null {
  const words = p.tok.words;
  const adjectives = intentMaps().obligation.adjectives;
  for (let j = k + 1; j < s1 && j <= k + NECESSITY_REACH; j++) {
    if (!adjectives.includes(words[j] as string)) continue;
    let t = j + 1;
    while (t < s1 && t <= j + 2 && words[t] !== "that") t++; // a closing quote mark may stand between
    if (words[t] !== "that") return null;
    const m = mentionStartingNear(p, t + 1, s1, lex);
    return m >= 0 ? { that: t, party: m } : null;
  }
  return null;
}
/** Tokens after a report verb within which "it was (absolutely) essential" must begin. */
const NECESSITY_REACH = 9;

let obligationModals: string[][] | null = null;

export function OBLIGATION_MODALS(): string[][] {
  if (!obligationModals) obligationModals = intentMaps().obligation.modals.map((m) => m.split(" "));
  return obligationModals;
}

/** An opinion sentence in the author's own voice: first person or a hedge, outside quotations. */
export function sentenceIsSpeculation(
  words: string[],
  s0: number,
  s1: number,
  p: Para,
  lex: Lexicon,
): boolean {
  for (let k = s0; k < s1; k++) {
    const w = words[k] as string;
    if (!(lex.modality.opinionFirstPerson.has(w) || lex.modality.opinionHedges.has(w)) || quoteAt(p, k))
      continue;
    // "the US" is a country, not the author's "us" (tokens are lower-cased).
    if (p.inMention[k] !== -1 || p.text.startsWith("US", p.tok.starts[k] as number)) continue;
    return true;
  }
  return false;
}
