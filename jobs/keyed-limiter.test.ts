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
});
