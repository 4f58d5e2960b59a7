// The component/group checkboxes shared by the subscribe form and the manage page. Nothing ticked
// means the whole page; ticking a group also covers components added to it later.
import { currentStatus } from "@/lib/public-read/current-status";
import { visibleComponentGroups } from "@/lib/public-read/public-page";

export async function ScopeFieldset({ componentIds = [], groupIds = [] }: { componentIds?: string[]; groupIds?: string[] }) {
  const groups = visibleComponentGroups((await currentStatus()).snapshot);
  return (
    <fieldset className="scope">
      <legend>Components (optional — none ticked: everything)</legend>
      {groups.map(({ group, components }) => (
        <div className="scope-group" key={group?.id ?? "ungrouped"}>
          {group ? (
            <label>
              <input type="checkbox" name="scope" value={`group:${group.id}`} defaultChecked={groupIds.includes(group.id)} /> {group.name}{" "}
              <span className="muted">(whole group)</span>
            </label>
          ) : null}
          <ul>
            {components.map((component) => (
              <li key={component.id}>
                <label>
                  <input type="checkbox" name="scope" value={`component:${component.id}`} defaultChecked={componentIds.includes(component.id)} /> {component.name}
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
