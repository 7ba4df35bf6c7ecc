import type { CorpusArticle, CorpusEvent, CorpusQuote, CorpusRows } from "../../src/corpus/index.ts";
import type { Modality } from "../../src/record.ts";

/** Title and lead of reports on one made-up event, worded a little differently each time. */
export const DRILLS = [
  {
    title: "Armoured columns near Belgorod as snap drills begin",
    lead: "Armoured columns gathered near Belgorod for snap drills.",
  },
  {
    title: "Snap drills bring armoured columns to Belgorod",
    lead: "Columns of armour reached Belgorod on the second day of drills.",
  },
  {
    title: "What the Belgorod drills mean",
    lead: "The snap drills near Belgorod involve armoured columns and artillery.",
  },
];

/** A synthetic article row; ids are readable ("sha256:a1…") so story ids can be checked. */
export function art(id: string, date: string | null, over: Partial<CorpusArticle> = {}): CorpusArticle {
  return {
    id: `sha256:${id}`,
    publisher: "The Test Gazette",
    date,
    title: null,
    lead: null,
    genre: "reporting",
    nearDuplicateOf: null,
    actors: [],
    actorMentions: [],
    ...over,
  };
}

/** A synthetic event row between two countries. */
export function ev(
  articleId: string,
  pair: string,
  category: string,
  cameo: string,
  intensity: number,
  modality: Modality = "asserted",
  date: string | null = null,
): CorpusEvent {
  const [s, t] = pair.split(">");
  return {
    articleId: `sha256:${articleId}`,
    sourceActor: `state:${s}`,
    sourceCountry: s,
    targetActor: t ? `state:${t}` : null,
    targetCountry: t ?? null,
    category,
    cameo,
    intensity,
    modality,
    date,
  };
}

/** A quotation row; the speaker resolves to a person id made from the name unless `speakerActor` is given. */
export function quote(
  articleId: string,
  speakerName: string | null,
  speakerActor: string | null = speakerName ? `person:${speakerName.toLowerCase().replace(/ /g, "-")}` : null,
): CorpusQuote {
  return { articleId: `sha256:${articleId}`, kind: "direct", speakerName, speakerActor };
}

export function rowsOf(
  articles: CorpusArticle[],
  events: CorpusEvent[] = [],
  quotes: CorpusQuote[] = [],
): CorpusRows {
  return {
    articles,
    events,
    quotes,
    actors: [
      { id: "state:RUS", name: "Russia", kind: "state", country: "RUS" },
      { id: "state:UKR", name: "Ukraine", kind: "state", country: "UKR" },
      { id: "person:ivan-petrenko", name: "Ivan Petrenko", kind: "person", country: "UKR" },
      { id: "igo:OSCE", name: "OSCE", kind: "igo", country: null },
    ],
  };
}
