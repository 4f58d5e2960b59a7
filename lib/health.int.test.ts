import { beforeAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { checkHealth } from "./health";
import { recordHeartbeat } from "./workers/heartbeats";

const worker = (id: string, region: string) => ({
  workerId: id,
  region,
  version: "test",
  hostname: "host",
  pid: 1,
  startedAt: new Date("2026-01-01T00:00:00Z"),
});

// A process's first query loads Prisma's query compiler, which a busy test machine may take longer
// than the health check's database deadline for; the web process has long done it when asked.
beforeAll(async () => {
  await db().$queryRaw`SELECT 1`;
});

describe("checkHealth", () => {
  it("is unhealthy with no worker heartbeat, healthy with a fresh one, unhealthy again when stale", async () => {
    const now = new Date();
    const empty = await checkHealth(now);
    expect(empty.status).toBe("unhealthy");
    expect(empty.database.reachable).toBe(true);
    expect(empty.worker).toMatchObject({ alive: false, lastHeartbeatAt: null, staleAfterSeconds: 15 });

    await recordHeartbeat(worker("w1", "local"), new Date(now.getTime() - 2_000));
    await recordHeartbeat(worker("w2", "eu"), new Date(now.getTime() - 60_000));
    const fresh = await checkHealth(now);
    expect(fresh.status).toBe("ok");
    expect(fresh.worker.heartbeatAgeSeconds).toBe(2);
    expect(fresh.worker.regions).toEqual([
      expect.objectContaining({ region: "eu", stale: true, ageSeconds: 60 }),
      expect.objectContaining({ region: "local", stale: false, ageSeconds: 2 }),
    ]);

    const later = await checkHealth(new Date(now.getTime() + 20_000));
    expect(later.status).toBe("unhealthy");
    expect(later.worker.alive).toBe(false);
  });
});
