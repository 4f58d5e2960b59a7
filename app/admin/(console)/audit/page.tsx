import Link from "next/link";
import { requireAdmin } from "@/lib/auth/require-admin";
import { readAuditLog } from "@/lib/audit/read-audit-log";
import { unsafeTextErrors } from "@/lib/text/safe-text";
import { formatTime } from "../../_components/format";

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const raw = await searchParams;
  const query = Object.fromEntries(Object.entries(raw).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])));
  // The proxy answers such an address with 400 first; should a request get here without it, the
  // filter is refused on the page rather than sent to PostgreSQL, which cannot take NUL.
  const unsafe = unsafeTextErrors(query);
  const { rows, nextBefore } = unsafe ? { rows: [], nextBefore: null } : await readAuditLog(query);
  const filterFields = ["actor", "action", "objectType", "objectId", "ip"] as const;
  return (
    <>
      <h1>Audit log</h1>
      <form method="get" className="filters" aria-label="Filter">
        {filterFields.map((field) => (
          <label key={field} className="check">
            {field} <input name={field} defaultValue={query[field] ?? ""} />
          </label>
        ))}
        <label className="check">
          from <input name="from" type="date" defaultValue={query.from ?? ""} />
        </label>
        <label className="check">
          to <input name="to" type="date" defaultValue={query.to ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {unsafe && (
        <p role="alert" className="form-error">
          The filter {Object.keys(unsafe).join(", ")} must not contain control characters (such as NUL).
        </p>
      )}
      <div className="table-scroll"><table data-testid="audit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Object</th>
            <th>IP</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatTime(row.at)}</td>
              <td>{row.actorLabel}</td>
              <td>{row.action}</td>
              <td>
                {row.objectType}
                {row.objectId && <span className="muted"> {row.objectId}</span>}
              </td>
              <td>{row.ip ?? "—"}</td>
              <td className="code details">{JSON.stringify(row.details)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {rows.length === 0 && <p className="empty">Nothing matches.</p>}
      {nextBefore && <Link href={`/admin/audit?${new URLSearchParams({ ...query, before: nextBefore }).toString()}`}>Older entries</Link>}
    </>
  );
}
