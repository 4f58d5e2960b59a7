// Result sequences through the real verbs on a real PostgreSQL: confirmed states with hysteresis,
// component roll-up, staleness, and two regions' workers confirming at once.
import { describe, expect, it } from "vitest";
import type { ReasonCode } from "../checks/reason-codes";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";
import { confirmSilentMonitors, processCheckResults } from "./process-check-results";

const T0 = new Date("2026-11-29T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function result(state: CheckResult["state"], codes: ReasonCode[] = []): CheckResult {
  const reasonCodes: ReasonCode[] = codes.length ? codes : [state === "up" ? "ok" : "http_status"];
  return {
    state,
    reasons: reasonCodes.map((code) => ({ code, message: code })),
    warnings: [],
    statusCode: state === "up" ? 200 : 503,
    latencyMs: 12,
    timings: { dns: null, connect: 1, tls: null, ttfb: 5, total: 12 },
    certificate: null,
  };
}

async function setUp(name: string, regions = ["local"]) {
  const component = await db().component.create({ data: { name } });
  const monitor = await db().monitor.create({
    data: { name, kind: "http", target: "https://example.com/", componentId: component.id, regions, intervalSeconds: 60 },
  });
  return { componentId: component.id, monitorId: monitor.id };
}

function check(monitorId: string, slot: number, state: CheckResult["state"], region = "local", codes: ReasonCode[] = []) {
  return { monitorId, region, workerId: `w-${region}`, slotAt: at(slot * 60), checkedAt: at(slot * 60 + 1), result: result(state, codes) };
}

async function states(ids: { componentId: string; monitorId: string }) {
  const monitor = await db().monitor.findUniqueOrThrow({ where: { id: ids.monitorId } });
  const component = await db().component.findUniqueOrThrow({ where: { id: ids.componentId } });
  return { monitor: monitor.state, component: component.status };
}

describe("processCheckResults", () => {
  it("confirms down after 3 failures, not on a blip, and back up after 2 successes", async () => {
    const ids = await setUp("Website");
    await processCheckResults([check(ids.monitorId, 0, "up"), check(ids.monitorId, 1, "up")], at(61));
    expect(await states(ids)).toEqual({ monitor: "up", component: "operational" });

    await processCheckResults([check(ids.monitorId, 2, "down"), check(ids.monitorId, 3, "down")], at(181));
    expect(await states(ids)).toEqual({ monitor: "up", component: "operational" });

    const third = await processCheckResults([check(ids.monitorId, 4, "down")], at(241));
    expect(third.monitorTransitions).toEqual([
      expect.objectContaining({ monitorId: ids.monitorId, from: "up", to: "down", reasonCodes: ["http_status"] }),
    ]);
    expect(third.componentTransitions).toEqual([expect.objectContaining({ from: "operational", to: "major_outage" })]);
    expect(await states(ids)).toEqual({ monitor: "down", component: "major_outage" });

    // A re-delivered batch (same slots) changes nothing and records nothing twice.
    const again = await processCheckResults([check(ids.monitorId, 4, "down")], at(242));
    expect(again).toMatchObject({ recorded: 0, monitorTransitions: [], componentTransitions: [] });

    await processCheckResults([check(ids.monitorId, 5, "up")], at(301));
    expect(await states(ids)).toEqual({ monitor: "down", component: "major_outage" });
    await processCheckResults([check(ids.monitorId, 6, "up")], at(361));
    expect(await states(ids)).toEqual({ monitor: "up", component: "operational" });

    const changes = await db().monitorStateChange.findMany({ where: { monitorId: ids.monitorId }, orderBy: { id: "asc" } });
    expect(changes.map((c) => `${c.fromState}→${c.toState}`)).toEqual(["unknown→up", "up→down", "down→up"]);
    const statuses = await db().componentStatusChange.findMany({ where: { componentId: ids.componentId }, orderBy: { id: "asc" } });
    expect(statuses.map((c) => c.status)).toEqual(["major_outage", "operational"]);
    expect(await db().checkResult.count({ where: { monitorId: ids.monitorId } })).toBe(7);
  });

  it("stores an up result compactly and keeps the detail of a failure", async () => {
    const ids = await setUp("Compact");
    await processCheckResults([check(ids.monitorId, 0, "up"), check(ids.monitorId, 1, "down")], at(61));
    const [up, down] = await db().checkResult.findMany({ where: { monitorId: ids.monitorId }, orderBy: { slotAt: "asc" } });
    expect(up).toMatchObject({ state: "up", reasonCodes: ["ok"], reasons: null, warnings: null, timings: null, latencyMs: 12, statusCode: 200 });
    expect(down).toMatchObject({ state: "down", reasonCodes: ["http_status"], reasons: [{ code: "http_status", message: "http_status" }], timings: { total: 12 } });
  });

  it("treats a certificate that expires soon as up, not downtime", async () => {
    const ids = await setUp("CMS");
    const warned = (slot: number) => check(ids.monitorId, slot, "degraded", "local", ["cert_expiring_soon"]);
    await processCheckResults([warned(0), warned(1), warned(2), warned(3)], at(181));
    expect(await states(ids)).toEqual({ monitor: "up", component: "operational" });
  });

  it("turns a monitor nobody checks any more into unknown, and leaves its component's status alone", async () => {
    const ids = await setUp("Feeds");
    await processCheckResults([check(ids.monitorId, 0, "up"), check(ids.monitorId, 1, "up")], at(61));
    expect((await confirmSilentMonitors(at(61 + 60))).monitorTransitions).toEqual([]);
    const silent = await confirmSilentMonitors(at(61 + 121));
    expect(silent.monitorTransitions).toEqual([expect.objectContaining({ monitorId: ids.monitorId, from: "up", to: "unknown" })]);
    expect(await states(ids)).toEqual({ monitor: "unknown", component: "operational" });
  });

  it("needs a quorum of regions, and two regions' workers confirming at once both count", async () => {
    const ids = await setUp("API", ["eu", "us", "ap"]);
    const slots = [0, 1, 2];
    // Two regions fail, concurrently processed by their own workers; the third stays up.
    await Promise.all([
      processCheckResults(slots.map((s) => check(ids.monitorId, s, "down", "eu")), at(121)),
      processCheckResults(slots.map((s) => check(ids.monitorId, s, "down", "us")), at(121)),
      processCheckResults(slots.map((s) => check(ids.monitorId, s, "up", "ap")), at(121)),
    ]);
    expect(await states(ids)).toEqual({ monitor: "down", component: "major_outage" });
    const memory = (await db().monitor.findUniqueOrThrow({ where: { id: ids.monitorId } })).stateMemory as {
      regions: Record<string, { confirmed: string }>;
    };
    expect(Object.fromEntries(Object.entries(memory.regions).map(([region, r]) => [region, r.confirmed]))).toEqual({
      eu: "down",
      us: "down",
      ap: "up",
    });
  });

  it("a region whose canaries failed too counts as unknown, not as an outage", async () => {
    const ids = await setUp("Players", ["eu", "us"]);
    const failing = (region: string) => [0, 1, 2].map((s) => check(ids.monitorId, s, "down", region));
    const outcome = await processCheckResults([...failing("eu"), ...failing("us")], at(121), { eu: true, us: true });
    expect(outcome.recorded).toBe(6); // stored for the record…
    expect(await states(ids)).toEqual({ monitor: "unknown", component: "operational" }); // …but no verdict
    expect(await db().incident.count({ where: { components: { some: { componentId: ids.componentId } } } })).toBe(0);

    // The same failures from a healthy network are an outage.
    await processCheckResults([3, 4, 5].flatMap((s) => [check(ids.monitorId, s, "down", "eu"), check(ids.monitorId, s, "down", "us")]), at(301));
    expect(await states(ids)).toEqual({ monitor: "down", component: "major_outage" });
  });

  it("a single failing region of three is not an outage", async () => {
    const ids = await setUp("Downloads", ["eu", "us", "ap"]);
    await processCheckResults(
      [0, 1, 2].flatMap((s) => [check(ids.monitorId, s, "down", "eu"), check(ids.monitorId, s, "up", "us"), check(ids.monitorId, s, "up", "ap")]),
      at(121),
    );
    expect(await states(ids)).toEqual({ monitor: "up", component: "operational" });
  });
});
