import { listAdmins } from "@/lib/auth/manage-admins";
import { requireAdmin } from "@/lib/auth/require-admin";
import { ActionForm, Field } from "../../_components/action-form";
import { Options } from "../../_components/options";

const ROLES = ["owner", "editor", "viewer"] as const;

export default async function AdminsPage() {
  const { actor } = await requireAdmin("owner");
  const admins = await listAdmins(actor);
  return (
    <>
      <h1>Admins</h1>
      <p className="hint">Owners manage admins; editors change incidents, maintenance, components and monitors; viewers only read.</p>
      <ul>
        {admins.map((admin) => (
          <li key={admin.id} className="card">
            <strong>{admin.email}</strong> {admin.disabled && <span className="muted">(disabled)</span>}
            <ActionForm action="changeAdmin" submit="Save" className="action-form row">
              <input type="hidden" name="id" value={admin.id} />
              <select name="role" defaultValue={admin.role} aria-label={`Role of ${admin.email}`}>
                <Options values={ROLES} />
              </select>
              <label className="check">
                <input type="checkbox" name="disabled" defaultChecked={admin.disabled} /> Disabled
              </label>
            </ActionForm>
          </li>
        ))}
      </ul>
      <section aria-label="Add an admin" className="card">
        <h2>Add an admin</h2>
        <ActionForm action="addAdmin" submit="Add admin">
          <Field label="Email" name="email" hint="They sign in with it; a first password is shown here once, for you to hand over.">
            <input name="email" type="email" />
          </Field>
          <Field label="Role" name="role">
            <select name="role" defaultValue="editor">
              <Options values={ROLES} />
            </select>
          </Field>
        </ActionForm>
      </section>
    </>
  );
}
