import { html, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";

const STATUS_TITLES: Record<number, string> = {
  400: "Bad request",
  404: "Not found",
  405: "Method not allowed",
  500: "Something went wrong",
};

/**
 * An error page: the status and a one-line reason (which may echo what the user typed, escaped).
 * @example renderError(404, 'no article "sha256:00"')
 */
export function renderError(status: number, message: string): SafeHtml {
  const title = STATUS_TITLES[status] ?? `Error ${status}`;
  return page(
    title,
    html`<h1>${title}</h1><p class="error">${message}</p><p><a href="/">Back to the overview</a></p>`,
  );
}
