/** @jsxImportSource preact */
// The public error pages: 404 (an unknown address, incident or subscription link; a history page
// past the end), 400 (a bad query), 503 (nothing true to show while the database is unreachable).
import { Layout, renderPage } from "./layout";

export function renderProblem(pageName: string, heading: string, message: string): string {
  return renderPage(
    <Layout title={`${heading} · ${pageName}`} pageName={pageName} state={null}>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the status page</a>
      </p>
    </Layout>,
  );
}

export function renderNotFound(pageName: string): string {
  return renderProblem(pageName, "Page not found", "There is nothing at this address.");
}

/** A view this process has not cached, with the database unreachable. */
export function renderUnavailable(pageName: string): string {
  return renderProblem(pageName, "Temporarily unavailable", "This page cannot be shown while our database is unreachable. The current status is on the home page.");
}
