/**
 * Learns which capitalised words are never part of a person's name, from the CoNLL-2003 English train
 * split, for the actors stage's model gate: a capitalised run holding such a word ("Senate Majority",
 * "VR Systems", "Foreign Affairs") is not sent to the statistical recogniser as a person candidate.
 * A word qualifies when, in the train split, it is never inside a PER span and either capitalised
 * mid-sentence at least MIN_CAPITALISED times and used in lower case at least MIN_LOWER times (a common
 * word capitalised inside an organisation's or an event's name, not a rare surname like "Ford"), or used
 * in lower case at least MIN_LOWER_ONLY times (a common word that turns up capitalised only in headlines
 * and widget text: "Coverage Manafort", "Romney Weighs"). The actors stage drops from the list any word
 * of a registry person's name (see nonNameWords in src/actors/model-gate.ts). Also lists the words that
 * begin names of two or more words ("Jeff", "Sally") at least NAME_START_RATIO times as often as they are
 * capitalised otherwise: a run starting with one goes to the model whole. Writes
 * data/models/non-name-words.json with the thresholds, the counts and how many dev PER spans the list
 * would wrongly touch (a word of the list inside a gold PER span of eng.testa).
 *
 *   node --import tsx scripts/train-name-words.ts [--data ../shared/bench-data/ner/conll2003]
 *
 * Reads the data from ../shared at run time (never copied into the repo); the test split is not read.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultSharedDir, orReportMissing, requirePath } from "../src/eval/shared-data.ts";
import { foldKey } from "../src/nlp/index.ts";
import { readConll } from "../src/nlp/ner/conll.ts";

const MIN_CAPITALISED = 3;
const MIN_LOWER = 2;
const MIN_LOWER_ONLY = 3;
/** A word is a name start when it begins a multi-word PER name at least this many times as often as not. */
const NAME_START_RATIO = 2;
const OUT = fileURLToPath(new URL("../data/models/non-name-words.json", import.meta.url));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w);
const isLower = (w: string) => /^\p{Ll}+$/u.test(w);

function main(): void {
  const data = arg("data", join(defaultSharedDir(), "bench-data", "ner", "conll2003"));
  const splits = orReportMissing(() => ({
    train: readConll(requirePath(join(data, "eng.train"), "train-name-words: CoNLL-2003 train split")),
    dev: readConll(requirePath(join(data, "eng.testa"), "train-name-words: CoNLL-2003 dev split")),
  }));
  if (!splits) return;
  const { train, dev } = splits;
  const capitalised = new Map<string, number>();
  const inPerson = new Map<string, number>();
  const lower = new Map<string, number>();
  // Capitalised words that begin a name of two or more words ("Jeff" of "Jeff Sessions"), and how often
  // the same words are capitalised otherwise.
  const startsName = new Map<string, number>();
  const capitalisedElse = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const doc of train) {
    for (const s of doc.sentences) {
      s.tokens.forEach((w, i) => {
        const key = foldKey(w);
        if (s.tags[i].endsWith("PER")) bump(inPerson, key);
        if (isLower(w)) bump(lower, key);
        else if (i > 0 && isCapitalised(w)) bump(capitalised, key);
        if (!isCapitalised(w)) return;
        const begins =
          s.tags[i] === "B-PER" || (s.tags[i] === "I-PER" && (i === 0 || !s.tags[i - 1].endsWith("PER")));
        if (begins && s.tags[i + 1] === "I-PER") bump(startsName, key);
        else bump(capitalisedElse, key);
      });
    }
  }
  const nameStarts = [...startsName]
    .filter(([k, n]) => n >= NAME_START_RATIO * (capitalisedElse.get(k) ?? 0))
    .map(([k]) => k)
    .sort();
  const byCase = [...capitalised]
    .filter(([k, n]) => n >= MIN_CAPITALISED && !inPerson.has(k) && (lower.get(k) ?? 0) >= MIN_LOWER)
    .map(([k]) => k);
  const fromCase = new Set(byCase);
  const lowerOnly = [...lower]
    .filter(([k, n]) => n >= MIN_LOWER_ONLY && k.length >= 2 && !inPerson.has(k) && !fromCase.has(k))
    .map(([k]) => k);
  const words = [...byCase, ...lowerOnly].sort();
  const list = new Set(words);
  // How often the list would touch a real name: dev PER spans holding a listed word.
  let devSpans = 0;
  let devTouched = 0;
  const touched: string[] = [];
  for (const doc of dev) {
    for (const s of doc.sentences) {
      for (let i = 0; i < s.tokens.length; i++) {
        if (!s.tags[i].endsWith("PER") || (i > 0 && s.tags[i - 1].endsWith("PER") && s.tags[i][0] !== "B"))
          continue;
        let e = i + 1;
        while (e < s.tokens.length && s.tags[e].startsWith("I-") && s.tags[e].endsWith("PER")) e++;
        devSpans++;
        const span = s.tokens.slice(i, e);
        if (span.some((w) => list.has(foldKey(w)))) {
          devTouched++;
          if (touched.length < 20) touched.push(span.join(" "));
        }
      }
    }
  }
  const out = {
    what: "words never inside a person's name in CoNLL-2003 train, common capitalised or lower-case words (see scripts/train-name-words.ts)",
    command: "node --import tsx scripts/train-name-words.ts",
    data: "CoNLL-2003 English eng.train (train split); eng.testa only for the check below",
    minCapitalised: MIN_CAPITALISED,
    minLower: MIN_LOWER,
    minLowerOnly: MIN_LOWER_ONLY,
    count: words.length,
    countCapitalised: byCase.length,
    countLowerOnly: lowerOnly.length,
    devPersonSpans: devSpans,
    devPersonSpansTouched: devTouched,
    words,
    nameStartRatio: NAME_START_RATIO,
    nameStarts,
  };
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
  console.log(
    `${words.length} non-name words; dev PER spans touched: ${devTouched} of ${devSpans} (${((100 * devTouched) / devSpans).toFixed(2)}%)`,
  );
  if (touched.length) console.log(`e.g. ${touched.join(" | ")}`);
  console.log(`${nameStarts.length} words that start names`);
  console.log(`wrote ${OUT}`);
}

main();
