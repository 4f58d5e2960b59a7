/** @jsxImportSource preact */
// The public error pages: 404 (an unknown address, incident or subscription link; a history page
// past the end), 400 (a bad query), 503 (nothing true to show while the database is unreachable).
import type { MessageKey, Translator } from "@/lib/i18n/translator";
import { Layout, renderPage } from "./layout";

/** A problem page: its heading and message are catalog keys. */
export function renderProblem(pageName: string, heading: MessageKey, message: MessageKey, translator: Translator): string {
  const { t } = translator;
  return renderPage(
    <Layout title={`${t(heading)} · ${pageName}`} pageName={pageName} state={null}>
      <h1>{t(heading)}</h1>
      <p>{t(message)}</p>
      <p>
        <a href="/">{t("common.backToStatus")}</a>
      </p>
    </Layout>,
    translator,
  );
}

export function renderNotFound(pageName: string, t: Translator): string {
  return renderProblem(pageName, "problem.notFound", "problem.notFoundBody", t);
}

/** A view this process has not cached, with the database unreachable. */
export function renderUnavailable(pageName: string, t: Translator): string {
  return renderProblem(pageName, "problem.unavailable", "problem.unavailableBody", t);
}
