// What happens to incidents with the passing of time, run each minute by one worker of the cluster
// (a pg-boss cron job): maintenance windows start and end and remind their subscribers beforehand,
// recovered automatic incidents resolve after their quiet period, incidents left open remind the
// admins. The timed part also runs at its moment (nextIncidentMoment, runIncidentMoment).
import "server-only";
import { db } from "../db";
import { env, publicHostname } from "../env";
import { advanceMaintenanceWindows } from "../maintenance/advance-maintenance";
import { remindOfMaintenance } from "../maintenance/maintenance-reminders";
import { nextMaintenanceMoment } from "../maintenance/next-maintenance-moment";
import { refreshComponentStatuses } from "../status/refresh-component-statuses";
import { automaticIncidentOptions, nextAutomaticResolutionAt, resolveQuietAutomaticIncidents } from "./automatic-incidents";
import { remindStaleIncidents } from "./stale-incident-reminders";

export async function runIncidentClock(now: Date): Promise<void> {
  const config = env();
  await runMaintenanceClock(now);
  await resolveQuietIncidents(now);
  await db().$transaction((tx) => remindStaleIncidents(tx, now, { alertEmail: config.ALERT_EMAIL, messageIdDomain: publicHostname(config) }));
}

/**
 * The next moment within `horizonMs` after `now` with timed work: a maintenance window's start,
 * end or reminder, or a recovered automatic incident's quiet period ending. The worker's incident
 * moment clock (jobs/incident-moment-clock.ts) runs runIncidentMoment then.
 */
export async function nextIncidentMoment(now: Date, horizonMs: number): Promise<Date | null> {
  const config = env();
  const maintenance = await nextMaintenanceMoment(now, config.MAINTENANCE_REMINDERS, horizonMs);
  const resolution = await nextAutomaticResolutionAt(db(), quietMs(), now);
  const moments = [maintenance, resolution].filter((moment): moment is Date => moment !== null && moment.getTime() <= now.getTime() + horizonMs);
  return moments.length > 0 ? new Date(Math.min(...moments.map((moment) => moment.getTime()))) : null;
}

/** The incident clock's timed work, run at its moment: maintenance, then quiet periods that ended. */
export async function runIncidentMoment(now: Date): Promise<void> {
  await runMaintenanceClock(now);
  await resolveQuietIncidents(now);
}

/** Maintenance windows start and end, and their reminders go out. */
export async function runMaintenanceClock(now: Date): Promise<void> {
  const config = env();
  const messageIdDomain = publicHostname(config);
  await db().$transaction((tx) => advanceMaintenanceWindows(tx, now, messageIdDomain));
  await db().$transaction((tx) => remindOfMaintenance(tx, now, { minutesBefore: config.MAINTENANCE_REMINDERS, messageIdDomain }));
}

/** Recovered automatic incidents whose quiet period is over resolve. */
export async function resolveQuietIncidents(now: Date): Promise<void> {
  await db().$transaction(async (tx) => {
    const componentIds = await resolveQuietAutomaticIncidents(tx, now, quietMs(), automaticIncidentOptions());
    await refreshComponentStatuses(tx, componentIds, now);
  });
}

/** How long a recovered automatic incident stays in "monitoring" before it resolves. */
function quietMs(): number {
  return env().INCIDENT_AUTO_RESOLVE_MINUTES * 60_000;
}
