import { describe, expect, it } from "vitest";
import { batchLooksLikeBrokenNetwork, RecentCheckStates } from "./probe-network";

describe("batchLooksLikeBrokenNetwork", () => {
  it.each([
    [[], false],
    [["down", "down"], false],
    [["down", "down", "down"], true],
    [["down", "down", "degraded"], false],
    [["down", "up", "down", "down"], false],
  ] as const)("%j → %s", (states, expected) => {
    expect(batchLooksLikeBrokenNetwork(states)).toBe(expected);
  });
});

describe("RecentCheckStates", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, seconds));

  it("judges small batches together over the window: three single failures in a row look broken", () => {
    const recent = new RecentCheckStates(60_000);
    expect(recent.recordBatch(["down"], at(0))).toBe(false);
    expect(recent.recordBatch(["down"], at(5))).toBe(false);
    expect(recent.recordBatch(["down"], at(10))).toBe(true);
    expect(recent.recordBatch(["down", "down"], at(15))).toBe(true);
  });

  it("a success in the window, or a batch that is not all down, clears the suspicion", () => {
    const recent = new RecentCheckStates(60_000);
    recent.recordBatch(["up"], at(0));
    recent.recordBatch(["down", "down"], at(1));
    expect(recent.recordBatch(["down"], at(2))).toBe(false); // the success is still in the window
    expect(recent.recordBatch(["down", "up"], at(3))).toBe(false);
    expect(recent.recordBatch([], at(4))).toBe(false);
  });

  it("forgets results older than the window", () => {
    const recent = new RecentCheckStates(10_000);
    recent.recordBatch(["up"], at(0));
    recent.recordBatch(["down"], at(5));
    recent.recordBatch(["down"], at(9));
    expect(recent.recordBatch(["down"], at(11))).toBe(true); // the success at 0 s has aged out
    expect(recent.recordBatch(["down"], at(40))).toBe(false); // alone in the window again
  });
});
