import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listIncidents } from "@/lib/console/incidents";
import { formatTime, label } from "../../_components/format";

export default async function IncidentsPage() {
  const { actor } = await requireAdmin();
  const incidents = await listIncidents("incident");
  return (
    <>
      <h1>Incidents</h1>
      {canEdit(actor) && (
        <p>
          <Link href="/admin/incidents/new" className="button">
            Open an incident
          </Link>
        </p>
      )}
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Impact</th>
            <th>Source</th>
            <th>Started</th>
            <th>Resolved</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id}>
              <td>
                <Link href={`/admin/incidents/${i.id}`}>{i.name}</Link>
              </td>
              <td>{label(i.status)}</td>
              <td>{i.impact}</td>
              <td>{i.source}</td>
              <td>{formatTime(i.startedAt)}</td>
              <td>{formatTime(i.resolvedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {incidents.length === 0 && <p className="empty">No incidents yet.</p>}
    </>
  );
}
