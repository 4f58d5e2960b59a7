import { describe, expect, it } from "vitest";
import { batchLooksLikeBrokenNetwork } from "./probe-network";

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
