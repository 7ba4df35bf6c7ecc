/**
 * The actors stage: finds countries, IGOs, seats of power and people in the article's paragraphs,
 * resolves them against the registry on the article's date, and links later mentions ("Mr. Ryabkov",
 * "the Russian leader", "she") to the same actor. Reads only `paragraphs` (never comments or removed text).
 *
 * Flow per article: (1) per paragraph, tokens → role titles → registry names (longest match) →
 * capitalised runs the registry does not know (people by cues, organisations by their head word);
 * (2) over the whole article, surnames and descriptions of people already met, then pronouns.
 * Known failures: people named only by a lower-case description ("a senior official") get no actor;
 * a name the registry lacks and that has no cue (no title, given name, appositive or speech verb) is missed;
 * pronouns inside quotations are never resolved (they usually point outside the quote).
 */

import { CAP, HYPHEN_BEFORE, POSS, sentenceStartsByParagraph } from "../nlp/index.ts";
import type { Actor, ArticleRecord, Mention, Message } from "../record.ts";
import { type ActorIndex, getIndex, KEY_CUE } from "./gazetteer.ts";
import { ActorLedger } from "./ledger.ts";
import {
  brokenRecognizers,
  consultModel,
  currentDefaultRecognizer,
  NO_ENTITIES,
  PARAGRAPH_JOINER,
  type Recognizer,
} from "./model-gate.ts";
import {
  addMention,
  byStart,
  capitalRuns,
  gapHasPunct,
  gapHasPunctLoose,
  innerPlace,
  isInitial,
  isNamePart,
  MAX_NAME_TOKENS,
  matchNames,
  orgSector,
  type ParagraphWork,
  placeType,
  scanParagraph,
  settlePartyTags,
  slab,
  titleEndingAt,
  tokenMayHave,
  vetoedAt,
} from "./paragraph-work.ts";
import {
  isPersonRun,
  lastKey,
  linkDescriptions,
  linkPronouns,
  linkShortForm,
  linkSurnames,
  newPersonBuild,
  type PersonBuild,
  personActor,
  personMention,
  titledHolder,
} from "./people.ts";
import { slug } from "./registry.ts";
import { containsWord, resolveWithCues, wordAt } from "./resolve-ambiguity.ts";

const STAGE = "actors";
export interface FindActorsOptions {
  /** Index to use instead of the shipped registry (tests). */
  index?: ActorIndex;
  /** Statistical recogniser: registry matches win where they overlap; it adds names the registry lacks. */
  recognizer?: Recognizer | null;
}

/** What one article's scan has gathered so far: read and filled by each step (see `scanFor`). */
interface ArticleScan {
  record: ArticleRecord;
  index: ActorIndex;
  ledger: ActorLedger;
  messages: Message[];
  ambiguity: AmbiguityCache;
  works: ParagraphWork[];
  /** Lone capitalised words that may be people ("Ms. Kowalczyk"), settled once every full name is known. */
  deferred: { work: ParagraphWork; i: number; create: boolean }[];
  /** Title + lone registry surname ("President Bashir"), settled after surnames. */
  titled: { work: ParagraphWork; i: number }[];
  /** Mentions by a registry short form ("Kirby"), relinked if the article names someone else so. */
  shortMentions: { mention: Mention; key: string }[];
  /** Folded organisation name → the country the article gave it ("Russia's Interior Ministry"); null: several. */
  orgCountry: Map<string, string | null>;
}

/**
 * The actors stage. Fills `record.mentions` and `record.actors` (each actor once).
 * @example findActors(record).actors // [{ id: "state:RUS", … }, { id: "person:vladimir-putin", … }]
 */
export function findActors(
  record: ArticleRecord,
  _ctx?: unknown,
  options: FindActorsOptions = {},
): ArticleRecord {
  slab.reset(); // the previous article's views are dead: its record holds none of them
  const recognizer = options.recognizer === undefined ? currentDefaultRecognizer() : options.recognizer;
  const scan = scanFor(record, options.index ?? getIndex());

  const sentencesByParagraph = sentenceStartsByParagraph(record);
  let sentenceOffset = 0;
  for (const para of record.paragraphs) {
    const work = scanParagraph(para, sentencesByParagraph.get(para.index), scan.index, sentenceOffset);
    sentenceOffset += work.tokens.count > 0 ? work.tokens.sentence[work.tokens.count - 1] + 1 : 0;
    scan.works.push(work);
  }
  // Every paragraph is scanned first: a context rule met in one ("Georgia") reads cues in all of them.
  for (const work of scan.works) {
    registryNames(scan, work);
    settlePartyTags(work, scan.index);
  }

  // The statistical recogniser only matters where two free capitalised words sit side by side after the
  // registry pass (see needsModel); it reads just those paragraphs, joined as one document.
  const externalByParagraph = consultModel(scan.works, scan.index, recognizer);
  const broken = recognizer ? brokenRecognizers.get(recognizer) : undefined;
  if (broken) {
    scan.messages.push({
      stage: STAGE,
      rule: "ner-unavailable",
      reason: `statistical NER failed, registry and cues only: ${broken}`,
    });
  }
  for (const work of scan.works) {
    const external = externalByParagraph.get(work.index) ?? NO_ENTITIES;
    unknownRuns(scan, work, external);
    modelPeople(scan, work, external);
  }
  linkLaterMentions(scan);
  return withActors(scan);
}

/**
 * The scan of this process, reset for each article as the slab is (findActors is synchronous and
 * nothing of the scan outlives the call; the last article's stays reachable until the next one).
 * One long-lived scan spares allocations, and it keeps the stage's optimised code valid: V8 throws away
 * code compiled against the hidden class of a per-article object when a full collection finds no
 * instance of it alive, which made the stage recompile itself after every major GC (`node --trace-deopt`:
 * "weak objects").
 */
let shared: ArticleScan | null = null;

/** The process's scan, emptied and pointed at this article (made on the first call). */
function scanFor(record: ArticleRecord, index: ActorIndex): ArticleScan {
  if (shared === null) {
    shared = {
      record,
      index,
      ledger: new ActorLedger(record),
      messages: [],
      ambiguity: { cues: null, picked: new Map() },
      works: [],
      deferred: [],
      titled: [],
      shortMentions: [],
      orgCountry: new Map(),
    };
    return shared;
  }
  const scan = shared;
  scan.record = record;
  scan.index = index;
  scan.ledger.reset(record);
  scan.messages.length = 0;
  scan.ambiguity.cues = null;
  scan.ambiguity.picked.clear();
  scan.works.length = 0;
  scan.deferred.length = 0;
  scan.titled.length = 0;
  scan.shortMentions.length = 0;
  scan.orgCountry.clear();
  return scan;
}

/** Registry names of one paragraph (longest match): places, IGOs, people, and names that are no actor. */
function registryNames(scan: ArticleScan, work: ParagraphWork): void {
  const { index, ledger } = scan;
  const t = work.tokens;
  for (const m of matchNames(work, index)) {
    if (m.entry.place) {
      const place = m.entry.place;
      if (isNamePart(work, m, index)) continue; // "Carnegie Moscow Center", "George Washington"
      let actorId: string | null = place.actor.id;
      if (place.ambiguous) {
        const picked = resolveAmbiguous(place.ambiguous, scan);
        actorId = picked;
        if (!picked) {
          scan.messages.push({
            stage: STAGE,
            rule: "ambiguous-place",
            reason: `"${work.text.slice(t.start[m.s], t.end[m.e - 1])}" may not be ${place.actor.name} here; left unresolved`,
            paragraph: work.index,
          });
        }
      }
      // "American-born" names a birthplace, not a nationality or an actor.
      if (
        place.kind === "adjective" &&
        m.e < t.count &&
        t.flags[m.e] & HYPHEN_BEFORE &&
        t.key[m.e] === "born"
      )
        continue;
      const type = placeType(place, work, m.s, index);
      // "ethnic Albanians" in Macedonia or Serbia are a people there, not Albania acting.
      if (
        place.kind === "adjective" &&
        m.s > 0 &&
        index.rules.minorityWords.has(t.key[m.s - 1]) &&
        t.sentence[m.s - 1] === t.sentence[m.s]
      )
        actorId = null;
      addMention(work, m.s, m.e, type, actorId);
      if (actorId) {
        ledger.noteActor(
          actorId === place.actor.id ? place.actor : (placeActorById(index, actorId) ?? place.actor),
        );
        work.placeEndingAt.set(m.e - 1, { s: m.s, place, actor: actorId });
      }
    } else if (m.entry.person) {
      const build = ledger.noteRegistryPerson(m.entry.person);
      personMention(work, m.s, m.e, build, index);
      if (m.entry.short)
        scan.shortMentions.push({ mention: work.mentions[work.mentions.length - 1], key: t.key[m.e - 1] });
      else build.full = true;
    } else if (m.entry.plain) {
      // "New York", "Middle East", "Justice Department": a name, but no actor; "Hide Caption": no name.
      if (isNamePart(work, m, index)) continue; // "New York Times", "Virginia Foxx"
      if (m.entry.plain === "NONE") work.covered.fill(1, m.s, m.e);
      else {
        addMention(work, m.s, m.e, m.entry.plain, null);
        const where = m.entry.plainCountry;
        if (where && (m.entry.plain === "GPE" || m.entry.plain === "LOC"))
          work.mentions[work.mentions.length - 1].country = where;
      }
    }
  }
}

/** Capitalised runs the registry did not know: unknown people (by their cues) and organisations. */
function unknownRuns(scan: ArticleScan, work: ParagraphWork, external: ReturnType<Recognizer>): void {
  const { index, ledger } = scan;
  const t = work.tokens;
  const headline = work.headline;
  for (const run of work.runs ?? capitalRuns(work, index)) {
    const head = t.key[run.e - 1];
    if (run.e - run.s >= 2 && index.rules.orgHeads.has(head)) {
      organisation(scan, work, run.s, run.e);
      continue;
    }
    if (run.e - run.s >= 2 && (index.rules.placeHeads.has(head) || index.rules.miscHeads.has(head))) {
      // "Red Square", "Magnitsky Act", "Geneva talks": named, but not actors.
      addMention(work, run.s, run.e, index.rules.placeHeads.has(head) ? "LOC" : "MISC", null);
      continue;
    }
    // "President Bashir": a title right before a lone word that ends a registry name; pass 2 picks
    // the holder (after surnames of people the article names in full have had their chance). Registry
    // knowledge, so headlines too.
    if (
      run.e - run.s === 1 &&
      run.s > 0 &&
      work.titleEndStart[run.s - 1] !== -1 &&
      t.sentence[run.s - 1] === t.sentence[run.s] &&
      index.bySurname.has(t.key[run.s])
    ) {
      scan.titled.push({ work, i: run.s });
      continue;
    }
    if (linkShortForm(work, run.s, run.e, index, ledger) || headline) continue;
    if (!isPersonRun(work, run.s, run.e, index, external)) continue;
    if (run.e - run.s === 1) {
      // "Ms. Kowalczyk": wait for pass 2, which knows every full name in the article.
      scan.deferred.push({ work, i: run.s, create: true });
      continue;
    }
    namedPerson(scan, work, run.s, run.e);
  }
}

/**
 * "Russia's Interior Ministry", "the Ukrainian Defense Ministry": a generic body belongs to the country
 * named before it, and a later bare "the Interior Ministry" to the same one, unless the article has given
 * that name to two countries. Its id carries the country, so Russia's and Ukraine's ministries stay two
 * actors.
 */
function organisation(scan: ArticleScan, work: ParagraphWork, s: number, e: number): void {
  const { index, orgCountry } = scan;
  const t = work.tokens;
  const name = work.text.slice(t.start[s], t.end[e - 1]);
  const folded = name.toLowerCase();
  const inner = innerPlace(work, s, e, index);
  let country = inner;
  if (!inner) {
    const marked = markerCountry(work, s, index);
    if (marked) {
      const prev = orgCountry.get(folded);
      orgCountry.set(folded, prev === undefined || prev === marked ? marked : null);
      country = marked;
    } else country = orgCountry.get(folded) ?? null;
  }
  const actor: Actor = {
    id: country && !inner ? `org:${slug(`${country} ${name}`)}` : `org:${slug(name)}`,
    name,
    kind: "org",
    country,
    sector: orgSector(folded, index),
    role: null,
  };
  addMention(work, s, e, "ORG", actor.id);
  scan.ledger.noteActor(actor);
}

/** A person named in full by tokens s..e (initials left out of the name), first mentioned there. */
function namedPerson(scan: ArticleScan, work: ParagraphWork, s: number, e: number): void {
  const { index } = scan;
  const t = work.tokens;
  const nameTokens: string[] = [];
  for (let i = s; i < e; i++) if (!isInitial(t, i)) nameTokens.push(work.text.slice(t.start[i], t.end[i]));
  const build = scan.ledger.notePerson(
    newPersonBuild(nameTokens.join(" "), index.registry.givenNames.get(t.key[s]) ?? null, t.key[e - 1]),
  );
  personMention(work, s, e, build, index);
  build.full = true;
}

/**
 * People the statistical recogniser found and the registry and cues missed; registry matches and
 * mentions already made win wherever they overlap.
 */
function modelPeople(scan: ArticleScan, work: ParagraphWork, external: ReturnType<Recognizer>): void {
  const { index } = scan;
  const t = work.tokens;
  let from = 0; // spans come sorted by start: the token search resumes where the last one began
  for (const x of external) {
    if (x.type !== "PER") continue;
    while (from < t.count && t.start[from] < x.start) from++;
    let a = -1;
    let b = -1;
    for (let i = from; i < t.count && t.start[i] < x.end; i++) {
      if (t.end[i] <= x.end) {
        if (a === -1) a = i;
        b = i + 1;
      }
    }
    if (a === -1 || b - a > MAX_NAME_TOKENS || work.headline) continue;
    let glued = false;
    for (let i = a + 1; i < b && !glued; i++) glued = gapHasPunctLoose(work, i - 1, i);
    if (glued) continue;
    let free = true;
    for (let i = a; i < b && free; i++)
      free =
        work.covered[i] === 0 &&
        (t.flags[i] & CAP) !== 0 &&
        !vetoedAt(work, index, i) &&
        !(work.noName !== null && work.noName[i] !== 0);
    if (!free) continue;
    if (b - a === 1) {
      // A lone surname from the model only links to someone the article names in full.
      scan.deferred.push({ work, i: a, create: false });
      continue;
    }
    // "Home Affairs Ylva Johansson": the name starts at its given name.
    for (let k = a + 1; k < b - 1; k++) {
      if (index.registry.givenNames.has(t.key[k]) && !index.registry.givenNames.has(t.key[a])) {
        a = k;
        break;
      }
    }
    namedPerson(scan, work, a, b);
  }
}

/**
 * Pass 2: surnames and descriptions of people already met, then pronouns. Surnames of people named in
 * full win over registry short forms: an article about "Ben Kirby" means him by "Kirby", not the
 * registry's John Kirby.
 */
function linkLaterMentions(scan: ArticleScan): void {
  const { index, ledger, works } = scan;
  const people = ledger.people;
  const bySurname = surnameOwners(people);
  for (const { mention, key } of scan.shortMentions) {
    const target = bySurname.get(key);
    if (target && target !== mention.actor) mention.actor = target;
  }
  for (const work of works) linkSurnames(work, bySurname, people, index);
  // Title + registry surname the article never gives in full: the registry person that title fits.
  let titledAdded = false;
  for (const { work, i } of scan.titled) {
    if (work.covered[i] !== 0) continue;
    const entry = titleEndingAt(work, i - 1, index);
    const found = titledHolder(index, work.tokens.key[i], entry.title.family, scan.record);
    const person = found?.person;
    if (!person) continue;
    if (found.guessed) {
      scan.messages.push({
        stage: STAGE,
        rule: "titled-surname-guess",
        reason: `"${work.text.slice(work.tokens.start[work.titleEndStart[i - 1]], work.tokens.end[i])}" fits several ${person.roles[0]?.country ?? ""} office holders; the article has no date, so the latest, ${person.name}, stands in`,
        paragraph: work.index,
      });
    }
    const build = ledger.noteRegistryPerson(person);
    personMention(work, i, i + 1, build, index);
    if (!bySurname.has(work.tokens.key[i])) bySurname.set(work.tokens.key[i], build.id);
    titledAdded = true;
  }
  if (titledAdded) for (const work of works) linkSurnames(work, bySurname, people, index);
  // Honorific + surname never introduced by full name: a person known only by surname.
  let added = false;
  for (const { work, i, create } of scan.deferred) {
    if (work.covered[i] !== 0 || !create) continue;
    const name = work.text.slice(work.tokens.start[i], work.tokens.end[i]);
    const build = ledger.notePerson(newPersonBuild(name, null, work.tokens.key[i]));
    personMention(work, i, i + 1, build, index);
    if (!bySurname.has(build.surname)) bySurname.set(build.surname, build.id);
    added = true;
  }
  if (added) for (const work of works) linkSurnames(work, bySurname, people, index);
  for (const work of works) linkDescriptions(work, ledger, index);
  linkPronouns(works, people, index);
}

/** Surname key → the one person it names (null: several); people named in full claim theirs first. */
function surnameOwners(people: Map<string, PersonBuild>): Map<string, string | null> {
  const bySurname = new Map<string, string | null>();
  for (const pass of [true, false]) {
    const claimed = new Set(bySurname.keys());
    for (const b of people.values()) {
      if (b.full !== pass) continue;
      const keys = new Set([b.surname, ...(b.person?.short ?? []).map(lastKey)]);
      for (const k of keys) {
        if (!pass && claimed.has(k)) continue;
        const prev = bySurname.get(k);
        bySurname.set(k, prev === undefined || prev === b.id ? b.id : null);
      }
    }
  }
  return bySurname;
}

/** The record with its mentions (in text order) and actors (once each, in order of first mention). */
function withActors(scan: ArticleScan): ArticleRecord {
  const { record, ledger, works, messages } = scan;
  const mentions: Mention[] = [];
  for (const w of works) {
    w.mentions.sort(byStart);
    for (const m of w.mentions) mentions.push(m);
  }
  // Actors in order of first mention (the passes note them registry-first within a paragraph); people
  // left with no mention (every one relinked to someone the article names in full) are dropped, places
  // and bodies with none follow in the order they were noted.
  const actors: Actor[] = [];
  const listed = new Set<string>();
  let undated = false;
  let fixedListed = 0;
  for (const m of mentions) {
    const id = m.actor;
    if (!id || listed.has(id)) continue;
    listed.add(id);
    const fixed = ledger.fixed.get(id);
    if (fixed) {
      actors.push(fixed);
      fixedListed++;
      continue;
    }
    const b = ledger.people.get(id);
    if (!b) continue;
    const { actor, undatedRole } = personActor(b, record, ledger.people);
    undated ||= undatedRole;
    actors.push(actor);
  }
  if (fixedListed < ledger.fixed.size)
    for (const [id, fixed] of ledger.fixed) if (!listed.has(id)) actors.push(fixed);
  if (undated) {
    messages.push({
      stage: STAGE,
      rule: "undated-role",
      reason: "the article has no date; registry roles are each person's most recent office",
    });
  }
  return { ...record, actors, mentions, messages: [...record.messages, ...messages] };
}

/**
 * The country of the place right before token i that owns what follows, with nothing but space between:
 * a possessive ("Russia's"), or a demonym or country name before a generic institution word ("Ukrainian
 * Defense Ministry"; not "German Marshall Fund", where the demonym belongs to the name).
 */
function markerCountry(work: ParagraphWork, i: number, index: ActorIndex): string | null {
  const p = i - 1;
  const marker = p >= 0 ? work.placeEndingAt.get(p) : undefined;
  if (!marker?.actor || gapHasPunct(work, p, i)) return null;
  const kind = marker.place.kind;
  if (
    !(work.tokens.flags[p] & POSS) &&
    !((kind === "adjective" || kind === "name") && index.rules.institutionHeads.has(work.tokens.key[i]))
  )
    return null;
  return marker.place.actor.country;
}

function placeActorById(index: ActorIndex, id: string): Actor | null {
  for (const p of index.registry.places) if (p.actor.id === id) return p.actor;
  return null;
}

/** Per article: the context-rule cues it holds (found on first need) and each surface's pick. */
interface AmbiguityCache {
  cues: Set<string> | null;
  picked: Map<string, string | null>;
}

function resolveAmbiguous(surface: string, scan: ArticleScan): string | null {
  const cache = scan.ambiguity;
  const hit = cache.picked.get(surface);
  if (hit !== undefined) return hit;
  const rule = scan.index.registry.ambiguity.get(surface);
  let picked: string | null = null;
  if (rule) {
    // Found once per article, and only here: most articles never need them.
    cache.cues ??= articleCues(scan);
    picked = resolveWithCues(rule, cache.cues);
  }
  cache.picked.set(surface, picked);
  return picked;
}

/**
 * The context-rule cues that occur in the article as whole words, case-sensitive: looked up by the key of
 * each token that may begin one (bit KEY_CUE), then checked in the paragraph text as containsWord would.
 */
function articleCues(scan: ArticleScan): Set<string> {
  const { index, works } = scan;
  const present = new Set<string>();
  const byFirstKey = index.cues.byFirstKey;
  for (const work of works) {
    const t = work.tokens;
    for (let i = 0; i < t.count; i++) {
      if (!tokenMayHave(work, index, i, KEY_CUE)) continue;
      const cues = byFirstKey.get(t.key[i]);
      if (cues === undefined) continue;
      for (const cue of cues) if (!present.has(cue) && wordAt(work.text, cue, t.start[i])) present.add(cue);
    }
  }
  if (index.cues.other.length > 0) {
    const text = scan.record.paragraphs.map((p) => p.text).join(PARAGRAPH_JOINER);
    for (const cue of index.cues.other) if (containsWord(text, cue)) present.add(cue);
  }
  return present;
}
