import { describe, expect, it } from "vitest";
import { KeyedLimiter } from "./keyed-limiter";

describe("KeyedLimiter", () => {
  it("admits up to the limit per key, then serves waiters in order as holders release", async () => {
    const limiter = new KeyedLimiter(2);
    const order: string[] = [];
    await limiter.acquire("a");
    await limiter.acquire("a");
    await limiter.acquire("b"); // other keys are independent
    const third = limiter.acquire("a").then(() => order.push("third"));
    const fourth = limiter.acquire("a").then(() => order.push("fourth"));
    await Promise.resolve();
    expect(order).toEqual([]);
    limiter.release("a");
    await third;
    expect(order).toEqual(["third"]);
    limiter.release("a");
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    limiter.release("a");
    limiter.release("a");
    await limiter.acquire("a");
    await limiter.acquire("a"); // fully released: the limit applies afresh
  });

  it("follows a limit that changes while holders run: lowered, releases admit no one until below it; raised, a release admits up to it", async () => {
    let limit = 4;
    const limiter = new KeyedLimiter(() => limit);
    for (let i = 0; i < 4; i++) await limiter.acquire("any");
    let admitted = 0;
    const waiters = Array.from({ length: 4 }, () => limiter.acquire("any").then(() => (admitted += 1)));
    limit = 2;
    limiter.release("any"); // 3 holders, limit 2: no one admitted
    limiter.release("any"); // 2 holders: still at the limit
    await Promise.resolve();
    expect(admitted).toBe(0);
    expect(limiter.holders("any")).toBe(2);
    limiter.release("any"); // 1 holder: one waiter takes the free place
    await waiters[0];
    expect(admitted).toBe(1);
    limit = 4;
    limiter.release("any"); // 1 holder left, limit 4: the three other waiters all come in
    await Promise.all(waiters);
    expect(admitted).toBe(4);
    expect(limiter.holders("any")).toBe(4);
    expect(limiter.holders("other")).toBe(0);
  });
});
