/**
 * The actors layer's door: the stage, and a small lookup API for other layers (events codes source and
 * target countries from places; quotes resolves speakers from names).
 */
export { type FindActorsOptions, findActors } from "./find-actors.ts";
export { lookupPerson, lookupPlace } from "./lookup.ts";
export { type Recognizer, setDefaultRecognizer } from "./model-gate.ts";
export { familyOf, roleFamily } from "./people.ts";
export { loadRegistry } from "./registry.ts";
