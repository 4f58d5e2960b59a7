// The mailer against a real SMTP sink: transient refusals are retried and delivered once, permanent
// ones fail and quarantine the subscriber, leases expire, admin views count and retry, DKIM signs the
// unsubscribe headers, and the demo sink keeps only the newest captured mails.
import { generateKeyPairSync } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox, startTestSink, type TestSink } from "../../test/mail-harness";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { listCapturedMails, recordCapturedMail } from "../email/captured-mails";
import { createMailTransport } from "../email/mail-transport";
import { startSmtpSink } from "../email/smtp-sink";
import { createIncident } from "../incidents/create-incident";
import { startMetricsServer } from "../metrics/metrics-server";
import { processRegistry } from "../metrics/process-metrics";
import { releaseSubscriberFromQuarantine } from "../subscriptions/admin-subscribers";
import { listOutboxFailures, outboxCountsByUpdate, retryOutboxMessage, retryOutboxMessages } from "./outbox-admin";
import { claimOutboxBatch, markOutboxSent } from "./outbox-store";
import { CreateIncident } from "../incidents/schemas";
import { ReleaseSubscriber } from "../subscriptions/schemas";
import { RetryOutboxMessage, RetryOutboxMessages } from "./schemas";
import { parsedVerb } from "../../test/verbs";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  retryOutboxMessage: parsedVerb(retryOutboxMessage, RetryOutboxMessage),
  retryOutboxMessages: parsedVerb(retryOutboxMessages, RetryOutboxMessages),
  releaseSubscriberFromQuarantine: parsedVerb(releaseSubscriberFromQuarantine, ReleaseSubscriber),
};

let sink: TestSink;
let editor: Actor;

beforeAll(async () => {
  sink = await startTestSink();
  const admin = await db().adminUser.create({ data: { email: "editor@status.test", passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor" };
});
afterAll(() => sink.close());
beforeEach(async () => {
  sink.messages.length = 0;
  sink.refuse = null;
  await db().outboxMessage.deleteMany();
  await db().subscriber.deleteMany();
});

async function confirmed(...emails: string[]) {
  await db().subscriber.createMany({ data: emails.map((email) => ({ email, status: "confirmed" as const, confirmedAt: new Date() })) });
}

async function incidentUpdate(name = "Downloads fail"): Promise<string> {
  const incident = await verbs.createIncident({ name, body: "Downloads fail with 503." }, editor);
  const row = await db().incidentUpdate.findFirstOrThrow({ where: { incidentId: incident.id } });
  return row.id;
}

/** This process's mail metrics as the worker's metrics server serves them: `series → value`. */
async function scrapeMailMetrics(): Promise<Map<string, number>> {
  const server = await startMetricsServer({ host: "127.0.0.1", port: 0, registry: processRegistry("worker") });
  try {
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    const series = text.split("\n").filter((line) => line.startsWith("vigil_mail_"));
    return new Map(series.map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))]));
  } finally {
    await server.close();
  }
}

const countBy = <T,>(items: T[]) => items.reduce((map, item) => map.set(item, (map.get(item) ?? 0) + 1), new Map<T, number>());

describe("mailer delivery", () => {
  it("retries 451 replies with backoff and delivers each message exactly once after recovery", async () => {
    await confirmed("a@example.fm", "b@example.fm", "c@example.fm");
    let refusals = 0;
    sink.refuse = () => (refusals++ < 5 ? { code: 451, message: "4.3.0 greylisted, try again later" } : null);
    const updateId = await incidentUpdate();
    await drainOutbox(sink);

    expect(refusals).toBeGreaterThan(5);
    const rows = await db().outboxMessage.findMany({ where: { incidentUpdateId: updateId } });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    // Delivered once each: the sink saw every Message-ID exactly once.
    const seen = countBy(sink.messages.map((m) => m.messageId));
    expect(rows.map((r) => seen.get(r.messageId))).toEqual([1, 1, 1]);
    expect(sink.messages).toHaveLength(3);
  });

  it("sends mail held for later when it falls due, without waiting for a sweep", async () => {
    await confirmed("held@example.fm");
    const updateId = await incidentUpdate("Held mail");
    const dueAt = new Date(Date.now() + 1_500);
    await db().outboxMessage.updateMany({ where: { incidentUpdateId: updateId }, data: { nextAttemptAt: dueAt } });
    // A sweep would come only after ten minutes: the held row's due time wakes the mailer.
    await drainOutbox(sink, { sweepMs: 600_000 }, 30_000);
    const [row] = await db().outboxMessage.findMany({ where: { incidentUpdateId: updateId } });
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(row!.sentAt!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime()); // not before it was due
    expect(sink.messages.map((m) => m.recipients).flat()).toEqual(["held@example.fm"]);
  });

  it("exposes each SMTP hand-off's outcome and duration on the worker's metrics server", async () => {
    await confirmed("ok@example.fm", "late@example.fm", "gone@example.fm");
    let greylisted = 0;
    sink.refuse = (recipients) =>
      recipients.includes("gone@example.fm") ? { code: 550, message: "5.1.1 no such mailbox" } : recipients.includes("late@example.fm") && greylisted++ < 2 ? { code: 451, message: "4.7.1 greylisted" } : null;
    const before = await scrapeMailMetrics();
    await incidentUpdate();
    await drainOutbox(sink);
    const after = await scrapeMailMetrics();
    const delta = (series: string) => (after.get(series) ?? Number.NaN) - (before.get(series) ?? 0);

    expect(delta('vigil_mail_sends_total{outcome="sent",role="worker"}')).toBe(2);
    expect(delta('vigil_mail_sends_total{outcome="retried",role="worker"}')).toBe(2);
    expect(delta('vigil_mail_sends_total{outcome="failed",role="worker"}')).toBe(1);
    // Every hand-off is in the histogram, within the buckets (a local sink answers in well under 60 s).
    for (const outcome of ["sent", "retried", "failed"]) {
      const count = delta(`vigil_mail_send_duration_seconds_count{role="worker",outcome="${outcome}"}`);
      expect(count).toBe(delta(`vigil_mail_sends_total{outcome="${outcome}",role="worker"}`));
      expect(delta(`vigil_mail_send_duration_seconds_bucket{le="60",role="worker",outcome="${outcome}"}`)).toBe(count);
      expect(delta(`vigil_mail_send_duration_seconds_sum{role="worker",outcome="${outcome}"}`)).toBeGreaterThan(0);
    }
  });

  it("keeps sent marks the database refuses and writes them once it answers, so nothing goes out twice", async () => {
    await confirmed("m1@example.fm", "m2@example.fm", "m3@example.fm");
    // A real failure of the marking statement (as while PostgreSQL restarts): the UPDATE to 'sent' raises.
    await db().$executeRawUnsafe(
      `CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.status = 'sent' THEN RAISE EXCEPTION 'database unavailable'; END IF; RETURN NEW; END $$`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_sent BEFORE UPDATE ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION refuse_sent()`);
    const logs: string[] = [];
    try {
      await incidentUpdate();
      const lift = (async () => {
        await expect.poll(() => logs.some((line) => line.includes("could not mark")), { timeout: 10_000 }).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await db().$executeRawUnsafe(`DROP TRIGGER refuse_sent ON "OutboxMessage"`);
      })();
      // The rows stay leased for 30 s: only the kept marks can drain the outbox before the deadline.
      await drainOutbox(sink, { leaseMs: 30_000, log: (line) => logs.push(line) }, 15_000);
      await lift;
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_sent ON "OutboxMessage"`);
      await db().$executeRawUnsafe(`DROP FUNCTION refuse_sent()`);
    }
    expect(sink.messages).toHaveLength(3);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(3);
    expect(await db().outboxMessage.count({ where: { status: "sent", attempts: 1 } })).toBe(3);
    expect(logs.filter((line) => line.includes("could not mark")).every((line) => /\(\d+ kept to retry, 0 given up\): .*database unavailable/s.test(line))).toBe(true);
  });

  it("does not send a row whose lease ran out while the mailer was starved; it goes out once, on its next claim", async () => {
    await confirmed("s1@example.fm", "s2@example.fm", "s3@example.fm");
    await incidentUpdate("Starved mailer");
    // One pipeline at one message per 5 s claims two rows (what fits its 20 s lease), sends the
    // first, and paces the second; meanwhile its clock jumps past the lease, as when the process
    // gets no CPU for that long and another mailer may claim the rows again.
    const leaseMs = 20_000;
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    const batches: { sent: number; lapsed: number }[] = [];
    const starve = (async () => {
      await expect.poll(() => db().outboxMessage.count({ where: { status: "sent" } }), { timeout: 10_000, interval: 20 }).toBe(1);
      offset += leaseMs + 1;
    })();
    await drainOutbox(sink, { pipelines: 1, ratePerSecond: 0.2, leaseMs, clock, onBatch: (settled) => batches.push(settled) }, 30_000);
    await starve;

    expect(batches[0]).toMatchObject({ sent: 1, lapsed: 1 });
    expect(sink.messages).toHaveLength(3);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(3);
    const attempts = (await db().outboxMessage.findMany({ select: { attempts: true }, orderBy: { attempts: "asc" } })).map((row) => row.attempts);
    expect(attempts).toEqual([1, 1, 2]); // the lapsed row was claimed again, then sent
  });

  it("gives a transient failure up after the attempt limit, without counting it against the subscriber", async () => {
    await confirmed("busy@example.fm");
    sink.refuse = () => ({ code: 421, message: "4.7.0 too busy" });
    const updateId = await incidentUpdate();
    await drainOutbox(sink, { retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 } });
    const row = await db().outboxMessage.findFirstOrThrow({ where: { incidentUpdateId: updateId } });
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/^gave up after 3 attempts: SMTP 421: 421 4\.7\.0 too busy/);
    expect((await db().subscriber.findFirstOrThrow({ where: { email: "busy@example.fm" } })).status).toBe("confirmed");
  });

  it("fails 550 at once, quarantines after repeated permanent failures, and shows it all to admins", async () => {
    await confirmed("fan@example.fm", "bounce@example.fm");
    sink.refuse = (recipients) => (recipients.includes("bounce@example.fm") ? { code: 550, message: "5.1.1 no such mailbox" } : null);
    const updates: string[] = [];
    for (let i = 1; i <= 3; i++) {
      updates.push(await incidentUpdate(`Outage ${i}`));
      await drainOutbox(sink);
      const bounce = await db().subscriber.findFirstOrThrow({ where: { email: "bounce@example.fm" } });
      expect([bounce.permanentFailures, bounce.status]).toEqual([i, i < 3 ? "confirmed" : "quarantined"]);
    }
    const failed = await db().outboxMessage.findMany({ where: { recipient: "bounce@example.fm" } });
    expect(failed.map((r) => [r.status, r.attempts])).toEqual([
      ["failed", 1],
      ["failed", 1],
      ["failed", 1],
    ]);
    expect(failed[0]!.lastError).toBe("SMTP 550: 550 5.1.1 no such mailbox");

    // Quarantined: no outbox row for the next update; the other subscriber gets everything.
    updates.push(await incidentUpdate("Outage 4"));
    await drainOutbox(sink);
    expect(await db().outboxMessage.count({ where: { recipient: "bounce@example.fm" } })).toBe(3);
    expect(sink.messages.filter((m) => m.recipients.includes("fan@example.fm"))).toHaveLength(4);

    const counts = await outboxCountsByUpdate();
    expect(counts.map((c) => [c.incidentName, c.pending, c.sent, c.failed])).toEqual([
      ["Outage 4", 0, 1, 0],
      ["Outage 3", 0, 1, 1],
      ["Outage 2", 0, 1, 1],
      ["Outage 1", 0, 1, 1],
    ]);
    expect(await outboxCountsByUpdate({ incidentUpdateId: updates[0]! })).toHaveLength(1);
    const failures = await listOutboxFailures({ incidentUpdateId: updates[0]! });
    expect(failures).toEqual([expect.objectContaining({ recipient: "bounce@example.fm", lastError: "SMTP 550: 550 5.1.1 no such mailbox", attempts: 1 })]);

    // Retry: the mailbox works again, but the subscriber is quarantined, so the retry is skipped, saying why.
    sink.refuse = null;
    expect(await verbs.retryOutboxMessage({ id: failures[0]!.id }, editor)).toBe(true);
    await drainOutbox(sink);
    expect((await db().outboxMessage.findUniqueOrThrow({ where: { id: BigInt(failures[0]!.id) } })).lastError).toBe("skipped: subscriber is quarantined");
    // Released from quarantine by an admin (status back to confirmed), a retry of the whole update delivers.
    const bounce = await db().subscriber.findFirstOrThrow({ where: { email: "bounce@example.fm" } });
    await expect(verbs.releaseSubscriberFromQuarantine({ id: bounce.id }, { ...editor, role: "viewer" })).rejects.toThrow("your role does not allow this");
    await verbs.releaseSubscriberFromQuarantine({ id: bounce.id }, editor);
    await expect(verbs.releaseSubscriberFromQuarantine({ id: bounce.id }, editor)).rejects.toThrow(`no quarantined subscriber with id ${bounce.id}`);
    expect(await verbs.retryOutboxMessages({ incidentUpdateId: updates[1]! }, editor)).toBe(1);
    await drainOutbox(sink);
    expect(sink.messages.filter((m) => m.recipients.includes("bounce@example.fm"))).toHaveLength(1);
    expect((await db().subscriber.findFirstOrThrow({ where: { email: "bounce@example.fm" } })).permanentFailures).toBe(0);
    await expect(verbs.retryOutboxMessages({ ids: ["abc"] }, editor)).rejects.toThrow("outbox ids are numbers");
    await expect(verbs.retryOutboxMessage({ id: failures[0]!.id }, { ...editor, role: "viewer" })).rejects.toThrow("your role does not allow this");
    expect(await db().auditLog.count({ where: { action: "outbox.retry" } })).toBe(2);
  });

  it("lets another mailer take a row whose lease expired; the late first mailer cannot mark it", async () => {
    await confirmed("lease@example.fm");
    await incidentUpdate();
    const now = new Date();
    const first = await claimOutboxBatch({ workerId: "crashed", limit: 10, leaseMs: 1_000, now });
    expect(first).toHaveLength(1);
    expect(await claimOutboxBatch({ workerId: "other", limit: 10, leaseMs: 1_000, now: new Date(now.getTime() + 500) })).toHaveLength(0);
    const second = await claimOutboxBatch({ workerId: "other", limit: 10, leaseMs: 1_000, now: new Date(now.getTime() + 1_500) });
    expect(second.map((r) => [r.id, r.attempts])).toEqual([[first[0]!.id, 2]]);
    expect(await markOutboxSent([first[0]!.id], "crashed", new Date())).toBe(0);
    expect(await markOutboxSent([first[0]!.id], "other", new Date())).toBe(1);
  });

  it("sends admin alerts (certificate, reminder) as their own messages", async () => {
    await db().outboxMessage.create({
      data: { key: "certificate:m:1:7d", kind: "certificate_alert", recipient: "ops@example.fm", messageId: "<cert.1@status.test>", payload: { message: "The certificate of cms.example.fm expires in 7 days." } },
    });
    await db().outboxMessage.create({
      data: { key: "reminder:i:3h", kind: "incident_reminder", recipient: "ops@example.fm", messageId: "<reminder.1@status.test>", payload: { message: '"CMS down" has been open for 3 hours.' } },
    });
    await db().outboxMessage.create({ data: { key: "notice:broken", kind: "admin_notice", recipient: "ops@example.fm", messageId: "<notice.1@status.test>", payload: {} } });
    await drainOutbox(sink);
    expect(sink.messages.map((m) => m.subject).sort()).toEqual(["[Status] Certificate alert", "[Status] Incident still open"]);
    expect(sink.messages.find((m) => m.subject.includes("Certificate"))!.text).toContain("expires in 7 days");
    expect((await db().outboxMessage.findUniqueOrThrow({ where: { key: "notice:broken" } })).lastError).toBe("the message has no text (payload.message)");
  });

  it("retries a row it could not prepare, and gives up rows claimed more often than they may be attempted", async () => {
    // A malformed request (componentIds not a list) makes preparing it fail: retried, then given up.
    await db().outboxMessage.create({
      data: { key: "subscribe:broken", kind: "subscription_confirmation", recipient: "broken@example.fm", messageId: "<subscribe.broken@status.test>", payload: { componentIds: "x" } },
    });
    // A row whose mailers kept dying while holding it (attempts already at the limit).
    await confirmed("unlucky@example.fm");
    await incidentUpdate();
    await db().outboxMessage.updateMany({ where: { recipient: "unlucky@example.fm" }, data: { attempts: 3 } });
    await drainOutbox(sink, { retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 } });

    const broken = await db().outboxMessage.findUniqueOrThrow({ where: { key: "subscribe:broken" } });
    expect(broken).toMatchObject({ status: "failed", attempts: 3 });
    expect(broken.lastError).toMatch(/^gave up after 3 attempts: could not process the subscription request: /);
    const unlucky = await db().outboxMessage.findFirstOrThrow({ where: { recipient: "unlucky@example.fm" } });
    expect(unlucky).toMatchObject({ status: "failed", attempts: 4, lastError: "gave up: claimed 4 times without being settled" });
    expect(sink.messages).toHaveLength(0);
  });

  it("signs List-Unsubscribe and List-Unsubscribe-Post with DKIM when configured", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const transport = createMailTransport({ url: sink.url, maxConnections: 1, dkim: { domainName: "status.test", keySelector: "vigil", privateKey } });
    await confirmed("dkim@example.fm");
    await incidentUpdate();
    await drainOutbox(sink, { transport });
    transport.close();
    const signature = /^DKIM-Signature: (.*)$/m.exec(sink.messages[0]!.headers)?.[1] ?? "";
    expect(signature).toContain("d=status.test");
    expect(signature).toContain("s=vigil");
    const signed = /(?:^|;)\s*h=([^;]+)/.exec(signature)![1]!.replace(/\s/g, "").toLowerCase().split(":");
    expect(signed).toEqual(expect.arrayContaining(["from", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post"]));
  });

  it("the demo sink stores captured mails, keeping only the newest", async () => {
    const demo = await startSmtpSink({ onMessage: (message) => recordCapturedMail(message, 3, new Date()) });
    const transport = nodemailer.createTransport({ url: demo.url } as Parameters<typeof nodemailer.createTransport>[0]);
    for (let i = 1; i <= 5; i++) await transport.sendMail({ from: "status@status.test", to: `r${i % 2}@example.fm`, subject: `Mail ${i}`, text: `Body ${i}`, html: `<p>Body ${i}</p>` });
    transport.close();
    await demo.close();
    const mails = await listCapturedMails();
    expect(mails.map((m) => m.subject)).toEqual(["Mail 5", "Mail 4", "Mail 3"]);
    expect(mails[0]).toMatchObject({ sender: "status@status.test", recipients: ["r1@example.fm"], text: "Body 5", html: "<p>Body 5</p>" });
    expect((await listCapturedMails({ recipient: "r0@example.fm" })).map((m) => m.subject)).toEqual(["Mail 4"]);
  });
});
