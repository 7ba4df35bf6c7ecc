/**
 * The "plover" suite: human-coded PLOVER sentences (shared/bench-data/events/plover_examples.*.jsonl),
 * each run through the whole pipeline as a one-paragraph text document.
 *
 * Which event is compared: the first coded event in text order whose modality is not negated or denied
 * (a sentence coded only with negated/denied events falls back to its first event). A sentence with no
 * event counts as wrong on every metric. Gold actor and recipient are lists (compounds): the source is
 * right when its country code is in the gold actor list (or, when gold has no actor, when ours is unknown); the target is right when its country is in the
 * gold recipient list, or — when gold has no recipient — when we coded none, or, for reciprocal gold
 * (every party in the actor list), when our target is one of those parties. A party's code is its
 * country; an intergovernmental actor without a country, or a person acting for one (sector IGO), counts as "IGO".
 */

import { resolve } from "node:path";
import { analyzeDocument } from "../../pipeline.ts";
import type { CodedEvent, EventParty } from "../../record.ts";
import { textDocument } from "../../record.ts";
import { fmt } from "../score.ts";
import { readJsonl, requirePath } from "../shared-data.ts";
import type { EvalOptions, EvalRow, EvalSuite } from "../types.ts";

const DEV = "bench-data/events/plover_examples.dev.jsonl";
const TEST = "bench-data/events/test-heldout/plover_examples.test.jsonl";
/** Targets from the task: each accuracy must reach this. */
const TARGET = 0.8;

interface GoldActor {
  actorText?: string;
  code: string;
}

interface PloverItem {
  id: string;
  text: string;
  event: string;
  mode: string | null;
  actor: GoldActor[];
  recipient: GoldActor[];
  reciprocal_markup?: boolean;
}

/** The code a party is scored by: its country, else IGO or NGO for such a body (or its officer) without one. */
export function partyCode(party: EventParty | null): string | null {
  if (!party) return null;
  if (party.country) return party.country;
  // A person who acts for an intergovernmental body (a UN secretary-general, an EU commissioner) carries
  // sector IGO and no country; the CAMEO/PLOVER codebooks code such a person as the body: IGO.
  if (party.actor?.startsWith("igo:") || party.sector === "IGO") return "IGO";
  // A non-governmental organisation without a country (Amnesty International, MSF) is coded NGO.
  if (party.sector === "NGO") return "NGO";
  return null;
}

/** The event compared against gold: first not negated/denied, else the first. */
export function pickEvent(events: readonly CodedEvent[]): CodedEvent | null {
  return events.find((e) => e.modality !== "negated" && e.modality !== "denied") ?? events[0] ?? null;
}

export const suite: EvalSuite = {
  name: "plover",
  description:
    "PLOVER event coding of human-coded sentences: category, source country, target country accuracy",
  needs: ["bench-data/events"],
  run: async (options: EvalOptions): Promise<EvalRow[]> => {
    const rel = options.split === "test" ? TEST : DEV;
    const path = requirePath(resolve(options.dataDir ?? options.sharedDir, rel), "plover eval");
    let items = readJsonl<PloverItem>(path);
    if (options.limit) items = items.slice(0, options.limit);
    let category = 0;
    let source = 0;
    let target = 0;
    let coded = 0;
    let asserted = 0;
    const confusion = new Map<string, number>();
    const started = performance.now();
    for (const item of items) {
      const record = analyzeDocument(textDocument(`plover:${item.id}`, item.text));
      const ev = pickEvent(record.events);
      const goldActors = item.actor.map((a) => a.code);
      const goldRecipients = item.recipient.map((a) => a.code);
      let okCat = false;
      let okSrc = false;
      let okTgt = false;
      if (ev) {
        coded++;
        if (ev.modality === "asserted") asserted++;
        okCat = ev.category === item.event;
        const src = partyCode(ev.source);
        okSrc = goldActors.length === 0 ? src === null : src !== null && goldActors.includes(src);
        const tgt = partyCode(ev.target);
        if (goldRecipients.length > 0) okTgt = tgt !== null && goldRecipients.includes(tgt);
        else if (item.reciprocal_markup) okTgt = tgt === null || goldActors.includes(tgt);
        else okTgt = tgt === null;
      }
      if (okCat) category++;
      else {
        const key = `${item.event}→${ev?.category ?? "none"}`;
        confusion.set(key, (confusion.get(key) ?? 0) + 1);
      }
      if (okSrc) source++;
      if (okTgt) target++;
      if (options.verbose && !(okCat && okSrc && okTgt)) {
        const got = ev
          ? `${ev.category} ${ev.cameo} ${partyCode(ev.source) ?? "-"}>${partyCode(ev.target) ?? "-"} ${ev.modality} [${ev.evidence}]`
          : "no event";
        options.verbose(
          `${item.id}: gold ${item.event} ${goldActors.join("+") || "-"}>${goldRecipients.join("+") || "-"}; got ${got}${okCat ? "" : " CAT"}${okSrc ? "" : " SRC"}${okTgt ? "" : " TGT"}\n  ${item.text}`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const n = items.length || 1;
    const accuracy = (metric: string, right: number): EvalRow => ({
      suite: "plover",
      metric,
      value: fmt(right / n),
      target: `≥ ${TARGET}`,
      pass: right / n >= TARGET,
    });
    const rows: EvalRow[] = [
      accuracy("category accuracy", category),
      accuracy("source country accuracy", source),
      accuracy("target country accuracy", target),
      {
        suite: "plover",
        metric: "sentences with an event",
        value: fmt(coded / n),
        note: `${coded}/${items.length}`,
      },
      { suite: "plover", metric: "compared event asserted", value: fmt(coded ? asserted / coded : 0) },
      { suite: "plover", metric: "sentences/s (full pipeline)", value: fmt(items.length / seconds, 0) },
    ];
    const top = [...confusion.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    if (top.length)
      rows.push({
        suite: "plover",
        metric: "top category confusions",
        value: top.map(([k, v]) => `${k} ${v}`).join(", "),
      });
    return rows;
  },
};
