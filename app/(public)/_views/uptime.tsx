/** @jsxImportSource preact */
// /uptime: each showcased component's uptime per month, last 12 months.
import type { MonthlyUptimeView } from "@/lib/public-read/read-history";
import type { Translator } from "@/lib/i18n/translator";
import { useT } from "./i18n";
import { Layout, renderPage, type DocumentState } from "./layout";

export function renderUptime(view: MonthlyUptimeView, state: DocumentState | null, t: Translator): string {
  return renderPage(<UptimePage view={view} state={state} />, t);
}

function UptimePage({ view, state }: { view: MonthlyUptimeView; state: DocumentState | null }) {
  const { t, monthText, uptimePercent } = useT();
  return (
    <Layout title={t("uptime.title", { page: view.pageName })} pageName={view.pageName} state={state}>
      <h1>{t("uptime.heading")}</h1>
      <p class="muted">{t("uptime.explanation")}</p>
      <div class="scroll-x">
        <table>
          <caption class="sr-only">{t("uptime.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("uptime.component")}</th>
              {view.months.map((month) => (
                <th key={month} scope="col">
                  {monthText(month, "short")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.components.map((component) => (
              <tr key={component.name} data-testid="uptime-row">
                <th scope="row">{component.name}</th>
                {component.uptime.map((uptime, i) => (
                  <td key={i}>{uptimePercent(uptime) ?? "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
