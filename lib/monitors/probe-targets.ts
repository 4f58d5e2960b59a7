// What the probe scheduler reads: which monitors are due where, and what to check for each.
import "server-only";
import { db } from "../db";
import type { ScheduledMonitor } from "./probe-slots";

export async function listScheduledMonitors(): Promise<ScheduledMonitor[]> {
  return db().monitor.findMany({
    where: { enabled: true },
    select: { id: true, intervalSeconds: true, timeoutMs: true, regions: true },
  });
}

export type MonitorToProbe = { id: string; kind: string; target: string; intervalSeconds: number; timeoutMs: number; expectations: unknown };

/** The enabled monitors among `ids` (a paused or deleted monitor is simply absent). */
export async function loadMonitorsToProbe(ids: readonly string[]): Promise<Map<string, MonitorToProbe>> {
  const monitors = await db().monitor.findMany({
    where: { id: { in: [...new Set(ids)] }, enabled: true },
    select: { id: true, kind: true, target: true, intervalSeconds: true, timeoutMs: true, expectations: true },
  });
  return new Map(monitors.map((monitor) => [monitor.id, monitor]));
}
