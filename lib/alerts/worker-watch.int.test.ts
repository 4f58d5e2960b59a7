// The web process's "no worker" alert on a real PostgreSQL with real local receivers: no heartbeat
// for three intervals tells the channels once — however many web instances judge and deliver at
// the same moment — a beat tells the recovery once, and a later silence is a new episode. Time is
// driven through `now`; the deliveries go out without any worker running.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PagerDutyEvent, VigilWebhook } from "../../test/alert-vendor-schemas";
import { startAlertReceivers, type AlertReceivers } from "../../test/alert-receivers";
import { ctxFor } from "../../test/verbs";
import { applyConfig, CONFIG_FILE_ACTOR } from "../config/apply-config";
import { parseConfigText } from "../config/parse-config";
import { db } from "../db";
import { createAlertSender, type AlertSender } from "./alert-sender";
import { createAlertDeliverer, type AlertDeliverer } from "./deliver-alerts";
import { verifyWebhook } from "./webhook-signature";
import { checkWorkerPresence, deliverWebAlerts } from "./worker-watch";

process.env.ALERT_SECRET_KEY = randomBytes(32).toString("hex");
process.env.PROBE_ALLOWLIST = "127.0.0.1";
process.env.PUBLIC_URL = "https://status.example.test";
const HOOK_SECRET = "whsec-watch-0123456789abcdef";
const HEARTBEAT_SECONDS = 5;

let receivers: AlertReceivers;
let sender: AlertSender;

beforeAll(async () => {
  receivers = await startAlertReceivers();
  sender = await createAlertSender(1500);
});
afterAll(async () => {
  await sender.agent.close();
  await receivers.close();
});
beforeEach(async () => {
  T0 = new Date(Date.now() + 3_600_000);
  receivers.reset();
  await db().alertDelivery.deleteMany();
  await db().alertEpisode.deleteMany();
  await db().workerHeartbeat.deleteMany();
  const text = `alerts:
  channels:
    - { name: ops-hook, kind: webhook, url: "${receivers.url("/webhook")}", secret: "${HOOK_SECRET}" }
    - { name: on-call, kind: pagerduty, routingKey: "R0UT1NGKEY0123456789abcdef012345", url: "${receivers.url("/pagerduty")}" }
`;
  await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(text, "vigil.config.yaml"), source: "test", sha256: "x" } });
});

// An hour ahead of the real clock, moved forward by the test: the deliveries' rows are due from the
// database's now(), so a claim at any of these moments finds them however slowly the test runs.
let T0 = new Date();
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** One web instance: its own lease owner, its own deliverer, started watching `since`. */
function webInstance(name: string, since: Date) {
  const deliver: AlertDeliverer = createAlertDeliverer({
    workerId: name,
    sender,
    key: Buffer.from(process.env.ALERT_SECRET_KEY!, "hex"),
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
    ratePerMinute: 600,
    log: () => {},
    clock: () => new Date(),
  });
  return {
    check: (seconds: number) => checkWorkerPresence({ now: at(seconds), heartbeatSeconds: HEARTBEAT_SECONDS, watchingSince: since }),
    deliver: (seconds: number) => deliverWebAlerts({ watcherId: name, now: at(seconds), leaseMs: 30_000, deliver, log: () => {} }),
  };
}

const beat = (seconds: number) =>
  db().workerHeartbeat.upsert({
    where: { workerId: "w1" },
    create: { workerId: "w1", region: "local", version: "1", hostname: "h", pid: 1, startedAt: T0, lastSeenAt: at(seconds) },
    update: { lastSeenAt: at(seconds) },
  });

const hooks = () => receivers.bodies("/webhook").map((body) => VigilWebhook.parse(body));

describe("the web process's worker watch", () => {
  it("tells of no worker once after three silent intervals, even with two instances racing, and of the recovery once", async () => {
    const web1 = webInstance("web-1", at(-600));
    const web2 = webInstance("web-2", at(-600));
    await beat(0);
    expect(await Promise.all([web1.check(14), web2.check(14)])).toEqual([null, null]);

    const raised = await Promise.all([web1.check(15), web2.check(15)]);
    expect(raised.filter(Boolean).map((event) => event!.kind)).toEqual(["worker.missing"]);
    expect((await Promise.all([web1.deliver(16), web2.deliver(16)])).reduce((a, b) => a + b)).toBe(2); // one per channel
    expect(await Promise.all([web1.check(30), web2.check(45)])).toEqual([null, null]);
    expect(await Promise.all([web1.deliver(46), web2.deliver(46)])).toEqual([0, 0]);

    expect(hooks()).toEqual([expect.objectContaining({ type: "worker.missing", severity: "critical", title: "No Vigil worker is running" })]);
    expect(hooks()[0]!.message).toContain(`since ${at(0).toISOString()}`);
    const [request] = receivers.received.filter((r) => r.path === "/webhook");
    expect(verifyWebhook(request!.body, request!.headers["x-vigil-signature"] as string, HOOK_SECRET, new Date())).toBe(true);

    await beat(50);
    const recovered = await Promise.all([web1.check(51), web2.check(51)]);
    expect(recovered.filter(Boolean).map((event) => event!.kind)).toEqual(["worker.recovered"]);
    await Promise.all([web1.deliver(52), web2.deliver(52)]);
    expect(await Promise.all([web1.check(55), web2.check(56)])).toEqual([null, null]);
    expect(hooks().map((event) => event.type)).toEqual(["worker.missing", "worker.recovered"]);
    // PagerDuty: one incident, opened and resolved under the same key.
    expect(receivers.bodies("/pagerduty").map((body) => PagerDutyEvent.parse(body)).map((event) => [event.event_action, event.dedup_key])).toEqual([
      ["trigger", "vigil:workers"],
      ["resolve", "vigil:workers"],
    ]);
    const deliveries = await db().alertDelivery.findMany({ orderBy: { id: "asc" } });
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ["worker.missing", "sent"],
      ["worker.missing", "sent"],
      ["worker.recovered", "sent"],
      ["worker.recovered", "sent"],
    ]);

    // A later silence is a new episode, told anew.
    expect((await web2.check(65))?.kind).toBe("worker.missing");
    await web2.deliver(66);
    expect(hooks().map((event) => event.id)).toEqual(["workers-missing:1", "workers-recovered:1", "workers-missing:2"]);
  });

  it("counts a silence from the instance's start at the earliest, and tells no recovery without a beat", async () => {
    // No worker has ever beaten (or its beats are an hour old): a web instance that just started waits three intervals.
    await db().workerHeartbeat.create({ data: { workerId: "old", region: "local", version: "1", hostname: "h", pid: 1, startedAt: at(-3600), lastSeenAt: at(-3600) } });
    const web = webInstance("web-1", at(0));
    expect(await web.check(10)).toBeNull();
    expect((await web.check(15))?.kind).toBe("worker.missing");
    // Restarted while the workers are still gone: neither a new alert nor a recovery.
    const restarted = webInstance("web-1b", at(20));
    expect(await restarted.check(21)).toBeNull();
    expect(await restarted.check(40)).toBeNull();
    expect(await db().alertEpisode.findUniqueOrThrow({ where: { subject: "workers" } })).toMatchObject({ raised: true, number: 1 });
  });

  it("counts the silence of a worker that stopped cleanly (its row gone) from its last beat seen", async () => {
    const web = webInstance("web-1", at(-600));
    await beat(0);
    expect(await web.check(1)).toBeNull();
    await db().workerHeartbeat.deleteMany(); // deregistered: stopped for a deploy
    expect(await web.check(10)).toBeNull();
    await beat(12); // its successor
    expect(await web.check(13)).toBeNull();
    await db().workerHeartbeat.deleteMany();
    expect(await web.check(26)).toBeNull();
    expect((await web.check(27))?.kind).toBe("worker.missing");
    expect(hooks()).toEqual([]);
  });

  it("retries a receiver that fails, from the web process alone, and delivers once", async () => {
    receivers.answer("/webhook", { status: 503 });
    const web = webInstance("web-1", at(-600));
    await web.check(15);
    await web.deliver(16);
    expect(await db().alertDelivery.findFirstOrThrow({ where: { channel: { name: "ops-hook" } } })).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503" });
    await web.deliver(17);
    // The same alert twice (its id says so): refused once, then delivered.
    expect(hooks().map((event) => event.id)).toEqual(["workers-missing:1", "workers-missing:1"]);
    expect(await db().alertDelivery.findFirstOrThrow({ where: { channel: { name: "ops-hook" } } })).toMatchObject({ status: "sent", attempts: 2 });
  });
});
