// What the probe scheduler reads: which monitors are due where, and what to check for each.
import "server-only";
import { db, sqlPool } from "../db";
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
  // Once per probe job: sent directly, not through Prisma (see sqlPool).
  const { rows } = await sqlPool().query<MonitorToProbe>(
    `SELECT id, kind::text AS kind, target, "intervalSeconds", "timeoutMs", expectations
     FROM "Monitor" WHERE id = ANY($1::text[]) AND enabled`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((monitor) => [monitor.id, monitor]));
}
