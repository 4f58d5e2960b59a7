// Alerts about Vigil itself, checked each minute by one worker of the cluster (a pg-boss cron job):
// a region whose workers all missed three heartbeats, and email delivery failing past a threshold.
// A cluster whose only worker died cannot run this; ALIVE_URL, watched from outside, covers that
// (docs/alerts.md#a-dead-mans-switch-for-vigil-itself).
import "server-only";
import { db } from "../db";
import { env } from "../env";
import { readWorkerLiveness } from "../workers/heartbeats";
import { mailFailingEvent, workerSilentEvent } from "./alert-events";
import type { AlertEvent } from "./events";
import { alertLinks, recordAlerts } from "./record-alerts";

/** Failed or retried emails within the window that make "mail is failing". */
export const MAIL_FAILING_THRESHOLD = 5;
const MAIL_WINDOW_MINUTES = 15;

export async function alertSystemHealth(now: Date): Promise<number> {
  const { base } = alertLinks();
  const events: AlertEvent[] = [];
  for (const region of await readWorkerLiveness(now, env().WORKER_HEARTBEAT_SECONDS)) {
    if (region.stale) events.push(workerSilentEvent(region, now, base));
  }
  const since = new Date(now.getTime() - MAIL_WINDOW_MINUTES * 60_000);
  const failing = await db().outboxMessage.findMany({
    where: { updatedAt: { gte: since }, lastError: { not: null }, status: { in: ["pending", "failed"] } },
    orderBy: { updatedAt: "desc" },
    select: { lastError: true },
    take: MAIL_FAILING_THRESHOLD,
  });
  if (failing.length >= MAIL_FAILING_THRESHOLD) {
    events.push(mailFailingEvent({ count: failing.length, windowMinutes: MAIL_WINDOW_MINUTES, lastError: failing[0]!.lastError ?? "" }, now, base));
  }
  if (events.length === 0) return 0;
  return db().$transaction((tx) => recordAlerts(tx, events));
}
