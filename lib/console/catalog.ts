// Components, groups and monitors as the console lists and edits them.
import "server-only";
import { db } from "../db";
import type { ComponentStatus, MonitorKind, MonitorState } from "../generated/prisma/enums";

export type ConsoleGroup = { id: string; name: string; description: string | null; position: number; managedByConfig: boolean };
export type ConsoleComponent = {
  id: string;
  name: string;
  description: string | null;
  groupId: string | null;
  position: number;
  status: ComponentStatus;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  managedByConfig: boolean;
  monitorCount: number;
};

export async function listCatalog(): Promise<{ groups: ConsoleGroup[]; components: ConsoleComponent[] }> {
  const [groups, components] = await Promise.all([
    db().componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, description: true, position: true, managedByConfig: true } }),
    db().component.findMany({
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, description: true, groupId: true, position: true, status: true, showcase: true, onlyShowIfDegraded: true, managedByConfig: true, _count: { select: { monitors: true } } },
    }),
  ]);
  return { groups, components: components.map(({ _count, ...c }) => ({ ...c, monitorCount: _count.monitors })) };
}

export type ConsoleMonitor = {
  id: string;
  name: string;
  publicDescription: string | null;
  componentId: string | null;
  kind: MonitorKind;
  target: string;
  intervalSeconds: number;
  timeoutMs: number;
  expectations: Record<string, unknown>;
  regions: string[];
  quorum: number | null;
  failureThreshold: number;
  recoveryThreshold: number;
  enabled: boolean;
  state: MonitorState;
  managedByConfig: boolean;
};

const MONITOR_FIELDS = {
  id: true,
  name: true,
  publicDescription: true,
  componentId: true,
  kind: true,
  target: true,
  intervalSeconds: true,
  timeoutMs: true,
  expectations: true,
  regions: true,
  quorum: true,
  failureThreshold: true,
  recoveryThreshold: true,
  enabled: true,
  state: true,
  managedByConfig: true,
} as const;

function toConsoleMonitor<T extends { expectations: unknown }>(monitor: T): T & { expectations: Record<string, unknown> } {
  const expectations = monitor.expectations && typeof monitor.expectations === "object" && !Array.isArray(monitor.expectations) ? (monitor.expectations as Record<string, unknown>) : {};
  return { ...monitor, expectations };
}

export async function listMonitors(): Promise<ConsoleMonitor[]> {
  return (await db().monitor.findMany({ orderBy: { name: "asc" }, select: MONITOR_FIELDS })).map(toConsoleMonitor);
}

export async function readMonitor(id: string): Promise<ConsoleMonitor | null> {
  const monitor = await db().monitor.findUnique({ where: { id }, select: MONITOR_FIELDS });
  return monitor && toConsoleMonitor(monitor);
}
