/**
 * The events layer: PLOVER/CAMEO event coding with modality and intensity.
 * @example import { codeEvents } from "./events/index.ts"; codeEvents(record).events
 */
export { type ActorTable, compileActorTable, type TableEntry, withActorTable } from "./actor-table.ts";
export { type CodeEventsOptions, codeEvents, codeEventsWith } from "./code-events.ts";
export { eventLexicon, type Lexicon, loadLexicon } from "./lexicon.ts";
export { resolveDate } from "./resolve-date.ts";
