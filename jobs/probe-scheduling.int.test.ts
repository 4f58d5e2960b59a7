// Probe scheduling against a real PostgreSQL and pg-boss: a window becomes a few jobs per (second,
// shard), not one per check; planning is idempotent across workers; each slot is checked once;
// a job held by a dead worker is run again after it expires, minus what that worker had stored.
import http from "node:http";
import type { AddressInfo } from "node:net";
import PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { recordCheckResults } from "../lib/check-results/record-check-results";
import { PLAN_WINDOW_MS, MAX_PROBE_SHARDS, SLICE_MS } from "../lib/monitors/probe-slots";
import { planProbeWindow } from "./probe-planner";
import { startProbeRunner, type ProbeRunnerOptions } from "./probe-runner";
import { ProbeJobData, probeQueueName } from "./queues";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

const MONITORS = 200;
let server: http.Server;
let port: number;
const hits = new Map<string, number>();
const bosses: PgBoss[] = [];
const logged: string[] = [];

async function newBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  bosses.push(boss);
  return boss;
}

function runnerOptions(region: string, workerId: string): ProbeRunnerOptions {
  return {
    region,
    workerId,
    concurrency: () => 50,
    perHostConcurrency: 50,
    checkOptions: () => ({ ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [] }),
    canaryUrls: [],
    log: (message) => logged.push(message),
  };
}

async function createMonitors(prefix: string, region: string, intervalSeconds: number) {
  await db().monitor.createMany({
    data: Array.from({ length: MONITORS }, (_, i) => ({
      id: `${prefix}-${i}`,
      name: `Monitor ${prefix} ${i}`,
      kind: "http" as const,
      target: `http://127.0.0.1:${port}/${prefix}/${i}`,
      intervalSeconds,
      timeoutMs: 2000,
      regions: [region],
    })),
  });
}

type JobRow = { id: string; state: string; retryCount: number; data: unknown };
const jobsOf = (region: string) =>
  db().$queryRaw<JobRow[]>`SELECT id::text, state::text, retry_count AS "retryCount", data FROM pgboss.job WHERE name = ${probeQueueName(region)}`;
const hitsUnder = (prefix: string) => [...hits].filter(([path]) => path.startsWith(`/${prefix}/`));

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.set(request.url!, (hits.get(request.url!) ?? 0) + 1);
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

// Each test plans its own monitors: a test that fails must not leave its monitors to the next one's planner.
afterEach(async () => {
  await db().monitor.updateMany({ data: { enabled: false } });
});

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
  server.close();
});

describe("probe scheduling", () => {
  it("plans a window as jobs per (second, shard), once even when workers race, and checks each slot once", async () => {
    await createMonitors("race", "local", 10);
    await db().monitor.create({
      data: { id: "paused", name: "Paused", kind: "http", target: `http://127.0.0.1:${port}/paused`, enabled: false },
    });
    // A row edited outside Vigil into one that does not parse: named in the log, its job's other
    // checks run, and the job completes.
    await db().monitor.create({ data: { id: "unparseable", name: "Unparseable", kind: "http", target: `http://127.0.0.1:${port}/unparseable`, intervalSeconds: 10 } });
    await db().$executeRaw`UPDATE "Monitor" SET target = ${`ftp://127.0.0.1:${port}/unparseable`} WHERE id = 'unparseable'`;
    const [a, b] = [await newBoss(), await newBoss()];
    // The next two windows: every 10-second monitor has exactly one slot in them.
    const now = Date.now();
    const first = new Date(now);
    const second = new Date(now + PLAN_WINDOW_MS);
    const planned = await Promise.all([planProbeWindow(a, first), planProbeWindow(b, first), planProbeWindow(a, second)]);
    await planProbeWindow(b, second);
    expect(planned[0]).toBe(planned[1]);
    expect(planned[0]! + planned[2]!).toBe(MONITORS + 1);
    // Planned twice, stored once; 200 checks make at most 2 windows × 5 seconds × 4 shards jobs.
    const jobs = await jobsOf("local");
    expect(jobs.length).toBeLessThanOrEqual(2 * (PLAN_WINDOW_MS / SLICE_MS) * MAX_PROBE_SHARDS);
    expect(jobs.length).toBeLessThan(MONITORS / 4);
    const slots = jobs.flatMap((job) => ProbeJobData.parse(job.data).slots.map(([monitorId]) => monitorId));
    expect(slots.sort()).toEqual([...Array.from({ length: MONITORS }, (_, i) => `race-${i}`), "unparseable"].sort());

    const runners = [await startProbeRunner(a, runnerOptions("local", "worker-a")), await startProbeRunner(b, runnerOptions("local", "worker-b"))];
    await expect.poll(() => db().checkResult.count({ where: { monitorId: { startsWith: "race-" } } }), { timeout: 30_000 }).toBe(MONITORS);
    await expect.poll(() => logged.some((line) => line.startsWith("monitor unparseable")), { timeout: 30_000 }).toBe(true);
    await Promise.all(runners.map((runner) => runner.stop()));

    const results = await db().checkResult.findMany({ where: { monitorId: { startsWith: "race-" } } });
    expect(new Set(results.map((r) => r.monitorId)).size).toBe(MONITORS);
    expect(results.every((r) => r.state === "up" && r.statusCode === 200 && r.reasonCodes.join() === "ok")).toBe(true);
    // Both runners look for each second's job at the same moments; which one takes it is the race
    // (up to 100 checks a second make one job), so either may have taken all of them.
    expect(results.every((r) => r.workerId === "worker-a" || r.workerId === "worker-b")).toBe(true);
    expect(results.every((r) => r.checkedAt.getTime() >= r.slotAt.getTime())).toBe(true);
    // Each target was requested exactly once, the paused one never.
    expect(hitsUnder("race").every(([, count]) => count === 1)).toBe(true);
    expect(hitsUnder("race")).toHaveLength(MONITORS);
    expect(hits.has("/paused")).toBe(false);
    expect(await db().checkResult.count({ where: { monitorId: "unparseable" } })).toBe(0);
    expect(logged.filter((line) => line.startsWith("monitor unparseable cannot be checked:"))).toEqual([
      expect.stringContaining("must be an http:// or https:// URL"),
    ]);
    // Every job completed once all its results were stored.
    expect(new Set((await jobsOf("local")).map((job) => job.state))).toEqual(new Set(["completed"]));
    const monitors = await db().monitor.findMany({ where: { id: { startsWith: "race-" } } });
    expect(monitors.filter((m) => m.lastCheckedAt !== null)).toHaveLength(MONITORS);
  });

  it("runs a dead worker's jobs again once they expire, skipping the slots it had stored", async () => {
    await createMonitors("dead", "far", 60);
    const dead = await newBoss();
    const planned = await planProbeWindow(dead, new Date(Date.now() - 2 * PLAN_WINDOW_MS));
    expect(planned).toBeGreaterThan(0);
    // The worker takes every job of the window and dies holding them, after storing one result.
    const held = await dead.fetch<unknown>(probeQueueName("far"), { batchSize: 100 });
    expect(held.length).toBeGreaterThan(0);
    const [stored] = held.flatMap((job) => {
      const data = ProbeJobData.parse(job.data);
      return data.slots.map(([monitorId, offsetMs]) => ({ monitorId, slotAt: new Date(Date.parse(data.sliceAt) + offsetMs) }));
    });
    await recordCheckResults([
      {
        ...stored!,
        region: "far",
        workerId: "dead-worker",
        checkedAt: stored!.slotAt,
        result: { state: "up", reasons: [{ code: "ok", message: "ok" }], warnings: [], statusCode: 200, latencyMs: 3, timings: { dns: null, connect: 1, tls: null, ttfb: 2, total: 3 }, certificate: null },
      },
    ]);

    const survivor = await newBoss();
    const runner = await startProbeRunner(survivor, runnerOptions("far", "survivor"));
    // Their expiry is due (pg-boss's maintenance would find them within its interval).
    await db().$executeRaw`UPDATE pgboss.job SET started_on = now() - expire_in - interval '1 second' WHERE name = ${probeQueueName("far")} AND state = 'active'`;
    await survivor.expire();
    await expect.poll(() => db().checkResult.count({ where: { monitorId: { startsWith: "dead-" } } }), { timeout: 30_000 }).toBe(planned);
    await runner.stop();

    const results = await db().checkResult.findMany({ where: { monitorId: { startsWith: "dead-" } } });
    expect(results.filter((r) => r.workerId === "dead-worker").map((r) => r.monitorId)).toEqual([stored!.monitorId]);
    expect(results.filter((r) => r.workerId === "survivor")).toHaveLength(planned - 1);
    // The stored slot was not checked again; every other slot once.
    expect(hits.has(`/dead/${stored!.monitorId.slice("dead-".length)}`)).toBe(false);
    expect(hitsUnder("dead")).toHaveLength(planned - 1);
    expect(hitsUnder("dead").every(([, count]) => count === 1)).toBe(true);
    const jobs = await jobsOf("far");
    expect(jobs.every((job) => job.state === "completed" && job.retryCount === 1)).toBe(true);
  });

  it("skips slots whose next slot has come: a late job checks nothing", async () => {
    await createMonitors("late", "slow", 10);
    const boss = await newBoss();
    // A window 30 s in the past: every 10-second monitor's next slots have come since.
    const planned = await planProbeWindow(boss, new Date(Date.now() - 30_000));
    expect(planned).toBeGreaterThan(0); // the monitors whose phase falls in that window
    const runner = await startProbeRunner(boss, runnerOptions("slow", "latecomer"));
    await expect.poll(async () => (await jobsOf("slow")).every((job) => job.state === "completed"), { timeout: 30_000 }).toBe(true);
    await runner.stop();
    expect(await db().checkResult.count({ where: { monitorId: { startsWith: "late-" } } })).toBe(0);
    expect(hitsUnder("late")).toHaveLength(0);
  });
});
