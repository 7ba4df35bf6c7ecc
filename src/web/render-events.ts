import { MODALITIES } from "../record.ts";
import type { StoredEvent } from "../store/index.ts";
import { type EventContext, eventsTable } from "./components.ts";
import { html, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";

/** The events form's current values, echoed back into it. */
export interface EventsForm {
  source?: string;
  target?: string;
  modality?: string;
  category?: string;
  publisher?: string;
  since?: string;
  until?: string;
  limit?: number;
}

const field = (name: keyof EventsForm, label: string, value: string | number | undefined, hint = "") =>
  html`<label>${label}<input name="${name}" value="${value ?? ""}" placeholder="${hint}"></label>`;

/**
 * Coded events with their filters as a GET form.
 * @example renderEvents({ source: "RUS" }, await store.events({ source: "RUS" }), new Map())
 */
export function renderEvents(form: EventsForm, events: StoredEvent[], context: EventContext): SafeHtml {
  const body = html`<h1>Events</h1>
<form class="filters" action="/events" method="get">
${field("source", "source", form.source, "RUS or state:RUS")}
${field("target", "target", form.target, "UKR")}
<label>modality<select name="modality"><option value="">any</option>${MODALITIES.map(
    (m) => html`<option${m === form.modality ? html` selected` : ""}>${m}</option>`,
  )}</select></label>
${field("category", "category", form.category, "THREATEN")}
${field("publisher", "publisher", form.publisher)}
${field("since", "since", form.since, "yyyy-mm-dd")}
${field("until", "until", form.until, "yyyy-mm-dd")}
${field("limit", "limit", form.limit)}
<button>Filter</button></form>
<p class="muted">${events.length} events, newest first.</p>
${eventsTable(events, context)}`;
  return page("Events", body);
}
