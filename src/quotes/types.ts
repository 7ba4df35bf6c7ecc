import type { Actor, Mention, QuoteKind } from "../record.ts";
import type { Phrase } from "./speaker-phrase.ts";

/** Who said it: the words used, the resolved name and actor, and where the words stand. */
export interface SpeakerRef {
  text: string;
  name: string | null;
  actor: string | null;
  paragraph: number;
  start: number;
  end: number;
  /** pronoun / name / group / role: how the speaker was written. */
  kind: Phrase["kind"];
}

/** One attribution: the words said (span in its paragraph), their kind, speaker and cue. */
export interface Attribution {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  speaker: SpeakerRef | null;
  cue: string | null;
  cueStart: number;
  cueEnd: number;
}

/** What the stage hands in: paragraph texts plus what earlier stages found (may be empty). */
export interface AttributionInput {
  paragraphs: readonly string[];
  mentions?: readonly Mention[];
  actors?: readonly Actor[];
  /** Sentence starts per paragraph from the nlp stage, when it ran. */
  sentenceStarts?: readonly (readonly number[])[];
}
