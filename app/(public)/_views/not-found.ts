// The public 404 (an unknown incident id, a history page past the end) and 400 (bad query).
import { html } from "@/lib/html/html";
import { renderDocument } from "./document";

export function renderProblem(pageName: string, heading: string, message: string): string {
  return renderDocument({ title: `${heading} · ${pageName}`, pageName, main: html`<h1>${heading}</h1><p>${message}</p><p><a href="/">Back to the status page</a></p>`, state: null });
}

/** A view this process has not cached, with the database unreachable. */
export function renderUnavailable(pageName: string): string {
  return renderProblem(pageName, "Temporarily unavailable", "This page cannot be shown while our database is unreachable. The current status is on the home page.");
}
