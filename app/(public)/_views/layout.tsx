/** @jsxImportSource preact */
// The one layout of every public page: the HTML document with inline CSS and script, the notices
// (database unreachable: stale data; worker silent: monitoring delayed) and the footer.
// `renderPage` turns a page into the HTML string a route answers with: Preact renders it on the
// server and escapes every value by construction; no framework code reaches the browser.
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { CLIENT_SCRIPT } from "./client-script";
import { Time } from "./parts";
import { PUBLIC_CSS } from "./public-css";

export type DocumentState = {
  /** The data could not be refreshed from the database; it is as of `generatedAt`. */
  stale: boolean;
  monitoringStale: boolean;
  generatedAt: string;
  lastHeartbeatAt: string | null;
};

export type LayoutProps = {
  title: string;
  pageName: string;
  state: DocumentState | null;
  /** The home page follows the live change stream (client-script.ts). */
  live?: boolean;
  /** Pages whose address holds a secret (subscription tokens): no Referer leaves with it, no indexing. */
  private?: boolean;
  children: ComponentChildren;
};

export function renderPage(page: VNode): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}

export function Layout({ title, pageName, state, live, private: isPrivate, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content="Current status, incidents and scheduled maintenance" />
        {isPrivate ? (
          <>
            {/* "same-origin", not "no-referrer": form posts keep their Origin header. */}
            <meta name="referrer" content="same-origin" />
            <meta name="robots" content="noindex" />
          </>
        ) : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32" />
        <link rel="alternate" type="application/atom+xml" title={`${pageName} history (Atom)`} href="/history.atom" />
        <link rel="alternate" type="application/rss+xml" title={`${pageName} history (RSS)`} href="/history.rss" />
        {/* Our own constant stylesheet: inlined so the first paint needs no second request. */}
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </head>
      <body data-live={live ? "1" : undefined}>
        {/* The first tab stop: past the page's preamble to its content (WCAG 2.4.1). */}
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <main id="main">
          {state ? <Notices state={state} /> : null}
          {children}
          <footer>
            <a href="/">Current status</a>
            <a href="/history">History</a>
            <a href="/uptime">Uptime</a>
            <a href="/history.atom">Atom feed</a>
            <a href="/history.rss">RSS feed</a>
            <a href="/api/v2/summary.json">API</a>
            <span>Powered by Vigil</span>
          </footer>
        </main>
        {/* Our own constant script (client-script.ts), the only script of a public page. */}
        <script dangerouslySetInnerHTML={{ __html: CLIENT_SCRIPT }} />
      </body>
    </html>
  );
}

function Notices({ state }: { state: DocumentState }) {
  return (
    <>
      {state.stale ? (
        <p class="notice" role="status" data-testid="stale-notice">
          <strong>
            Status data may be stale since <Time iso={state.generatedAt} format="time" />.
          </strong>{" "}
          We cannot reach our database right now; this is the last status we know.
        </p>
      ) : null}
      {state.monitoringStale ? (
        <p class="notice" role="status" data-testid="monitoring-notice">
          <strong>Monitoring is delayed.</strong>{" "}
          {state.lastHeartbeatAt ? (
            <>
              No probe has reported since <Time iso={state.lastHeartbeatAt} format="time" />
            </>
          ) : (
            "No probe is reporting"
          )}
          , so component statuses may be out of date.
        </p>
      ) : null}
    </>
  );
}
