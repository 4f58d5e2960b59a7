import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listOutboxFailures, outboxCountsByUpdate } from "@/lib/outbox/outbox-admin";
import { ActionForm, FieldError } from "../../_components/action-form";
import { formatTime, label } from "../../_components/format";

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ update?: string | string[] }> }) {
  const { actor } = await requireAdmin();
  const raw = (await searchParams).update;
  // An update id from the address bar only narrows the lists; the queries bind it as a parameter.
  const update = typeof raw === "string" && raw.length > 0 && raw.length <= 100 ? raw : undefined;
  const [counts, failures] = await Promise.all([outboxCountsByUpdate({ incidentUpdateId: update, limit: 50 }), listOutboxFailures({ incidentUpdateId: update, limit: 100 })]);
  const editor = canEdit(actor);
  const incidentOf = new Map(counts.map((c) => [c.incidentUpdateId, c]));
  return (
    <>
      <h1>Outbox</h1>
      <p className="hint">
        Every notification is a row here until the mail server accepts it. Transient failures are retried by themselves; what failed for good is listed below with the server&apos;s reason.
        {update && (
          <>
            {" "}
            Showing one update. <Link href="/admin/outbox">Show all</Link>
          </>
        )}
      </p>
      <section aria-label="Deliveries per update">
        <h2>Deliveries per incident update</h2>
        {counts.length === 0 ? (
          <p className="empty">No incident update has notified anyone yet.</p>
        ) : (
          <div className="table-scroll"><table data-testid="outbox-counts">
            <thead>
              <tr>
                <th>Incident</th>
                <th>Update</th>
                <th>Pending</th>
                <th>Sent</th>
                <th>Failed</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.incidentUpdateId} data-testid="outbox-update">
                  <td>
                    <Link href={`/admin/incidents/${c.incidentId}`}>{c.incidentName}</Link>
                  </td>
                  <td>
                    <Link href={`/admin/outbox?update=${encodeURIComponent(c.incidentUpdateId)}`} className="muted">
                      {c.incidentUpdateId}
                    </Link>
                  </td>
                  <td data-testid="pending">{c.pending}</td>
                  <td data-testid="sent">{c.sent}</td>
                  <td data-testid="failed" className={c.failed > 0 ? "bad" : undefined}>
                    {c.failed}
                  </td>
                  <td>
                    {editor && c.failed > 0 && (
                      <ActionForm action="retryOutboxUpdate" submit={`Retry all ${c.failed}`} className="action-form row" secondary>
                        <input type="hidden" name="incidentUpdateId" value={c.incidentUpdateId} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <section aria-label="Failed messages">
        <h2>Failed messages</h2>
        {failures.length === 0 ? (
          <p className="empty">Nothing has failed.</p>
        ) : (
          <div className="table-scroll"><table data-testid="outbox-failures">
            <thead>
              <tr>
                <th>When</th>
                <th>To</th>
                <th>Kind</th>
                <th>Attempts</th>
                <th>Reason</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => {
                const incident = f.incidentUpdateId ? incidentOf.get(f.incidentUpdateId) : undefined;
                return (
                  <tr key={f.id} data-testid="outbox-failure">
                    <td>{formatTime(f.updatedAt)}</td>
                    <td>{f.recipient}</td>
                    <td>
                      {label(f.kind)}
                      {incident && (
                        <>
                          {" "}
                          <Link href={`/admin/incidents/${incident.incidentId}`} className="muted">
                            {incident.incidentName}
                          </Link>
                        </>
                      )}
                    </td>
                    <td>{f.attempts}</td>
                    <td className="code details">{f.lastError ?? "—"}</td>
                    <td>
                      {editor && (
                        <ActionForm action="retryOutboxMessage" submit="Retry" className="action-form row" secondary>
                          <input type="hidden" name="id" value={f.id} />
                          <FieldError name="ids" />
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table></div>
        )}
      </section>
    </>
  );
}
