import { connection } from "next/server";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { readPublicPage } from "@/lib/status/public-page";

export default async function StatusPage() {
  await connection(); // rendered per request: status is live data
  const page = await readPublicPage();
  return (
    <main>
      <h1>{page.name}</h1>
      {page.groups.length === 0 && <p className="empty">No components yet.</p>}
      {page.groups.map((group) => (
        <section className="group" key={group.id ?? "ungrouped"} aria-label={group.name ?? "Components"}>
          {group.name && <h2>{group.name}</h2>}
          <ul className="components">
            {group.components.map((component) => (
              <li className="component" key={component.id} data-testid="component">
                <span className="component-name">
                  {component.name}
                  {component.description && <span className="component-description">{component.description}</span>}
                </span>
                <span className={`status status-${component.status}`}>{COMPONENT_STATUS_LABELS[component.status]}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <footer>Powered by Vigil</footer>
    </main>
  );
}
