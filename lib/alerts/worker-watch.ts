// The web process's watch on the workers. Alerts are decided and sent by workers, so when no worker
// at all has beaten for three heartbeat intervals nobody is left to say so (a region going quiet
// while another still beats is `worker.silent`, told by the live workers): the web process raises
// `worker.missing` itself, and `worker.recovered` when a worker beats again.
//
// Exactly once per episode with any number of web instances, coordinated in PostgreSQL only: the
// "workers" row of AlertEpisode is locked while an instance judges the heartbeats, and flips
// (raised, and the episode's number) by a guarded update in the same transaction that writes the
// event's deliveries — whose keys carry that number, unique besides. Then every instance delivers
// these two kinds of event itself, through the same claims, leases, retries and rate limits as the
// worker's dispatcher (deliver-alerts.ts), so they leave without a worker. (The email kind goes
// through the mail outbox, which only a worker sends: those arrive once a worker runs again.)
import "server-only";
import { db } from "../db";
import { staleAfterMs } from "../workers/heartbeats";
import { workersMissingEvent, workersRecoveredEvent } from "./alert-events";
import type { AlertDeliverer } from "./deliver-alerts";
import { claimDeliveries } from "./delivery-store";
import type { AlertEvent, AlertEventKind } from "./events";
import { alertLinks, recordAlerts } from "./record-alerts";

const SUBJECT = "workers";
/** The events the web process delivers itself. */
export const WEB_ALERT_EVENTS: readonly AlertEventKind[] = ["worker.missing", "worker.recovered"];

export type WorkerWatchInput = {
  now: Date;
  /** WORKER_HEARTBEAT_SECONDS: missing after three intervals without any beat. */
  heartbeatSeconds: number;
  /**
   * When this web process started watching: a silence is counted from it at the earliest, so a web
   * instance started just before its worker (or after a long stop) does not cry wolf.
   */
  watchingSince: Date;
};

/** Judges the heartbeats and, when the episode changes, records its event; returns that event, or null. */
export async function checkWorkerPresence(input: WorkerWatchInput): Promise<AlertEvent | null> {
  const staleMs = staleAfterMs(input.heartbeatSeconds);
  const { base } = alertLinks();
  return db().$transaction(async (tx) => {
    await tx.alertEpisode.createMany({ data: [{ subject: SUBJECT, changedAt: input.now }], skipDuplicates: true });
    // Held until commit: the instances judge one after another, each seeing the beats as they are then.
    const [episode] = await tx.$queryRaw<{ since: Date | null }[]>`SELECT since FROM "AlertEpisode" WHERE subject = ${SUBJECT} FOR UPDATE`;
    const [newest] = await tx.$queryRaw<{ at: Date | null }[]>`SELECT max("lastSeenAt") AS at FROM "WorkerHeartbeat"`;
    const beat = newest?.at ?? null;
    const now = input.now.getTime();
    const alive = beat !== null && now - beat.getTime() < staleMs;
    // A worker that stops cleanly deletes its row: the last beat seen before is kept here, so the
    // silence of a worker restarted for a deploy counts from its last beat, not from long ago.
    if (alive) await tx.alertEpisode.updateMany({ where: { subject: SUBJECT, raised: false, OR: [{ since: null }, { since: { lt: beat } }] }, data: { since: beat } });
    const lastSeenAt = [beat, episode?.since ?? null].reduce<Date | null>((latest, at) => (at && (!latest || at > latest) ? at : latest), null);
    const missing = now - Math.max(lastSeenAt?.getTime() ?? 0, input.watchingSince.getTime()) >= staleMs;
    if (!alive && !missing) return null;

    const [changed] = missing
      ? await tx.$queryRaw<{ number: number; since: Date | null }[]>`
          UPDATE "AlertEpisode" SET raised = true, number = number + 1, since = ${lastSeenAt}, "changedAt" = ${input.now}
          WHERE subject = ${SUBJECT} AND NOT raised RETURNING number, since`
      : await tx.$queryRaw<{ number: number; since: Date | null }[]>`
          UPDATE "AlertEpisode" SET raised = false, "changedAt" = ${input.now}
          WHERE subject = ${SUBJECT} AND raised RETURNING number, since`;
    if (!changed) return null;
    const event = missing ? workersMissingEvent(changed.number, changed.since, input.now, base) : workersRecoveredEvent(changed.number, changed.since, input.now, base);
    await recordAlerts(tx, [event]);
    return event;
  });
}

/** Claims the due deliveries of the web's own events (leased to `watcherId`) and attempts them; returns how many. */
export async function deliverWebAlerts(options: { watcherId: string; now: Date; leaseMs: number; deliver: AlertDeliverer; log: (message: string) => void }): Promise<number> {
  const rows = await claimDeliveries({ workerId: options.watcherId, limit: 50, leaseMs: options.leaseMs, now: options.now, events: WEB_ALERT_EVENTS });
  await Promise.all(
    options.deliver(rows).map((delivery, index) =>
      delivery.catch((error: unknown) => options.log(`alert delivery ${rows[index]!.id} could not be settled (retried after its lease): ${(error as Error).message}`)),
    ),
  );
  return rows.length;
}
