// Real SMTP for tests: an smtp-server sink (lib/email/smtp-sink.ts) that records what it accepted and
// can refuse on demand, and a mailer (lib/outbox/run-mailer.ts) run until the outbox is drained.
import nodemailer from "nodemailer";
import { db } from "../lib/db";
import { startSmtpSink, type SinkMessage, type SinkRefusal, type SmtpSink } from "../lib/email/smtp-sink";
import { startMailer, type MailerOptions } from "../jobs/run-mailer";

export type TestSink = SmtpSink & { messages: SinkMessage[]; refuse: ((recipients: string[]) => SinkRefusal | null) | null };

export async function startTestSink(): Promise<TestSink> {
  const messages: SinkMessage[] = [];
  const sink: TestSink = Object.assign(
    await startSmtpSink({
      onMessage: (message) => void messages.push(message),
      refuse: ({ recipients }) => sink.refuse?.(recipients) ?? null,
    }),
    { messages, refuse: null },
  );
  return sink;
}

/** Runs a mailer against the sink until no outbox row is pending (or the deadline passes). */
export async function drainOutbox(sink: SmtpSink, options: Partial<MailerOptions> = {}, deadlineMs = 30_000): Promise<void> {
  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 3 } as Parameters<typeof nodemailer.createTransport>[0]);
  const mailer = startMailer({
    transport,
    from: "Status <status@status.test>",
    workerId: `test-${Math.random().toString(36).slice(2)}`,
    batchSize: 50,
    leaseMs: 30_000,
    ratePerSecond: 10_000,
    retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 5 },
    quarantineAfter: 3,
    sweepMs: 50,
    log: (message) => console.log(`[test mailer] ${message}`),
    clock: () => new Date(),
    ...options,
  });
  const deadline = Date.now() + deadlineMs;
  try {
    while ((await db().outboxMessage.count({ where: { status: "pending" } })) > 0) {
      if (Date.now() > deadline) throw new Error("the outbox did not drain in time");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await mailer.stop();
    transport.close();
  }
}

/** The confirmation link's token from a confirmation email. */
export function confirmTokenIn(message: SinkMessage): string {
  const match = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{22})/.exec(message.text ?? "");
  if (!match) throw new Error(`no confirmation link in: ${message.text}`);
  return match[1]!;
}

/** The manage token from any subscriber email's manage link. */
export function manageTokenIn(message: SinkMessage): string {
  const match = /\/subscription\/([A-Za-z0-9_.-]+)/.exec(message.text ?? "");
  if (!match) throw new Error(`no manage link in: ${message.text}`);
  return decodeURIComponent(match[1]!);
}
