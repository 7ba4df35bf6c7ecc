/**
 * The actors layer's door: the stage, and a small lookup API for other layers (events codes source and
 * target countries from places; quotes resolves speakers from names).
 */
export {
  type FindActorsOptions,
  familyOf,
  findActors,
  type Recognizer,
  roleFamily,
  setDefaultRecognizer,
} from "./find-actors.ts";
export { lookupPerson, lookupPlace } from "./lookup.ts";
export { loadRegistry } from "./registry.ts";
