// Attempting claimed alert deliveries: the one policy both the worker's dispatcher
// (jobs/run-alerts.ts) and the web process's own alerts (worker-watch.ts) follow. Each channel has
// a token bucket (its rate limit): a delivery over it goes back to the queue for when a token is
// due, unattempted. Transient failures retry with exponential backoff, or the receiver's
// Retry-After when longer, until the attempts run out; refusals fail at once. Both stay visible
// with their reason.
//
// What costs per delivery is paid per batch instead: an event's payload is parsed once for all its
// channels in a claimed batch, a channel's secrets are opened once per batch, and settlements are
// written together — every settlement made while one write is under way goes into the next write
// (a group commit), so a busy dispatcher writes one statement per batch and an idle one at once.
import "server-only";
import type { OpenChannel } from "./vendor-payloads";
import { openChannel, sendAlert, type AlertSender } from "./alert-sender";
import { settleDeliveries, type ClaimedDelivery, type DeliverySettlement } from "./delivery-store";
import { AlertEvent } from "./events";
import { env, type Env } from "../env";
import { MAX_RETRY_DELAY_MS, nextAttemptAt, type RetryPolicy } from "../outbox/delivery-policy";
import { RatePacer } from "../outbox/rate-pacer";

export type DeliveryOutcome = "sent" | "retried" | "failed" | "deferred";

export type AlertDeliveryOptions = {
  /** Whose leases these are: a settlement changes a row only while its lease is still ours. */
  workerId: string;
  sender: AlertSender;
  key: Buffer;
  retry: RetryPolicy;
  ratePerMinute: number;
  log: (message: string) => void;
  /** The wall clock; the edges pass the real one, so this file never reads it. */
  clock: () => Date;
  /** Called after each settled delivery (tests and the benchmark watch progress). */
  onSettled?: (settled: { id: bigint; outcome: DeliveryOutcome }) => void;
};

/** The policy from the environment, the same for every process that delivers alerts. */
export function alertDeliverySettings(config: Env = env()): Pick<AlertDeliveryOptions, "retry" | "ratePerMinute"> & { leaseMs: number } {
  return {
    retry: { baseDelayMs: config.ALERT_RETRY_BASE_MS, maxDelayMs: MAX_RETRY_DELAY_MS, maxAttempts: config.ALERT_MAX_ATTEMPTS },
    ratePerMinute: config.ALERT_RATE_PER_MINUTE,
    // A delivery settles within its timeout; the lease only matters when its process died.
    leaseMs: Math.max(60_000, 3 * config.ALERT_TIMEOUT_MS),
  };
}

/** Attempts each row of one claimed batch; one promise per row, settled once its outcome is written. */
export type AlertDeliverer = (rows: readonly ClaimedDelivery[]) => Promise<void>[];

export function createAlertDeliverer(options: AlertDeliveryOptions): AlertDeliverer {
  const pacers = new Map<string, RatePacer>();
  const pacerOf = (channelId: string, now: Date) => {
    let pacer = pacers.get(channelId);
    if (!pacer) pacers.set(channelId, (pacer = new RatePacer(options.ratePerMinute / 60, Math.max(1, Math.min(10, options.ratePerMinute)), now.getTime())));
    return pacer;
  };
  const settle = groupCommit<DeliverySettlement>((batch) => settleDeliveries(options.workerId, batch));

  return (rows) => {
    const events = new Map<string, AlertEvent | null>();
    const eventOf = (payload: string): AlertEvent | null => {
      if (!events.has(payload)) {
        let parsed: AlertEvent | null = null;
        try {
          const result = AlertEvent.safeParse(JSON.parse(payload));
          if (result.success) parsed = result.data;
        } catch {
          // Not JSON: not a deliverable alert either.
        }
        events.set(payload, parsed);
      }
      return events.get(payload)!;
    };
    const channels = new Map<string, OpenChannel | Error>();
    const channelOf = (row: ClaimedDelivery): OpenChannel | Error => {
      let channel = channels.get(row.channelId);
      if (!channel) {
        try {
          channel = openChannel({ id: row.channelId, name: row.channelName, kind: row.channelKind as OpenChannel["kind"], settings: row.settings, sealedSecrets: row.sealedSecrets }, options.key);
        } catch (error) {
          channel = error as Error;
        }
        channels.set(row.channelId, channel);
      }
      return channel;
    };

    const attempt = async (row: ClaimedDelivery): Promise<DeliveryOutcome> => {
      const now = options.clock();
      const fail = async (reason: string, at: Date) => {
        await settle({ id: row.id, outcome: "failed", at, reason });
        return "failed" as const;
      };
      if (row.attempts > options.retry.maxAttempts) return fail(`gave up: claimed ${row.attempts} times without being settled`, now);
      if (!row.channelEnabled) return fail("skipped: the channel is disabled", now);
      const event = row.channelKind === "email" ? null : eventOf(row.payload);
      if (!event) return fail("skipped: not a deliverable alert", now);
      const wait = pacerOf(row.channelId, now).take(now.getTime());
      if (wait > 0) {
        await settle({ id: row.id, outcome: "defer", at: now, retryAt: new Date(now.getTime() + wait) });
        return "deferred";
      }
      const channel = channelOf(row);
      if (channel instanceof Error) return fail(`cannot open the channel's secrets: ${channel.message}`, now);

      const result = await sendAlert(channel, event, options.sender, now);
      const after = options.clock();
      if (result.outcome === "sent") {
        await settle({ id: row.id, outcome: "sent", at: after });
        return "sent";
      }
      const where = `alert to channel ${row.channelName} (${row.channelKind})`;
      if (result.outcome === "retry") {
        const backoff = nextAttemptAt(row.attempts, after, options.retry);
        if (backoff) {
          const retryAt = result.retryAfterMs !== null ? new Date(Math.max(backoff.getTime(), after.getTime() + Math.min(result.retryAfterMs, options.retry.maxDelayMs))) : backoff;
          await settle({ id: row.id, outcome: "retry", at: after, retryAt, reason: result.reason });
          options.log(`${where} will be retried: ${result.reason}`);
          return "retried";
        }
        options.log(`${where} given up after ${row.attempts} attempts: ${result.reason}`);
        return fail(`gave up after ${row.attempts} attempts: ${result.reason}`, after);
      }
      options.log(`${where} failed: ${result.reason}`);
      return fail(result.reason, after);
    };

    return rows.map((row) => attempt(row).then((outcome) => options.onSettled?.({ id: row.id, outcome })));
  };
}

/**
 * Batches writes: the first item waits one turn of the event loop (so items made in the same turn
 * go together), later items join whatever write follows the one under way. Each caller's promise
 * settles when the write holding its item did.
 */
function groupCommit<T>(write: (batch: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: { item: T; done: (error?: unknown) => void }[] = [];
  let draining = false;
  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      let failure: unknown;
      try {
        await write(batch.map((entry) => entry.item));
      } catch (error) {
        failure = error ?? new Error("the write failed");
      }
      for (const entry of batch) entry.done(failure);
    }
    draining = false;
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
}
