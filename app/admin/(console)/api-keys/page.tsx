import { canEdit } from "@/lib/auth/actor";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireAdmin } from "@/lib/auth/require-admin";
import { ActionForm, Field } from "../../_components/action-form";
import { formatTime } from "../../_components/format";

export default async function ApiKeysPage() {
  const { actor } = await requireAdmin();
  const keys = await listApiKeys(actor);
  const editor = canEdit(actor);
  return (
    <>
      <h1>API keys</h1>
      <p className="hint">
        For automation: <code>Authorization: Bearer vigil_…</code> against <code>/api/admin/…</code>, documented in <a href="/api/admin/openapi.json">openapi.json</a>. Read keys only read; write keys act as an editor.
      </p>
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Scope</th>
            <th>Created by</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>{key.scope}</td>
              <td>{key.createdBy}</td>
              <td>{formatTime(key.createdAt)}</td>
              <td>{formatTime(key.lastUsedAt)}</td>
              <td>
                {editor && (
                  <ActionForm action="revokeApiKey" submit="Revoke" confirm={`Revoke ${key.name}? Anything using it stops working.`} secondary>
                    <input type="hidden" name="id" value={key.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {editor && (
        <section aria-label="New API key" className="card">
          <h2>New key</h2>
          <ActionForm action="createApiKey" submit="Create key">
            <Field label="Name" name="name" hint="What uses the key, so the list and the audit log say whose it is.">
              <input name="name" placeholder="deploy pipeline" />
            </Field>
            <Field label="Scope" name="scope" hint="Read: the key acts as a viewer. Write: as an editor (incidents, maintenance, components, monitors).">
              <select name="scope" defaultValue="read">
                <option value="read">read</option>
                <option value="write">write</option>
              </select>
            </Field>
          </ActionForm>
        </section>
      )}
    </>
  );
}
