import type { ReactNode } from "react";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { signOutAction } from "../auth-actions";
import { NavLink } from "../_components/nav-link";

// A sidebar on wide screens; on a phone the same <details> is a "Menu" disclosure at the top
// (admin.css), so the menu needs no script of its own. The header is a landmark around all of it.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor } = await requireAdmin();
  return (
    <div className="console">
      <a href="#console-main" className="skip-link">
        Skip to content
      </a>
      <header className="console-sidebar">
        <details className="console-menu">
          <summary>
            <span className="console-brand">Vigil console</span>
            <span className="menu-label">Menu</span>
          </summary>
          <nav aria-label="Console">
            <ul>
              <li><NavLink href="/admin">Dashboard</NavLink></li>
              <li><NavLink href="/admin/incidents">Incidents</NavLink></li>
              <li><NavLink href="/admin/maintenance">Maintenance</NavLink></li>
              <li><NavLink href="/admin/components">Components</NavLink></li>
              <li><NavLink href="/admin/monitors">Monitors</NavLink></li>
              <li><NavLink href="/admin/templates">Templates</NavLink></li>
              <li><NavLink href="/admin/subscribers">Subscribers</NavLink></li>
              <li><NavLink href="/admin/outbox">Outbox</NavLink></li>
              <li><NavLink href="/admin/alerts">Alerts</NavLink></li>
              {/* Demo mails hold live subscriber links: editors and owners only. */}
              {canEdit(actor) && <li><NavLink href="/admin/mails">Demo mails</NavLink></li>}
              <li><NavLink href="/admin/settings">Page settings</NavLink></li>
              <li><NavLink href="/admin/audit">Audit log</NavLink></li>
              <li><NavLink href="/admin/api-keys">API keys</NavLink></li>
              {actor.role === "owner" && <li><NavLink href="/admin/admins">Admins</NavLink></li>}
              <li><NavLink href="/admin/account">Account</NavLink></li>
            </ul>
          </nav>
          <form action={signOutAction} className="signout">
            <span data-testid="whoami">
              {actor.email} ({actor.role})
            </span>
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>
        </details>
      </header>
      <main id="console-main" className="console-main">
        {children}
      </main>
    </div>
  );
}
