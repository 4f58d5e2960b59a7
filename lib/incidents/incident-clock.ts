// What happens to incidents with the passing of time, run each minute by one worker of the cluster
// (a pg-boss cron job): maintenance windows start and end, recovered automatic incidents resolve
// after their quiet period, incidents left open remind the admins.
import "server-only";
import { db } from "../db";
import { env, publicHostname } from "../env";
import { advanceMaintenanceWindows } from "../maintenance/advance-maintenance";
import { refreshComponentStatuses } from "../status/refresh-component-statuses";
import { automaticIncidentOptions, resolveQuietAutomaticIncidents } from "./automatic-incidents";
import { remindStaleIncidents } from "./stale-incident-reminders";

export async function runIncidentClock(now: Date): Promise<void> {
  const config = env();
  const messageIdDomain = publicHostname(config);
  await db().$transaction((tx) => advanceMaintenanceWindows(tx, now, messageIdDomain));
  await db().$transaction(async (tx) => {
    const componentIds = await resolveQuietAutomaticIncidents(tx, now, config.INCIDENT_AUTO_RESOLVE_MINUTES * 60_000, automaticIncidentOptions());
    await refreshComponentStatuses(tx, componentIds, now);
  });
  await db().$transaction((tx) => remindStaleIncidents(tx, now, { alertEmail: config.ALERT_EMAIL, messageIdDomain }));
}
