import { requireAdmin } from "@/lib/auth/require-admin";
import { secondFactorStatus } from "@/lib/auth/second-factor/status";
import { listOwnSessions } from "@/lib/auth/sessions";
import { ActionForm, Field } from "../../_components/action-form";
import { formatTime } from "../../_components/format";
import { SecondFactorSettings } from "../../_components/second-factor-settings";

export default async function AccountPage() {
  const { actor, sessionId } = await requireAdmin();
  const [sessions, secondFactor] = await Promise.all([listOwnSessions(actor, sessionId, new Date()), secondFactorStatus(actor)]);
  return (
    <>
      <h1>Your account</h1>
      <p>
        {actor.email} · {actor.role}
      </p>
      <section aria-label="Change your password" className="card">
        <h2>Change your password</h2>
        <ActionForm action="changeOwnPassword" submit="Change password">
          <Field label="Current password" name="current">
            <input name="current" type="password" autoComplete="current-password" />
          </Field>
          <Field label="New password (at least 12 characters)" name="next">
            <input name="next" type="password" autoComplete="new-password" />
          </Field>
        </ActionForm>
        <p className="hint">
          Forgotten? On the server: <code>npm run -s admin -- reset-password {actor.email}</code>
        </p>
      </section>
      <SecondFactorSettings status={secondFactor} />
      <h2>Your sessions</h2>
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Signed in</th>
            <th>Last seen</th>
            <th>From</th>
            <th>Browser</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="session">
              <td>{formatTime(s.createdAt)}</td>
              <td>{formatTime(s.lastSeenAt)}</td>
              <td>{s.ip ?? "—"}</td>
              <td className="muted">{s.userAgent ?? "—"}</td>
              <td>
                {s.current ? (
                  "this session"
                ) : (
                  <ActionForm action="revokeSession" submit="Sign out" secondary>
                    <input type="hidden" name="id" value={s.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </>
  );
}
