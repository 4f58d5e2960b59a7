// Staleness reminders: an incident still open 3, 6, 12 and 24 hours after it started reminds the
// admins once at each mark (IncidentReminder's key is (incident, hours)). When several marks are
// first seen together (the workers were down), only the latest is emailed (and alerted to the
// team's channels); all are recorded.
import "server-only";
import { alertStaleIncident } from "../alerts/record-alerts";
import type { Prisma } from "../generated/prisma/client";

export const REMINDER_HOURS = [3, 6, 12, 24] as const;
const HOUR_MS = 3_600_000;

export async function remindStaleIncidents(
  tx: Prisma.TransactionClient,
  now: Date,
  options: { alertEmail: string | undefined; messageIdDomain: string },
): Promise<number> {
  const open = await tx.incident.findMany({
    where: { kind: "incident", status: { in: ["investigating", "identified", "monitoring"] }, startedAt: { lte: new Date(now.getTime() - REMINDER_HOURS[0] * HOUR_MS) } },
    select: { id: true, name: true, startedAt: true, reminders: { select: { afterHours: true } } },
  });
  let emailed = 0;
  for (const incident of open) {
    const ageHours = (now.getTime() - incident.startedAt.getTime()) / HOUR_MS;
    const done = new Set(incident.reminders.map((r) => r.afterHours));
    const due = REMINDER_HOURS.filter((hours) => hours <= ageHours && !done.has(hours));
    if (due.length === 0) continue;
    const inserted = await tx.incidentReminder.createMany({
      data: due.map((afterHours) => ({ incidentId: incident.id, afterHours, createdAt: now })),
      skipDuplicates: true,
    });
    const latest = due.at(-1)!;
    // Another worker recorded these first: it sends the email and the alerts.
    if (inserted.count === 0) continue;
    await alertStaleIncident(tx, incident, latest, now);
    if (!options.alertEmail) continue;
    const key = `reminder:${incident.id}:${latest}h`;
    await tx.outboxMessage.createMany({
      data: {
        key,
        kind: "incident_reminder",
        recipient: options.alertEmail,
        payload: { incidentId: incident.id, afterHours: latest, message: `"${incident.name}" has been open for ${latest} hours. Post an update or resolve it.` },
        messageId: `<${key.replaceAll(":", ".")}@${options.messageIdDomain}>`,
      },
      skipDuplicates: true,
    });
    emailed += 1;
  }
  return emailed;
}
