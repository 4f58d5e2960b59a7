// Probe scheduling against a real PostgreSQL and pg-boss: planning is idempotent across workers,
// each slot is checked once, and a job held by a dead worker is not run by another.
import http from "node:http";
import type { AddressInfo } from "node:net";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { PLAN_WINDOW_MS } from "../lib/monitors/probe-slots";
import { planProbeWindow } from "./probe-planner";
import { startProbeRunner } from "./probe-runner";
import { probeQueueName } from "./queues";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

const MONITORS = 24;
let server: http.Server;
const hits = new Map<string, number>();
const bosses: PgBoss[] = [];

async function newBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  bosses.push(boss);
  return boss;
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.set(request.url!, (hits.get(request.url!) ?? 0) + 1);
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await db().monitor.createMany({
    data: Array.from({ length: MONITORS }, (_, i) => ({
      id: `mon-${i}`,
      name: `Monitor ${i}`,
      kind: "http" as const,
      target: `http://127.0.0.1:${port}/m/${i}`,
      intervalSeconds: 10,
      timeoutMs: 2000,
    })),
  });
  await db().monitor.create({
    data: { id: "paused", name: "Paused", kind: "http", target: `http://127.0.0.1:${port}/paused`, enabled: false },
  });
});

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
  server.close();
});

describe("probe scheduling", () => {
  it("plans each slot once even when workers race, checks each slot once, and never reruns a dead worker's job", async () => {
    const [a, b] = [await newBoss(), await newBoss()];
    // Two windows that are already due: every 10-second monitor has exactly one slot in them.
    const now = Date.now();
    const first = new Date(now - 3 * PLAN_WINDOW_MS);
    const second = new Date(now - 2 * PLAN_WINDOW_MS);
    const planned = await Promise.all([planProbeWindow(a, first), planProbeWindow(b, first), planProbeWindow(a, second)]);
    await planProbeWindow(b, second);
    expect(planned[0]).toBe(planned[1]);
    expect(planned[0]! + planned[2]!).toBe(MONITORS);
    const jobs = await db().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'probe-local'`;
    expect(jobs[0]!.count).toBe(MONITORS); // planned twice, stored once

    // A worker takes one job and dies holding it.
    const [abandoned] = await a.fetch<{ monitorId: string }>(probeQueueName("local"), { batchSize: 1 });
    expect(abandoned).toBeDefined();

    const options = {
      region: "local",
      concurrency: 8,
      perHostConcurrency: 4,
      checkOptions: () => ({ ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [] }),
      canaryUrls: [],
      log: () => {},
    };
    const runners = [
      await startProbeRunner(a, { ...options, workerId: "worker-a" }),
      await startProbeRunner(b, { ...options, workerId: "worker-b" }),
    ];
    await expect.poll(() => db().checkResult.count(), { timeout: 20_000 }).toBe(MONITORS - 1);
    await Promise.all(runners.map((runner) => runner.stop()));

    const results = await db().checkResult.findMany();
    expect(new Set(results.map((r) => r.monitorId)).size).toBe(MONITORS - 1);
    expect(results.map((r) => r.monitorId)).not.toContain(abandoned!.data.monitorId);
    expect(results.every((r) => r.state === "up" && r.statusCode === 200 && r.reasonCodes.join() === "ok")).toBe(true);
    expect(new Set(results.map((r) => r.workerId))).toEqual(new Set(["worker-a", "worker-b"]));
    expect(results.every((r) => r.checkedAt.getTime() >= r.slotAt.getTime())).toBe(true);
    // Each target was requested exactly once; the abandoned one and the paused one never.
    expect([...hits.values()].every((count) => count === 1)).toBe(true);
    expect(hits.size).toBe(MONITORS - 1);
    expect(hits.has(`/m/${abandoned!.data.monitorId.slice(4)}`)).toBe(false);
    expect(hits.has("/paused")).toBe(false);

    const monitors = await db().monitor.findMany({ where: { id: { startsWith: "mon-" } } });
    expect(monitors.filter((m) => m.lastCheckedAt !== null)).toHaveLength(MONITORS - 1);
  });
});
