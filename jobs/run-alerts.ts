// The alert dispatcher: claims due deliveries under a lease and sends each on its own — a pool of
// `concurrency` deliveries in flight, new claims whenever some settle — so a receiver that hangs
// holds one slot until its timeout, never the others. What each attempt does (rate limit, retries,
// give-ups, batched settlements) is lib/alerts/deliver-alerts.ts.
import "server-only";
import { createAlertDeliverer, type AlertDeliveryOptions } from "../lib/alerts/deliver-alerts";
import { claimDeliveries, nextDeliveryDueAt, type ClaimedDelivery } from "../lib/alerts/delivery-store";

export type AlertDispatcherOptions = AlertDeliveryOptions & {
  concurrency: number;
  leaseMs: number;
  sweepMs: number;
};

export type AlertDispatcher = { wake(): void; stop(): Promise<void> };

const MIN_IDLE_MS = 50;

export function startAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  let stopped = false;
  let woken = false;
  let release: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  const deliver = createAlertDeliverer(options);

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
  // Settlements are written in batches, so slots free up together: one turn later, claim for all of them at once.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  const loop = async () => {
    while (!stopped) {
      woken = false;
      const free = options.concurrency - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        await nextTurn();
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
      deliver(rows).forEach((delivery, index) => {
        const running: Promise<void> = delivery
          .catch((error: unknown) => options.log(`alert delivery ${rows[index]!.id} could not be settled (retried after its lease): ${(error as Error).message}`))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      });
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
