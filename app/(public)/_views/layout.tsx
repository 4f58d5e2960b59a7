/** @jsxImportSource preact */
// The one layout of every public page: the HTML document with inline CSS and script, the page's
// header (logo or name, description, support link: page-brand.ts), the notices (database
// unreachable: stale data; worker silent: monitoring delayed) and the footer with the page's links.
// `renderPage` turns a page into the HTML string a route answers with: Preact renders it on the
// server and escapes every value by construction; no framework code reaches the browser.
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { CLIENT_SCRIPT } from "./client-script";
import { currentPage } from "./page-brand";
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
  const brand = currentPage()?.brand;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={brand?.description ?? "Current status, incidents and scheduled maintenance"} />
        {isPrivate ? (
          <>
            {/* "same-origin", not "no-referrer": form posts keep their Origin header. */}
            <meta name="referrer" content="same-origin" />
            <meta name="robots" content="noindex" />
          </>
        ) : null}
        {/* Coloured by the page indicator (green, amber, orange, red, blue); /favicon.svg is the plain one. */}
        <link rel="icon" href="/favicon-status.svg" type="image/svg+xml" />
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32" />
        <link rel="alternate" type="application/atom+xml" title={`${pageName} history (Atom)`} href="/history.atom" />
        <link rel="alternate" type="application/rss+xml" title={`${pageName} history (RSS)`} href="/history.rss" />
        {/* Our own constant stylesheet: inlined so the first paint needs no second request. */}
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
        {/* The admin's accent colours and custom CSS: a stylesheet of its own, after ours so it wins. */}
        {brand?.stylesheet ? <link rel="stylesheet" href={`/custom.css?v=${brand.stylesheet.version}`} /> : null}
      </head>
      <body data-live={live ? "1" : undefined}>
        {/* The first tab stop: past the page's preamble to its content (WCAG 2.4.1). */}
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="page-header">
          <a class="page-brand" href="/" data-testid="page-brand">
            {brand?.logoPath ? (
              // Preact renders this to a string: there is no next/image here, and the logo is already small.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={brand.logoPath} alt={pageName} data-testid="page-logo" />
            ) : (
              pageName
            )}
          </a>
          {brand?.supportUrl ? (
            <a class="support-link" href={brand.supportUrl} data-testid="support-link">
              Contact support
            </a>
          ) : null}
          {brand?.description ? (
            <p class="page-description" data-testid="page-description">
              {brand.description}
            </p>
          ) : null}
        </header>
        <main id="main">
          {state ? <Notices state={state} /> : null}
          {children}
          <footer>
            {brand?.footerLinks.map((link) => (
              <a key={link.url} href={link.url} data-testid="footer-link">
                {link.label}
              </a>
            ))}
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
