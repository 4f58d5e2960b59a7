import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { SubscriberStatus } from "@/lib/generated/prisma/enums";
import { listSubscribers, SubscriberQuery, type SubscriberDto } from "@/lib/subscriptions/admin-subscribers";
import { ActionForm } from "../../_components/action-form";
import { formatTime } from "../../_components/format";

type Search = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 50;

/** The filter from the address bar; a bad one is reported and ignored rather than failing the page. */
function readQuery(raw: Search): { query: SubscriberQuery; invalid: boolean; search: string; status: string; page: number } {
  const one = (key: string) => (typeof raw[key] === "string" ? raw[key] : "");
  const search = one("search").trim();
  const status = one("status");
  const page = Math.max(1, Math.min(Number.parseInt(one("page"), 10) || 1, 10_000));
  const query = { search: search || undefined, status: (status || undefined) as SubscriberStatus | undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const parsed = SubscriberQuery.safeParse(query);
  return parsed.success ? { query, invalid: false, search, status, page } : { query: { limit: PAGE_SIZE }, invalid: true, search: "", status: "", page: 1 };
}

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { actor } = await requireAdmin();
  const { query, invalid, search, status, page } = readQuery(await searchParams);
  const { total, subscribers } = await listSubscribers(query);
  const editor = canEdit(actor);
  const pageLink = (n: number) => `/admin/subscribers?${new URLSearchParams({ ...(search ? { search } : {}), ...(status ? { status } : {}), page: String(n) }).toString()}`;
  return (
    <>
      <h1>Subscribers</h1>
      {invalid && (
        <p role="alert" className="form-error">
          That filter is not valid (search at most 254 characters, a known status); showing everyone.
        </p>
      )}
      <form method="get" className="filters" aria-label="Search subscribers">
        <label className="check">
          Email contains (or webhook URL) <input name="search" defaultValue={search} maxLength={254} />
        </label>
        <label className="check">
          Status
          <select name="status" defaultValue={status}>
            <option value="">any</option>
            {Object.values(SubscriberStatus).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <p className="hint" data-testid="subscriber-total">
        {total} subscriber{total === 1 ? "" : "s"}
        {search || status ? " match" : ""}.
      </p>
      <div className="table-scroll"><table data-testid="subscribers">
        <thead>
          <tr>
            <th>Subscriber</th>
            <th>Status</th>
            <th>Scope</th>
            <th>Since</th>
            <th title="Consecutive bounces (email) or failed deliveries (webhook)">Failures</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {subscribers.map((s) => (
            <SubscriberRow key={s.id} subscriber={s} editor={editor} />
          ))}
        </tbody>
      </table></div>
      {subscribers.length === 0 && <p className="empty">Nobody matches.</p>}
      <p className="filters">
        {page > 1 && <Link href={pageLink(page - 1)}>Newer</Link>}
        {page * PAGE_SIZE < total && <Link href={pageLink(page + 1)}>Older</Link>}
      </p>
    </>
  );
}

function SubscriberRow({ subscriber: s, editor }: { subscriber: SubscriberDto; editor: boolean }) {
  return (
    <tr data-testid="subscriber">
      <td>
        {s.webhookUrl ? (
          <>
            <span data-testid="subscriber-webhook">Webhook {s.webhookUrl}</span>
            <span className="muted"> · notices to {s.email}</span>
          </>
        ) : (
          s.email
        )}
      </td>
      <td className={s.status === "quarantined" || s.status === "paused" ? "bad" : undefined}>
        {s.status}
        {s.quarantinedAt && <span className="muted"> since {formatTime(s.quarantinedAt)}</span>}
        {s.status === "paused" && s.pausedAt && <span className="muted"> since {formatTime(s.pausedAt)} (its owner resumes it from the emailed link)</span>}
      </td>
      <td>{s.scope}</td>
      <td>{formatTime(s.confirmedAt ?? s.createdAt)}</td>
      <td>{s.permanentFailures}</td>
      <td>
        {editor && s.status === "quarantined" && (
          <ActionForm action="releaseSubscriber" submit="Release" className="action-form row" secondary>
            <input type="hidden" name="id" value={s.id} />
          </ActionForm>
        )}
        {editor && (
          <ActionForm action="removeSubscriber" submit="Remove" confirm={`Remove ${s.webhookUrl || s.email}? Their unsent messages will not go out.`} className="action-form row" secondary>
            <input type="hidden" name="id" value={s.id} />
          </ActionForm>
        )}
      </td>
    </tr>
  );
}
