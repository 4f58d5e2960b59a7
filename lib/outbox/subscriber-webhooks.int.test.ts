// Subscriber webhooks end to end on a real database, a real SMTP sink and local HTTP receivers:
// double opt-in by email, Statuspage-shaped payloads (validated against schemas written from its
// documentation) scoped to the subscriber's components, retries that deliver once, Retry-After,
// hung receivers, pausing with one email, resuming, the SSRF guard, and a sender that died holding rows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startAlertReceivers, type AlertReceivers } from "../../test/alert-receivers";
import { confirmTokenIn, drainOutbox, manageTokenIn, startTestSink, type TestSink } from "../../test/mail-harness";
import { ComponentUpdateWebhookPayload, IncidentWebhookPayload } from "../../test/subscriber-webhook-schemas";
import { parsedVerb } from "../../test/verbs";
import { DELIVERY_HEADER, startWebhookSender, type WebhookSenderOptions } from "../../jobs/run-subscriber-webhooks";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { createIncident } from "../incidents/create-incident";
import { postIncidentUpdate } from "../incidents/post-update";
import { CreateIncident, PostIncidentUpdate } from "../incidents/schemas";
import { listSubscribers } from "../subscriptions/admin-subscribers";
import { confirmSubscription } from "../subscriptions/confirm-subscription";
import { readManagedSubscription, resumeWebhookDeliveries } from "../subscriptions/manage-subscription";
import { forgetRateLimiters } from "../subscriptions/rate-limits";
import { requestSubscription, WebhookUrlRefusedError } from "../subscriptions/request-subscription";
import { SubscribeRequest } from "../subscriptions/schemas";
import { claimOutboxBatch } from "./outbox-store";

process.env.PROBE_ALLOWLIST = "127.0.0.1";
process.env.PUBLIC_URL = "https://status.example.test";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate),
};

let sink: TestSink;
let receivers: AlertReceivers;
let editor: Actor;

beforeAll(async () => {
  forgetRateLimiters();
  sink = await startTestSink();
  receivers = await startAlertReceivers();
  const admin = await db().adminUser.create({ data: { email: "editor@status.test", passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor" };
});
afterAll(async () => {
  await sink.close();
  await receivers.close();
});
beforeEach(() => {
  sink.messages.length = 0;
  receivers.reset();
});

const visitor = () => ({ now: new Date(), client: { ip: `203.0.113.${Math.floor(Math.random() * 250)}`, userAgent: null } });
const request = async (input: z.input<typeof SubscribeRequest>) => requestSubscription({ ctx: visitor(), input: SubscribeRequest.parse(input) });
const mailsTo = (email: string) => sink.messages.filter((m) => m.recipients.includes(email));
const requestsTo = (path: string) => receivers.received.filter((r) => r.path === path);

/** The worker's two senders (mail and webhooks) until nothing in the outbox is pending. */
async function deliver(options: Partial<WebhookSenderOptions> = {}): Promise<void> {
  const sender = await startWebhookSender({
    workerId: `hooks-${Math.random().toString(36).slice(2)}`,
    batchSize: 20,
    leaseMs: 30_000,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 4 },
    pauseAfter: 2,
    messageIdDomain: "status.test",
    sweepMs: 50,
    log: (message) => console.log(`[test webhooks] ${message}`),
    clock: () => new Date(),
    ...options,
  });
  try {
    await drainOutbox(sink);
  } finally {
    await sender.stop();
  }
}

/** A confirmed webhook subscriber of the whole page (or of some components), made directly. */
async function webhookSubscriber(path: string, componentIds: string[] = []) {
  return db().subscriber.create({
    data: {
      email: `owner-${path.slice(1)}@example.fm`,
      webhookUrl: path.startsWith("http") ? path : receivers.url(path),
      status: "confirmed",
      confirmedAt: new Date(),
      allComponents: componentIds.length === 0,
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
  });
}

const incidentOn = async (componentId: string, name = "Outage") =>
  verbs.createIncident({ name, body: `${name}: we are looking into it.`, components: [{ componentId, status: "major_outage" }] }, editor);

describe("subscriber webhooks", () => {
  it("double opt-in by email; then Statuspage-shaped incident and component_update payloads, only for subscribed components", async () => {
    const api = await db().component.create({ data: { name: "API" } });
    const web = await db().component.create({ data: { name: "Website" } });

    await request({ email: "Dev@Example.FM", webhookUrl: receivers.url("/hook"), componentIds: [api.id] });
    await deliver();
    const [confirmation] = mailsTo("dev@example.fm");
    expect(confirmation!.subject).toBe("[Status] Confirm your webhook subscription");
    expect(confirmation!.text).toContain(`as webhooks POSTed to ${receivers.url("/hook")}`);

    // Not confirmed yet: nothing goes out.
    const incident = await incidentOn(api.id, "API errors");
    await deliver();
    expect(requestsTo("/hook")).toEqual([]);

    const { manageToken } = await confirmSubscription({ ctx: visitor(), input: { token: confirmTokenIn(confirmation!) } });
    expect(await readManagedSubscription(manageToken)).toMatchObject({ email: "dev@example.fm", webhookUrl: receivers.url("/hook"), status: "confirmed" });
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Fixed.", components: [{ componentId: api.id, status: "operational" }] }, editor);
    await incidentOn(web.id, "Website down"); // outside the subscriber's scope
    await deliver();

    const received = requestsTo("/hook");
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers[DELIVERY_HEADER]).toMatch(/^(update|component-update):/);
    }
    const bodies = received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const incidentBody = IncidentWebhookPayload.parse(bodies.find((b) => "incident" in b));
    expect(incidentBody.incident).toMatchObject({ id: incident.id, name: "API errors", status: "resolved" });
    expect(incidentBody.incident.incident_updates.map((u) => u.body)).toEqual(["Fixed.", "API errors: we are looking into it."]);
    expect(incidentBody.meta.unsubscribe).toBe(`https://status.example.test/subscription/${encodeURIComponent(manageToken)}`);
    expect(incidentBody.meta.documentation).toBe("https://status.example.test/subscribe#webhooks");
    const componentBody = ComponentUpdateWebhookPayload.parse(bodies.find((b) => "component_update" in b));
    expect(componentBody.component_update).toMatchObject({ component_id: api.id, old_status: "major_outage", new_status: "operational" });
    expect(componentBody.component).toMatchObject({ id: api.id, name: "API", status: "operational" });

    const { subscribers } = await listSubscribers({ search: "dev@example.fm" });
    expect(subscribers).toEqual([expect.objectContaining({ webhookUrl: receivers.url("/hook"), status: "confirmed" })]);
  });

  it("a receiver that fails twice (5xx, then hangs past the timeout) gets the delivery once it answers, under one delivery id", async () => {
    const flaky = await webhookSubscriber("/flaky");
    receivers.answer("/flaky", { status: 503 }, "hang");
    const incident = await verbs.createIncident({ name: "Flaky", body: "Looking." }, editor);
    await deliver({ timeoutMs: 500 });

    // The earlier tests' subscribers get this incident too: their rows are not the one to check.
    const [row] = await db().outboxMessage.findMany({ where: { subscriberId: flaky.id, incidentUpdate: { incidentId: incident.id } } });
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
    const received = requestsTo("/flaky");
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers[DELIVERY_HEADER]))).toEqual(new Set([row!.key]));
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    await webhookSubscriber("/busy");
    receivers.answer("/busy", { status: 429, headers: { "retry-after": "3600" } });
    const incident = await verbs.createIncident({ name: "Busy", body: "Looking." }, editor);
    const sender = await startWebhookSender({
      workerId: "busy-test",
      batchSize: 5,
      leaseMs: 30_000,
      timeoutMs: 2_000,
      retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 4 },
      pauseAfter: 2,
      messageIdDomain: "status.test",
      sweepMs: 50,
      log: () => {},
      clock: () => new Date(),
    });
    const where = { kind: "subscriber_webhook" as const, incidentUpdate: { incidentId: incident.id } };
    try {
      while ((await db().outboxMessage.findFirstOrThrow({ where })).lastError === null) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await sender.stop();
    }
    const row = await db().outboxMessage.findFirstOrThrow({ where });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 429" });
    expect(row.nextAttemptAt.getTime() - row.updatedAt.getTime()).toBeGreaterThanOrEqual(3_599_000);

    // The hour has passed: the next attempt goes through.
    await db().outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await deliver();
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a 4xx other than 429 fails the delivery at once; an endpoint that keeps failing is paused, its owner emailed once, and can resume", async () => {
    const gone = await webhookSubscriber("/gone");
    const dead = await webhookSubscriber("/dead");
    receivers.answer("/gone", { status: 410 });
    receivers.answer("/dead", ...Array.from({ length: 20 }, () => ({ status: 500 })));

    await verbs.createIncident({ name: "First", body: "One." }, editor);
    await verbs.createIncident({ name: "Second", body: "Two." }, editor);
    await deliver({ retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 2 } });

    // Its two deliveries went out side by side: whichever came first got the 410, the other a 200.
    const goneRows = await db().outboxMessage.findMany({ where: { subscriberId: gone.id, kind: "subscriber_webhook" } });
    expect(goneRows.map((r) => `${r.status} after ${r.attempts}: ${r.lastError}`).sort()).toEqual(["failed after 1: the receiver refused it: HTTP 410", "sent after 1: null"]);
    expect((await db().subscriber.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe("confirmed");

    const deadRows = await db().outboxMessage.findMany({ where: { subscriberId: dead.id, kind: "subscriber_webhook" } });
    expect(deadRows.map((r) => [r.status, r.attempts])).toEqual([["failed", 2], ["failed", 2]]);
    expect(deadRows[0]!.lastError).toBe("gave up after 2 attempts: HTTP 500");
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "paused", permanentFailures: 2 });
    const notices = mailsTo(dead.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe("[Status] Webhook deliveries paused");
    expect(notices[0]!.text).toContain(`to your webhook ${dead.webhookUrl} failed (the last one: gave up after 2 attempts: HTTP 500)`);

    // Paused: later events are not queued for it, and no second notice goes out.
    await verbs.createIncident({ name: "Third", body: "Three." }, editor);
    await deliver();
    expect(await db().outboxMessage.count({ where: { subscriberId: dead.id, kind: "subscriber_webhook" } })).toBe(2);
    expect(mailsTo(dead.email)).toHaveLength(1);

    const manageToken = manageTokenIn(notices[0]!);
    expect((await readManagedSubscription(manageToken)).status).toBe("paused");
    expect(await resumeWebhookDeliveries({ ctx: visitor(), input: { manageToken } })).toBe(true);
    receivers.reset();
    await verbs.createIncident({ name: "Fourth", body: "Four." }, editor);
    await deliver();
    expect(requestsTo("/dead")).toHaveLength(1);
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "confirmed", permanentFailures: 0, pausedAt: null });
  });

  it("the SSRF guard refuses private endpoints when subscribing and again when delivering", async () => {
    await expect(request({ email: "lan@example.fm", webhookUrl: "http://10.20.30.40/hook" })).rejects.toThrow(WebhookUrlRefusedError);
    await expect(request({ email: "lan@example.fm", webhookUrl: "http://10.20.30.40/hook" })).rejects.toThrow(/points at 10\.20\.30\.40 \(private network\)/);
    await expect(request({ email: "lan@example.fm", webhookUrl: "ftp://example.com/x" })).rejects.toThrow(/http:\/\/ or https:\/\//);

    // Subscribed before the guard's rules changed (or DNS did): refused at delivery, not retried.
    const lan = await webhookSubscriber("http://10.20.30.40/hook");
    await verbs.createIncident({ name: "Private", body: "Nope." }, editor);
    await deliver();
    const [row] = await db().outboxMessage.findMany({ where: { subscriberId: lan.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.lastError).toBe("the webhook URL points at 10.20.30.40 (private network)");
  });

  it("rows held by a sender that died are delivered once after its lease, by another", async () => {
    const orphan = await webhookSubscriber("/orphan");
    const incident = await verbs.createIncident({ name: "Orphaned", body: "Crash." }, editor);
    const claimed = await claimOutboxBatch({ workerId: "killed-worker", limit: 50, leaseMs: 500, now: new Date(), lane: "webhook" });
    expect(claimed.map((row) => row.subscriberId)).toContain(orphan.id);
    await deliver();
    // The earlier tests' subscribers (one of them paused, whose row is skipped) get this incident too.
    const [row] = await db().outboxMessage.findMany({ where: { subscriberId: orphan.id, incidentUpdate: { incidentId: incident.id } } });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(requestsTo("/orphan")).toHaveLength(1);
  });
});
