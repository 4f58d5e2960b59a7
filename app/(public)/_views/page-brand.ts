// The page's branding (logo, description, links, stylesheet) for the one layout, set by the route
// table around each public response it renders (public-routes.ts). Carried this way rather than
// through every view's props so the views stay about their own content: a view renders
// synchronously inside the scope, and outside one (unit tests) the layout shows the plain page.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SnapshotPage } from "@/lib/public-read/status-snapshot-types";

const scope = new AsyncLocalStorage<SnapshotPage | null>();

export function withPageBrand<T>(page: SnapshotPage | null, render: () => T): T {
  return scope.run(page, render);
}

/** The page being rendered, or null outside a route (or with no status to read). */
export function currentPage(): SnapshotPage | null {
  return scope.getStore() ?? null;
}
