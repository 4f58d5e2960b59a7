// Reminders before a maintenance window starts (MAINTENANCE_REMINDERS, default 1 hour), run by the
// minute clock (incidents/incident-clock.ts). A reminder `minutesBefore` falls due at
// `scheduledFor - minutesBefore` for a window still scheduled, announced before that moment, whose
// subscribers heard of it. It is settled once per (window, minutes before, start time) by a row in
// MaintenanceReminder: its primary key lets one of several workers' clocks win, and survives
// restarts. A rescheduled window has a new start, so new rows and new reminders; the mail itself
// is dropped at send time if the window was cancelled or moved meanwhile (render-outbox-batch.ts).
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { enqueueMaintenanceReminder } from "../outbox/enqueue-update-notifications";

export type ReminderOptions = { minutesBefore: readonly number[]; messageIdDomain: string };

/** Settles every due reminder; returns how many reminders (windows × lead times) went out. */
export async function remindOfMaintenance(tx: Prisma.TransactionClient, now: Date, { minutesBefore, messageIdDomain }: ReminderOptions): Promise<number> {
  if (minutesBefore.length === 0) return 0;
  const horizon = new Date(now.getTime() + Math.max(...minutesBefore) * 60_000);
  const windows = await tx.incident.findMany({
    where: { kind: "maintenance", status: "scheduled", scheduledFor: { gt: now, lte: horizon } },
    select: {
      id: true,
      scheduledFor: true,
      scheduledUntil: true,
      announcedAt: true,
      components: { select: { componentId: true } },
      updates: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true, notify: true } },
      maintenanceReminders: { select: { minutesBefore: true, scheduledFor: true } },
    },
  });
  let sent = 0;
  for (const window of windows) {
    const start = window.scheduledFor!;
    const announcement = window.updates[0];
    // A quiet window (announced without notifying) stays quiet, as its start and end do.
    if (!announcement?.notify) continue;
    const dueAt = (minutes: number) => new Date(start.getTime() - minutes * 60_000);
    const due = minutesBefore.filter(
      (minutes) =>
        dueAt(minutes) <= now &&
        (!window.announcedAt || window.announcedAt < dueAt(minutes)) &&
        !window.maintenanceReminders.some((r) => r.minutesBefore === minutes && r.scheduledFor.getTime() === start.getTime()),
    );
    if (due.length === 0) continue;
    // A clock that was down past several lead times sends only the nearest: "in 1 hour", not also "in 1 day".
    const nearest = Math.min(...due);
    const won = await tx.$queryRaw<{ minutesBefore: number }[]>`
      INSERT INTO "MaintenanceReminder" ("incidentId", "minutesBefore", "scheduledFor", sent, "createdAt")
      SELECT ${window.id}, m, ${start}, m = ${nearest}, ${now} FROM unnest(${due}::int[]) AS m
      ON CONFLICT DO NOTHING
      RETURNING "minutesBefore"`;
    if (!won.some((row) => row.minutesBefore === nearest)) continue; // another worker's clock settled it
    await enqueueMaintenanceReminder(
      tx,
      {
        updateId: announcement.id,
        componentIds: window.components.map((c) => c.componentId),
        key: `reminder:${window.id}:${nearest}:${start.getTime()}`,
        payload: { reminder: { minutesBefore: nearest, scheduledFor: start.toISOString(), scheduledUntil: window.scheduledUntil?.toISOString() ?? null } },
      },
      messageIdDomain,
    );
    sent++;
  }
  return sent;
}
