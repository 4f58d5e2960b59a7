// The worker's alert dispatcher: woken by NOTIFY when a transaction writes deliveries, sweeping
// every few seconds anyway, on the process's shared LISTEN connection (like the mailer).
import { createAlertSender } from "../lib/alerts/alert-sender";
import { alertDeliverySettings } from "../lib/alerts/deliver-alerts";
import { ALERTS_CHANNEL } from "../lib/alerts/emit-alerts";
import { alertSecretKey } from "../lib/alerts/secret-box";
import { databaseUrl } from "../lib/db";
import { env, sessionDatabaseUrl } from "../lib/env";
import { listenShared } from "../lib/postgres/shared-listener";
import { startAlertDispatcher } from "./run-alerts";

export async function startWorkerAlerts(workerId: string, log: (message: string) => void): Promise<{ stop(): Promise<void> }> {
  const config = env();
  // Built once per worker: an alert does not need this machine's addresses refreshed by the minute.
  const sender = await createAlertSender(config.ALERT_TIMEOUT_MS);
  const dispatcher = startAlertDispatcher({
    workerId,
    sender,
    key: await alertSecretKey(),
    concurrency: 50,
    ...alertDeliverySettings(config),
    sweepMs: config.MAIL_SWEEP_MS,
    log,
    clock: () => new Date(),
  });
  const listener = listenShared({
    url: sessionDatabaseUrl() ?? databaseUrl(),
    channels: [ALERTS_CHANNEL],
    onNotify: () => dispatcher.wake(),
    onListening: () => dispatcher.wake(),
  });
  return {
    async stop() {
      await listener.close();
      await dispatcher.stop();
      await sender.agent.close();
    },
  };
}
