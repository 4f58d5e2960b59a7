/** @jsxImportSource preact */
// /uptime: each showcased component's uptime per month, last 12 months.
import type { MonthlyUptimeView } from "@/lib/public-read/read-history";
import { formatUptimePercent } from "@/lib/status/uptime";
import { Layout, renderPage, type DocumentState } from "./layout";

const monthShort = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export function renderUptime(view: MonthlyUptimeView, state: DocumentState | null): string {
  return renderPage(<UptimePage view={view} state={state} />);
}

function UptimePage({ view, state }: { view: MonthlyUptimeView; state: DocumentState | null }) {
  return (
    <Layout title={`Uptime · ${view.pageName}`} pageName={view.pageName} state={state}>
      <h1>Uptime by month</h1>
      <p class="muted">
        Major outage counts as downtime, partial outage as 30 % downtime; maintenance and time without data are left out. “—”: no data.
      </p>
      <div class="scroll-x">
        <table>
          <caption class="sr-only">Monthly uptime per component</caption>
          <thead>
            <tr>
              <th scope="col">Component</th>
              {view.months.map((month) => (
                <th key={month} scope="col">
                  {monthShort(month)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.components.map((component) => (
              <tr key={component.name} data-testid="uptime-row">
                <th scope="row">{component.name}</th>
                {component.uptime.map((uptime, i) => (
                  <td key={i}>{formatUptimePercent(uptime) ?? "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
