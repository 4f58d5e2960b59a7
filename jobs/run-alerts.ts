// The alert dispatcher: claims due deliveries under a lease and sends each on its own — a pool of
// `concurrency` deliveries in flight, a new claim whenever one settles — so a receiver that hangs
// holds one slot until its timeout, never the others. Each channel has a token bucket (its rate
// limit): a delivery over it goes back to the queue for when a token is due, unattempted.
// Transient failures retry with exponential backoff, or the receiver's Retry-After when longer,
// until the attempts run out; refusals fail at once. Both stay visible with their reason.
import "server-only";
import { openChannel, sendAlert, type AlertSender } from "../lib/alerts/alert-sender";
import { claimDeliveries, deferDelivery, failDelivery, markDeliverySent, nextDeliveryDueAt, retryDeliveryLater, type ClaimedDelivery } from "../lib/alerts/delivery-store";
import { AlertEvent } from "../lib/alerts/events";
import { nextAttemptAt, type RetryPolicy } from "../lib/outbox/delivery-policy";
import { RatePacer } from "../lib/outbox/rate-pacer";

export type AlertDispatcherOptions = {
  workerId: string;
  sender: AlertSender;
  key: Buffer;
  concurrency: number;
  leaseMs: number;
  retry: RetryPolicy;
  ratePerMinute: number;
  sweepMs: number;
  log: (message: string) => void;
  /** The wall clock; the worker passes the real one, so this file never reads it. */
  clock: () => Date;
  /** Called after each settled delivery (tests and the benchmark watch progress). */
  onSettled?: (settled: { id: bigint; outcome: "sent" | "retried" | "failed" | "deferred" }) => void;
};

export type AlertDispatcher = { wake(): void; stop(): Promise<void> };

const MIN_IDLE_MS = 50;

export function startAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  let stopped = false;
  let woken = false;
  let release: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  const pacers = new Map<string, RatePacer>();
  const pacerOf = (channelId: string) => {
    let pacer = pacers.get(channelId);
    if (!pacer) pacers.set(channelId, (pacer = new RatePacer(options.ratePerMinute / 60, Math.max(1, Math.min(10, options.ratePerMinute)), options.clock().getTime())));
    return pacer;
  };

  /** Sleeps `ms`, cut short by a wake-up or stop. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        release = undefined;
        resolve();
      };
      release = done;
    });
  const idle = async () => {
    const nextDue = await nextDeliveryDueAt().catch(() => null);
    const untilDue = nextDue ? Math.max(MIN_IDLE_MS, nextDue.getTime() - options.clock().getTime()) : Number.POSITIVE_INFINITY;
    await pause(Math.min(options.sweepMs, untilDue));
  };

  const settle = async (row: ClaimedDelivery) => {
    const now = options.clock();
    const report = (outcome: "sent" | "retried" | "failed" | "deferred") => options.onSettled?.({ id: row.id, outcome });
    if (row.attempts > options.retry.maxAttempts) {
      await failDelivery(row.id, options.workerId, `gave up: claimed ${row.attempts} times without being settled`, now);
      return report("failed");
    }
    if (!row.channelEnabled) {
      await failDelivery(row.id, options.workerId, "skipped: the channel is disabled", now);
      return report("failed");
    }
    const event = AlertEvent.safeParse(row.payload);
    if (!event.success || row.channelKind === "email") {
      await failDelivery(row.id, options.workerId, "skipped: not a deliverable alert", now);
      return report("failed");
    }
    const wait = pacerOf(row.channelId).take(now.getTime());
    if (wait > 0) {
      await deferDelivery(row.id, options.workerId, new Date(now.getTime() + wait), now);
      return report("deferred");
    }
    let channel;
    try {
      channel = openChannel({ id: row.channelId, name: row.channelName, kind: row.channelKind, settings: row.settings, sealedSecrets: row.sealedSecrets }, options.key);
    } catch (error) {
      await failDelivery(row.id, options.workerId, `cannot open the channel's secrets: ${(error as Error).message}`, now);
      return report("failed");
    }
    const result = await sendAlert(channel, event.data, options.sender, now);
    const after = options.clock();
    if (result.outcome === "sent") {
      await markDeliverySent(row.id, options.workerId, after);
      return report("sent");
    }
    if (result.outcome === "retry") {
      const backoff = nextAttemptAt(row.attempts, after, options.retry);
      if (backoff) {
        const retryAt = result.retryAfterMs !== null ? new Date(Math.max(backoff.getTime(), after.getTime() + Math.min(result.retryAfterMs, options.retry.maxDelayMs))) : backoff;
        await retryDeliveryLater(row.id, options.workerId, result.reason, retryAt, after);
        options.log(`alert to channel ${row.channelName} (${row.channelKind}) will be retried: ${result.reason}`);
        return report("retried");
      }
      await failDelivery(row.id, options.workerId, `gave up after ${row.attempts} attempts: ${result.reason}`, after);
      options.log(`alert to channel ${row.channelName} (${row.channelKind}) given up after ${row.attempts} attempts: ${result.reason}`);
      return report("failed");
    }
    await failDelivery(row.id, options.workerId, result.reason, after);
    options.log(`alert to channel ${row.channelName} (${row.channelKind}) failed: ${result.reason}`);
    return report("failed");
  };

  const loop = async () => {
    while (!stopped) {
      woken = false;
      const free = options.concurrency - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      let rows: ClaimedDelivery[];
      try {
        rows = await claimDeliveries({ workerId: options.workerId, limit: free, leaseMs: options.leaseMs, now: options.clock() });
      } catch (error) {
        options.log(`alerts cannot claim: ${(error as Error).message}`);
        await pause(Math.min(options.sweepMs, 5_000));
        continue;
      }
      if (rows.length === 0) {
        // Deliveries in flight may settle into retries due soon: idle until then, or a wake-up.
        await Promise.race([idle(), ...inFlight]);
        continue;
      }
      for (const row of rows) {
        const running: Promise<void> = settle(row)
          .catch((error: unknown) => options.log(`alert delivery ${row.id} could not be settled (retried after its lease): ${(error as Error).message}`))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    }
  };

  const running = loop();
  return {
    wake() {
      woken = true;
      release?.();
    },
    async stop() {
      stopped = true;
      release?.();
      await running;
      await Promise.all(inFlight);
    },
  };
}
