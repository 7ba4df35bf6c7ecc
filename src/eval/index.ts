import { suite as actors } from "./suites/actors.ts";
import { suite as cleaneval } from "./suites/cleaneval.ts";
import { suite as html } from "./suites/html.ts";
import { suite as ingest } from "./suites/ingest.ts";
import { suite as ner } from "./suites/ner.ts";
import { suite as petrarch } from "./suites/petrarch.ts";
import { suite as plover } from "./suites/plover.ts";
import { suite as polnear } from "./suites/polnear.ts";
import { suite as quotes } from "./suites/quotes.ts";
import { suite as seeds } from "./suites/seeds.ts";
import type { EvalSuite } from "./types.ts";

/** Every eval suite, in the order the table prints them. `sitrep eval NAME` runs one. */
export const SUITES: readonly EvalSuite[] = [
  seeds,
  ingest,
  html,
  cleaneval,
  ner,
  actors,
  quotes,
  polnear,
  plover,
  petrarch,
];

export type { EvalOptions, EvalRow, EvalSuite } from "./types.ts";
