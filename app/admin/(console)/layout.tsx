import Link from "next/link";
import type { ReactNode } from "react";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { signOutAction } from "../auth-actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor } = await requireAdmin();
  return (
    <div className="console">
      <header className="console-header">
        <nav aria-label="Console">
          <Link href="/admin">Dashboard</Link>
          <Link href="/admin/incidents">Incidents</Link>
          <Link href="/admin/maintenance">Maintenance</Link>
          <Link href="/admin/components">Components</Link>
          <Link href="/admin/monitors">Monitors</Link>
          <Link href="/admin/templates">Templates</Link>
          <Link href="/admin/subscribers">Subscribers</Link>
          <Link href="/admin/outbox">Outbox</Link>
          <Link href="/admin/alerts">Alerts</Link>
          {/* Demo mails hold live subscriber links: editors and owners only. */}
          {canEdit(actor) && <Link href="/admin/mails">Demo mails</Link>}
          <Link href="/admin/settings">Page settings</Link>
          <Link href="/admin/audit">Audit log</Link>
          <Link href="/admin/api-keys">API keys</Link>
          {actor.role === "owner" && <Link href="/admin/admins">Admins</Link>}
          <Link href="/admin/account">Account</Link>
        </nav>
        <form action={signOutAction} className="signout">
          <span data-testid="whoami">
            {actor.email} ({actor.role})
          </span>
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </header>
      <main className="console-main">{children}</main>
    </div>
  );
}
