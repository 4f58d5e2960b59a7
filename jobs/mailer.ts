// The worker's mailer: sends the outbox through SMTP_URL, or — without SMTP_URL, the demo mode —
// through an in-process SMTP sink on 127.0.0.1 whose catch is stored as CapturedMail for the admin
// console. Woken by NOTIFY when a transaction writes outbox rows; sweeps every few seconds anyway.
// Beside it runs the webhook sender, which delivers the outbox's subscriber webhooks over HTTP.
import { recordCapturedMail } from "../lib/email/captured-mails";
import { createMailTransport, dkimSettings } from "../lib/email/mail-transport";
import { startSmtpSink, type SmtpSink } from "../lib/email/smtp-sink";
import { databaseUrl } from "../lib/db";
import { env, mailFrom, publicHostname, sessionDatabaseUrl } from "../lib/env";
import { MAX_RETRY_DELAY_MS } from "../lib/outbox/delivery-policy";
import { startMailer } from "./run-mailer";
import { startWebhookSender } from "./run-subscriber-webhooks";
import { OUTBOX_CHANNEL } from "../lib/outbox/wake-mailer";
import { listenShared } from "../lib/postgres/shared-listener";

export type RunningMailer = { stop(): Promise<void> };

const WEBHOOK_SWEEP_MIN_MS = 5_000;

export async function startWorkerMailer(workerId: string, log: (message: string) => void): Promise<RunningMailer> {
  const config = env();
  let sink: SmtpSink | undefined;
  let url = config.SMTP_URL;
  if (!url) {
    sink = await startSmtpSink({ onMessage: (message) => recordCapturedMail(message, config.CAPTURED_MAIL_LIMIT, new Date()) });
    url = sink.url;
    log(`no SMTP_URL: emails go to the demo sink on ${sink.url} and are kept as captured mail (newest ${config.CAPTURED_MAIL_LIMIT})`);
  }
  const transport = createMailTransport({ url, maxConnections: config.MAIL_MAX_CONNECTIONS, dkim: dkimSettings(config) });
  const mailer = startMailer({
    transport,
    from: mailFrom(config),
    workerId,
    batchSize: config.MAIL_BATCH_SIZE,
    leaseMs: config.MAIL_LEASE_SECONDS * 1000,
    ratePerSecond: config.MAIL_RATE_PER_SECOND,
    retry: { maxDelayMs: MAX_RETRY_DELAY_MS, baseDelayMs: config.MAIL_RETRY_BASE_MS, maxAttempts: config.MAIL_MAX_ATTEMPTS },
    quarantineAfter: config.MAIL_QUARANTINE_AFTER,
    sweepMs: config.MAIL_SWEEP_MS,
    log,
    clock: () => new Date(),
  });
  const webhooks = await startWebhookSender({
    workerId,
    batchSize: config.MAIL_BATCH_SIZE,
    leaseMs: config.MAIL_LEASE_SECONDS * 1000,
    timeoutMs: config.SUBSCRIBER_WEBHOOK_TIMEOUT_MS,
    retry: { maxDelayMs: MAX_RETRY_DELAY_MS, baseDelayMs: config.SUBSCRIBER_WEBHOOK_RETRY_BASE_MS, maxAttempts: config.SUBSCRIBER_WEBHOOK_MAX_ATTEMPTS },
    pauseAfter: config.SUBSCRIBER_WEBHOOK_PAUSE_AFTER,
    messageIdDomain: publicHostname(config),
    // NOTIFY and its rows' own due times wake it; the sweep only catches a lost notification, so it
    // need not poll as often as the mailer may be told to (and take CPU from it).
    sweepMs: Math.max(config.MAIL_SWEEP_MS, WEBHOOK_SWEEP_MIN_MS),
    log,
    clock: () => new Date(),
  });
  // A transaction that wrote outbox rows notifies on commit. After every (re)connect the mailer is
  // woken too, for mail written while nobody listened; a lost notification only delays mail until
  // the next sweep. On the process's one LISTEN connection, shared with the other listening parts.
  const listener = listenShared({
    // A session of its own (DATABASE_SESSION_URL), past any transaction pooler: LISTEN needs one.
    url: sessionDatabaseUrl() ?? databaseUrl(),
    channels: [OUTBOX_CHANNEL],
    onNotify: () => {
      mailer.wake();
      webhooks.wake();
    },
    onListening: () => {
      mailer.wake();
      webhooks.wake();
    },
  });
  return {
    async stop() {
      await listener.close();
      await Promise.all([mailer.stop(), webhooks.stop()]);
      transport.close();
      await sink?.close();
    },
  };
}
