// /uptime: each showcased component's uptime per month, last 12 months.
import { html } from "@/lib/html/html";
import type { MonthlyUptimeView } from "@/lib/public-read/read-history";
import { formatUptimePercent } from "@/lib/status/uptime";
import { renderDocument, type DocumentState } from "./document";

const monthShort = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

export function renderUptime(view: MonthlyUptimeView, state: DocumentState | null): string {
  const main = html`<h1>Uptime by month</h1>
<p class="muted">Major outage counts as downtime, partial outage as 30 % downtime; maintenance and time without data are left out. “—”: no data.</p>
<div style="overflow-x:auto"><table><caption class="sr-only">Monthly uptime per component</caption><thead><tr><th scope="col">Component</th>${view.months.map((m) => html`<th scope="col">${monthShort(m)}</th>`)}</tr></thead>
<tbody>${view.components.map((c) => html`<tr data-testid="uptime-row"><th scope="row">${c.name}</th>${c.uptime.map((u) => html`<td>${formatUptimePercent(u) ?? "—"}</td>`)}</tr>`)}</tbody></table></div>`;
  return renderDocument({ title: `Uptime · ${view.pageName}`, pageName: view.pageName, main, state });
}
