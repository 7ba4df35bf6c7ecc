import type { Actor, Mention } from "../record.ts";
import type { Lexicon } from "./lexicon.ts";
import type { Para } from "./scan-paragraph.ts";
import { isNameToken, type NameInPhrase, nameInPhrase, type Phrase } from "./speaker-phrase.ts";
import { bare, isCapitalised, isPossessive, type Tokens, tokenAt } from "./tokens.ts";
import type { Attribution, SpeakerRef } from "./types.ts";

/**
 * Speakers as people: names read from phrases and linked to actors, full names for "Mr. X", and the
 * antecedent of "he", "she" and "they" (a speaker earlier in the sentence, a speaker or the subject of the
 * previous sentence, then the latest compatible speaker).
 * Known failures: "he" whose antecedent is an object; first names alone; gender of names never marked by
 * an honorific, a role or an earlier pronoun.
 */

/** Known speaker or person, for pronoun resolution and full names. */
interface Known {
  name: string;
  actor: string | null;
  gender: "m" | "f" | null;
  plural: boolean;
  /** False for organisations and role phrases ("the ministry"), which "he" and "she" never refer to. */
  person: boolean;
}

function actorKindOf(actors: Map<string, Actor>, id: string | null): string | null {
  return id ? (actors.get(id)?.kind ?? null) : null;
}

/**
 * Per-article memory for pronouns and short names: who spoke, who was named, in which sentence.
 * @example after "“No,” said Jane Roe." a later "she said" resolves to { name: "Jane Roe" }
 */
export class ResolveState {
  private history: Known[] = [];
  private bySurname = new Map<string, Known>();
  private sentence: Known[] = [];
  private prevSentence: Known[] = [];
  private pending: { para: Para; ss: number; se: number } | null = null;
  private personMentions = new Map<number, Mention[]>();
  private actorById = new Map<string, Actor>();

  constructor(
    private lex: Lexicon,
    mentions: readonly Mention[] = [],
    actors: readonly Actor[] = [],
  ) {
    this.reset(mentions, actors);
  }

  /**
   * Forgets the previous article and reads this one's mentions and actors. One state can serve article
   * after article (extractAttributions keeps one per process, for the reason given there).
   */
  reset(mentions: readonly Mention[], actors: readonly Actor[]): void {
    this.history = [];
    this.bySurname.clear();
    this.sentence = [];
    this.prevSentence = [];
    this.pending = null;
    this.personMentions.clear();
    for (const m of mentions) {
      const list = this.personMentions.get(m.paragraph);
      if (list) list.push(m);
      else this.personMentions.set(m.paragraph, [m]);
    }
    this.actorById.clear();
    for (const a of actors) this.actorById.set(a.id, a);
  }

  /** Reads a phrase into a speaker: its words, its name (titles stripped), its actor when a mention covers it. */
  speakerOf(para: Para, phrase: Phrase): SpeakerRef {
    const { toks } = para;
    const start = toks.starts[phrase.from];
    const end = toks.ends[phrase.to - 1];
    let textOf = para.text.slice(start, end).replace(/[,;:]+$/u, "");
    if (textOf.endsWith(".") && !/(?:\b\p{Lu}|Mr|Mrs|Ms|Dr|Jr|Sr)\.$/u.test(textOf))
      textOf = textOf.slice(0, -1);
    if (phrase.kind === "pronoun")
      return {
        text: textOf,
        name: null,
        actor: null,
        paragraph: para.index,
        start,
        end: start + textOf.length,
        kind: "pronoun",
      };
    const found: NameInPhrase = nameInPhrase(this.lex, toks, phrase.from, phrase.to);
    let name = found.name;
    let actor: string | null = null;
    const mentions = this.personMentions.get(para.index) ?? [];
    // Only a mention over the name itself counts: "Mr. Putin's spokesman, Dmitri Peskov" is not Putin.
    const nameStart = found.name ? toks.starts[found.from] : start;
    const nameEnd = found.name ? toks.ends[found.to - 1] : end;
    for (const m of mentions) {
      if (!m.actor || m.end <= nameStart || m.start >= nameEnd) continue;
      if (/^['’]s?\b/u.test(para.text.slice(m.end, m.end + 2))) continue;
      if (phrase.kind === "group" && m.type !== "PERSON") {
        // "NATO officials", "Russian diplomats": the group stays the speaker, the body it belongs to the actor.
        actor = actor ?? m.actor;
        continue;
      }
      if (name && m.type !== "PERSON") continue;
      actor = m.actor;
      const a = this.actorById.get(m.actor);
      if (a && (m.type === "PERSON" || !name)) name = a.name;
      if (m.type === "PERSON") break;
    }
    if (phrase.kind === "group" && (!found.name || actorKindOf(this.actorById, actor) !== "person"))
      name = textOf.replace(/^(?:the|some|several|many|other)\s+/iu, "");
    // "The Harbour Authority", "the Tanaka administration": an organisation named by the whole phrase.
    if (!name && phrase.kind === "role" && /\p{Lu}/u.test(textOf.slice(1)))
      name = textOf.replace(/^(?:the|a|an)\s+/iu, "");
    const actorKind = actor ? this.actorById.get(actor)?.kind : undefined;
    // "The Harbour Authority", "The Daily Courier": a name led by "the" or ending in an organisation word.
    const orgName =
      found.name !== null &&
      (this.lex.orgWords.has(bare(toks.words[found.to - 1])) ||
        (found.from > phrase.from && /^the$/iu.test(toks.words[found.from - 1])));
    const personLike =
      phrase.kind !== "group" && (actorKind ? actorKind === "person" : found.name !== null && !orgName);
    if (name && !actor) {
      // "Mr. Peskov" after "Dmitri S. Peskov": the full name seen before.
      const last = surname(name);
      const known = this.bySurname.get(last);
      if (known && known.name.length > name.length) {
        name = known.name;
        actor = known.actor;
      }
    }
    return {
      text: textOf,
      name,
      actor,
      paragraph: para.index,
      start,
      end: start + textOf.length,
      kind: personLike ? "name" : phrase.kind === "name" ? "role" : phrase.kind,
    };
  }

  /** Resolves pronoun speakers to their antecedent; records the gender a pronoun reveals. */
  resolve(sp: SpeakerRef): SpeakerRef {
    if (sp.kind !== "pronoun") return sp;
    const key = sp.text.toLowerCase();
    const g = this.lex.pronouns.get(key) ?? null;
    // "I" is the writer or the quoted person; "it" is a paper or a report, which names no person.
    if (g === "s" || g === "n") return sp;
    const ok = (k: Known) =>
      g === "p" ? true : k.person && !k.plural && (k.gender === null || k.gender === g);
    const pick = (list: Known[]) => {
      for (let i = list.length - 1; i >= 0; i--) if (ok(list[i])) return list[i];
      return null;
    };
    let found: Known | null = null;
    if (g === "p")
      found = pick(this.sentence.filter((k) => k.plural)) ?? pick(this.prevSentence.filter((k) => k.plural));
    found = found ?? pick(this.sentence) ?? pick(this.prevSentence);
    if (!found) {
      const subject = this.previousSubject();
      if (subject && ok(subject)) found = subject;
    }
    found = found ?? pick(this.history);
    if (!found) {
      // The actors stage may have linked the pronoun itself; take its word when ours found nobody.
      const m = (this.personMentions.get(sp.paragraph) ?? []).find((x) => x.start === sp.start && x.actor);
      const a = m?.actor ? this.actorById.get(m.actor) : undefined;
      return a ? { ...sp, name: a.name, actor: a.id } : sp;
    }
    if (g === "m" || g === "f") found.gender = found.gender ?? g;
    return { ...sp, name: found.name, actor: found.actor };
  }

  /** Remembers an attribution's speaker for later pronouns. */
  note(a: Attribution): void {
    const sp = a.speaker;
    if (!sp?.name) return;
    const plural =
      sp.kind === "group" ||
      /\band\b/u.test(sp.text) ||
      (sp.kind === "pronoun" && this.lex.pronouns.get(sp.text.toLowerCase()) === "p");
    const person =
      sp.kind === "name" ||
      (sp.kind === "pronoun" && !plural && this.lex.pronouns.get(sp.text.toLowerCase()) !== "n");
    const known = this.known(sp.name, sp.actor, plural, genderOfText(this.lex, sp.text), person);
    this.sentence.push(known);
    this.history.push(known);
  }

  private known(
    name: string,
    actor: string | null,
    plural: boolean,
    gender: "m" | "f" | null,
    person = true,
  ): Known {
    const key = surname(name);
    const prev = this.bySurname.get(key);
    if (prev && !plural && (prev.name.includes(name) || name.includes(prev.name))) {
      if (name.length > prev.name.length) prev.name = name;
      prev.actor = prev.actor ?? actor;
      prev.gender = prev.gender ?? gender;
      return prev;
    }
    const k: Known = { name, actor, gender, plural, person };
    if (!plural) this.bySurname.set(key, k);
    return k;
  }

  /** Closes a sentence; its subject is only worked out if a later pronoun asks (most sentences have none). */
  endSentence(para: Para, ss: number, se: number): void {
    this.prevSentence = this.sentence;
    this.sentence = [];
    this.pending = { para, ss, se };
  }

  /** The previous sentence's first named person after any fronted clause: the likely antecedent of he/she. */
  private previousSubject(): Known | null {
    if (!this.pending) return null;
    const { para, ss, se } = this.pending;
    this.pending = null;
    const { toks } = para;
    let i = tokenAt(toks, ss);
    const end = tokenAt(toks, se);
    if (i < end && this.lex.subordinators.has(toks.words[i].toLowerCase())) {
      let k = i;
      while (k < end && toks.words[k] !== ",") k++;
      if (k < end) i = k + 1;
    }
    const mentions = (this.personMentions.get(para.index) ?? []).filter(
      (m) => m.type === "PERSON" && m.start >= toks.starts[i] && m.start < se,
    );
    let best: { pos: number; known: Known } | null = null;
    if (mentions.length) {
      const m = mentions[0];
      const a = m.actor ? this.actorById.get(m.actor) : undefined;
      best = { pos: m.start, known: this.known(a?.name ?? m.text, m.actor, false, null) };
    }
    if (!best && i < end && !para.blocked(i)) {
      // A titled or two-word name opening the main clause: "President Ivo Renn himself did not".
      const run = subjectName(this.lex, toks, i, end);
      if (run)
        best = {
          pos: toks.starts[i],
          known: this.bySurname.get(surname(run.name)) ?? this.known(run.name, null, false, run.gender),
        };
    }
    for (; i < end; i++) {
      if (para.blocked(i)) continue;
      const w = toks.words[i];
      const g = this.lex.honorifics.get(w);
      if (g === undefined || i + 1 >= end || !isCapitalised(toks.words[i + 1])) continue;
      if (best && best.pos < toks.starts[i]) break;
      const nm = bare(toks.words[i + 1]).replace(/['’]s?$/u, "");
      if (/['’]/u.test(toks.words[i + 1])) continue;
      const known = this.bySurname.get(nm);
      best = { pos: toks.starts[i], known: known ?? this.known(nm, null, false, g) };
      if (known && g) known.gender = known.gender ?? g;
      break;
    }
    return best ? best.known : null;
  }

  endParagraph(): void {
    this.prevSentence = [];
    this.sentence = [];
    this.pending = null;
  }
}

/** A person-like name at token i: a run of name words with a title or honorific before it, or two name words. */
function subjectName(
  lex: Lexicon,
  toks: Tokens,
  i: number,
  end: number,
): { name: string; gender: "m" | "f" | null } | null {
  let j = i;
  while (j < end && isNameToken(lex, toks.words[j]) && !isPossessive(toks.words[j])) j++;
  if (j === i) return null;
  let s = i;
  let gender: "m" | "f" | null = null;
  while (s < j && (lex.titles.has(toks.words[s]) || lex.honorifics.has(toks.words[s]))) {
    gender = lex.honorifics.get(toks.words[s]) ?? gender;
    s++;
  }
  if (s === j || (s === i && j - s < 2)) return null;
  return { name: toks.text.slice(toks.starts[s], toks.ends[j - 1]).replace(/[.,]$/u, ""), gender };
}

function surname(name: string): string {
  const parts = name.split(/\s+/u);
  return parts[parts.length - 1].replace(/[.,]$/u, "");
}

function genderOfText(lex: Lexicon, text: string): "m" | "f" | null {
  for (const w of text.split(/\s+/u)) {
    const h = lex.honorifics.get(w);
    if (h) return h;
    const r = lex.genderedRoles.get(w.toLowerCase().replace(/[,.]$/u, ""));
    if (r) return r;
  }
  return null;
}
