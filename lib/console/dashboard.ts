// The console's first screen: everything an admin needs in the middle of an outage — every
// component and monitor (last result, reason, certificate days left), open incidents, upcoming and
// running maintenance, worker heartbeats per region, certificate alerts not yet acknowledged, and
// failing outbox messages.
import "server-only";
import { db } from "../db";
import { listComponentChoices } from "./incidents";
import type { ComponentStatus, IncidentImpact, IncidentStatus, MonitorState } from "../generated/prisma/enums";
import { outboxFailureSummary, type OutboxFailure } from "../outbox/outbox-admin";
import { readWorkerLiveness, type RegionLiveness } from "../workers/heartbeats";

export type DashboardMonitor = {
  id: string;
  name: string;
  kind: string;
  target: string;
  enabled: boolean;
  state: MonitorState;
  flapping: boolean;
  lastCheckedAt: Date | null;
  lastResult: { state: string; reasons: string[]; latencyMs: number | null; checkedAt: Date } | null;
  certificateDaysLeft: number | null;
};
export type DashboardComponent = { id: string; name: string; group: string | null; status: ComponentStatus; monitors: DashboardMonitor[] };
export type DashboardIncident = { id: string; name: string; status: IncidentStatus; impact: IncidentImpact; source: string; startedAt: Date; takenOver: boolean };
export type DashboardMaintenance = { id: string; name: string; status: IncidentStatus; scheduledFor: Date | null; scheduledUntil: Date | null };
export type DashboardCertificateAlert = { id: string; monitorId: string; monitorName: string; threshold: string; daysLeft: number; expiresAt: Date; createdAt: Date };

export type Dashboard = {
  components: DashboardComponent[];
  unattachedMonitors: DashboardMonitor[];
  openIncidents: DashboardIncident[];
  maintenance: DashboardMaintenance[];
  workers: RegionLiveness[];
  certificateAlerts: DashboardCertificateAlert[];
  /** Failed outbox messages: how many, and the newest few (the outbox page has the rest). */
  failingOutbox: { count: number; newest: OutboxFailure[] };
};

const DAY_MS = 24 * 3600 * 1000;

export async function readDashboard(now: Date, heartbeatSeconds: number): Promise<Dashboard> {
  const [components, monitors, incidents, maintenance, workers, alerts, failingOutbox] = await Promise.all([
    listComponentChoices(),
    db().monitor.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, target: true, enabled: true, state: true, flapping: true, lastCheckedAt: true, componentId: true } }),
    db().incident.findMany({
      where: { kind: "incident", status: { in: ["investigating", "identified", "monitoring"] } },
      orderBy: { startedAt: "desc" },
      select: { id: true, name: true, status: true, impact: true, source: true, startedAt: true, takenOverAt: true },
    }),
    db().incident.findMany({
      where: { kind: "maintenance", status: { in: ["scheduled", "in_progress", "verifying"] } },
      orderBy: { scheduledFor: "asc" },
      select: { id: true, name: true, status: true, scheduledFor: true, scheduledUntil: true },
    }),
    readWorkerLiveness(now, heartbeatSeconds),
    db().certificateAlert.findMany({
      where: { acknowledgedAt: null, createdAt: { gte: new Date(now.getTime() - 30 * DAY_MS) } },
      orderBy: { expiresAt: "asc" },
      take: 50,
      select: { id: true, monitorId: true, threshold: true, daysLeft: true, expiresAt: true, createdAt: true, monitor: { select: { name: true } } },
    }),
    outboxFailureSummary(5),
  ]);
  const lastResults = await latestResults(monitors.map((m) => m.id));
  const toMonitor = (monitor: (typeof monitors)[number]): DashboardMonitor => {
    const last = lastResults.get(monitor.id);
    return {
      id: monitor.id,
      name: monitor.name,
      kind: monitor.kind,
      target: monitor.target,
      enabled: monitor.enabled,
      state: monitor.state,
      flapping: monitor.flapping,
      lastCheckedAt: monitor.lastCheckedAt,
      lastResult: last ? { state: last.state, reasons: last.reasonCodes, latencyMs: last.latencyMs, checkedAt: last.checkedAt } : null,
      certificateDaysLeft: last?.certExpiresAt ? Math.floor((last.certExpiresAt.getTime() - now.getTime()) / DAY_MS) : null,
    };
  };
  return {
    components: components.map((c) => ({ ...c, monitors: monitors.filter((m) => m.componentId === c.id).map(toMonitor) })),
    unattachedMonitors: monitors.filter((m) => m.componentId === null).map(toMonitor),
    openIncidents: incidents.map(({ takenOverAt, ...incident }) => ({ ...incident, takenOver: takenOverAt !== null })),
    maintenance,
    workers,
    certificateAlerts: alerts.map(({ monitor, ...alert }) => ({ ...alert, monitorName: monitor.name })),
    failingOutbox,
  };
}

type LatestResult = { monitorId: string; state: string; reasonCodes: string[]; latencyMs: number | null; checkedAt: Date; certExpiresAt: Date | null };

/** Each monitor's newest result, one backward step per monitor on the key (monitorId, slotAt, region). */
export async function latestResults(monitorIds: readonly string[]): Promise<Map<string, LatestResult>> {
  if (monitorIds.length === 0) return new Map();
  const rows = await db().$queryRaw<LatestResult[]>`
    SELECT r."monitorId", r.state::text AS state, r."reasonCodes", r."latencyMs", r."checkedAt", r."certExpiresAt"
    FROM unnest(${[...monitorIds]}::text[]) AS m(id)
    CROSS JOIN LATERAL (
      SELECT * FROM "CheckResult" WHERE "monitorId" = m.id ORDER BY "slotAt" DESC LIMIT 1
    ) r`;
  return new Map(rows.map((row) => [row.monitorId, row]));
}
