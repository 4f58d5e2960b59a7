import { describe, expect, it } from "vitest";
import { RatePacer } from "./rate-pacer";

describe("RatePacer", () => {
  it("allows a burst, then spaces messages at the rate", () => {
    const pacer = new RatePacer(10, 2, 0);
    expect([pacer.take(0), pacer.take(0), pacer.take(0), pacer.take(0)]).toEqual([0, 0, 100, 200]);
  });

  it("refills with time but never beyond the burst", () => {
    const pacer = new RatePacer(10, 2, 0);
    pacer.take(0);
    pacer.take(0);
    expect(pacer.take(10_000)).toBe(0);
    expect(pacer.take(10_000)).toBe(0);
    expect(pacer.take(10_000)).toBe(100);
  });

  it("keeps 1,000 messages at 100/s over ~10 s", () => {
    const pacer = new RatePacer(100, 10, 0);
    const waits = Array.from({ length: 1000 }, () => pacer.take(0));
    expect(Math.max(...waits)).toBe(9900);
  });
});
