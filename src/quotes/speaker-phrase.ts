import type { Lexicon } from "./lexicon.ts";
import { bare, isCapitalised, isInitial, isPossessive, type Tokens } from "./tokens.ts";

/**
 * Speaker phrases around a cue, read from flat tokens: the subject before a cue ("NATO sources say"),
 * the phrase after an inverted or "according to" cue ("said Pasi Virtanen, an analyst"), the subject of the
 * clause for participle cues ("X mocked Y, saying …"), and the name inside a phrase
 * ("Mr. Putin's spokesman, Dmitri S. Peskov" → "Dmitri S. Peskov").
 * Known failures: subjects after long fronted phrases without a comma; names written all in lower case.
 */

/** A speaker phrase as token indices [from, to) in its paragraph; kind says how to read it. */
export interface Phrase {
  from: number;
  to: number;
  kind: "name" | "pronoun" | "group" | "role";
}

/** Determiners and quantifiers that may open a speaker phrase. */
const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "some",
  "several",
  "many",
  "other",
  "two",
  "three",
  "four",
  "few",
  "most",
  "one",
  "another",
  "her",
  "his",
  "their",
  "its",
  "our",
  "senior",
  "top",
  "both",
  "numerous",
  "various",
  "those",
  "these",
  "unnamed",
  "anonymous",
]);
/** Lower-case words that join parts of a name ("Secretary of State", "Charles de Gaulle"). */
const NAME_JOINERS = new Set([
  "of",
  "de",
  "del",
  "da",
  "van",
  "von",
  "bin",
  "al",
  "la",
  "le",
  "der",
  "den",
  "for",
]);
/** Most lower-case modifiers allowed before a group or role head ("senior Western officials"). */
const MAX_MODIFIERS = 4;

/** A contracted pronoun or verb: "They'll", "We've", "I'd". */
const CONTRACTION = /['’](?:ll|re|ve|d|m)$/iu;

/** True when the token may sit inside a proper-name run. */
export function isNameToken(lex: Lexicon, word: string): boolean {
  if (isInitial(word)) return true;
  if (lex.honorifics.has(word)) return true;
  // "They'll", "We're": a pronoun with a contraction, never a name.
  if (CONTRACTION.test(word)) return false;
  return (
    isCapitalised(word) &&
    !lex.notNames.has(bare(word)) &&
    !lex.pronouns.has(word.toLowerCase()) &&
    !lex.notSpeakers.has(bare(word).toLowerCase())
  );
}

function isHead(lex: Lexicon, w: string): "group" | "role" | null {
  const lw = bare(w).toLowerCase();
  if (lex.groups.has(lw)) return "group";
  if (lex.roles.has(lw)) return "role";
  return null;
}

function isPunct(w: string): boolean {
  return w.length === 1 && /[,;:()[\]\u2014\u2013]/.test(w);
}

/**
 * The speaker phrase that ends just before token `end` (exclusive), not reaching before `floor`.
 * `blocked(i)` says a token is inside a quotation. Returns null when no subject stands there.
 * @example phraseBefore(lex, tokenize("NATO sources say"), 2, 0, () => false) // { from: 0, to: 2, kind: "group" }
 */
export function phraseBefore(
  lex: Lexicon,
  t: Tokens,
  end: number,
  floor: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  const w = t.words;
  let j = end - 1;
  while (j >= floor && !blocked(j) && (lex.auxiliaries.has(w[j].toLowerCase()) || ADVERB.test(w[j]))) j--;
  if (j < floor || blocked(j)) return null;
  j = skipParenthesis(w, j, floor);
  if (j < floor || blocked(j)) return null;
  const lw = w[j].toLowerCase();
  if (lw === "who" || lw === "that") {
    // "support from President Xi Jinping, who said": the antecedent may sit anywhere, even after a preposition.
    j--;
    if (j >= floor && w[j] === ",") j--;
    const antecedent = phraseEndingAt(lex, t, j, floor, blocked);
    if (antecedent) return antecedent;
  }
  let commaSkips = 0;
  while (j >= floor && w[j] === "," && commaSkips < MAX_COMMA_SKIPS) {
    // An appositive or aside closes here: "Jake Sullivan, said"; "Mr. X, for instance, told";
    // "Jo Benn, 58, who lives outside Dover, says": a name inside the aside ("Dover") is not the subject.
    j = skipParenthesis(w, j - 1, floor);
    const found = phraseEndingAt(lex, t, j, floor, blocked);
    if (found && opensChunk(w, found.from, floor, blocked))
      return widenAppositive(lex, t, found, floor, blocked);
    while (j >= floor && !blocked(j) && w[j] !== ",") j--;
    commaSkips++;
  }
  if (j < floor || blocked(j)) return null;
  const found = phraseEndingAt(lex, t, j, floor, blocked);
  const objectOfPreposition =
    found !== null && found.from - 1 >= floor && PREPOSITIONS.has(w[found.from - 1]);
  if (found && !objectOfPreposition) return widenAppositive(lex, t, found, floor, blocked);
  return headBeforeModifier(lex, t, j, floor, blocked);
}

/** Prepositions that open a post-modifier between a subject and its cue ("Experts on Korea said"). */
const PREPOSITIONS = new Set([
  "in",
  "from",
  "on",
  "at",
  "of",
  "for",
  "with",
  "to",
  "around",
  "across",
  "inside",
  "outside",
  "near",
  "within",
  "after",
  "during",
]);
/** Longest post-modifier, in words, between a subject's head and its cue. */
const MAX_POST_MODIFIER = 8;

/**
 * "Experts on Korea and arms control said", "Those close to him say", "Sanders on Tuesday said": the head
 * before a prepositional phrase that ends at token j. A time phrase ("on Tuesday") is left out of the speaker.
 */
function headBeforeModifier(
  lex: Lexicon,
  t: Tokens,
  j: number,
  floor: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  const w = t.words;
  for (let k = j; k > floor && j - k < MAX_POST_MODIFIER; k--) {
    if (blocked(k) || w[k] === "," || w[k] === ";" || lex.formToLemma.has(w[k].toLowerCase())) return null;
    if (!PREPOSITIONS.has(w[k])) continue;
    let h = k - 1;
    if (w[h] === "close" || w[h] === "closest") h--;
    const head =
      phraseEndingAt(lex, t, h, floor, blocked) ??
      (w[h] === "Those" || w[h] === "those" ? { from: h, to: h + 1, kind: "group" as const } : null);
    if (!head || head.kind === "pronoun") continue;
    const timeOnly = k + 1 <= j && lex.notNames.has(bare(w[j])) && j - k <= 2;
    return { from: head.from, to: timeOnly ? head.to : j + 1, kind: head.kind };
  }
  return null;
}

/** Asides a subject may stand before, each closed by a comma ("Jo Benn, 58, who lives in Dover, says"). */
const MAX_COMMA_SKIPS = 3;

/** True when a phrase starting at token i opens its comma-delimited chunk (so it can be a subject or appositive). */
function opensChunk(w: string[], i: number, floor: number, blocked: (i: number) => boolean): boolean {
  if (i - 1 < floor || blocked(i - 1)) return true;
  const before = w[i - 1];
  return (
    before === "," ||
    before === "(" ||
    before === ":" ||
    before === ";" ||
    before === "\u2014" ||
    before === "\u2013"
  );
}

/** "Sen. Jane Roe (D-Ore.) said": the token before the parenthesis, or j itself when none closes there. */
function skipParenthesis(w: string[], j: number, floor: number): number {
  if (j < floor || w[j] !== ")") return j;
  let k = j - 1;
  while (k >= floor && w[k] !== "(" && j - k < 12) k--;
  return k >= floor && w[k] === "(" ? k - 1 : j;
}

/** "Fyodor Petrov, a well-known analyst," → prefer the name before a role appositive. */
function widenAppositive(
  lex: Lexicon,
  t: Tokens,
  p: Phrase,
  floor: number,
  blocked: (i: number) => boolean,
): Phrase {
  if (p.kind !== "role" || p.from - 2 < floor || t.words[p.from - 1] !== ",") return p;
  const before = phraseEndingAt(lex, t, p.from - 2, floor, blocked);
  if (before && before.kind === "name") return { from: before.from, to: p.to, kind: "name" };
  return p;
}

/** The phrase whose last token is j, read backwards. */
function phraseEndingAt(
  lex: Lexicon,
  t: Tokens,
  j: number,
  floor: number,
  blocked: (i: number) => boolean,
): Phrase | null {
  if (j < floor || blocked(j)) return null;
  const w = t.words;
  const lw = bare(w[j]).toLowerCase();
  if (lex.pronouns.has(lw)) {
    if (lw === "two" && j - 1 >= floor && w[j - 1].toLowerCase() === "the")
      return { from: j - 1, to: j + 1, kind: "pronoun" };
    return { from: j, to: j + 1, kind: "pronoun" };
  }
  if (lw === "two" && j - 1 >= floor && w[j - 1].toLowerCase() === "the")
    return { from: j - 1, to: j + 1, kind: "pronoun" };
  if (lex.notSpeakers.has(lw)) return null;
  if (/^\d+$/u.test(lw) && j - 2 >= floor && w[j - 1] === "in") {
    // Poll shares: "Six in 10 say", "about 4 in 10 said".
    let i = j - 2;
    while (
      i - 1 >= floor &&
      !blocked(i - 1) &&
      /^(?:about|nearly|almost|roughly|more|than|fewer|less|some|over|under)$/iu.test(w[i - 1])
    )
      i--;
    return { from: i, to: j + 1, kind: "group" };
  }
  const head = isHead(lex, w[j]);
  let i = j;
  let kind: Phrase["kind"];
  if (head) {
    kind = head;
    let mods = 0;
    i = j - 1;
    while (i >= floor && !blocked(i)) {
      const x = w[i];
      if (isNameToken(lex, x) || isPossessive(x)) {
        i--;
        continue;
      }
      const lx = x.toLowerCase();
      if (
        DETERMINERS.has(lx) ||
        (mods < MAX_MODIFIERS &&
          /^[\p{Ll}-]+$/u.test(x) &&
          (lex.groups.has(lx) || lex.roles.has(lx) || ADJECTIVE.test(x)))
      ) {
        mods++;
        i--;
        continue;
      }
      // A noun modifier opening the phrase: "the rights group", "a campaign spokesman", ", port officials said".
      if (
        mods < MAX_MODIFIERS &&
        /^[\p{Ll}-]+$/u.test(x) &&
        (i - 1 < floor || blocked(i - 1) || DETERMINERS.has(w[i - 1].toLowerCase()) || w[i - 1] === ",") &&
        !lex.formToLemma.has(lx)
      ) {
        mods++;
        i--;
        continue;
      }
      break;
    }
    i++;
    // "The Americans" at a sentence start is a group; a bare capitalised group noun is too.
  } else if (isNameToken(lex, w[j]) && !isPossessive(w[j])) {
    kind = "name";
    i = j - 1;
    while (i >= floor && !blocked(i)) {
      const x = w[i];
      if (isNameToken(lex, x) || isPossessive(x) || isHead(lex, x)) {
        i--;
        continue;
      }
      if (NAME_JOINERS.has(x) && i - 1 >= floor && isNameToken(lex, w[i - 1])) {
        i--;
        continue;
      }
      if (x.toLowerCase() === "the" || x.toLowerCase() === "former") {
        i--;
        continue;
      }
      break;
    }
    i++;
  } else {
    return null;
  }
  return { from: i, to: j + 1, kind };
}

/** Manner and time adverbs between a subject and its cue ("she bluntly said", "he now says"). */
const ADVERB = /^(?:\p{Ll}+ly|now|still|again|once|soon|too)$/u;

/** Lower-case modifiers before a group head: adjectives by their endings, nationality words, ranks. */
const ADJECTIVE =
  /^(?:[\p{Ll}-]+(?:al|ian|ean|ish|ese|ic|ive|ior|ent|ant|ed|ful|ous|ary|ern|ile)|senior|junior|top|former|local|western|eastern|several|many|other|some|military|intelligence|government|administration|defense|defence|security|foreign|state|party|campaign|opposition|police|industry|health|election|border|ukrainian|russian|american)$/u;

/**
 * The speaker phrase that starts at token `from`: after an inverted cue ("said Jane Roe, a researcher")
 * or "according to". Stops at a comma, a verb-like lower-case word, or `ceiling`.
 * @example phraseAfter(lex, tokenize("said Jane Roe, an analyst"), 1, 5, () => false) // { from: 1, to: 3, kind: "name" }
 */
export function phraseAfter(
  lex: Lexicon,
  t: Tokens,
  from: number,
  ceiling: number,
  blocked: (i: number) => boolean,
  loose = false,
): Phrase | null {
  const w = t.words;
  if (from >= ceiling || blocked(from)) return null;
  const first = bare(w[from]).toLowerCase();
  if (lex.pronouns.has(first)) return { from, to: from + 1, kind: "pronoun" };
  if (first === "the" && from + 1 < ceiling && bare(w[from + 1]).toLowerCase() === "two")
    return { from, to: from + 2, kind: "pronoun" };
  let i = from;
  let sawName = false;
  let head: "group" | "role" | null = null;
  while (i < ceiling && !blocked(i)) {
    const x = w[i];
    if (isPunct(x)) break;
    const lx = bare(x).toLowerCase();
    if (isPossessive(x) && !isCapitalised(x)) {
      // "the premier's spokesman": a possessor modifies the head that follows.
      i++;
      continue;
    }
    if (isNameToken(lex, x) || isPossessive(x)) {
      if (lex.groups.has(lx)) head = "group";
      sawName = true;
      i++;
      if (x.endsWith(".") && !isInitial(x) && !lex.honorifics.has(x) && !/^(?:\p{L}\.)+$/u.test(x)) break;
      continue;
    }
    if (NAME_JOINERS.has(x) && sawName && i + 1 < ceiling && isNameToken(lex, w[i + 1])) {
      i++;
      continue;
    }
    const h = isHead(lex, x);
    if (h) {
      head = h;
      i++;
      if (x.endsWith(".")) break;
      continue;
    }
    const nx = i + 1 < ceiling ? w[i + 1] : "";
    if (
      (DETERMINERS.has(lx) ||
        ADJECTIVE.test(bare(x)) ||
        (nx && /^\p{Ll}[\p{Ll}-]*$/u.test(x) && isHead(lex, nx))) &&
      nx &&
      (isHead(lex, nx) ||
        isNameToken(lex, nx) ||
        isPossessive(nx) ||
        ADJECTIVE.test(bare(nx)) ||
        DETERMINERS.has(nx.toLowerCase()))
    ) {
      i++;
      continue;
    }
    if (loose && (head || sawName)) {
      // "according to officials from several member states": keep the post-modifier up to the comma.
      let k = i;
      while (k < ceiling && !blocked(k) && !isPunct(w[k]) && k - from < 14) k++;
      if (k < ceiling && w[k] === ",") i = k;
    }
    break;
  }
  if (i === from || (!sawName && !head)) {
    // "says a narrator." / "said one voter,": a determiner and a few plain words up to a stop.
    if (!DETERMINERS.has(first)) return null;
    let k = from + 1;
    while (
      k < ceiling &&
      k - from <= 4 &&
      !blocked(k) &&
      /^[\p{Ll}-]+\.?$/u.test(w[k]) &&
      !lex.formToLemma.has(bare(w[k]))
    )
      k++;
    const stop = k >= ceiling || w[k] === "," || w[k] === ";" || w[k - 1].endsWith(".");
    if (k > from + 1 && stop) return { from, to: k, kind: "role" };
    return null;
  }
  // "Scott's" alone is an owner, not a speaker.
  if (isPossessive(w[i - 1])) return null;
  const kind: Phrase["kind"] = head === "group" ? "group" : sawName ? "name" : (head ?? "role");
  return { from, to: i, kind };
}

/** A name found inside a speaker phrase, with its token range and what the phrase says of gender. */
export interface NameInPhrase {
  name: string | null;
  from: number;
  to: number;
  gender: "m" | "f" | null;
}

/**
 * The person's name inside a phrase: the first run of name words that is not a possessive, with leading
 * titles and honorifics stripped ("Deputy Foreign Minister Sergei A. Ryabkov" → "Sergei A. Ryabkov").
 * @example nameInPhrase(lex, tokenize("Mr. Putin's spokesman, Dmitri S. Peskov"), 0, 7).name // "Dmitri S. Peskov"
 */
export function nameInPhrase(lex: Lexicon, t: Tokens, from: number, to: number): NameInPhrase {
  const w = t.words;
  let gender: "m" | "f" | null = null;
  for (let i = from; i < to; i++) {
    const g = lex.genderedRoles.get(bare(w[i]).toLowerCase());
    if (g) gender = g;
  }
  let i = from;
  while (i < to) {
    if (!isNameToken(lex, w[i])) {
      i++;
      continue;
    }
    let j = i;
    while (
      j < to &&
      (isNameToken(lex, w[j]) ||
        (NAME_JOINERS.has(w[j]) && j + 1 < to && isNameToken(lex, w[j + 1]) && j > i))
    ) {
      if (isPossessive(w[j])) break;
      j++;
    }
    const nextLower = j < to ? bare(w[j]).toLowerCase() : "";
    if (j < to && /^\p{Ll}/u.test(w[j]) && (lex.groups.has(nextLower) || lex.roles.has(nextLower))) {
      // "Senate aides", "Kremlin spokeswoman": the name only modifies the head.
      i = j + 1;
      continue;
    }
    if (j < to && isPossessive(w[j])) {
      // "Mr. Putin's spokesman": the possessor is not the speaker.
      i = j + 1;
      continue;
    }
    // "Bank of England governor Mervyn King", "S&P credit analyst Jane Roe": a name, plain words, then the
    // person's name with no comma between; the earlier name only says where the person works.
    let k = j;
    while (
      k < to &&
      k - j < 3 &&
      /^\p{Ll}[\p{Ll}-]*$/u.test(w[k]) &&
      !lex.formToLemma.has(w[k]) &&
      w[k] !== "who"
    )
      k++;
    if (k > j && k < to && isNameToken(lex, w[k]) && !lex.titles.has(w[k])) {
      i = k;
      continue;
    }
    let s = i;
    let honorific: "m" | "f" | null = null;
    while (
      s < j &&
      (lex.titles.has(w[s]) ||
        lex.titles.has(bare(w[s])) ||
        lex.honorifics.has(w[s]) ||
        NAME_JOINERS.has(w[s]) ||
        w[s] === "The" ||
        lex.groups.has(bare(w[s]).toLowerCase()))
    ) {
      const h = lex.honorifics.get(w[s]);
      if (h) honorific = h;
      s++;
    }
    if (s < j) {
      const name = t.text
        .slice(t.starts[s], t.ends[j - 1])
        .replace(/[.,]$/u, (m) => (isInitial(w[j - 1]) ? m : ""));
      return { name, from: s, to: j, gender: honorific ?? gender };
    }
    i = j + 1;
  }
  return { name: null, from, to: from, gender };
}
