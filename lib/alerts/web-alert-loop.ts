// The web process's alert loop (started by scripts/web-server.ts, whether or not Next is loaded): every
// heartbeat interval, judge the workers' presence (worker-watch.ts) and deliver what the web
// process tells itself. One pass at a time; a failing pass is logged and the next one tries again.
import "server-only";
import os from "node:os";
import { env } from "../env";
import { logger } from "../log";
import { createAlertSender } from "./alert-sender";
import { alertDeliverySettings, createAlertDeliverer } from "./deliver-alerts";
import { alertSecretKey } from "./secret-box";
import { checkWorkerPresence, deliverWebAlerts } from "./worker-watch";

export async function startWebAlertLoop(clock: () => Date): Promise<{ stop(): Promise<void> }> {
  const config = env();
  const log = (message: string) => logger().warn(message);
  const watcherId = `web:${os.hostname()}:${process.pid}`;
  const settings = alertDeliverySettings(config);
  const sender = await createAlertSender(config.ALERT_TIMEOUT_MS);
  const deliver = createAlertDeliverer({ workerId: watcherId, sender, key: await alertSecretKey(), ...settings, log, clock });
  const watchingSince = clock();
  const intervalMs = config.WORKER_HEARTBEAT_SECONDS * 1000;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const event = await checkWorkerPresence({ now: clock(), heartbeatSeconds: config.WORKER_HEARTBEAT_SECONDS, watchingSince });
      if (event) logger().warn({ event: event.kind }, event.title);
      await deliverWebAlerts({ watcherId, now: clock(), leaseMs: settings.leaseMs, deliver, log });
    } catch (error) {
      log(`the web process's worker watch failed (tried again in ${config.WORKER_HEARTBEAT_SECONDS} s): ${(error as Error).message}`);
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => (pass = run()), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
      await sender.agent.close();
    },
  };
}
