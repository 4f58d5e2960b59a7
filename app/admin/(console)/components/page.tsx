import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listCatalog, type ConsoleComponent, type ConsoleGroup } from "@/lib/console/catalog";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { inPageOrder } from "@/lib/components/page-order";
import { ActionForm, Field } from "../../_components/action-form";
import { MoveButtons } from "../../_components/move-buttons";

function GroupFields({ group }: { group?: ConsoleGroup }) {
  return (
    <>
      {group && <input type="hidden" name="id" value={group.id} />}
      <Field label="Group name" name="name" hint="A heading on the status page above its components.">
        <input name="name" defaultValue={group?.name} />
      </Field>
      <Field label="Description" name="description">
        <input name="description" defaultValue={group?.description ?? ""} />
      </Field>
      <Field label="Order" name="position" hint={group ? "Lower comes first; or use the Up and Down buttons." : "Empty: after the other groups."}>
        <input name="position" type="number" min={0} defaultValue={group?.position ?? ""} />
      </Field>
    </>
  );
}

function ComponentFields({ component, groups }: { component?: ConsoleComponent; groups: ConsoleGroup[] }) {
  return (
    <>
      {component && <input type="hidden" name="id" value={component.id} />}
      <Field label="Component name" name="name" hint="As visitors see it on the status page.">
        <input name="name" defaultValue={component?.name} />
      </Field>
      <Field label="Description" name="description">
        <input name="description" defaultValue={component?.description ?? ""} />
      </Field>
      <Field label="Group" name="groupId">
        <select name="groupId" defaultValue={component?.groupId ?? ""}>
          <option value="">No group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Order" name="position" hint={component ? "Lower comes first within the group; or use the Up and Down buttons." : "Empty: last in its group."}>
        <input name="position" type="number" min={0} defaultValue={component?.position ?? ""} />
      </Field>
      <label className="check">
        <input type="checkbox" name="showcase" defaultChecked={component?.showcase ?? true} /> Show on the public page
      </label>
      <label className="check">
        <input type="checkbox" name="onlyShowIfDegraded" defaultChecked={component?.onlyShowIfDegraded ?? false} /> Only show when not operational
      </label>
    </>
  );
}

export default async function ComponentsPage() {
  const { actor } = await requireAdmin();
  const { groups, components } = await listCatalog();
  const editor = canEdit(actor);
  const editable = (managed: boolean) => editor && !managed;
  // The public page's order (ungrouped first, then groups), so what is moved here moves there.
  const sections = inPageOrder(groups, components);
  const orderedGroups = sections.flatMap((section) => (section.group ? [section.group] : []));
  return (
    <>
      <h1>Components</h1>
      {sections.map(({ group, components: members }) => {
        const groupIndex = group ? orderedGroups.indexOf(group) : -1;
        return (
          <section key={group?.id ?? "none"} aria-label={group?.name ?? "Ungrouped"} className="card" data-testid="console-group">
            <h2>
              {group?.name ?? "Ungrouped"} {group?.managedByConfig && <span className="muted">(managed by the configuration file)</span>}
            </h2>
            {group && editable(group.managedByConfig) && <MoveButtons action="moveComponentGroup" id={group.id} name={group.name} first={groupIndex === 0} last={groupIndex === orderedGroups.length - 1} />}
            {group && editable(group.managedByConfig) && (
              <details>
                <summary>Edit group</summary>
                <ActionForm action="saveComponentGroup" submit="Save group">
                  <GroupFields group={group} />
                </ActionForm>
                <ActionForm action="deleteComponentGroup" submit="Delete group" confirm={`Delete the group ${group.name}? Its components stay, ungrouped.`} secondary>
                  <input type="hidden" name="id" value={group.id} />
                </ActionForm>
              </details>
            )}
            <ul className="rows">
              {members.map((c, index) => (
                <li key={c.id} data-testid="console-component">
                  <strong>{c.name}</strong> — {COMPONENT_STATUS_LABELS[c.status]} · {c.monitorCount} monitor{c.monitorCount === 1 ? "" : "s"}
                  {c.managedByConfig && <span className="muted"> (managed by the configuration file)</span>}
                  {editable(c.managedByConfig) && <MoveButtons action="moveComponent" id={c.id} name={c.name} first={index === 0} last={index === members.length - 1} />}
                  {editable(c.managedByConfig) && (
                    <details>
                      <summary>Edit</summary>
                      <ActionForm action="saveComponent" submit="Save component">
                        <ComponentFields component={c} groups={orderedGroups} />
                      </ActionForm>
                      <ActionForm action="deleteComponent" submit="Delete component" confirm={`Delete ${c.name}? Its monitors stay, unattached.`} secondary>
                        <input type="hidden" name="id" value={c.id} />
                      </ActionForm>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {editor && (
        <>
          <section aria-label="New component" className="card">
            <h2>New component</h2>
            <ActionForm action="saveComponent" submit="Add component">
              <ComponentFields groups={orderedGroups} />
            </ActionForm>
          </section>
          <section aria-label="New group" className="card">
            <h2>New group</h2>
            <ActionForm action="saveComponentGroup" submit="Add group">
              <GroupFields />
            </ActionForm>
          </section>
        </>
      )}
    </>
  );
}
