// Fault drill 3: the SMTP server goes down in the middle of an incident update's fan-out and comes
// back on the same port some seconds later, with a real worker process mailing. Pass: every
// (update, subscriber) is delivered after it returns, none lost or given up; duplicates at most the
// messages on the wire when it went down; attempts per message bounded by the retry backoff over
// the outage, and the worker's metrics count the retries.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { createIncident } from "../../lib/incidents/create-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-update";
import { CreateIncident, PostIncidentUpdate } from "../../lib/incidents/schemas";
import { ctxFor } from "../verbs";
import { freePort } from "../postgres-server";
import { connect, printFigures, startWorker } from "../vigil-processes";
import { count, deliveryFigures, drillRig, sleep, startMailCatcher } from "./drill-setup";

const SUBSCRIBERS = 200;
/** The server goes down after this many messages of the second update were accepted. */
const DOWN_AFTER = 60;
const DOWN_MS = 10_000;
const RETRY_BASE_MS = 250;
const MAX_ATTEMPTS = 12;
/** Slow enough that the second update's fan-out (200 at 50/s ≈ 4 s) is still going when the server dies. */
const RATE_PER_SECOND = 50;
const rig = drillRig();

describe("drill 3: the SMTP server down during an incident", () => {
  it("delivers every message after it returns; none lost; attempts bounded by the backoff", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const client = (rig.client = await connect(databaseUrl));
    const mail = (rig.mail = await startMailCatcher());
    const metricsPort = await freePort();
    const admin = await db().adminUser.create({ data: { email: "drill3@status.test", passwordHash: "x", role: "editor" } });
    const editor: Actor = { adminId: admin.id, email: admin.email, role: "editor" };
    await db().subscriber.createMany({ data: Array.from({ length: SUBSCRIBERS }, (_, i) => ({ email: `d3-${i}@example.fm`, status: "confirmed" as const, confirmedAt: new Date() })) });

    const worker = startWorker("worker", databaseUrl, {
      SMTP_URL: mail.url,
      MAIL_RATE_PER_SECOND: String(RATE_PER_SECOND),
      MAIL_BATCH_SIZE: "20",
      MAIL_RETRY_BASE_MS: String(RETRY_BASE_MS),
      MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      MAIL_SWEEP_MS: "200",
      MAIL_LEASE_SECONDS: "10",
      WORKER_HEARTBEAT_SECONDS: "1",
      WORKER_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: "warn",
    });
    rig.processes.push(worker);
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "WorkerHeartbeat"`), { timeout: 60_000 }).toBe(1);

    // Update 1 goes out with the server up.
    const incident = await createIncident({ ctx: ctxFor(editor), input: CreateIncident.parse({ name: "Uploads fail", body: "Uploads fail with 503." }) });
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'sent'`), { timeout: 30_000, interval: 200 }).toBe(SUBSCRIBERS);

    // Update 2: the server dies DOWN_AFTER messages into its fan-out, hanging up on open connections.
    let wentDown: Promise<void> | undefined;
    let downAt = 0;
    mail.onAccepted = (total) => {
      if (total !== SUBSCRIBERS + DOWN_AFTER) return;
      downAt = Date.now();
      wentDown = mail.stop();
    };
    const acceptedBeforeUpdate2 = mail.accepted();
    await postIncidentUpdate({ ctx: ctxFor(editor), input: PostIncidentUpdate.parse({ incidentId: incident.id, status: "identified", body: "A full disk; cleaning up." }) });
    await expect.poll(() => downAt, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    await wentDown;
    mail.onAccepted = undefined;
    await sleep(DOWN_MS - (Date.now() - downAt));
    const acceptedWhileDown = mail.accepted() - acceptedBeforeUpdate2;
    const pendingAtReturn = await count(client, `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'pending'`);
    await mail.start();
    const upAt = Date.now();
    const downMs = upAt - downAt;

    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'sent'`), { timeout: 60_000, interval: 100 }).toBe(0);
    const drainedMs = Date.now() - upAt;
    const figures = await deliveryFigures(client, mail);
    const update2 = await deliveryFigures(client, mail, `"incidentUpdateId" <> (SELECT "incidentUpdateId" FROM "OutboxMessage" ORDER BY id LIMIT 1)`);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const sends = (outcome: string) => Number(new RegExp(`^vigil_mail_sends_total\\{outcome="${outcome}",role="worker"\\} (\\d+)$`, "m").exec(metrics)?.[1] ?? 0); // a counter never incremented has no series
    // After k failed retries the backoff has waited base × (2^k − 1): past the outage after
    // k = ceil(log2(down/base + 1)); plus the first failure and the success.
    const attemptsBound = 2 + Math.ceil(Math.log2(downMs / RETRY_BASE_MS + 1));
    await worker.stop();

    printFigures(`drill 3 — SMTP server down ${(downMs / 1000).toFixed(1)} s during an incident update's fan-out, ${SUBSCRIBERS} subscribers, 2 updates`, {
      "messages (update, subscriber)": figures.messages,
      "accepted of update 2 before the server went down": acceptedWhileDown,
      "pending when it came back": pendingAtReturn,
      "time to drain after it came back (s)": (drainedMs / 1000).toFixed(1),
      "messages lost": figures.lost,
      "messages given up (failed)": figures.messages - figures.sent,
      duplicates: figures.duplicates,
      "attempts per message of update 2 (attempts×messages)": update2.attemptsHistogram,
      "attempts per message, max / mean (update 2)": `${update2.maxAttempts} / ${update2.meanAttempts.toFixed(2)}`,
      "attempts bound from the backoff": attemptsBound,
      "worker metrics: sends sent / retried / failed": `${sends("sent")} / ${sends("retried")} / ${sends("failed")}`,
    });

    expect(figures.messages).toBe(2 * SUBSCRIBERS);
    expect(figures.sent).toBe(2 * SUBSCRIBERS);
    expect(figures.lost).toBe(0);
    // The outage hit mid-fan-out: most of update 2 waited for the server's return.
    expect(acceptedWhileDown).toBeLessThan(SUBSCRIBERS);
    expect(pendingAtReturn).toBeGreaterThan(0);
    // Only a message accepted as the server hung up (its 250 never arrived) can go out twice.
    expect(figures.duplicates).toBeLessThanOrEqual(20);
    expect(update2.maxAttempts).toBeGreaterThan(1);
    expect(update2.maxAttempts).toBeLessThanOrEqual(attemptsBound);
    expect(update2.maxAttempts).toBeLessThan(MAX_ATTEMPTS);
    // One "sent" per message: a message accepted as the server hung up never heard 250, so it counts as retried.
    expect(sends("sent")).toBe(2 * SUBSCRIBERS);
    expect(sends("retried")).toBeGreaterThan(0);
    expect(sends("failed")).toBe(0);
    expect(worker.output()).not.toMatch(/"level":"fatal"/);
  }, 120_000);
});
