import { PASSIVE, skipDateline, sourceAfter, subjectOf } from "./find-subject.ts";
import type { Lexicon } from "./lexicon.ts";
import type { ResolveState } from "./resolve-speakers.ts";
import { type Cue, countWords, type Para } from "./scan-paragraph.ts";
import { type Phrase, phraseAfter, phraseBefore } from "./speaker-phrase.ts";
import { bare, type Tokens, tokenAt } from "./tokens.ts";
import type { Attribution } from "./types.ts";

/**
 * Reported speech without quotation marks: the clause after a cue (with or without "that"), the clause
 * before a cue at the end of a sentence, the object of cues like "called for".
 * Known failures: a cue in the middle of its clause ("the plan, she said, is dead") reports only one side;
 * verbs that take both objects and clauses ("announced the plan" vs "announced they would go").
 */

/** Tokens allowed between a cue and "that" ("said on Friday that", "told reporters in Kyiv that"). */
const MAX_TO_THAT = 12;

/** Words that open a noun object rather than a clause after cues that take both ("wrote a letter"). */
const OBJECT_OPENERS = new Set(["a", "an", "his", "her", "their", "its", "my", "our", "your"]);

/** Prepositions that may open a short phrase between a cue and its clause ("said after the vote he…"). */
const PP_BEFORE_CLAUSE = new Set(["after", "before", "during", "in", "on", "at", "since"]);
/** Longest such phrase, in words. */
const MAX_PP_BEFORE_CLAUSE = 5;
/** Subject pronouns that can open the clause after such a phrase. */
const SUBJECT_PRONOUNS = new Set(["he", "she", "they", "it", "we", "I"]);

/** Most words between a closing cue and a comma for what follows to be a separate clause ("said Friday, as …"). */
const MAX_ADVERBIAL_BEFORE_COMMA = 4;

/** True when a comma follows token i within a few words: the tail after a cue is an adverbial, then a new clause. */
function commaSoonAfter(toks: Tokens, i: number, end: number): boolean {
  for (let k = i; k < end && k - i <= MAX_ADVERBIAL_BEFORE_COMMA; k++) if (toks.words[k] === ",") return true;
  return false;
}

/** The word before token i, lower-cased ("" at the start). */
function prevWordOf(toks: Tokens, i: number): string {
  return i > 0 ? toks.words[i - 1].toLowerCase() : "";
}

/** Fewer words than this before a mid-sentence cue are a fronted phrase, not the reported clause. */
const MIN_FRONT_CLAUSE = 5;

/** Characters trimmed from the end of reported content. */
const TRAILING = " \t\n\u00A0.,;:!?)";

/** Any quotation mark, to tell a clause that is nothing but a quotation. */
const QUOTE_MARK = /["“”„«»]|‘‘|’’|''/u;

/**
 * Indirect speech around a cue that no quotation used: "X said (on Friday) (that) …", "…, X said.",
 * "according to X, …", "called for …". Returns null when the cue has no speaker or no reported clause.
 * @example the cue "said" in "Ruth Kessler said that the corridor would reopen." → content "the corridor would reopen"
 */
export function indirectAt(
  lex: Lexicon,
  para: Para,
  cue: Cue,
  ss: number,
  se: number,
  state: ResolveState,
): Attribution | null {
  if (!lex.takesClause.has(cue.lemma) && !lex.objectContent.has(cue.lemma) && !lex.objectVerbs.has(cue.lemma))
    return null;
  const { text, toks, blocked } = para;
  const sentenceStart = tokenAt(toks, ss);
  const sentenceEnd = tokenAt(toks, se);
  let contentStart = -1;
  let contentEnd = -1;
  let phrase: Phrase | null = null;
  const trimEnd = (e: number) => {
    let x = e;
    while (x > 0 && TRAILING.includes(text[x - 1])) x--;
    return x;
  };
  if (lex.speakerAfter.has(cue.lemma)) {
    phrase = sourceAfter(lex, toks, cue.tokEnd, sentenceEnd, blocked);
    if (!phrase) return null;
    const afterPhrase = phrase.to < toks.starts.length ? toks.starts[phrase.to] : text.length;
    // "According to X, A." reports what follows; "A, according to X, an analyst." what comes before.
    const fronted = cue.tok - sentenceStart < 3;
    if (fronted && afterPhrase < se && toks.words[phrase.to] === ",") {
      contentStart = toks.ends[phrase.to];
      contentEnd = trimEnd(se);
    } else if (cue.tok > sentenceStart) {
      contentStart = ss;
      contentEnd = trimEnd(cue.start);
    } else return null;
  } else {
    const prevWord = cue.tok - 1 >= sentenceStart ? toks.words[cue.tok - 1] : "";
    const tailWords = sentenceEnd - cue.tokEnd;
    if (cue.tok - sentenceStart >= 4) {
      // Post-position: "…, said the minister." / "…, sources said." with little after the cue.
      if (prevWord === ",") {
        const after = phraseAfter(lex, toks, cue.tokEnd, sentenceEnd, blocked);
        if (after && (after.to >= sentenceEnd - 1 || toks.words[after.to] === ",")) {
          phrase = after;
          contentStart = toks.starts[skipDateline(toks, sentenceStart, cue.tok)];
          contentEnd = trimEnd(toks.starts[cue.tok - 1] + 1);
        }
      } else if (
        tailWords <= 8 ||
        (cue.tokEnd < sentenceEnd && toks.words[cue.tokEnd] === ",") ||
        commaSoonAfter(toks, cue.tokEnd, sentenceEnd)
      ) {
        const before = phraseBefore(lex, toks, cue.tok, sentenceStart, blocked);
        const comma = before ? before.from - 1 : -1;
        let clauseAfter = false;
        for (let i = cue.tokEnd; i < sentenceEnd; i++) if (toks.words[i] === "that") clauseAfter = true;
        // Only adverbials may follow a post-position cue ("…, she said on Monday."), never a clause.
        const tailFirst = cue.tokEnd < sentenceEnd ? bare(toks.words[cue.tokEnd]).toLowerCase() : "";
        const adverbialTail = tailFirst === "" || tailFirst === "," || lex.clauseBlockers.has(tailFirst);
        if (
          before &&
          comma > sentenceStart + 2 &&
          toks.words[comma] === "," &&
          !clauseAfter &&
          adverbialTail
        ) {
          phrase = before;
          contentStart = toks.starts[skipDateline(toks, sentenceStart, comma)];
          contentEnd = trimEnd(toks.starts[comma] + 1);
          // "In the end, Mr. Roe said, the vote …": a short fronted phrase; the clause follows the cue.
          if (tailFirst === "," && comma - sentenceStart < MIN_FRONT_CLAUSE && cue.tokEnd + 1 < sentenceEnd) {
            contentStart = toks.starts[cue.tokEnd + 1];
            contentEnd = trimEnd(se);
          }
        }
      }
    }
    if (!phrase) {
      phrase = subjectOf(lex, para, cue, sentenceStart);
      if (!phrase) return null;
      let k = cue.tokEnd;
      if (k < sentenceEnd && toks.words[k] === ":") k++;
      let that = -1;
      let infinitive = -1;
      for (let i = k; i < sentenceEnd && i - k <= MAX_TO_THAT; i++) {
        // A quoted hearer may stand before "that": told the show “Morning Talk” that …
        if (blocked(i)) continue;
        const w = toks.words[i];
        if (w === "that" || w === "whether") {
          that = i;
          break;
        }
        if (w === "to" && infinitive < 0) infinitive = i;
        if (w === "," || w === ";" || lex.formToLemma.has(w.toLowerCase())) break;
      }
      const first = k < sentenceEnd ? toks.words[k] : ",";
      const lf = bare(first).toLowerCase();
      if (that >= 0) k = that + (toks.words[that] === "that" ? 1 : 0);
      else if (lex.objectContent.has(cue.lemma) || (lex.objectVerbs.has(cue.lemma) && infinitive >= 0)) {
        // "called for a moratorium", "urged lawmakers to act", "pledged to cut taxes": the object is the content.
        if (first === "," || blocked(k) || (cue.lemma === "call" && PASSIVE.has(prevWordOf(toks, cue.tok))))
          return null;
      } else {
        if (
          !lex.takesClause.has(cue.lemma) ||
          !lex.bareClause.has(cue.lemma) ||
          lex.objectVerbs.has(cue.lemma)
        )
          return null;
        if (PP_BEFORE_CLAUSE.has(lf)) {
          // "said after the convention he would not…": step over a short phrase to a pronoun subject.
          let q = k + 1;
          while (
            q < sentenceEnd &&
            q - k <= MAX_PP_BEFORE_CLAUSE &&
            !SUBJECT_PRONOUNS.has(toks.words[q]) &&
            toks.words[q] !== ","
          )
            q++;
          if (q < sentenceEnd && SUBJECT_PRONOUNS.has(toks.words[q]) && q - k <= MAX_PP_BEFORE_CLAUSE) k = q;
          else return null;
        } else if (first === "," || lex.clauseBlockers.has(lf) || lex.formToLemma.has(lf)) return null;
        // "wrote a letter", "announced his plan": after cues that also take objects, only a pronoun or a name opens a clause.
        if (!lex.takesBareObjectlessClause.has(cue.lemma) && OBJECT_OPENERS.has(lf)) return null;
      }
      if (k >= sentenceEnd) return null;
      contentStart = toks.starts[k];
      contentEnd = trimEnd(se);
      // A semicolon ends the reported clause ("X say A; Y say B").
      for (let i = k; i < sentenceEnd; i++) {
        if (toks.words[i] === ";" && !blocked(i)) {
          contentEnd = trimEnd(toks.starts[i]);
          break;
        }
      }
    }
  }
  if (contentStart < 0 || contentEnd <= contentStart) return null;
  while (contentStart < contentEnd && TRAILING.includes(text[contentStart]) && text[contentStart] !== ")")
    contentStart++;
  // "X said A and said B": the second cue starts its own attribution, so A ends before it.
  for (const other of para.cues) {
    if (other.start <= contentStart || other.start >= contentEnd) continue;
    let b = other.tok - 1;
    while (b > 0 && lex.auxiliaries.has(toks.words[b].toLowerCase())) b--;
    if (b > 0 && (toks.words[b] === "and" || toks.words[b] === "but") && toks.starts[b] > contentStart) {
      contentEnd = trimEnd(toks.starts[b]);
      break;
    }
    // "… that A, the source added.": a closing attribution of its own ends the clause before its comma.
    if (other.tok > 0 && toks.words[other.tok - 1] === "," && sentenceEnd - other.tokEnd <= 8) {
      contentEnd = trimEnd(toks.starts[other.tok - 1]);
      break;
    }
    const subject = phraseBefore(lex, toks, other.tok, tokenAt(toks, contentStart), blocked);
    if (
      subject &&
      subject.from > 0 &&
      toks.words[subject.from - 1] === "," &&
      sentenceEnd - other.tokEnd <= 8
    ) {
      contentEnd = trimEnd(toks.starts[subject.from - 1]);
      break;
    }
  }
  if (contentEnd <= contentStart) return null;
  const content = text.slice(contentStart, contentEnd);
  if (countWords(content) < 3) return null;
  // A clause that is nothing but one quotation is the quotation's, already reported.
  const stripped = content.replace(QUOTE_MARK, "");
  if (QUOTE_MARK.test(content[0] ?? "") && !QUOTE_MARK.test(stripped.slice(0, -2))) return null;
  return {
    paragraph: para.index,
    start: contentStart,
    end: contentEnd,
    text: content,
    kind: "indirect",
    speaker: state.speakerOf(para, phrase),
    cue: text.slice(cue.start, cue.end),
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}
