/** @jsxImportSource preact */
// The one layout of every public page: the HTML document with inline CSS and script, the notices
// (database unreachable: stale data; worker silent: monitoring delayed) and the footer.
// `renderPage` turns a page into the HTML string a route answers with: Preact renders it on the
// server and escapes every value by construction; no framework code reaches the browser.
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Translator } from "@/lib/i18n/translator";
import { CLIENT_SCRIPT, clientStrings } from "./client-script";
import { TranslatorProvider, useT } from "./i18n";
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

/** The page as HTML in `t`'s language (every part reads it with useT()). */
export function renderPage(page: VNode, t: Translator): string {
  return `<!DOCTYPE html>${renderToString(<TranslatorProvider t={t}>{page}</TranslatorProvider>)}`;
}

export function Layout({ title, pageName, state, live, private: isPrivate, children }: LayoutProps) {
  const translator = useT();
  const { t, language } = translator;
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={t("layout.description")} />
        {isPrivate ? (
          <>
            {/* "same-origin", not "no-referrer": form posts keep their Origin header. */}
            <meta name="referrer" content="same-origin" />
            <meta name="robots" content="noindex" />
          </>
        ) : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32" />
        <link rel="alternate" type="application/atom+xml" title={t("layout.feedAtom", { page: pageName })} href="/history.atom" />
        <link rel="alternate" type="application/rss+xml" title={t("layout.feedRss", { page: pageName })} href="/history.rss" />
        {/* Our own constant stylesheet: inlined so the first paint needs no second request. */}
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </head>
      <body data-live={live ? "1" : undefined} data-t={clientStrings(translator)}>
        {/* The first tab stop: past the page's preamble to its content (WCAG 2.4.1). */}
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <main id="main">
          {state ? <Notices state={state} /> : null}
          {children}
          <footer>
            <a href="/">{t("layout.footer.current")}</a>
            <a href="/history">{t("layout.footer.history")}</a>
            <a href="/uptime">{t("layout.footer.uptime")}</a>
            <a href="/history.atom">{t("layout.footer.atom")}</a>
            <a href="/history.rss">{t("layout.footer.rss")}</a>
            <a href="/api/v2/summary.json">{t("layout.footer.api")}</a>
            <span>{t("layout.footer.powered")}</span>
          </footer>
        </main>
        {/* Our own constant script (client-script.ts), the only script of a public page. */}
        <script dangerouslySetInnerHTML={{ __html: CLIENT_SCRIPT }} />
      </body>
    </html>
  );
}

function Notices({ state }: { state: DocumentState }) {
  const { t, rich } = useT();
  return (
    <>
      {state.stale ? (
        <p class="notice" role="status" data-testid="stale-notice">
          <strong>{rich("notice.staleSince", { time: <Time iso={state.generatedAt} format="time" /> })}</strong> {t("notice.staleBody")}
        </p>
      ) : null}
      {state.monitoringStale ? (
        <p class="notice" role="status" data-testid="monitoring-notice">
          <strong>{t("notice.monitoringDelayed")}</strong>{" "}
          {state.lastHeartbeatAt ? rich("notice.noProbeSince", { time: <Time iso={state.lastHeartbeatAt} format="time" /> }) : t("notice.noProbe")}
        </p>
      ) : null}
    </>
  );
}
