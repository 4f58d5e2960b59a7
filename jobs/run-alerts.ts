// The alert dispatcher: claims due deliveries under a lease and sends each on its own — a pool of
// `concurrency` deliveries in flight, new claims whenever some settle — so a receiver that hangs
// holds one slot until its timeout, never the others. What each attempt does (rate limit, retries,
// give-ups, batched settlements) is lib/alerts/deliver-alerts.ts.
import "server-only";
import { createAlertDeliverer, type AlertDeliveryOptions } from "../lib/alerts/deliver-alerts";
import { claimDeliveries, nextDeliveryDueAt, type ClaimedDelivery } from "../lib/alerts/delivery-store";
import { WakeGate } from "./wake-gate";

export type AlertDispatcherOptions = AlertDeliveryOptions & {
  concurrency: number;
  leaseMs: number;
  sweepMs: number;
};

export type AlertDispatcher = { wake(): void; stop(): Promise<void> };

export function startAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const gate = new WakeGate();
  const inFlight = new Set<Promise<void>>();
  const deliver = createAlertDeliverer(options);
  // Settlements are written in batches, so slots free up together: one turn later, claim for all of them at once.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  const loop = async () => {
    while (!gate.stopped) {
      gate.beginTurn();
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
        await gate.wait(Math.min(options.sweepMs, 5_000));
        continue;
      }
      if (rows.length === 0) {
        // Deliveries in flight may settle into retries due soon: idle until then, or a wake-up.
        await Promise.race([gate.waitForDue(nextDeliveryDueAt, options.sweepMs, options.clock), ...inFlight]);
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
    wake: () => gate.wake(),
    async stop() {
      gate.stop();
      await running;
      await Promise.all(inFlight);
    },
  };
}
