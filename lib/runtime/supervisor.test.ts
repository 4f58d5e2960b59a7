import { describe, expect, it } from "vitest";
import { RestartCountsMessage } from "./restart-counts-message";
import { consecutiveCrashes, RESTART_MAX_MS, restartDelayMs, STABLE_AFTER_MS } from "./supervisor";

describe("restart backoff", () => {
  it("doubles from 1 s per quick crash and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, RESTART_MAX_MS]);
  });

  it("starts over after a child stayed up long enough", () => {
    expect(consecutiveCrashes(5, 2_000)).toBe(6);
    expect(consecutiveCrashes(5, STABLE_AFTER_MS)).toBe(1);
    expect(consecutiveCrashes(0, 10)).toBe(1);
  });
});

describe("restart counts message", () => {
  it("accepts the launcher's counts and nothing else", () => {
    expect(RestartCountsMessage.safeParse({ type: "vigil:restart-counts", counts: { web: 0, worker: 2 } }).success).toBe(true);
    expect(RestartCountsMessage.safeParse({ type: "vigil:restart-counts", counts: { web: -1, worker: 2 } }).success).toBe(false);
    expect(RestartCountsMessage.safeParse({ type: "vigil:restart-counts", counts: { "all-in-one": 1 } }).success).toBe(true);
    expect(RestartCountsMessage.safeParse({ type: "vigil:restart-counts", counts: { mailer: 1 } }).success).toBe(false);
    expect(RestartCountsMessage.safeParse({ type: "other" }).success).toBe(false);
  });
});
