// What every drill holds — a database client, local targets, an SMTP catcher, Vigil processes —
// released after the drill's file whatever happened (processes get SIGTERM, then SIGKILL after 5 s).
import type pg from "pg";
import { afterAll } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../lib/email/smtp-sink";
import { freePort } from "../postgres-server";
import type { TargetServers, VigilProcess } from "../vigil-processes";

export type DrillRig = { client?: pg.Client; targets?: TargetServers; mail?: MailCatcher; processes: VigilProcess[]; cleanups: (() => Promise<void>)[] };

export function drillRig(): DrillRig {
  const rig: DrillRig = { processes: [], cleanups: [] };
  afterAll(async () => {
    await Promise.all(rig.processes.map((process_) => process_.stop(5_000)));
    await rig.client?.end();
    await rig.targets?.close();
    await rig.mail?.stop();
    for (const cleanup of rig.cleanups.reverse()) await cleanup();
  });
  return rig;
}

/**
 * A real SMTP server (lib/email/smtp-sink.ts, bodies not parsed) on one fixed loopback port that can
 * go down and come back on the same port, as an outage looks to the mailer. It counts every message
 * it accepted by Message-ID, across restarts, so a drill can count lost and duplicated mail.
 */
export type MailCatcher = {
  url: string;
  /** Accepted messages per Message-ID. */
  received: Map<string, number>;
  accepted(): number;
  /** Called after each accepted message with the running total (e.g. to stop the server mid-fan-out). */
  onAccepted?: (total: number) => void;
  /** Stops listening and hangs up on open connections at once (421), like a server going down. */
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startMailCatcher(): Promise<MailCatcher> {
  const port = await freePort();
  let sink: SmtpSink | undefined;
  let total = 0;
  const catcher: MailCatcher = {
    url: `smtp://127.0.0.1:${port}`,
    received: new Map(),
    accepted: () => total,
    async start() {
      sink ??= await startSmtpSink({
        port,
        parse: false,
        closeTimeoutMs: 50,
        onMessage: (message) => {
          total += 1;
          catcher.received.set(message.messageId ?? "", (catcher.received.get(message.messageId ?? "") ?? 0) + 1);
          catcher.onAccepted?.(total);
        },
      });
    },
    async stop() {
      const running = sink;
      sink = undefined;
      await running?.close();
    },
  };
  await catcher.start();
  return catcher;
}

export type DeliveryFigures = {
  messages: number;
  sent: number;
  /** Outbox messages the SMTP server never accepted. */
  lost: number;
  /** Accepted more than once (sent, but the mark was lost with the connection or the process). */
  duplicates: number;
  maxAttempts: number;
  meanAttempts: number;
  /** "attempts × messages", e.g. "1×200, 3×41". */
  attemptsHistogram: string;
};

/** Every outbox message in `where` (SQL over "OutboxMessage") against what the catcher accepted. */
export async function deliveryFigures(client: pg.Client, mail: MailCatcher, where = "true"): Promise<DeliveryFigures> {
  const { rows } = await client.query<{ messageId: string; status: string; attempts: number }>(
    `SELECT "messageId", status::text, attempts FROM "OutboxMessage" WHERE ${where}`,
  );
  const byAttempts = new Map<number, number>();
  for (const row of rows) byAttempts.set(row.attempts, (byAttempts.get(row.attempts) ?? 0) + 1);
  return {
    messages: rows.length,
    sent: rows.filter((row) => row.status === "sent").length,
    lost: rows.filter((row) => !mail.received.has(row.messageId)).length,
    duplicates: rows.reduce((sum, row) => sum + Math.max(0, (mail.received.get(row.messageId) ?? 0) - 1), 0),
    maxAttempts: Math.max(0, ...rows.map((row) => row.attempts)),
    meanAttempts: rows.length === 0 ? 0 : rows.reduce((sum, row) => sum + row.attempts, 0) / rows.length,
    attemptsHistogram: [...byAttempts].sort(([a], [b]) => a - b).map(([attempts, n]) => `${attempts}×${n}`).join(", "),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first column of the first row of a count query. */
export async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query(sql)).rows[0].n);
}
