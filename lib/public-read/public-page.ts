// What the public page lists: showcased components, grouped and ordered, with components marked
// "only show if degraded" hidden while operational; empty groups left out; in the one page order
// (components/page-order.ts: ungrouped ones first). Pure, over the status snapshot.
import { inPageOrder } from "../components/page-order";
import type { SnapshotComponent, SnapshotGroup, StatusSnapshot } from "./status-snapshot-types";

export type PublicComponentGroup = { group: SnapshotGroup | null; components: SnapshotComponent[] };

export function visibleComponentGroups(snapshot: StatusSnapshot): PublicComponentGroup[] {
  const visible = snapshot.components.filter((c) => c.showcase && (!c.onlyShowIfDegraded || c.status !== "operational"));
  return inPageOrder(snapshot.groups, visible).filter((entry) => entry.components.length > 0);
}
