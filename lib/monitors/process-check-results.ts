// The path of a batch of check results: store them, advance each monitor's state machine, open or
// recover automatic incidents, and roll changed monitors up into their components — state,
// incident and status in one transaction.
import "server-only";
import { db } from "../db";
import { env, publicUrl } from "../env";
import { applyAutomaticIncidents, resolveQuietAutomaticIncidents } from "../incidents/automatic-incidents";
import { lockComponents, refreshComponentStatuses, type ComponentStatusTransition } from "../status/refresh-component-statuses";
import { confirmMonitorStates, listSilentMonitorIds, type MonitorTransition } from "./confirm-monitor-states";
import type { RegionCheckResult } from "./monitor-state";
import { recordCheckResults, type RecordedCheck } from "./record-check-results";

export type ProcessedResults = {
  recorded: number;
  monitorTransitions: MonitorTransition[];
  componentTransitions: ComponentStatusTransition[];
};

export async function processCheckResults(checks: readonly RecordedCheck[], now: Date): Promise<ProcessedResults> {
  const recorded = await recordCheckResults(checks);
  const byMonitor = new Map<string, RegionCheckResult[]>();
  for (const check of checks) {
    const results = byMonitor.get(check.monitorId) ?? [];
    results.push({
      region: check.region,
      slotAt: check.slotAt,
      checkedAt: check.checkedAt,
      state: check.result.state,
      reasonCodes: check.result.reasons.map((reason) => reason.code),
    });
    byMonitor.set(check.monitorId, results);
  }
  return { recorded, ...(await confirmAndRollUp(byMonitor, now)) };
}

/** Monitors that went silent (no worker checked them for two intervals) become unknown. */
export async function confirmSilentMonitors(now: Date): Promise<Omit<ProcessedResults, "recorded">> {
  const ids = await db().$transaction((tx) => listSilentMonitorIds(tx, now));
  return confirmAndRollUp(new Map(ids.map((id) => [id, []])), now);
}

/** Automatic incidents quiet for INCIDENT_AUTO_RESOLVE_MINUTES resolve, and their components recover. */
export async function resolveQuietIncidents(now: Date): Promise<ComponentStatusTransition[]> {
  return db().$transaction(async (tx) => {
    const componentIds = await resolveQuietAutomaticIncidents(tx, now, env().INCIDENT_AUTO_RESOLVE_MINUTES * 60_000, incidentOptions());
    return refreshComponentStatuses(tx, componentIds, now);
  });
}

async function confirmAndRollUp(byMonitor: ReadonlyMap<string, readonly RegionCheckResult[]>, now: Date) {
  if (byMonitor.size === 0) return { monitorTransitions: [], componentTransitions: [] };
  return db().$transaction(async (tx) => {
    const { transitions } = await confirmMonitorStates(tx, byMonitor, now);
    const componentIds = await lockComponents(tx, transitions.flatMap((t) => (t.componentId ? [t.componentId] : [])));
    await applyAutomaticIncidents(tx, transitions, now, incidentOptions());
    const componentTransitions = await refreshComponentStatuses(tx, componentIds, now);
    return { monitorTransitions: transitions, componentTransitions };
  });
}

function incidentOptions() {
  return { messageIdDomain: new URL(publicUrl()).hostname };
}
