import { afterEach, describe, expect, it, vi } from "vitest";
import { db, setAppPoolSize, sqlPool } from "./db";
import { POOL_SIZES } from "./postgres/pool-sizes";

afterEach(() => {
  vi.useRealTimers();
});

async function backendsOfThisDatabase(): Promise<number> {
  const [row] = await db().$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`;
  return row.count;
}

describe("the app pool", () => {
  it("keeps the all-in-one's kept connections past the idle timeout and closes the others", async () => {
    const { max, kept } = POOL_SIZES["all-in-one"].app;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(max);
    setAppPoolSize(POOL_SIZES["all-in-one"].app);
    await db().$executeRaw`SELECT 1`;
    // pg-pool's idle timers (10 s) are set as connections go back to the pool: faked from here, so
    // they can run out at once (the connections they close end for real).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    // A burst that needs more connections than are kept: each statement holds its own.
    const burst = kept + 2;
    await Promise.all(Array.from({ length: burst }, () => db().$executeRaw`SELECT pg_sleep(0.2)`));
    const pool = sqlPool();
    expect(pool.totalCount).toBe(burst);
    expect(await backendsOfThisDatabase()).toBe(burst);

    vi.advanceTimersByTime(10_001);
    vi.useRealTimers();
    expect(pool.totalCount).toBe(kept);
    await vi.waitFor(async () => expect(await backendsOfThisDatabase()).toBe(kept), { timeout: 5_000, interval: 50 });
  });
});
