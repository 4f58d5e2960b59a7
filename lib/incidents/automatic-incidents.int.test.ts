// Automatic incidents through the real verbs: result sequences in, one incident with its timeline
// and outbox rows out; concurrent confirmations; recovery, quiet-period resolution, admin take-over.
import { describe, expect, it } from "vitest";
import type { ReasonCode } from "../checks/reason-codes";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";
import { processCheckResults } from "../monitors/process-check-results";
import { runIncidentClock } from "./incident-clock";

const T0 = new Date("2026-11-29T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function result(state: CheckResult["state"], code: ReasonCode, message: string): CheckResult {
  return {
    state,
    reasons: [{ code, message }],
    warnings: [],
    statusCode: null,
    latencyMs: 10,
    timings: { dns: null, connect: 1, tls: 2, ttfb: null, total: 10 },
    certificate: null,
  };
}
const up = result("up", "ok", "OK");
const expired = result("down", "tls_expired", "TLS certificate for cms.example.fm expired at 2026-11-28 17:50 UTC");

function checks(monitorId: string, slots: number[], outcome: CheckResult) {
  return slots.map((slot) => ({ monitorId, region: "local", workerId: "w", slotAt: at(slot * 60), checkedAt: at(slot * 60 + 1), result: outcome }));
}

async function page(name: string, monitorCount = 1) {
  const group = await db().componentGroup.create({ data: { name: `${name} group` } });
  const component = await db().component.create({ data: { name, groupId: group.id } });
  const other = await db().component.create({ data: { name: `${name} (unrelated)` } });
  const monitors = [];
  for (let i = 0; i < monitorCount; i++) {
    monitors.push(
      await db().monitor.create({ data: { name: `${name} check ${i}`, kind: "http", target: "https://cms.example.fm/", componentId: component.id } }),
    );
  }
  // Subscribers: whole page, this component, its group, another component, and one unconfirmed.
  const subscriber = (email: string, data: object) => db().subscriber.create({ data: { email: `${name.toLowerCase()}-${email}`, ...data } });
  await subscriber("all@x.test", { status: "confirmed" });
  await subscriber("component@x.test", { status: "confirmed", allComponents: false, components: { create: { componentId: component.id } } });
  await subscriber("group@x.test", { status: "confirmed", allComponents: false, groups: { create: { groupId: group.id } } });
  await subscriber("other@x.test", { status: "confirmed", allComponents: false, components: { create: { componentId: other.id } } });
  await subscriber("pending@x.test", { status: "pending" });
  return { componentId: component.id, monitorIds: monitors.map((m) => m.id) };
}

async function incidentsOf(componentId: string) {
  return db().incident.findMany({
    where: { components: { some: { componentId } } },
    include: { updates: { orderBy: { createdAt: "asc" }, include: { outboxMessages: true } }, components: true },
  });
}

describe("automatic incidents", () => {
  it("opens exactly one incident on a confirmed outage, says what failed, and notifies matching subscribers", async () => {
    const { componentId, monitorIds } = await page("CMS");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(monitorId, [0, 1], up), at(61));
    await processCheckResults(checks(monitorId, [2, 3], expired), at(181));
    expect(await incidentsOf(componentId)).toEqual([]); // two failures are a blip, not an outage

    await processCheckResults(checks(monitorId, [4], expired), at(241));
    const [incident, ...others] = await incidentsOf(componentId);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ name: "CMS is down", status: "investigating", impact: "critical", source: "automatic" });
    expect(incident!.components).toEqual([expect.objectContaining({ componentId, status: "major_outage" })]);
    expect(incident!.updates).toHaveLength(1);
    expect(incident!.updates[0]).toMatchObject({
      status: "investigating",
      automatic: true,
      notify: true,
      reasonCode: "tls_expired",
      body: "CMS check 0 failed: TLS certificate for cms.example.fm expired at 2026-11-28 17:50 UTC",
    });
    expect(incident!.updates[0]!.outboxMessages.map((m) => m.recipient).sort()).toEqual([
      "cms-all@x.test",
      "cms-component@x.test",
      "cms-group@x.test",
    ]);
    expect((await db().component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe("major_outage");

    // Recovery: two good checks → "monitoring"; then quiet → resolved, and the component is operational.
    await processCheckResults(checks(monitorId, [5, 6], up), at(361));
    let [current] = await incidentsOf(componentId);
    expect(current).toMatchObject({ status: "monitoring", monitoringAt: at(361) });
    expect(current!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring"]);
    expect((await db().component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe("operational");

    await runIncidentClock(at(361 + 9 * 60));
    expect((await incidentsOf(componentId))[0]!.status).toBe("monitoring");
    await runIncidentClock(at(361 + 10 * 60));
    [current] = await incidentsOf(componentId);
    expect(current).toMatchObject({ status: "resolved", resolvedAt: at(361 + 600) });
    expect(current!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring", "resolved"]);
    expect(current!.updates.map((u) => u.outboxMessages.length)).toEqual([3, 3, 3]);
    expect(await db().automaticIncidentClaim.count({ where: { componentId } })).toBe(0);

    // A new outage after resolution is a new incident.
    await processCheckResults(checks(monitorId, [20, 21, 22], expired), at(22 * 60 + 1));
    expect((await incidentsOf(componentId)).map((i) => i.status).sort()).toEqual(["investigating", "resolved"]);
  });

  it("a relapse while monitoring reopens the same incident instead of opening another", async () => {
    const { componentId, monitorIds } = await page("Feeds");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(monitorId, [0, 1, 2], expired), at(121));
    await processCheckResults(checks(monitorId, [3, 4], up), at(241));
    await processCheckResults(checks(monitorId, [5, 6, 7], expired), at(421));
    const incidents = await incidentsOf(componentId);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.status).toBe("investigating");
    expect(incidents[0]!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring", "investigating"]);
    expect(incidents[0]!.updates[2]!.body).toMatch(/^Failing again\./);
  });

  it("two monitors of one component confirmed down by two workers at once yield one incident", async () => {
    const { componentId, monitorIds } = await page("Downloads", 2);
    const [a, b] = monitorIds as [string, string];
    await Promise.all([
      processCheckResults(checks(a, [0, 1, 2], expired), at(121)),
      processCheckResults(checks(b, [0, 1, 2], expired), at(121)),
    ]);
    const incidents = await incidentsOf(componentId);
    expect(incidents).toHaveLength(1);
    // Opened by one; the other joined silently (the component's status was already major outage).
    expect(incidents[0]!.updates).toHaveLength(1);
    expect(incidents[0]!.updates.filter((u) => u.notify)).toHaveLength(1); // one notification per outage
    const recipients = await db().outboxMessage.findMany({ where: { incidentUpdate: { incidentId: incidents[0]!.id } } });
    // This page's three matching subscribers (earlier tests' whole-page subscribers match too).
    expect(recipients.filter((m) => m.recipient.startsWith("downloads-"))).toHaveLength(3);
  });

  it("holds notifications while a monitor flaps and announces the outage once it settles down", async () => {
    const { componentId, monitorIds } = await page("Player");
    const [monitorId] = monitorIds as [string];
    await db().monitor.update({ where: { id: monitorId }, data: { failureThreshold: 1, recoveryThreshold: 1 } });
    // down, up, down, up … : every check changes the confirmed state.
    for (let slot = 0; slot < 10; slot++) {
      await processCheckResults(checks(monitorId, [slot], slot % 2 === 0 ? expired : up), at(slot * 60 + 1));
    }
    expect((await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).flapping).toBe(true);
    const [incident] = await incidentsOf(componentId);
    const notifiedWhileFlapping = incident!.updates.filter((u) => u.notify).length;
    expect(incident!.updates.length).toBeGreaterThan(notifiedWhileFlapping); // some updates were held

    // Then it stays down until the flapping window settles.
    let slot = 10;
    while ((await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).flapping && slot < 60) {
      await processCheckResults(checks(monitorId, [slot], expired), at(slot * 60 + 1));
      slot++;
    }
    expect(slot).toBeLessThan(60);
    const [after] = await incidentsOf(componentId);
    const last = after!.updates.at(-1)!;
    expect(last).toMatchObject({ notify: true, status: "investigating" });
    expect(last.body).toMatch(/^Player has stopped flapping and is down: TLS certificate/);
    expect(await incidentsOf(componentId)).toHaveLength(1);
  });

  it("a partial outage that becomes total updates the same incident: impact, name and one quiet update", async () => {
    const { componentId, monitorIds } = await page("Storage", 2);
    const [a, b] = monitorIds as [string, string];
    await processCheckResults([...checks(a, [0, 1], up), ...checks(b, [0, 1], up)], at(61));
    await processCheckResults(checks(a, [2, 3, 4], expired), at(241));
    let [incident] = await incidentsOf(componentId);
    expect(incident).toMatchObject({ name: "Storage is partly down", impact: "major" });
    expect(incident!.components[0]!.status).toBe("partial_outage");

    await processCheckResults(checks(b, [2, 3, 4], expired), at(242));
    [incident] = await incidentsOf(componentId);
    expect(incident).toMatchObject({ name: "Storage is down", impact: "critical" });
    expect(incident!.components[0]!.status).toBe("major_outage");
    expect(incident!.updates.map((u) => u.notify)).toEqual([true, false]);
    expect(await incidentsOf(componentId)).toHaveLength(1);
  });

  it("leaves an incident an admin took over alone", async () => {
    const { componentId, monitorIds } = await page("API");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(monitorId, [0, 1, 2], expired), at(121));
    const [incident] = await incidentsOf(componentId);
    await db().incident.update({ where: { id: incident!.id }, data: { takenOverAt: at(130) } });
    await processCheckResults(checks(monitorId, [3, 4], up), at(241));
    await runIncidentClock(at(241 + 3600));
    const [after] = await incidentsOf(componentId);
    expect(after).toMatchObject({ status: "investigating", resolvedAt: null });
    expect(after!.updates).toHaveLength(1);
  });
});
