// What the public page lists: showcased components, grouped and ordered, with components marked
// "only show if degraded" hidden while operational; empty groups left out; ungrouped ones first.
// Pure, over the status snapshot.
import type { SnapshotComponent, SnapshotGroup, StatusSnapshot } from "./status-snapshot-types";

export type PublicComponentGroup = { group: SnapshotGroup | null; components: SnapshotComponent[] };

export function visibleComponentGroups(snapshot: StatusSnapshot): PublicComponentGroup[] {
  const visible = snapshot.components.filter((c) => c.showcase && (!c.onlyShowIfDegraded || c.status !== "operational"));
  const groupIds = new Set(snapshot.groups.map((g) => g.id));
  const ungrouped = visible.filter((c) => !c.groupId || !groupIds.has(c.groupId));
  const grouped = snapshot.groups
    .map((group) => ({ group, components: visible.filter((c) => c.groupId === group.id) }))
    .filter((entry) => entry.components.length > 0);
  return ungrouped.length > 0 ? [{ group: null, components: ungrouped }, ...grouped] : grouped;
}
