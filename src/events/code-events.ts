/**
 * The events stage: who did what to whom, with modality and intensity.
 *
 * For each sentence: tokens are looked up in the pattern index (one Map lookup per token); a matched
 * pattern gives the CAMEO code; the source is the clause's subject (the leftmost actor mention before
 * the trigger in its clause, pronouns resolved to the previous clause or the quotation's speaker), or the
 * by-phrase of a passive; the target is the pattern's slot or the first actor after it in the clause.
 * Compound actors ("the US and the UK") give one event per member; reciprocal events (met, held talks)
 * are coded both ways. Modality comes from cue lists in data/events/modality.json, precision first.
 * CAMEO/PLOVER conventions from data/events/intent.json: the source's own statement that it will do
 * something is the statement (intent to cooperate → AGREE; to use force → THREATEN; that it will not
 * cooperate → REJECT); planned cooperation is AGREE with modality future; "X said Y must Z" is X's
 * demand of Y; protests, concessions and crackdowns without a named target are aimed at home.
 *
 * Known failures: no syntactic parse, so a subject separated from its verb by a long relative clause may
 * be missed; an actor inside a prepositional phrase before the verb ("soldiers in Chad detained …") is
 * taken as the subject's country, which is usually right and sometimes not; nominal events take only a
 * possessor or adjective right before them as source.
 *
 * Parts: match-patterns.ts (which words carry an event), clauses.ts (subjects, targets, compounds, cues),
 * conventions.ts (CAMEO conventions, speakers, demands), resolve-date.ts (event dates).
 */
import type { Actor, ArticleRecord, CodedEvent, EventParty, Message, Modality } from "../record.ts";
import {
  anyCue,
  breakAt,
  buildPara,
  clauseEnd,
  clauseStart,
  compound,
  copyParty,
  cueAt,
  fallbackSentences,
  findSubject,
  firstMentionIn,
  groupByParagraph,
  lastCommaBefore,
  mentionStartingNear,
  type Para,
  PUNCT_BREAKS,
  party,
  quoteAt,
  type Subject,
  sameParty,
  scopeStart,
  type TokMention,
} from "./clauses.ts";
import {
  CONDITIONAL_THREAT,
  intentMaps,
  OBLIGATION_MODALS,
  obligationEvents,
  reportSpeaker,
  sentenceIsSpeculation,
  trailingSpeaker,
} from "./conventions.ts";
import { eventLexicon, type Lexicon } from "./lexicon.ts";
import { findMatches, MAX_GAP, type Match, receivedNoun } from "./match-patterns.ts";
import { resolveDate } from "./resolve-date.ts";
import { firstTokenAt, tokenize } from "./tokens.ts";

/** Words that open a time clause whose present tense means the future ("when", "once", "until"). */
const TIME_CLAUSE_OPENERS = new Set(["when", "once", "until", "before", "after", "whenever"]);

/** Is the verb at the match head a present-tense form right inside a time clause? */
function presentInTimeClause(p: Para, match: Match, s0: number, lex: Lexicon): boolean {
  const w = p.tok.words[match.head] as string;
  const lemma = match.pattern.head;
  if (w !== lemma && w !== `${lemma}s` && w !== `${lemma}es`) return false;
  // The opener stands a few words before the verb, with no punctuation between ("once the envoys sit").
  for (let k = match.head - 1; k >= s0 && match.head - k <= CUE_REACH; k--) {
    const x = p.tok.words[k] as string;
    if (TIME_CLAUSE_OPENERS.has(x)) return true;
    if (PUNCT_BREAKS.has(x) || lex.clauseBreaks.has(x)) return false;
  }
  return false;
}

/** Is token t inside an if/unless clause (no comma, semicolon or "then" between the opener and t)? */
function insideConditionalClause(words: string[], t: number, s0: number, openers: Set<string>): boolean {
  for (let k = t - 1; k >= s0; k--) {
    const w = words[k] as string;
    if (w === "," || w === ";" || w === "then" || w === ":") return false;
    if (openers.has(w)) return true;
  }
  return false;
}

/** Start of a claim cue's reach: after the last passive agent ("by" + actor) before t, else `from`. */
function agentCut(p: Para, t: number, from: number, lex: Lexicon): number {
  for (let k = t - 1; k > from; k--) {
    if (p.tok.words[k] === "by" && mentionStartingNear(p, k + 1, t, lex) >= 0) return k + 1;
  }
  return from;
}

/** The actor subject of the first report verb of a sentence, or null. */
function reportVerbSubject(
  p: Para,
  s0: number,
  s1: number,
  carry: TokMention | null,
  lex: Lexicon,
): TokMention | null {
  for (let k = s0; k < s1; k++) {
    if (!lex.modality.reportVerbs.has(p.tok.words[k] as string) || p.inMention[k] !== -1) continue;
    const subj = findSubject(p, k, s0, carry, lex);
    if (subj.mention) return subj.mention;
  }
  return null;
}

/** "China's President X": the person a possessive country name introduces, else the mention itself. */
function possessed(p: Para, m: TokMention, s1: number): TokMention {
  if (p.tok.words[m.t1] !== "'s") return m;
  const k = firstMentionIn(p, m.t1 + 1, Math.min(s1, m.t1 + 5), m);
  return k >= 0 ? (p.mentions[k] as TokMention) : m;
}

/** How far before a trigger a negator, conditional or future cue still governs it, in tokens. */
const CUE_REACH = 6;

/** How far before a nominal trigger its possessor or adjective source may stand ("Chile's sudden blockade"). */
const NOMINAL_SOURCE_REACH = 3;

/** How far before a nominal trigger a light verb may stand ("ended two days of talks"), amounts included. */
const LIGHT_VERB_REACH = 8;

/** How far before a nominal trigger a passive agent may stand ("made by X during a call to Y"). */
const AGENT_REACH = 10;

/** Words after a country name that make it a place, not a party ("the Peruvian border"). */
const BORDER_WORDS = new Set(["border", "borders", "frontier", "frontiers", "border-crossing"]);

/** How far before a nominal trigger a proposal frame may end its reach ("a proposal for fresh talks"), in tokens. */
const PROPOSAL_REACH = 4;

/** An intergovernmental or non-governmental body (or its officer): countryless by nature, not unknown. */
function isInternational(party: EventParty): boolean {
  return party.actor?.startsWith("igo:") === true || party.sector === "IGO" || party.sector === "NGO";
}

/** Words after an object that say what it is blamed, praised or accused for ("accuse X of", "praise X for"). */
const OBJECT_REASON_WORDS = new Set(["of", "for", "over", "on"]);

/** Prepositions that put a name as a go-between, not the party acted on ("through the Red Cross"). */
const INTERMEDIARY_PREPOSITIONS = new Set(["through", "via"]);

/** Prepositions that put a name as a place ("talks in Washington", "met at Geneva"). */
const PLACE_PREPOSITIONS = new Set(["in", "at"]);

/** Prepositions before the place of a protest ("marched through Jakarta", "rallied outside parliament in X"). */
const PROTEST_PLACE_PREPOSITIONS = new Set([
  "in",
  "through",
  "across",
  "outside",
  "at",
  "throughout",
  "near",
]);

/** The first actor in [from, to) named as a place (after in/through/across …), or null. */
function placeMention(p: Para, from: number, to: number, lex: Lexicon): TokMention | null {
  for (let k = from; k < to; k++) {
    const m = p.mentionAt[k] as number;
    if (m < 0) continue;
    // "outside the Russian embassy in Kyiv": the embassy is whom the protest is aimed at, not where.
    const mention = p.mentions[m] as TokMention;
    if (
      MISSION_WORDS.has(p.tok.words[mention.t1 - 1] as string) ||
      MISSION_WORDS.has(p.tok.words[mention.t1] as string)
    )
      continue;
    let j = k - 1;
    while (
      j >= from &&
      (lex.determiners.has(p.tok.words[j] as string) || COMPASS.has(p.tok.words[j] as string))
    )
      j--;
    if (j >= from && PROTEST_PLACE_PREPOSITIONS.has(p.tok.words[j] as string))
      return p.mentions[m] as TokMention;
    // "in the capital city of X", "on the streets of X": a place noun before "of" names the place too.
    if (j > from && p.tok.words[j] === "of" && PLACE_NOUNS.has(p.tok.words[j - 1] as string))
      return p.mentions[m] as TokMention;
  }
  return null;
}

/** Whether an obligation modal ("must", "has to", …) stands in words [from, to). */
function obligationAfter(words: string[], from: number, to: number): boolean {
  const modals = OBLIGATION_MODALS();
  for (let k = from; k < to; k++) for (const cue of modals) if (cueAt(words, k, cue)) return true;
  return false;
}

/** Directions before a place name ("in northern Nigeria", "the north of Mali"). */
const COMPASS = new Set([
  "northern",
  "southern",
  "eastern",
  "western",
  "central",
  "north",
  "south",
  "east",
  "west",
  "northeastern",
  "northwestern",
  "southeastern",
  "southwestern",
  "north-eastern",
  "north-western",
  "south-eastern",
  "south-western",
]);

/** A country's missions abroad: protests outside them are aimed at that country. */
const MISSION_WORDS = new Set(["embassy", "embassies", "consulate", "consulates"]);

/** Nouns that make "<noun> of X" a place ("the streets of X", "the capital city of X"). */
const PLACE_NOUNS = new Set([
  "city",
  "capital",
  "town",
  "village",
  "province",
  "region",
  "streets",
  "outskirts",
  "north",
  "south",
  "east",
  "west",
  "centre",
  "center",
  "suburbs",
  "district",
]);

/** Publication dates are ISO yyyy-mm-dd; relative dates resolve against them (resolve-date.ts). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Order in which modality flags win. */
const PRECEDENCE: readonly Modality[] = [
  "denied",
  "negated",
  "hypothetical",
  "claimed",
  "future",
  "asserted",
];

/** Options for coding with a different lexicon (tests) or extra context. */
export interface CodeEventsOptions {
  lexicon?: Lexicon;
}

/**
 * The events stage: codes each sentence of the article into zero or more CodedEvents.
 * @example codeEvents(record).events[0] // { category: "ASSAULT", cameo: "192", modality: "asserted", … }
 */
export function codeEvents(record: ArticleRecord): ArticleRecord {
  return codeEventsWith(record, {});
}

/**
 * The events stage with options: another lexicon (tests, experiments).
 * @example codeEventsWith(record, { lexicon: loadLexicon(dir) })
 */
export function codeEventsWith(record: ArticleRecord, options: CodeEventsOptions): ArticleRecord {
  const lex = options.lexicon ?? eventLexicon();
  const actorsById = new Map<string, Actor>();
  for (const a of record.actors) actorsById.set(a.id, a);
  const messages: Message[] = [];
  const events: CodedEvent[] = [];
  const published =
    record.published.date && ISO_DATE.test(record.published.date) ? record.published.date : null;
  const mentionsByPara = groupByParagraph(record.mentions);
  const quotesByPara = groupByParagraph(record.quotes);
  const sentencesByPara = groupByParagraph(record.sentences ?? []);
  let unknownActors = 0;

  for (const paragraph of record.paragraphs) {
    if (paragraph.kind === "heading") continue;
    const text = paragraph.text;
    const paraMentions = mentionsByPara.get(paragraph.index) ?? [];
    const paraQuotes = quotesByPara.get(paragraph.index) ?? [];
    // No actor named and no quotation with a known speaker: no event can have a party here.
    if (paraMentions.length === 0 && !paraQuotes.some((q) => q.speaker?.actor)) continue;
    const tok = tokenize(text);
    if (tok.words.length === 0) continue;
    const para = buildPara(
      paragraph.index,
      text,
      tok,
      paraMentions,
      paraQuotes,
      actorsById,
      lex,
      () => unknownActors++,
    );
    const spans = sentencesByPara.get(paragraph.index);
    const sentenceBounds =
      spans && spans.length > 0 ? spans.map((s) => [s.start, s.end] as const) : fallbackSentences(text);
    let carrySubject: TokMention | null = null;
    for (const [cs, ce] of sentenceBounds) {
      const s0 = firstTokenAt(tok, cs);
      const s1 = firstTokenAt(tok, ce);
      if (s1 <= s0) continue;
      // A sentence with no actor can still code through a pronoun or a speaker; otherwise skip it.
      if (!carrySubject && para.quotes.length === 0 && firstMentionIn(para, s0, s1, null) < 0) continue;
      const coded = codeSentence(para, s0, s1, cs, ce, carrySubject, record, published, lex);
      events.push(...coded.events);
      carrySubject = coded.lastSubject ?? carrySubject;
    }
  }
  if (unknownActors > 0) {
    messages.push({
      stage: "events",
      rule: "mention-without-actor",
      reason: `${unknownActors} mention(s) point to an actor id missing from record.actors; they were ignored`,
    });
  }
  return {
    ...record,
    events,
    messages: messages.length ? [...record.messages, ...messages] : record.messages,
  };
}

interface SentenceResult {
  events: CodedEvent[];
  lastSubject: TokMention | null;
}

/**
 * A governing event ("agreed to", "threatened to") and the complement it lends its modality to. The
 * controller is who does the governed act: the slot ("called on Russia to withdraw") or the source.
 * `events` are the governor's own coded events, re-coded as threats when the complement is hostile.
 */
interface Governed {
  from: number;
  to: number;
  modality: Modality;
  controller: TokMention | null;
  events: CodedEvent[];
  /** For a claimed complement ("accused X of shelling …"): who makes the claim. */
  claimer: string | null;
}

/**
 * One sentence being coded, shared by the steps that code each of its pattern matches (codeMatch and
 * the helpers it calls). The steps are separate functions so V8 optimises small pieces: as one function
 * of about 19 kB of bytecode, every deoptimisation cost a recompile of about a second (16 of them in
 * one `npm run bench`, billed to the events stage).
 */
interface SentenceScope {
  p: Para;
  s0: number;
  s1: number;
  carry: TokMention | null;
  published: string | null;
  lex: Lexicon;
  words: Para["tok"]["words"];
  sentence: string;
  events: CodedEvent[];
  /** The last subject found, for a pronoun in the next sentence. */
  lastSubject: TokMention | null;
  governed: Governed[];
  /** Subjects found per clause: coordinated verbs share them ("gunmen seized a bus and held its driver"). */
  clauseSubjects: Array<{ clause: number; head: number; subject: Subject }>;
  sentenceConditional: boolean;
  /** Where an "If X …," condition ends (-1: none). */
  conditionEnd: number;
  opinionSpeculation: boolean;
  /** The sentence's date, resolved on first need (undefined: not yet). */
  date: string | null | undefined;
  /** source|target|code|start of events already coded, so a second match does not repeat one. */
  seen: Set<string>;
}

function codeSentence(
  p: Para,
  s0: number,
  s1: number,
  cs: number,
  ce: number,
  carry: TokMention | null,
  record: ArticleRecord,
  published: string | null,
  lex: Lexicon,
): SentenceResult {
  const matches = findMatches(p, s0, s1, lex);
  const obligations = obligationEvents(p, s0, s1, carry, lex);
  if (matches.length === 0 && obligations.length === 0) {
    // Remember this sentence's first mention, for a pronoun subject in the next one.
    // …or the subject of its report verb ("At a briefing with X in Moscow, Y said …. He insisted").
    const speaker = reportVerbSubject(p, s0, s1, carry, lex);
    if (speaker) return { events: [], lastSubject: speaker };
    const m = firstMentionIn(p, s0, s1, null);
    return { events: [], lastSubject: m >= 0 ? (p.mentions[m] as TokMention) : null };
  }
  const words = p.tok.words;
  const sentence = p.text.slice(cs, ce).trim();
  // Governing events lend their modality to events in their complement (see Governed).
  const governed: Governed[] = [];
  const sentenceConditional = lex.modality.conditionalOpeners.some((cue) => {
    let k = s0;
    while (k < s1 && PUNCT_BREAKS.has(words[k] as string)) k++;
    return cueAt(words, k, cue);
  });
  // "If Russia invades, the US will impose costs": the condition's clause, up to its first comma.
  let conditionEnd = -1;
  if (sentenceConditional) {
    for (let k = s0 + 1; k < s1; k++) {
      if (words[k] === "," || words[k] === "then") {
        conditionEnd = k;
        break;
      }
    }
  }
  const opinionSpeculation = record.genre === "opinion" && sentenceIsSpeculation(words, s0, s1, p, lex);
  const sc: SentenceScope = {
    p,
    s0,
    s1,
    carry,
    published,
    lex,
    words,
    sentence,
    events: [],
    lastSubject: null,
    governed,
    clauseSubjects: [],
    sentenceConditional,
    conditionEnd,
    opinionSpeculation,
    date: undefined,
    seen: new Set(),
  };
  for (const ob of obligations) {
    const entry = lex.cameo.get(intentMaps().obligation.code);
    if (!entry || sameParty(ob.speaker.party, ob.target.party)) continue;
    const start = p.tok.starts[ob.start] as number;
    const end = p.tok.ends[ob.end] as number;
    sc.events.push({
      paragraph: p.index,
      sentence,
      evidence: p.text.slice(start, end),
      start,
      end,
      source: copyParty(ob.speaker.party),
      target: copyParty(ob.target.party),
      category: entry.category,
      cameo: entry.code,
      intensity: entry.goldstein,
      modality: "asserted",
      claimedBy: null,
      date: null,
    });
    governed.push({
      from: ob.modal,
      to: clauseEnd(p, ob.modal, s1, lex),
      modality: "hypothetical",
      controller: ob.target,
      events: [],
      claimer: null,
    });
  }
  for (const match of matches) codeMatch(sc, match);
  // Text order, so the first event of a sentence is the first one a reader meets.
  sc.events.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return { events: sc.events, lastSubject: sc.lastSubject };
}

/** Codes one pattern match of a sentence: its source, target, modality and code, as events of `sc`. */
function codeMatch(sc: SentenceScope, match: Match): void {
  const { p, s0, s1, lex, words, governed, events, seen, conditionEnd, sentence, published } = sc;
  const { pattern, head } = match;
  const cameo = lex.cameo.get(pattern.code);
  if (!cameo || pattern.ignore) return;
  if (pattern.needsObligation && !obligationAfter(words, match.last + 1, s1)) return;
  const quote = quoteAt(p, head);
  const found = matchSources(sc, match, cameo);
  if (found.subject) sc.lastSubject = found.subject;
  let sources = found.sources;
  const { sourceMention, policeAgent } = found;
  let targets = matchTargets(sc, match, cameo, found);

  // "talks between X and Y": nobody stands before a reciprocal event; the members after it are both sides.
  let between = false;
  if (pattern.reciprocal && sources.length === 0 && targets.length >= 2) {
    sources = targets;
    targets = [];
    between = true;
  }
  if (sources.length === 0 && policeAgent && targets[0]?.country)
    sources = [party(null, targets[0].country, policeAgent)];
  if (sources.length === 0 && !(match.passive && targets.length > 0)) return;
  // Material help and sanctions are always to or against someone (PLOVER): no target, no event.
  // (A reciprocal act of two named sources has its recipient among them: "X and Y will cooperate".)
  const mutualSources = pattern.reciprocal && sources.some((x) => !sameParty(x, sources[0] ?? null));
  if (
    targets.length === 0 &&
    !mutualSources &&
    intentMaps().recipientRequired.categories.includes(cameo.category)
  )
    return;
  // A generic attack with no victim and no armed actor is mostly a metaphor ("steps up attacks on …").
  const assault = intentMaps().assaultNeedsTarget;
  const unarmed =
    assault.codes.includes(pattern.code) && !assault.armedSectors.includes(sources[0]?.sector ?? "");
  if (targets.length === 0 && unarmed && !between) return;
  // "tanks rolled into X" is an incursion; "refugees poured into X" is not: some words need armed actors.
  if (pattern.needsArmed && !assault.armedSectors.includes(sources[0]?.sector ?? "")) return;
  // …and one aimed at a person by someone unarmed is words, not force ("the senator's attacks on a rival minister").
  const verbal =
    unarmed && targets.length > 0 && targets.every((t) => t.actor?.startsWith("person:"))
      ? lex.cameo.get(assault.verbalCode)
      : undefined;
  if (sources.length === 0) sources = [party(null, null, null)];

  const modal = matchModality(sc, match, cameo, quote, sources);
  const { flags, speaker, selfStatement, sourceParty } = modal;
  let claimedBy = modal.claimedBy;

  let code = verbal ? verbal.code : pattern.code;
  let entry = verbal ?? cameo;
  // The source's own statement of what it will or would do is itself the event: intent or threat;
  // its own statement that it will not cooperate is a refusal.
  // Inside a governor's complement ("agreed to withdraw") the governor already is the statement.
  const isGoverned = governed.some((g) => head > g.from && head < g.to);
  const ownStatement =
    (!isGoverned && selfStatement) ||
    (!speaker && sameParty(trailingSpeaker(p, s0, s1, head, lex), sourceParty));
  const maps = intentMaps();
  let to: string | undefined;
  const intended = flags.has("future") || flags.has("hypothetical");
  if (ownStatement && intended && !flags.has("denied") && flags.has("negated")) {
    to = maps.refusal[entry.category];
    if (to) flags.delete("negated");
  } else if (ownStatement && intended && !flags.has("denied") && !flags.has("negated")) {
    // "will withdraw its force unless …": a conditional promise of something unwelcome is a threat.
    const conditional =
      anyCue(words, match.last + 1, s1, s1, CONDITIONAL_THREAT) || (conditionEnd > 0 && head > conditionEnd);
    to = conditional
      ? (maps.threat[entry.category] ?? maps.threatDefault)
      : (maps.intent[entry.category] ?? maps.threat[entry.category]);
  }
  const converted = to ? lex.cameo.get(to) : undefined;
  if (converted) {
    code = converted.code;
    entry = converted;
    flags.delete("future");
    flags.delete("hypothetical");
  }
  // PLOVER: promised or planned cooperation is AGREE ("will meet" is an intent to meet, 036),
  // with the modality kept (future); a claim by someone else stays what it claims.
  if (
    !converted &&
    flags.has("future") &&
    !flags.has("claimed") &&
    !flags.has("negated") &&
    !flags.has("denied")
  ) {
    const intent = maps.intent[entry.category];
    const intentEntry = intent ? lex.cameo.get(intent) : undefined;
    if (intentEntry) {
      code = intentEntry.code;
      entry = intentEntry;
    }
  }
  let modality: Modality = "asserted";
  for (const mod of PRECEDENCE) {
    if (flags.has(mod)) {
      modality = mod;
      break;
    }
  }
  if (modality !== "claimed") claimedBy = null;
  // A passive ("were warned of reprisals") has no complement clause to govern.
  const governor =
    pattern.governs && !match.passive
      ? {
          from: match.last,
          to: clauseEnd(p, match.last, s1, lex),
          modality: pattern.governs,
          controller: match.slot >= 0 ? (p.mentions[match.slot] as TokMention) : sourceMention,
          events: [] as CodedEvent[],
          claimer: sources[0]?.actor ?? null,
        }
      : null;
  if (governor) governed.push(governor);
  // "ready to impose martial law": an offer of something hostile is a threat (CAMEO 13), not an intent to cooperate.
  const hostile = maps.threat[cameo.category];
  for (const g of governed) {
    // Only the verb right after the governor is its complement ("offered to hand over", not a later clause).
    if (!(head > g.from && head < g.to && head - g.from <= MAX_GAP + 1) || !hostile) continue;
    const threat = lex.cameo.get(hostile);
    for (const ge of g.events) {
      if (ge.category !== "AGREE" || !threat) continue;
      ge.category = threat.category;
      ge.cameo = threat.code;
      ge.intensity = threat.goldstein;
      // "ready to impose martial law": the threat is aimed at whoever the threatened act would hit
      // (here the country at home, by the domestic convention), when the offer itself named nobody.
      if (!ge.target && targets[0]) ge.target = copyParty(targets[0]);
    }
  }

  // --- date: resolved once per sentence, on demand ---
  if (sc.date === undefined) sc.date = resolveDate(sentence, published, modality === "future");
  const date = sc.date;
  if (date && published && date > published && modality === "asserted") modality = "future";

  // --- evidence ---
  const evStart = quote ? quote.start : (p.tok.starts[Math.min(head, match.head)] as number);
  const evEnd = quote ? quote.end : (p.tok.ends[match.last] as number);
  const evidence = quote ? quote.text : p.text.slice(evStart, evEnd);

  const base = {
    paragraph: p.index,
    sentence,
    evidence,
    start: evStart,
    end: evEnd,
    category: entry.category,
    cameo: code,
    intensity: entry.goldstein,
    modality,
    claimedBy,
    date,
  };
  const joint = pattern.joint && sources.length > 1 ? lex.cameo.get(pattern.joint) : undefined;
  if (joint) {
    base.cameo = joint.code;
    base.category = joint.category;
    base.intensity = joint.goldstein;
  }
  // "Brazil and Chile agreed to …" with nobody else named: an agreement between the two.
  // ("President X and his party agreed to …" is one side, not two.)
  const mutual =
    base.category === "AGREE" &&
    targets.length === 0 &&
    sources.some((x) => !sameParty(x, sources[0] ?? null));
  const reciprocal = pattern.reciprocal || joint !== undefined || mutual;
  const pairs: Array<[EventParty, EventParty | null]> = [];
  // A reciprocal event needs two parties: "restored ties with [someone unknown]" says too little.
  if (reciprocal && targets.length === 0 && sources.length < 2) return;
  if (reciprocal && targets.length === 0 && sources.length > 1) {
    for (const a of sources) for (const b of sources) if (a !== b) pairs.push([a, b]);
  } else if (targets.length === 0) {
    for (const a of sources) pairs.push([a, null]);
  } else {
    for (const a of sources) {
      for (const b of targets) {
        pairs.push([a, b]);
        if (reciprocal) pairs.push([b, a]);
      }
    }
  }
  for (const [source, target] of pairs) {
    // An own statement of intent or threat ("we are ready for talks with X") is the speaker's act only:
    // the reverse direction of a reciprocal event was not stated by the other side.
    if (converted && ownStatement && !sameParty(source, sourceParty)) continue;
    // Domestic events (X>X: arrests, curfews) stand; a reciprocal one needs two different parties.
    if (reciprocal && target && source.actor && source.actor === target.actor) continue;
    // A person acting on themself is a parsing slip ("Johnson … fighting … Johnson").
    if (target && source.actor && source.actor === target.actor && source.actor.startsWith("person:"))
      continue;
    const key = `${source.actor}|${target?.actor}|${base.cameo}|${base.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const coded: CodedEvent = {
      ...base,
      source: copyParty(source),
      target: target ? copyParty(target) : null,
    };
    events.push(coded);
    governor?.events.push(coded);
    // A visit is also a visit hosted: CAMEO pairs 042 (visit) with 043 (host), host as source.
    const mirror = pattern.mirror && base.cameo === pattern.code ? lex.cameo.get(pattern.mirror) : undefined;
    if (mirror && target) {
      events.push({
        ...base,
        cameo: mirror.code,
        category: mirror.category,
        intensity: mirror.goldstein,
        source: copyParty(target),
        target: copyParty(source),
      });
    }
  }
}

/** Who acts in a match, how they were found, and the clause subject met on the way (for lastSubject). */
interface MatchSources {
  sources: EventParty[];
  sourceMention: TokMention | null;
  /** After a receiving verb ("Peru got support from …"): the verb's subject, the target. */
  receivedBy: TokMention | null;
  /** The passive subject is the moved forces themselves (source), not the target. */
  movedSubject: boolean;
  /** Sector of a countryless police agent ("by police"), whose country is the target's. */
  policeAgent: string | null;
  subject: TokMention | null;
}

/** The source of a match: a passive's agent, a nominal event's possessor, or the clause's subject. */
function matchSources(sc: SentenceScope, match: Match, cameo: { category: string }): MatchSources {
  const { p, s0, s1, carry, lex, words, governed, clauseSubjects } = sc;
  const { pattern, head } = match;
  let subject: TokMention | null = null;
  let sources: EventParty[] = [];
  let sourceMention: TokMention | null = null;
  let receivedBy: TokMention | null = null;
  let movedSubject = false;
  let policeAgent: string | null = null;
  if (match.passive) {
    const end = clauseEnd(p, match.last, s1, lex);
    for (let k = match.last + 1; k < end; k++) {
      // "the miners are menaced by gangs, a report drafted by X says": the first "by" after a be-form
      // belongs to another passive; stop at the be-form.
      if (lex.beForms.has(words[k] as string)) break;
      if (words[k] === "by") {
        const m = mentionStartingNear(p, k + 1, end, lex);
        if (m >= 0) {
          sourceMention = p.mentions[m] as TokMention;
          sources = compound(p, sourceMention, s1, lex).map((x) => x.party);
        } else {
          // "was arrested by police in Harare": police named without a country act at home.
          let j = k + 1;
          while (j < end && lex.determiners.has(words[j] as string)) j++;
          const sector = lex.sectorHeads.get(words[j] as string);
          if (sector && intentMaps().policeAtHome.sectors.includes(sector)) policeAgent = sector;
        }
        break;
      }
    }
    // "Russian diplomats were expelled from Britain": the country they were expelled from expelled them.
    if (sources.length === 0 && intentMaps().passiveFromSource.codes.includes(pattern.code)) {
      const end = clauseEnd(p, match.last, s1, lex);
      for (let k = match.last + 1; k < end && k <= match.last + 2; k++) {
        if (words[k] !== "from") continue;
        const m = mentionStartingNear(p, k + 1, end, lex);
        if (m >= 0) {
          sourceMention = p.mentions[m] as TokMention;
          sources = [sourceMention.party];
        }
        break;
      }
    }
    // "Peruvian marines were flown to X", "peacekeepers were shipped out of X": armed forces that were
    // moved, with no agent named, are their own side's deployment or withdrawal.
    const moved = intentMaps().movedForces;
    if (
      sources.length === 0 &&
      (moved.categories.includes(cameo.category) || moved.codes.includes(pattern.code))
    ) {
      const subj = findSubject(p, head, s0, carry, lex);
      const armed = intentMaps().assaultNeedsTarget.armedSectors;
      if (subj.mention && armed.includes(subj.mention.party.sector ?? "")) {
        sourceMention = subj.mention;
        sources = [copyParty(subj.mention.party)];
        movedSubject = true;
      }
    }
  } else if (pattern.kind === "n") {
    // "support from Chile's president": a from-phrase right after the noun names the source;
    // after a receiving verb ("Peru got support from …") the verb's subject is the target.
    if (words[match.last + 1] === "from") {
      const m = mentionStartingNear(p, match.last + 2, s1, lex);
      if (m >= 0) {
        sourceMention = possessed(p, p.mentions[m] as TokMention, s1);
        sources = compound(p, sourceMention, s1, lex).map((x) => x.party);
        if (receivedNoun(p, head, s0, lex)) receivedBy = findSubject(p, head, s0, carry, lex).mention;
      }
    }
    for (let k = head - 1; sources.length === 0 && k >= s0 && k >= head - NOMINAL_SOURCE_REACH; k--) {
      const m = p.inMention[k] as number;
      if (m >= 0) {
        sourceMention = p.mentions[m] as TokMention;
        sources = [sourceMention.party];
        break;
      }
      if (breakAt(p, k)) break;
    }
    // "hastened the pull-out of its units": a nominal event right after a light verb is the subject's.
    if (sources.length === 0) {
      let k = head - 1;
      while (
        k > s0 &&
        (lex.determiners.has(words[k] as string) || !lex.lightVerbs.has(words[k] as string)) &&
        !PUNCT_BREAKS.has(words[k] as string) &&
        head - k <= LIGHT_VERB_REACH
      )
        k--;
      if (k >= s0 && lex.lightVerbs.has(words[k] as string)) {
        const subj = findSubject(p, k, s0, carry, lex);
        if (subj.mention) {
          sourceMention = subj.mention;
          sources = compound(p, subj.mention, s1, lex).map((x) => x.party);
        }
      }
    }
    // "the offer was made by Chile's president during a call to Peru": the passive agent of the
    // clause is the one who made the call.
    if (sources.length === 0) {
      const from = clauseStart(p, head, s0, lex);
      for (let k = head - 1; k >= from && head - k <= AGENT_REACH; k--) {
        if (words[k] !== "by") continue;
        const m = mentionStartingNear(p, k + 1, head, lex);
        if (m >= 0) {
          sourceMention = p.mentions[m] as TokMention;
          sources = compound(p, sourceMention, s1, lex).map((x) => x.party);
        }
        break;
      }
    }
  } else {
    const gov = governed.find(
      (g) => head > g.from && head < g.to && g.controller && head - g.from <= MAX_GAP + 1,
    );
    // Coordinated verbs share their subject: "gunmen seized a bus and held its driver".
    let earlier = clauseSubjects.find((c) => c.clause === clauseStart(p, head, s0, lex) && c.head < head);
    // "Russia shelled Kyiv and Ukraine attacked": a subject standing after the earlier verb is new.
    if (earlier?.subject.mention) {
      const own = findSubject(p, head, s0, carry, lex).mention;
      if (own && own !== earlier.subject.mention && own.t0 > earlier.head) earlier = undefined;
    }
    // "rumours of Chilean ships leaving the bay": a gerund's subject is the actor right before it.
    const gerundSubject =
      !gov && head > s0 && (words[head] as string).endsWith("ing") && (p.inMention[head - 1] as number) >= 0
        ? (p.mentions[p.inMention[head - 1] as number] as TokMention)
        : null;
    const subj: Subject = gov
      ? { mention: gov.controller, party: null }
      : gerundSubject
        ? { mention: gerundSubject, party: null }
        : earlier
          ? earlier.subject
          : findSubject(p, head, s0, carry, lex);
    clauseSubjects.push({ clause: clauseStart(p, head, s0, lex), head, subject: subj });
    if (subj.mention) {
      sourceMention = subj.mention;
      sources = compound(p, subj.mention, s1, lex).map((x) => x.party);
      subject = subj.mention;
    } else if (subj.party) {
      sources = [subj.party];
    }
  }
  // "Thousands of students marched through Jakarta": protesters no actor names are the people of
  // the place they protest in (PLOVER codes them as that country's civilians).
  // A protester the registry knows without a country ("supporters of former President X") also takes it.
  const stateless = sources.length === 0 || sources.every((x) => !x.country && !isInternational(x));
  if (stateless && intentMaps().protestAtPlace.categories.includes(cameo.category)) {
    const place = placeMention(p, clauseStart(p, head, s0, lex), clauseEnd(p, match.last, s1, lex), lex);
    const country = place?.party.country;
    if (country && sources.length === 0) sources = [party(null, country, intentMaps().protestAtPlace.sector)];
    else if (country) sources = sources.map((x) => party(x.actor, country, x.sector));
  }
  // "Gunmen ambushed a convoy in northern Nigeria": armed men no actor names, acting in a place, are
  // an armed group of that country (PLOVER codes unattributed insurgents by where they fight).
  const armed = intentMaps().armedAtPlace;
  if (sources.length === 0 && !match.passive && armed.categories.includes(cameo.category)) {
    const from = clauseStart(p, head, s0, lex);
    let noun = false;
    for (let k = from; k < head && !noun; k++) noun = armed.nouns.includes(words[k] as string);
    if (noun) {
      const place = placeMention(p, from, clauseEnd(p, match.last, s1, lex), lex);
      if (place?.party.country) sources = [party(null, place.party.country, armed.sector)];
    }
  }
  // A quotation's speaker stands in only for "we"/"I" (findSubject); a subject-less verb in a quote
  // ("punishing any firm that breaks the embargo") is nobody's act.

  // A city or region does nothing itself ("the Geneva talks", "Kharkiv said"): it can only be hit.
  if (sourceMention?.place) {
    sourceMention = null;
    sources = [];
  }
  return { sources, sourceMention, receivedBy, movedSubject, policeAgent, subject };
}

/** The target of a match: its slot, the first actor after it in the clause, or a convention's. */
function matchTargets(
  sc: SentenceScope,
  match: Match,
  cameo: { category: string },
  found: MatchSources,
): EventParty[] {
  const { p, s0, s1, carry, lex, words, conditionEnd } = sc;
  const { pattern, head } = match;
  const { sources, sourceMention, receivedBy, movedSubject } = found;
  let targets: EventParty[] = [];
  let targetMention: TokMention | null = null;
  /**
   * The pattern has an actor slot that no actor filled, and the words after the slot are no target
   * phrase: an infinitive ("urged the government to …") or what the object is blamed or praised for
   * ("accused the West of …"). "handed over a suspect to X" keeps X.
   */
  const slotAt = pattern.steps.findIndex((st) => st.slot);
  const afterSlot = slotAt >= 0 ? pattern.steps[slotAt + 1] : undefined;
  const slotEmpty =
    match.slot < 0 &&
    slotAt >= 0 &&
    (pattern.governs !== null || (afterSlot?.words.some((w) => OBJECT_REASON_WORDS.has(w)) ?? false));
  if (match.slot >= 0) {
    targetMention = p.mentions[match.slot] as TokMention;
  } else if (receivedBy) {
    targetMention = receivedBy;
  } else if (
    match.modifier >= 0 &&
    !sameParty((p.mentions[match.modifier] as TokMention).party, sources[0] ?? null)
  ) {
    // "seized three Iranian boats near X", "accepted an Egyptian proposal for talks with X": the
    // demonym on the pattern's own noun names whom the act concerns, before anyone named later.
    targetMention = p.mentions[match.modifier] as TokMention;
  } else if (slotEmpty && !match.passive) {
    // "accused the West of meddling in X": the slot holds someone no actor names; X is no target.
  } else if (movedSubject && !pattern.explicitTarget) {
    // "were shipped out of the Bosnian enclave": the place the forces left or reached is the target.
    const m = firstMentionIn(p, match.last + 1, clauseEnd(p, match.last, s1, lex), sourceMention);
    if (m >= 0) targetMention = p.mentions[m] as TokMention;
  } else if (match.passive && (!pattern.explicitTarget || slotEmpty)) {
    const subj = findSubject(p, head, s0, carry, lex);
    targetMention = subj.mention;
    if (!targetMention && subj.party) targets = [subj.party];
  } else if (!pattern.noTarget) {
    const from = match.targetAfter >= 0 ? match.targetAfter + 1 : match.last + 1;
    const end = clauseEnd(p, match.last, s1, lex);
    let m = firstMentionIn(p, from, end, sourceMention);
    // "took a hill near the Peruvian border": a country named only as a border is no target
    // (unless the pattern points there: "massed troops near the Ukrainian border").
    while (
      m >= 0 &&
      !pattern.explicitTarget &&
      BORDER_WORDS.has(p.tok.words[(p.mentions[m] as TokMention).t1] ?? "")
    ) {
      m = firstMentionIn(p, (p.mentions[m] as TokMention).t1, end, sourceMention);
    }
    // "returned the prisoners through the Red Cross": a go-between after through/via is no target.
    while (m >= 0) {
      let j = (p.mentions[m] as TokMention).t0 - 1;
      while (j > head && lex.determiners.has(words[j] as string)) j--;
      if (!INTERMEDIARY_PREPOSITIONS.has(words[j] as string)) break;
      m = firstMentionIn(p, (p.mentions[m] as TokMention).t1, end, sourceMention);
    }
    // "Israel and Jordan resumed talks in Washington": with both sides already in the subject, a place
    // after in/at is where they met, not a third party ("opened ties with and an embassy in X" keeps X).
    if (m >= 0 && pattern.reciprocal && sources.some((x) => !sameParty(x, sources[0] ?? null))) {
      let j = (p.mentions[m] as TokMention).t0 - 1;
      while (j > head && lex.determiners.has(words[j] as string)) j--;
      if (PLACE_PREPOSITIONS.has(words[j] as string)) m = -1;
    }
    if (m >= 0) targetMention = p.mentions[m] as TokMention;
    // "expelled the US ambassador", "trained Iraqi troops": with nobody named after the pattern, the
    // actor whose head noun is a pattern word is the target (not when it is the source's own side).
    if (!targetMention && match.inner >= 0) {
      const inner = p.mentions[match.inner] as TokMention;
      if (!sameParty(inner.party, sources[0] ?? null)) targetMention = inner;
    }
  }
  // "If Russia invades, the US will impose costs": the main clause's act is aimed at the condition's
  // subject when nobody else is named.
  if (
    !targetMention &&
    targets.length === 0 &&
    conditionEnd > 0 &&
    head > conditionEnd &&
    !pattern.noTarget
  ) {
    const c = firstMentionIn(p, s0, conditionEnd, sourceMention);
    if (c >= 0 && !sameParty((p.mentions[c] as TokMention).party, sources[0] ?? null))
      targetMention = p.mentions[c] as TokMention;
  }
  // …nor is it a party to talks or an agreement: there it is only where they happened.
  if (targetMention?.place && pattern.reciprocal) targetMention = null;
  if (targetMention) targets = compound(p, targetMention, s1, lex).map((x) => x.party);
  const domestic = intentMaps().domesticTarget.categories;
  // An envoy cautioning that ignoring "Moscow's conditions" brings trouble does not threaten Moscow (the
  // state is the possessor of the conditions). Demands on one's own government are real (PLOVER).
  const ownCountry = sources[0]?.country;
  if (
    ownCountry &&
    cameo.category === "THREATEN" &&
    targets.length > 0 &&
    targets.every((t) => t.actor === `state:${ownCountry}`) &&
    sources.every((x) => x.actor !== `state:${ownCountry}`)
  )
    targets = [];
  const police = intentMaps().policeAtHome;
  if (
    targets.length === 0 &&
    sources[0]?.country &&
    police.categories.includes(cameo.category) &&
    police.sectors.includes(sources[0].sector ?? "")
  ) {
    // Convention: police force with no named victim ("police opened fire") is aimed at its own country.
    targets = [party(null, sources[0].country, police.targetSector)];
  } else if (targets.length === 0 && !pattern.noTarget && cameo.category in domestic && sources[0]?.country) {
    // Convention: a protest, concession or crackdown with no named target is aimed at home.
    targets = [party(null, sources[0].country, domestic[cameo.category] ?? null)];
  } else if (
    cameo.category in domestic &&
    sources[0]?.country &&
    targets.length > 0 &&
    targets.every((t) => !t.country && !isInternational(t))
  ) {
    // Same convention when the named target is someone of unknown nationality ("President X's government").
    targets = targets.map((t) => party(t.actor, sources[0]?.country ?? null, t.sector));
  }
  return targets;
}

/** A match's modality cues, and who states it (a quotation's speaker or a report verb's subject). */
function matchModality(
  sc: SentenceScope,
  match: Match,
  cameo: { category: string },
  quote: ReturnType<typeof quoteAt>,
  sources: EventParty[],
): {
  flags: Set<Modality>;
  claimedBy: string | null;
  speaker: EventParty | null;
  selfStatement: boolean;
  sourceParty: EventParty;
} {
  const { p, s0, s1, carry, lex, words, governed, sentenceConditional, opinionSpeculation } = sc;
  const { pattern, head } = match;
  const flags = new Set<Modality>();
  let claimedBy: string | null = null;
  const cueFrom = Math.max(clauseStart(p, head, s0, lex), head - CUE_REACH);
  const scope = scopeStart(p, head, s0);
  const m = lex.modality;
  // A denial reaches its own clause and a "that" clause, not past a comma ("Denying a link, Russia said …").
  if (anyCue(words, Math.max(scope, lastCommaBefore(p, head, s0) + 1), head, head, m.denials, p.inMention))
    flags.add("denied");
  // Negators before the trigger, or inside the pattern ("is not willing to", "agreed not to"); a
  // refusal's own words ("refused to release") are the event, not its negation.
  const negatorEnd = cameo.category === "REJECT" ? head : match.last;
  if (anyCue(words, Math.max(s0, head - CUE_REACH), negatorEnd, negatorEnd + 1, m.negators, p.inMention))
    flags.add("negated");
  if (
    sentenceConditional ||
    opinionSpeculation ||
    anyCue(words, cueFrom, head, head, m.conditionals, p.inMention)
  )
    flags.add("hypothetical");
  // "Granted, if a citizen of Peru has ever marched against X, …": the whole if-clause is a condition.
  if (insideConditionalClause(words, head, s0, m.conditionalSubordinators)) flags.add("hypothetical");
  // "not to assume Chile is ready to", "nobody knows whether Peru will": an open question or an
  // assumption is no report that the event happened.
  if (anyCue(words, scope, head, head, m.openFrames, p.inMention)) flags.add("hypothetical");
  // "once the envoys sit down with X next month": a present-tense verb in a time clause is still to come.
  if (pattern.kind === "v" && presentInTimeClause(p, match, s0, lex)) flags.add("future");
  if (
    pattern.kind === "n" &&
    anyCue(words, match.last + 1, Math.min(s1, match.last + 4), s1, m.conditionals, p.inMention)
  )
    flags.add("hypothetical");
  if (anyCue(words, cueFrom, head, head, m.future, p.inMention)) flags.add("future");
  // "a proposal for talks with X": the talks are only proposed (the rejection of the proposal is real).
  const proposalFrom = Math.max(s0, head - PROPOSAL_REACH);
  if (pattern.kind === "n" && anyCue(words, proposalFrom, head, head, m.proposalFrames))
    flags.add("hypothetical");
  // A claim before a passive agent ("X's claims that … was made by Y during a call") is part of the
  // subject; the agent's act is reported as fact.
  if (anyCue(words, agentCut(p, head, scope, lex), head, head, m.claims, p.inMention)) flags.add("claimed");
  if (
    pattern.kind === "n" &&
    anyCue(words, match.last + 1, Math.min(s1, match.last + 3), s1, m.claims, p.inMention)
  )
    flags.add("claimed");
  for (const g of governed) {
    if (!(head > g.from && head < g.to)) continue;
    flags.add(g.modality);
    // "the Kremlin accused Ukraine of staging an attack": the attack is Ukraine's, claimed by the Kremlin.
    if (g.modality === "claimed" && g.claimer) claimedBy = g.claimer;
  }
  // "flies to Oslo to see the premier": an infinitive not governed by a pattern is a plan or purpose.
  if (
    pattern.kind === "v" &&
    head > s0 &&
    words[head - 1] === "to" &&
    !governed.some((g) => head > g.from && head < g.to)
  ) {
    const before = words[head - 2] ?? "";
    if (!m.factiveBeforeTo.has(before)) flags.add("future");
  }

  // Who is speaking: a quotation's speaker, or the subject of a report verb in the sentence.
  const sourceParty = sources[0] as EventParty;
  // An indirect quotation is the quotes stage's reading of "…, X said": ordinary attribution, no claim.
  let speaker: EventParty | null = quote && quote.kind !== "indirect" ? quote.speaker : null;
  if (!speaker) speaker = reportSpeaker(p, s0, s1, head, match.last, carry, lex);
  const selfStatement = speaker !== null && sameParty(speaker, sourceParty);
  if (speaker && !selfStatement && speaker.actor) {
    flags.add("claimed");
    claimedBy = speaker.actor;
  }
  return { flags, claimedBy, speaker, selfStatement, sourceParty };
}
