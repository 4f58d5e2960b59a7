// Alerts end to end on a real PostgreSQL with real local HTTP receivers: events decided by the real
// verbs (check results → monitor state → automatic incident, certificate thresholds) fan out to
// every kind of channel, arrive in each vendor's documented shape (validated against schemas from
// the vendors' docs) and, for the webhook, with a valid signature; retries, give-ups, refusals,
// timeouts and a down channel beside a healthy one behave as docs/alerts.md says.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAlertDispatcher, type AlertDispatcher } from "../../jobs/run-alerts";
import { DiscordMessage, NtfyMessage, PagerDutyEvent, SlackMessage, TeamsMessage, VigilWebhook } from "../../test/alert-vendor-schemas";
import { startAlertReceivers, type AlertReceivers } from "../../test/alert-receivers";
import { processCheckResults } from "../check-results/process-check-results";
import type { CheckResult } from "../checks/schemas";
import { applyConfig, CONFIG_FILE_ACTOR } from "../config/apply-config";
import { ctxFor } from "../../test/verbs";
import { parseConfigText } from "../config/parse-config";
import { db } from "../db";
import { createAlertSender, type AlertSender } from "./alert-sender";
import { claimDeliveries } from "./delivery-store";
import { alertSecretKey, sealSecrets } from "./secret-box";
import { aliveVerdict, pingAlive } from "./alive-ping";
import { alertSystemHealth } from "./system-alerts";
import { verifyWebhook } from "./webhook-signature";

process.env.ALERT_SECRET_KEY = randomBytes(32).toString("hex");
process.env.PROBE_ALLOWLIST = "127.0.0.1";
process.env.PUBLIC_URL = "https://status.example.test";
const HOOK_SECRET = "whsec-test-0123456789abcdef";

let receivers: AlertReceivers;
let sender: AlertSender;
let dispatcher: AlertDispatcher | undefined;

beforeAll(async () => {
  receivers = await startAlertReceivers();
  sender = await createAlertSender(1500);
});
afterAll(async () => {
  await dispatcher?.stop();
  await sender.agent.close();
  await receivers.close();
});
beforeEach(async () => {
  await dispatcher?.stop();
  dispatcher = undefined;
  receivers.reset();
  await db().alertDelivery.deleteMany();
  await db().alertChannel.deleteMany();
  await db().alertRule.deleteMany();
  await db().outboxMessage.deleteMany();
});

async function configure(channels: string, rules = "") {
  const text = `alerts:\n  channels:\n${channels}${rules ? `  rules:\n${rules}` : ""}`;
  await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(text, "vigil.config.yaml"), source: "test", sha256: "x" } });
}

const EVERY_KIND = () => `    - { name: ops-hook, kind: webhook, url: "${receivers.url("/webhook")}", secret: "${HOOK_SECRET}" }
    - { name: ops-slack, kind: slack, url: "${receivers.url("/slack")}" }
    - { name: ops-discord, kind: discord, url: "${receivers.url("/discord")}" }
    - { name: ops-teams, kind: teams, url: "${receivers.url("/teams")}" }
    - { name: on-call, kind: pagerduty, routingKey: "R0UT1NGKEY0123456789abcdef012345", url: "${receivers.url("/pagerduty")}" }
    - { name: phone, kind: ntfy, url: "${receivers.url("/ntfy/")}", topic: vigil-ops }
    - { name: team-mail, kind: email, to: [ops@example.test] }
`;

function dispatch(options: { maxAttempts?: number; ratePerMinute?: number } = {}) {
  dispatcher = startAlertDispatcher({
    workerId: "test-worker",
    sender,
    key: Buffer.from(process.env.ALERT_SECRET_KEY!, "hex"),
    concurrency: 20,
    leaseMs: 30_000,
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: options.maxAttempts ?? 4 },
    ratePerMinute: options.ratePerMinute ?? 600,
    sweepMs: 100,
    log: () => {},
    clock: () => new Date(),
  });
}

/** Waits (bounded) until no delivery is pending; returns every delivery. */
async function settled() {
  for (let i = 0; i < 300; i++) {
    if ((await db().alertDelivery.count({ where: { status: "pending" } })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return db().alertDelivery.findMany({ include: { channel: { select: { name: true } } }, orderBy: { id: "asc" } });
}

const T0 = new Date("2026-12-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function check(monitorId: string, slot: number, state: CheckResult["state"], certificate: CheckResult["certificate"] = null) {
  const result: CheckResult = {
    state,
    reasons: [{ code: state === "up" ? "ok" : "http_status", message: state === "up" ? "OK" : "HTTP 503 from https://api.example.test/" }],
    warnings: [],
    statusCode: state === "up" ? 200 : 503,
    latencyMs: 12,
    timings: { dns: null, connect: 1, tls: null, ttfb: 5, total: 12 },
    certificate,
  };
  return { monitorId, region: "local", workerId: "w", slotAt: at(slot * 60), checkedAt: at(slot * 60 + 1), result };
}

async function monitorOf(name: string, target = "https://api.example.test/") {
  const component = await db().component.create({ data: { name } });
  const monitor = await db().monitor.create({ data: { name: `${name} http`, kind: "http", target, componentId: component.id } });
  return { componentId: component.id, monitorId: monitor.id };
}

describe("alert delivery", () => {
  it("tells every kind of channel of a monitor going down and recovering, in each vendor's shape", async () => {
    await configure(EVERY_KIND());
    const api = await monitorOf("API");
    dispatch();
    for (const slot of [0, 1, 2]) await processCheckResults([check(api.monitorId, slot, "down")], at(slot * 60 + 2));
    await settled();
    for (const slot of [3, 4]) await processCheckResults([check(api.monitorId, slot, "up")], at(slot * 60 + 2));
    const deliveries = await settled();

    expect(deliveries.every((delivery) => delivery.status === "sent")).toBe(true);
    // Per HTTP channel: monitor.down, incident.opened, monitor.recovered — once each.
    expect(deliveries.filter((d) => d.channel.name === "ops-hook").map((d) => d.event).sort()).toEqual(["incident.opened", "monitor.down", "monitor.recovered"]);
    expect(deliveries).toHaveLength(6 * 3);

    const hooks = receivers.received.filter((request) => request.path === "/webhook");
    for (const request of hooks) {
      expect(verifyWebhook(request.body, request.headers["x-vigil-signature"] as string, HOOK_SECRET, new Date())).toBe(true);
      expect(verifyWebhook(request.body, request.headers["x-vigil-signature"] as string, "another-secret-0123456789", new Date())).toBe(false);
      VigilWebhook.parse(JSON.parse(request.body));
    }
    // Deliveries run side by side: find each event rather than rely on arrival order.
    const down = hooks.map((request) => VigilWebhook.parse(JSON.parse(request.body))).find((event) => event.type === "monitor.down");
    expect(down).toMatchObject({ type: "monitor.down", severity: "critical", components: [{ id: api.componentId, name: "API" }], monitor: { id: api.monitorId } });
    expect(down!.url).toBe(`https://status.example.test/admin/monitors/${api.monitorId}`);

    for (const body of receivers.bodies("/slack")) SlackMessage.parse(body);
    for (const body of receivers.bodies("/discord")) DiscordMessage.parse(body);
    for (const body of receivers.bodies("/teams")) TeamsMessage.parse(body);
    for (const body of receivers.bodies("/ntfy/")) expect(NtfyMessage.parse(body)).toMatchObject({ topic: "vigil-ops" });
    const pagerduty = receivers.bodies("/pagerduty").map((body) => PagerDutyEvent.parse(body));
    expect(pagerduty.map((event) => [event.event_action, event.dedup_key])).toEqual(
      expect.arrayContaining([
        ["trigger", `vigil:monitor:${api.monitorId}`],
        ["trigger", expect.stringMatching(/^vigil:incident:/)],
        ["resolve", `vigil:monitor:${api.monitorId}`],
      ]),
    );
    // The resolution was decided (and so sent) after its trigger.
    expect(pagerduty.at(-1)).toMatchObject({ event_action: "resolve" });
    // The email channel goes through the mail outbox, one message per address and event.
    const mails = await db().outboxMessage.findMany({ where: { kind: "admin_notice" }, orderBy: { id: "asc" } });
    expect(mails.map((mail) => [mail.recipient, (mail.payload as { alert: string }).alert]).sort()).toEqual([
      ["ops@example.test", "incident.opened"],
      ["ops@example.test", "monitor.down"],
      ["ops@example.test", "monitor.recovered"],
    ]);
  });

  it("tells of a correlated incident once opened, then escalated, following the rules' scope", async () => {
    await configure(
      `    - { name: ops-hook, kind: webhook, url: "${receivers.url("/webhook")}", secret: "${HOOK_SECRET}" }\n    - { name: on-call, kind: pagerduty, routingKey: "R0UT1NGKEY0123456789abcdef012345", url: "${receivers.url("/pagerduty")}" }\n`,
      `    - { channels: [ops-hook] }\n    - { channels: [on-call], events: [incident.opened, incident.escalated, incident.resolved] }\n`,
    );
    const feeds = await monitorOf("Feeds", "https://cdn.example.test/feed.xml");
    const player = await monitorOf("Player", "https://cdn.example.test/player.js");
    dispatch();
    for (const slot of [0, 1, 2]) await processCheckResults([check(feeds.monitorId, slot, "down"), check(player.monitorId, slot, "down")], at(slot * 60 + 2));
    await settled();
    const hooks = receivers.bodies("/webhook").map((body) => VigilWebhook.parse(body));
    const incidentEvents = hooks.filter((event) => event.type.startsWith("incident."));
    expect(incidentEvents.map((event) => event.type).sort()).toEqual(["incident.escalated", "incident.opened"]);
    expect(new Set(incidentEvents.map((event) => event.incident!.id)).size).toBe(1);
    expect(hooks.filter((event) => event.type === "monitor.down")).toHaveLength(2);
    // PagerDuty hears only incidents (its rule), under one dedup_key: one PagerDuty incident.
    const pagerduty = receivers.bodies("/pagerduty").map((body) => PagerDutyEvent.parse(body));
    expect(pagerduty.map((event) => event.event_action)).toEqual(["trigger", "trigger"]);
    expect(new Set(pagerduty.map((event) => event.dedup_key)).size).toBe(1);
  });

  it("tells of a certificate crossing a threshold once, however many monitors see it", async () => {
    await configure(`    - { name: ops-slack, kind: slack, url: "${receivers.url("/slack")}" }\n`);
    const DAY = 86_400_000;
    const certificate = {
      subject: "CN=cms.example.test",
      sans: ["DNS:cms.example.test"],
      issuer: "CN=Test CA",
      serial: "0A",
      fingerprint256: "AA:BB:CC",
      validFrom: new Date(T0.getTime() - 80 * DAY).toISOString(),
      validTo: new Date(T0.getTime() + 10 * DAY).toISOString(),
      daysLeft: 10,
      lifetimeDays: 90,
      chain: [],
    };
    const one = await monitorOf("CMS", "https://cms.example.test/");
    const two = await monitorOf("CMS admin", "https://cms.example.test/admin");
    dispatch();
    await processCheckResults([check(one.monitorId, 0, "up", certificate), check(two.monitorId, 0, "up", certificate)], at(2));
    const deliveries = await settled();
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([["certificate.threshold", "sent"]]);
    const [message] = receivers.bodies("/slack").map((body) => SlackMessage.parse(body));
    expect(message!.text).toMatch(/^cms\.example\.test certificate expires in \d+ days: TLS certificate for cms\.example\.test expires/);
  });

  it("retries a receiver that fails twice (honouring Retry-After), delivering once; gives one that always fails up after the bounded attempts", async () => {
    await configure(`    - { name: flaky, kind: discord, url: "${receivers.url("/flaky")}" }\n    - { name: broken, kind: teams, url: "${receivers.url("/broken")}" }\n    - { name: gone, kind: slack, url: "${receivers.url("/gone")}" }\n`);
    receivers.answer("/flaky", { status: 503 }, { status: 429, headers: { "retry-after": "0" } });
    receivers.answer("/broken", { status: 500 }, { status: 502 }, { status: 503 }, { status: 500 });
    receivers.answer("/gone", { status: 404, body: "no_service" });
    const api = await monitorOf("API");
    await db().monitor.update({ where: { id: api.monitorId }, data: { componentId: null } }); // no incident: one event
    dispatch({ maxAttempts: 3 });
    for (const slot of [0, 1, 2]) await processCheckResults([check(api.monitorId, slot, "down")], at(slot * 60 + 2));
    const deliveries = await settled();
    const byChannel = Object.fromEntries(deliveries.map((d) => [d.channel.name, d]));
    expect(byChannel.flaky).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(receivers.received.filter((r) => r.path === "/flaky")).toHaveLength(3);
    expect(byChannel.broken).toMatchObject({ status: "failed", attempts: 3, lastError: "gave up after 3 attempts: HTTP 503" });
    expect(receivers.received.filter((r) => r.path === "/broken")).toHaveLength(3);
    expect(byChannel.gone).toMatchObject({ status: "failed", attempts: 1, lastError: "the receiver refused it: HTTP 404: no_service" });
  });

  it("holds a channel to its rate limit: the alert over it waits in the queue, unattempted", async () => {
    await configure(`    - { name: ops-slack, kind: slack, url: "${receivers.url("/slack")}" }\n`);
    const one = await monitorOf("API");
    const two = await monitorOf("CDN", "https://cdn.example.test/");
    await db().monitor.updateMany({ data: { componentId: null } }); // no incident: one event each
    dispatch({ ratePerMinute: 1 });
    for (const slot of [0, 1, 2]) await processCheckResults([check(one.monitorId, slot, "down"), check(two.monitorId, slot, "down")], at(slot * 60 + 2));
    // Both settled: one sent, the other back in the queue for when the channel's next token is due.
    const settledBoth = async () =>
      (await db().alertDelivery.count({ where: { status: "sent" } })) === 1 &&
      (await db().alertDelivery.count({ where: { status: "pending", leaseUntil: null, nextAttemptAt: { gt: new Date(Date.now() + 30_000) } } })) === 1;
    for (let i = 0; i < 200 && !(await settledBoth()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const deliveries = await db().alertDelivery.findMany({ orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.status).sort()).toEqual(["pending", "sent"]);
    expect(deliveries.find((d) => d.status === "pending")).toMatchObject({ attempts: 0, lastError: null, leaseUntil: null });
    expect(receivers.received).toHaveLength(1);
  });

  it("cuts off a receiver that hangs without delaying another channel, and refuses a private address at send time", async () => {
    await configure(`    - { name: hangs, kind: slack, url: "${receivers.url("/hangs")}" }\n    - { name: healthy, kind: discord, url: "${receivers.url("/healthy")}" }\n`);
    // Stored directly: as if the address was allowed when saved and the allowlist changed since.
    await db().alertChannel.create({ data: { name: "private", kind: "slack", sealedSecrets: sealSecrets({ url: "http://10.20.30.40/hook" }, await alertSecretKey()) } });
    receivers.answer("/hangs", "hang", "hang", "hang");
    const api = await monitorOf("API");
    await db().monitor.update({ where: { id: api.monitorId }, data: { componentId: null } });
    dispatch({ maxAttempts: 2 });
    for (const slot of [0, 1, 2]) await processCheckResults([check(api.monitorId, slot, "down")], at(slot * 60 + 2));

    // The healthy channel is served while the hanging one is still waiting for its answer.
    const healthy = () => db().alertDelivery.findFirstOrThrow({ where: { channel: { name: "healthy" } } });
    await expect.poll(async () => (await healthy()).status, { interval: 20 }).toBe("sent");
    // Still waiting for the hanging receiver's first answer (its 1.5 s timeout has not passed).
    expect(await db().alertDelivery.findFirstOrThrow({ where: { channel: { name: "hangs" } } })).toMatchObject({ status: "pending", attempts: 1, lastError: null });

    const deliveries = await settled();
    const byChannel = Object.fromEntries(deliveries.map((d) => [d.channel.name, d]));
    expect(byChannel.hangs).toMatchObject({ status: "failed", attempts: 2, lastError: "gave up after 2 attempts: no answer within the 1500 ms timeout" });
    expect(byChannel.private!.status).toBe("failed");
    expect(byChannel.private!.lastError).toMatch(/^the channel URL points at 10\.20\.30\.40 \(private network\); to send alerts there, add it to PROBE_ALLOWLIST/);
    expect(byChannel.private!.attempts).toBe(1);
  });

  it("tells of a region without live workers and of failing email, once each", async () => {
    await configure(`    - { name: ops-hook, kind: webhook, url: "${receivers.url("/webhook")}", secret: "${HOOK_SECRET}" }\n`);
    const now = new Date("2026-12-05T12:00:00.000Z");
    const worker = { region: "eu", version: "1", hostname: "h", pid: 1, startedAt: now };
    await db().workerHeartbeat.create({ data: { ...worker, workerId: "eu-1", lastSeenAt: new Date(now.getTime() - 60_000) } });
    await db().workerHeartbeat.create({ data: { ...worker, workerId: "us-1", region: "us", lastSeenAt: now } });
    await db().outboxMessage.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ key: `m${i}`, kind: "admin_notice" as const, recipient: "a@example.test", messageId: `<m${i}@x>`, status: "failed" as const, lastError: "SMTP 550: no such user", updatedAt: now })),
    });
    dispatch();
    expect(await alertSystemHealth(now)).toBe(2);
    expect(await alertSystemHealth(new Date(now.getTime() + 1_000))).toBe(0); // the same silence, the same hour
    await settled();
    const events = receivers.bodies("/webhook").map((body) => VigilWebhook.parse(body));
    expect(events.map((event) => [event.type, event.title]).sort()).toEqual([
      ["mail.failing", "Email delivery is failing"],
      ["worker.silent", "No worker in region eu"],
    ]);
  });

  it("pings ALIVE_URL only while the worker is healthy: a recent heartbeat and no overdue monitor of its region", async () => {
    const now = new Date("2026-12-05T12:00:00.000Z");
    const verdict = (lastBeatAt: Date | null) => aliveVerdict({ region: "alive-test", lastBeatAt, staleAfterMs: 15_000, now });
    expect(await verdict(null)).toEqual({ healthy: false, why: "no recent heartbeat reached the database" });
    expect(await verdict(new Date(now.getTime() - 20_000))).toMatchObject({ healthy: false });
    expect(await verdict(now)).toEqual({ healthy: true });
    await db().monitor.create({ data: { name: "Late", kind: "tcp", target: "db.example.test:5432", regions: ["alive-test"], intervalSeconds: 60, lastCheckedAt: new Date(now.getTime() - 121_000) } });
    expect(await verdict(now)).toEqual({ healthy: false, why: "1 monitors of region alive-test are overdue" });

    expect(await pingAlive(receivers.url("/alive"), sender, now)).toMatchObject({ outcome: "sent" });
    expect(receivers.received.map((r) => [r.path, r.headers["user-agent"]])).toEqual([["/alive", expect.stringMatching(/^Vigil\/.+ \(alive\)$/)]]);
    expect(await pingAlive("http://169.254.169.254/ping", sender, now)).toMatchObject({ outcome: "refused", reason: expect.stringContaining("link-local") });
  });

  it("loses nothing when a worker dies holding deliveries: another takes them over when the lease ends", async () => {
    await configure(`    - { name: ops-slack, kind: slack, url: "${receivers.url("/slack")}" }\n    - { name: ops-discord, kind: discord, url: "${receivers.url("/discord")}" }\n`);
    const api = await monitorOf("API");
    await db().monitor.update({ where: { id: api.monitorId }, data: { componentId: null } });
    for (const slot of [0, 1, 2]) await processCheckResults([check(api.monitorId, slot, "down")], at(slot * 60 + 2));
    // A worker claims both deliveries and dies before sending either.
    expect(await claimDeliveries({ workerId: "dead-worker", limit: 10, leaseMs: 300, now: new Date() })).toHaveLength(2);
    dispatch();
    const deliveries = await settled();
    expect(deliveries.map((d) => [d.channel.name, d.status, d.attempts, d.leasedBy]).sort()).toEqual([
      ["ops-discord", "sent", 2, "test-worker"],
      ["ops-slack", "sent", 2, "test-worker"],
    ]);
    expect(receivers.received.map((r) => r.path).sort()).toEqual(["/discord", "/slack"]);
  });
});
