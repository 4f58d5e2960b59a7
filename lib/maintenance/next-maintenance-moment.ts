// When the maintenance clock next has work: a window's start, its end, or a reminder before its
// start. The worker wakes its clock at that moment (jobs/incident-moment-clock.ts), so windows start
// and end and reminders go out on time rather than at the next minute tick, which stays the
// safety net. A moment that turns out to have no work (a quiet window's reminder) costs one
// idempotent clock run.
import "server-only";
import { db } from "../db";
import type { IncidentStatus } from "../generated/prisma/enums";

export type PlannedWindow = {
  status: IncidentStatus;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  autoStart: boolean;
  autoComplete: boolean;
};

/** The earliest moment after `now` at which one of these windows starts, ends or is reminded of. */
export function nextMoment(windows: readonly PlannedWindow[], now: Date, minutesBefore: readonly number[]): Date | null {
  const moments = windows.flatMap((window) => {
    const start = window.scheduledFor?.getTime();
    if (window.status === "scheduled" && start !== undefined) {
      return [...(window.autoStart ? [start] : []), ...minutesBefore.map((minutes) => start - minutes * 60_000)];
    }
    const end = window.scheduledUntil?.getTime();
    const running = window.status === "in_progress" || window.status === "verifying";
    return running && window.autoComplete && end !== undefined ? [end] : [];
  });
  const future = moments.filter((moment) => moment > now.getTime());
  return future.length > 0 ? new Date(Math.min(...future)) : null;
}

/** The next maintenance moment within `horizonMs` of `now` (reminders: of a window starting within lead time + horizon), or null. */
export async function nextMaintenanceMoment(now: Date, minutesBefore: readonly number[], horizonMs: number): Promise<Date | null> {
  const horizon = new Date(now.getTime() + horizonMs);
  const startsBy = new Date(horizon.getTime() + Math.max(0, ...minutesBefore) * 60_000);
  const windows = await db().incident.findMany({
    where: {
      kind: "maintenance",
      OR: [
        { status: "scheduled", scheduledFor: { gt: now, lte: startsBy } },
        { status: { in: ["in_progress", "verifying"] }, autoComplete: true, scheduledUntil: { gt: now, lte: horizon } },
      ],
    },
    select: { status: true, scheduledFor: true, scheduledUntil: true, autoStart: true, autoComplete: true },
  });
  return nextMoment(windows, now, minutesBefore);
}
