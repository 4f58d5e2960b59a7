import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { readDashboard, type DashboardMonitor } from "@/lib/console/dashboard";
import { env } from "@/lib/env";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { ActionForm } from "../_components/action-form";
import { formatTime, label } from "../_components/format";
import { formatDays } from "@/lib/checks/format";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const { actor } = await requireAdmin();
  const { denied } = await searchParams;
  const dashboard = await readDashboard(new Date(), env().WORKER_HEARTBEAT_SECONDS);
  return (
    <>
      <h1>Dashboard</h1>
      {denied && (
        <p role="alert" className="form-error">
          Your role does not allow that page.
        </p>
      )}
      <section aria-label="Open incidents">
        <h2>Open incidents</h2>
        {dashboard.openIncidents.length === 0 ? (
          <p className="empty">None. <Link href="/admin/incidents/new">Open an incident</Link></p>
        ) : (
          <ul>
            {dashboard.openIncidents.map((incident) => (
              <li key={incident.id}>
                <Link href={`/admin/incidents/${incident.id}`}>{incident.name}</Link> — {label(incident.status)}, {incident.impact} impact
                {incident.source === "automatic" && !incident.takenOver && " (automatic)"} since {formatTime(incident.startedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Components and monitors">
        <h2>Components and monitors</h2>
        <div className="table-scroll"><table>
          <thead>
            <tr>
              <th>Component / monitor</th>
              <th>State</th>
              <th>Last result</th>
              <th>Certificate</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.components.map((component) => (
              <ComponentRows key={component.id} name={`${component.group ? `${component.group} › ` : ""}${component.name}`} status={COMPONENT_STATUS_LABELS[component.status]} monitors={component.monitors} />
            ))}
            {dashboard.unattachedMonitors.length > 0 && <ComponentRows name="No component" status="" monitors={dashboard.unattachedMonitors} />}
          </tbody>
        </table></div>
      </section>
      <section aria-label="Maintenance">
        <h2>Upcoming and running maintenance</h2>
        {dashboard.maintenance.length === 0 ? (
          <p className="empty">None scheduled.</p>
        ) : (
          <ul>
            {dashboard.maintenance.map((m) => (
              <li key={m.id}>
                <Link href={`/admin/maintenance/${m.id}`}>{m.name}</Link> — {label(m.status)}, {formatTime(m.scheduledFor)} → {formatTime(m.scheduledUntil)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Workers">
        <h2>Workers</h2>
        {dashboard.workers.length === 0 ? (
          <p className="form-error">No worker has reported in the last day: nothing is being probed.</p>
        ) : (
          <ul>
            {dashboard.workers.map((w) => (
              <li key={w.region} className={w.stale ? "bad" : undefined}>
                {w.region}: {w.workers} worker{w.workers === 1 ? "" : "s"}, last heartbeat {w.ageSeconds} s ago{w.stale ? " — STALE" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Certificate alerts">
        <h2>Certificate alerts</h2>
        {dashboard.certificateAlerts.length === 0 ? (
          <p className="empty">No certificate is close to expiry.</p>
        ) : (
          <ul>
            {dashboard.certificateAlerts.map((a) => (
              <li key={a.id}>
                <Link href={`/admin/monitors/${a.monitorId}`}>{a.monitorName}</Link>: {a.threshold === "expired" ? "expired" : `${formatDays(a.daysLeft)} left`} (expires {formatTime(a.expiresAt)})
                {canEdit(actor) && (
                  <ActionForm action="acknowledgeCertificateAlert" submit="Acknowledge" className="action-form row" secondary>
                    <input type="hidden" name="id" value={a.id} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Failing outbox">
        <h2>Failing outbox</h2>
        {dashboard.failingOutbox.count === 0 ? (
          <p className="empty">No message has failed.</p>
        ) : (
          <>
            <p className="bad" data-testid="failing-outbox-count">
              {dashboard.failingOutbox.count} message{dashboard.failingOutbox.count === 1 ? "" : "s"} failed. <Link href="/admin/outbox">Open the outbox</Link>
            </p>
            <ul>
              {dashboard.failingOutbox.newest.map((f) => (
                <li key={f.id}>
                  {f.recipient}: <span className="code">{f.lastError ?? "no reason recorded"}</span> <span className="muted">({formatTime(f.updatedAt)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function ComponentRows({ name, status, monitors }: { name: string; status: string; monitors: DashboardMonitor[] }) {
  return (
    <>
      <tr className="component-row">
        <th scope="row">{name}</th>
        <td>{status}</td>
        <td colSpan={2} />
      </tr>
      {monitors.map((m) => (
        <tr key={m.id}>
          <td className="indent">
            <Link href={`/admin/monitors/${m.id}`}>{m.name}</Link> <span className="muted">{m.kind}</span>
          </td>
          <td className={`state-${m.state}`}>
            {m.enabled ? m.state : "paused"}
            {m.flapping && " (flapping)"}
          </td>
          <td>{m.lastResult ? `${m.lastResult.state} — ${m.lastResult.reasons.join(", ")}${m.lastResult.latencyMs !== null ? `, ${m.lastResult.latencyMs} ms` : ""} at ${formatTime(m.lastResult.checkedAt)}` : "no result yet"}</td>
          <td>{m.certificateDaysLeft === null ? "—" : `${formatDays(m.certificateDaysLeft)} left`}</td>
        </tr>
      ))}
    </>
  );
}
