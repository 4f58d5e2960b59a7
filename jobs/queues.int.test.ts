import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { ensureQueue } from "./queues";

const bosses: PgBoss[] = [];

afterAll(() => Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true }))));

describe("ensureQueue", () => {
  it("lets many workers create the same new queues at once (pg-boss can deadlock doing that)", async () => {
    for (let i = 0; i < 4; i++) {
      const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false });
      boss.on("error", () => {});
      await boss.start();
      bosses.push(boss);
    }
    // The memo is only written after success, so these calls all reach createQueue concurrently,
    // as separate worker processes would.
    const names = ["probe-eu", "probe-us", "probe-ap"];
    await Promise.all(bosses.flatMap((boss) => names.map((name) => ensureQueue(boss, name))));
    const queues = await bosses[0]!.getQueues();
    expect(queues.map((queue) => queue.name).filter((name) => names.includes(name)).sort()).toEqual(["probe-ap", "probe-eu", "probe-us"]);
  });
});
