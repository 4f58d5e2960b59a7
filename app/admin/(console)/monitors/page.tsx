import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listMonitors } from "@/lib/console/catalog";

export default async function MonitorsPage() {
  const { actor } = await requireAdmin();
  const monitors = await listMonitors();
  return (
    <>
      <h1>Monitors</h1>
      {canEdit(actor) && (
        <p>
          <Link href="/admin/monitors/new" className="button">
            New monitor
          </Link>
        </p>
      )}
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Target</th>
            <th>Every</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {monitors.map((m) => (
            <tr key={m.id}>
              <td>
                <Link href={`/admin/monitors/${m.id}`}>{m.name}</Link>
              </td>
              <td>{m.kind}</td>
              <td className="code">{m.target}</td>
              <td>{m.intervalSeconds} s</td>
              <td className={`state-${m.state}`}>{m.enabled ? m.state : "paused"}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {monitors.length === 0 && <p className="empty">No monitors yet.</p>}
    </>
  );
}
