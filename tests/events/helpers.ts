/**
 * A tiny stand-in for the actors stage, for these tests only: a handful of states and people, matched
 * through the events layer's injectable actor table, so the tests do not depend on the real registry.
 */
import { codeEvents, compileActorTable, withActorTable } from "../../src/events/index.ts";
import { type Actor, type ArticleRecord, emptyRecord, type Genre, type Quote } from "../../src/record.ts";

const state = (code: string, name: string): Actor => ({
  id: `state:${code}`,
  name,
  kind: "state",
  country: code,
  sector: "GOV",
  role: null,
});
const nation = (code: string, name: string): Actor => ({
  id: `state:${code}`,
  name,
  kind: "state",
  country: code,
  sector: null,
  role: null,
});
const person = (slug: string, name: string, country: string): Actor => ({
  id: `person:${slug}`,
  name,
  kind: "person",
  country,
  sector: "GOV",
  role: null,
});

const RUS = state("RUS", "Russia");
const UKR = state("UKR", "Ukraine");
const USA = state("USA", "United States");
const GBR = state("GBR", "United Kingdom");
const FRA = state("FRA", "France");
const DEU = state("DEU", "Germany");
const KAZ = state("KAZ", "Kazakhstan");
const POL = state("POL", "Poland");

/** The stand-in table: names, capitals, demonyms and two people. */
export const TEST_TABLE = compileActorTable([
  { name: "Russia", actor: RUS },
  { name: "Moscow", actor: RUS },
  { name: "the Kremlin", actor: RUS },
  { name: "Russian", actor: nation("RUS", "Russia"), type: "NORP" },
  { name: "Ukraine", actor: UKR },
  { name: "Kyiv", actor: UKR },
  { name: "Ukrainian", actor: nation("UKR", "Ukraine"), type: "NORP" },
  { name: "the United States", actor: USA },
  { name: "the US", actor: USA },
  { name: "Washington", actor: USA },
  { name: "the UK", actor: GBR },
  { name: "Britain", actor: GBR },
  { name: "France", actor: FRA },
  { name: "Paris", actor: FRA },
  { name: "Germany", actor: DEU },
  { name: "Berlin", actor: DEU },
  { name: "Kazakhstan", actor: KAZ },
  { name: "Poland", actor: POL },
  { name: "Polish", actor: nation("POL", "Poland"), type: "NORP" },
  { name: "Warsaw", actor: POL },
  { name: "Sergei Lavrenko", actor: person("sergei-lavrenko", "Sergei Lavrenko", "RUS") },
  { name: "Lavrenko", actor: person("sergei-lavrenko", "Sergei Lavrenko", "RUS") },
  { name: "Anna Kowal", actor: person("anna-kowal", "Anna Kowal", "POL") },
  { name: "Kowal", actor: person("anna-kowal", "Anna Kowal", "POL") },
  // A union whose full name runs on past what the actors stage recognises ("Polish Dockers' Union of …").
  {
    name: "Polish Dockers",
    actor: {
      id: "org:polish-dockers",
      name: "Polish Dockers",
      kind: "org",
      country: "POL",
      sector: null,
      role: null,
    },
  },
  // A non-governmental organisation whose name holds a negator ("without"), as several real ones do.
  {
    name: "Medics Without Frontiers",
    actor: {
      id: "org:mwf",
      name: "Medics Without Frontiers",
      kind: "org",
      country: null,
      sector: "NGO",
      role: null,
    },
  },
  // A person the registry knows with neither country nor sector (new to it).
  {
    name: "Kenji Arata",
    actor: { ...person("kenji-arata", "Kenji Arata", "XXX"), country: null, sector: null },
  },
  // An intergovernmental body.
  {
    name: "the Danube Commission",
    actor: { id: "igo:DC", name: "Danube Commission", kind: "igo", country: null, sector: "IGO", role: null },
  },
  // A person who acts for an intergovernmental body: no country, sector IGO (as the actors stage codes them).
  {
    name: "Mira Tanaka",
    actor: { ...person("mira-tanaka", "Mira Tanaka", "XXX"), country: null, sector: "IGO" },
  },
  // A person the registry knows without a nationality, as the actors stage often does.
  { name: "Ivo Mrak", actor: { ...person("ivo-mrak", "Ivo Mrak", "XXX"), country: null } },
]);

export interface TestOptions {
  published?: string;
  genre?: Genre;
  /** Quotations as [quoted text, speaker actor id]; spans are found in the text. */
  quotes?: Array<[string, string]>;
}

/** Makes a record of a text, adds the stand-in actors (and test quotations), and codes events. */
export function code(text: string, options: TestOptions = {}): ArticleRecord {
  // Paragraphs are made here, not by the clean stage, so these tests hold whatever other stages do;
  // sentences are left to the events stage's own splitter.
  const doc = {
    uri: "test:events",
    format: "text" as const,
    contentType: "text" as const,
    content: text,
    meta: {},
    messages: [],
  };
  let record: ArticleRecord = {
    ...emptyRecord(doc, "test", "test"),
    paragraphs: text
      .split(/\n\s*\n/)
      .map((t, index) => ({ index, kind: "paragraph" as const, text: t.trim() })),
  };
  record = withActorTable(record, TEST_TABLE);
  if (options.published)
    record = {
      ...record,
      published: {
        date: options.published,
        earliest: options.published,
        latest: options.published,
        basis: "explicit",
      },
    };
  if (options.genre) record = { ...record, genre: options.genre };
  // The real quotes stage is replaced too: quotations come only from the test, so results stay fixed.
  record = { ...record, quotes: [] };
  if (options.quotes) {
    const quotes: Quote[] = [];
    for (const [q, speaker] of options.quotes) {
      for (const p of record.paragraphs) {
        const at = p.text.indexOf(q);
        if (at >= 0)
          quotes.push({
            paragraph: p.index,
            start: at,
            end: at + q.length,
            text: q,
            kind: "direct",
            speaker: { text: null, name: null, actor: speaker },
            cue: "said",
          });
      }
    }
    record = { ...record, quotes };
  }
  return codeEvents(record);
}

/** A compact view of events for asserts: "SRC>TGT CATEGORY cameo modality". */
export function brief(record: ArticleRecord): string[] {
  return record.events.map(
    (e) => `${e.source.country ?? "-"}>${e.target?.country ?? "-"} ${e.category} ${e.cameo} ${e.modality}`,
  );
}
