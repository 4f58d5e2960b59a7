// The "monitoring is delayed" notice follows worker heartbeats by itself: no write happens when a
// worker stops, so the liveness timer (lib/public-read/current-status.ts) must notice the silence and
// move the change feed — without a query; the worker's next heartbeat (an update, announced only on
// the heartbeat channel) makes the notice go, and so does a new worker's first heartbeat.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  // Before anything parses the environment: 1 s heartbeats, stale after 3 s, and persisted views
  // in a folder of the test's own.
  process.env.WORKER_HEARTBEAT_SECONDS = "1";
  process.env.DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "vigil-test-views-"));
});

afterAll(async () => {
  const { stopChangeFeed } = await import("@/lib/live/change-feed");
  await stopChangeFeed();
});

describe("worker down", () => {
  it("shows the notice after three missed heartbeats and drops it when a worker beats again", async () => {
    const { db } = await import("@/lib/db");
    const { changeFeed } = await import("@/lib/live/change-feed");
    const { clearViewCache } = await import("@/lib/public-read/view-cache");
    const { answerPublic: home } = await import("./_routes/public-routes");
    const { recordHeartbeat } = await import("@/lib/workers/heartbeats");
    const beat = (workerId: string) => ({ workerId, region: "local", version: "t", hostname: "h", pid: 1, startedAt: new Date(), lastSeenAt: new Date() });
    await db().page.create({ data: { id: "page", name: "Worker test" } });
    await db().workerHeartbeat.create({ data: beat("w1") });
    expect(await changeFeed().ready()).toBe(true);
    clearViewCache();

    const page = async () => (await home(new Request("http://127.0.0.1/"))).text();
    expect(await page()).not.toContain("Monitoring is delayed");
    const generation = changeFeed().generation;
    // w1 stops beating: within 3 s the liveness timer moves the feed and the page says so.
    await expect.poll(() => changeFeed().generation, { timeout: 6_000 }).toBeGreaterThan(generation);
    expect(await page()).toContain("Monitoring is delayed.");

    // w1 beats again: its row is only updated (no status notification), the heartbeat channel
    // alone brings the news, and the notice goes.
    const notified: string[] = [];
    const stop = changeFeed().subscribe((change) => notified.push(...(change.reason === "notify" ? change.tables : [])));
    await recordHeartbeat({ workerId: "w1", region: "local", version: "t", hostname: "h", pid: 1, startedAt: new Date() }, new Date());
    await expect.poll(page, { timeout: 5_000 }).not.toContain("Monitoring is delayed");
    stop();
    expect(notified).toEqual([]);

    // Silent again, then a new worker (an insert: a status notification too) ends the notice.
    await expect.poll(page, { timeout: 6_000 }).toContain("Monitoring is delayed.");
    await db().workerHeartbeat.create({ data: beat("w2") });
    await expect.poll(page, { timeout: 5_000 }).not.toContain("Monitoring is delayed");
  });
});
