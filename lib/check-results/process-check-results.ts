// The path of a batch of check results: store them, advance each monitor's state machine, open or
// recover automatic incidents, and roll changed monitors up into their components — state,
// incident and status in one transaction.
import "server-only";
import { alertMonitorTransitions } from "../alerts/record-alerts";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { env, publicHostname } from "../env";
import { announceSettledOutages, applyAutomaticIncidents, automaticIncidentOptions } from "../incidents/automatic-incidents";
import { lockComponents, refreshComponentStatuses, type ComponentStatusTransition } from "../status/refresh-component-statuses";
import { confirmMonitorStates, listSilentMonitorIds, type CertificateSeen, type MonitorTransition } from "../monitors/confirm-monitor-states";
import type { RegionCheckResult } from "../monitors/monitor-state";
import { newestCertificateChecks, recordCertificateAlerts } from "../monitors/record-certificate-alerts";
import { recordCheckResults, type RecordedCheck } from "./record-check-results";

export type ProcessedResults = {
  recorded: number;
  monitorTransitions: MonitorTransition[];
  componentTransitions: ComponentStatusTransition[];
};

/**
 * `canaryBroken` names regions whose probe network failed its self-check for this batch: their
 * results are stored but count as unknown (see probe-network.ts).
 */
export async function processCheckResults(
  checks: readonly RecordedCheck[],
  now: Date,
  canaryBroken: Readonly<Record<string, boolean>> = {},
): Promise<ProcessedResults> {
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
  const certificates = new Map<string, CertificateSeen>(
    [...newestCertificateChecks(checks)].map(([monitorId, check]) => [monitorId, { expiresAt: check.result.certificate!.validTo, seenAt: check.checkedAt.toISOString() }]),
  );
  const rolledUp = await db().$transaction(async (tx) => {
    const outcome = await confirmAndRollUp(tx, byMonitor, now, canaryBroken, certificates);
    await recordCertificateAlerts(tx, checks, now, { alertEmail: env().ALERT_EMAIL, messageIdDomain: publicHostname(), burstMs: env().INCIDENT_BURST_SECONDS * 1000 });
    return outcome;
  });
  return { recorded, ...rolledUp };
}

/** Monitors that went silent (no worker checked them for two intervals) become unknown. */
export async function confirmSilentMonitors(now: Date): Promise<Omit<ProcessedResults, "recorded">> {
  return db().$transaction(async (tx) => {
    const ids = await listSilentMonitorIds(tx, now);
    return confirmAndRollUp(tx, new Map(ids.map((id) => [id, []])), now);
  });
}

async function confirmAndRollUp(
  tx: Prisma.TransactionClient,
  byMonitor: ReadonlyMap<string, readonly RegionCheckResult[]>,
  now: Date,
  canaryBroken: Readonly<Record<string, boolean>> = {},
  certificates: ReadonlyMap<string, CertificateSeen> = new Map(),
) {
  const { transitions, confirmed } = await confirmMonitorStates(tx, byMonitor, now, canaryBroken, certificates);
  await alertMonitorTransitions(tx, transitions);
  const settled = confirmed.filter((monitor) => monitor.settled);
  const componentIds = await lockComponents(
    tx,
    [...transitions, ...settled].flatMap((t) => (t.componentId ? [t.componentId] : [])),
  );
  const options = automaticIncidentOptions();
  await applyAutomaticIncidents(tx, transitions, now, options);
  await announceSettledOutages(tx, settled, now, options);
  const componentTransitions = await refreshComponentStatuses(tx, componentIds, now);
  return { monitorTransitions: transitions, componentTransitions };
}
