// The config's nested groups → components → monitors as three flat lists of database rows
// (positions from list order, parents by id), which is what apply compares and writes.
import type { Prisma } from "../generated/prisma/client";
import type { ConfigComponent, ConfigMonitor, VigilConfig } from "./schemas";

/** The probe engine's default budget (MonitorCheck's timeoutMs default, also the column's). */
export const DEFAULT_TIMEOUT_MS = 10_000;

export type FlatGroup = { id: string; name: string; description: string | null; position: number };
export type FlatComponent = FlatGroup & { groupId: string | null; showcase: boolean; onlyShowIfDegraded: boolean; startDate: Date | null };
export type FlatMonitor = {
  id: string;
  componentId: string | null;
  name: string;
  publicDescription: string | null;
  kind: ConfigMonitor["kind"];
  target: string;
  intervalSeconds: number;
  timeoutMs: number;
  expectations: Prisma.InputJsonObject;
  regions: string[];
  quorum: number | null;
  failureThreshold: number;
  recoveryThreshold: number;
  enabled: boolean;
};

export function flattenConfig(config: VigilConfig): { groups: FlatGroup[]; components: FlatComponent[]; monitors: FlatMonitor[] } {
  const groups: FlatGroup[] = [];
  const components: FlatComponent[] = [];
  const monitors: FlatMonitor[] = [];
  const addComponents = (list: ConfigComponent[], groupId: string | null) =>
    list.forEach((component, position) => {
      components.push({
        id: component.id,
        groupId,
        name: component.name,
        description: component.description ?? null,
        position,
        showcase: component.showcase,
        onlyShowIfDegraded: component.onlyShowIfDegraded,
        startDate: component.startDate ? new Date(`${component.startDate}T00:00:00Z`) : null,
      });
      for (const monitor of component.monitors) monitors.push(flatMonitor(monitor, component.id));
    });
  config.groups.forEach((group, position) => {
    groups.push({ id: group.id, name: group.name, description: group.description ?? null, position });
    addComponents(group.components, group.id);
  });
  addComponents(config.components, null);
  for (const monitor of config.monitors) monitors.push(flatMonitor(monitor, null));
  return { groups, components, monitors };
}

function flatMonitor(monitor: ConfigMonitor, componentId: string | null): FlatMonitor {
  return {
    id: monitor.id,
    componentId,
    name: monitor.name,
    publicDescription: monitor.publicDescription ?? null,
    kind: monitor.kind,
    target: monitor.target,
    intervalSeconds: monitor.intervalSeconds,
    timeoutMs: monitor.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    expectations: (monitor.expectations ?? {}) as Prisma.InputJsonObject,
    regions: monitor.regions,
    quorum: monitor.quorum ?? null,
    failureThreshold: monitor.failureThreshold,
    recoveryThreshold: monitor.recoveryThreshold,
    enabled: monitor.enabled,
  };
}
