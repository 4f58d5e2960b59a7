// What happens to incidents with the passing of time, run each minute by one worker of the cluster
// (a pg-boss cron job): maintenance windows start and end and remind their subscribers beforehand,
// recovered automatic incidents resolve after their quiet period, incidents left open remind the admins.
import "server-only";
import { db } from "../db";
import { env, publicHostname } from "../env";
import { advanceMaintenanceWindows } from "../maintenance/advance-maintenance";
import { remindOfMaintenance } from "../maintenance/maintenance-reminders";
import { refreshComponentStatuses } from "../status/refresh-component-statuses";
import { automaticIncidentOptions, resolveQuietAutomaticIncidents } from "./automatic-incidents";
import { remindStaleIncidents } from "./stale-incident-reminders";

export async function runIncidentClock(now: Date): Promise<void> {
  const config = env();
  await runMaintenanceClock(now);
  await resolveQuietIncidents(now);
  await db().$transaction((tx) => remindStaleIncidents(tx, now, { alertEmail: config.ALERT_EMAIL, messageIdDomain: publicHostname(config) }));
}

/**
 * Maintenance windows start and end, and their reminders go out. Run by the minute clock, and at
 * the moment itself by the worker's maintenance clock (jobs/maintenance-clock.ts).
 */
export async function runMaintenanceClock(now: Date): Promise<void> {
  const config = env();
  const messageIdDomain = publicHostname(config);
  await db().$transaction((tx) => advanceMaintenanceWindows(tx, now, messageIdDomain));
  await db().$transaction((tx) => remindOfMaintenance(tx, now, { minutesBefore: config.MAINTENANCE_REMINDERS, messageIdDomain }));
}

/**
 * Recovered automatic incidents whose quiet period is over resolve. Run by the minute clock, and at
 * the due time itself by a job the probe runner queues when a recovery starts a quiet period.
 */
export async function resolveQuietIncidents(now: Date): Promise<void> {
  await db().$transaction(async (tx) => {
    const componentIds = await resolveQuietAutomaticIncidents(tx, now, env().INCIDENT_AUTO_RESOLVE_MINUTES * 60_000, automaticIncidentOptions());
    await refreshComponentStatuses(tx, componentIds, now);
  });
}
