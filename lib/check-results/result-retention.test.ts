import { describe, expect, it } from "vitest";
import { MIN_RESULT_RETENTION_MS, RESULT_BYTES_ESTIMATE, resultRetentionMs } from "./result-retention";

const DAY_MS = 24 * 3600 * 1000;

describe("resultRetentionMs", () => {
  it("keeps the configured days when they fit the storage limit", () => {
    // 100 monitors every minute: 6,000 results an hour, 14 days ≈ 0.5 GB.
    expect(resultRetentionMs({ days: 14, storageMb: 12_000, resultsPerHour: 6_000 })).toBe(14 * DAY_MS);
  });

  it("keeps fewer days when the configured ones would not fit", () => {
    // 20,000 monitors every minute: 1.2 million results an hour.
    const keptMs = resultRetentionMs({ days: 14, storageMb: 12_000, resultsPerHour: 1_200_000 });
    expect(keptMs).toBeLessThan(2 * DAY_MS);
    expect((keptMs / 3_600_000) * 1_200_000 * RESULT_BYTES_ESTIMATE).toBeLessThanOrEqual(12_000 * 1024 * 1024 + 1); // + float rounding
    expect((keptMs / 3_600_000 + 1) * 1_200_000 * RESULT_BYTES_ESTIMATE).toBeGreaterThan(12_000 * 1024 * 1024);
  });

  it("never keeps less than a day, and keeps the configured days before the rate is known", () => {
    expect(resultRetentionMs({ days: 14, storageMb: 10, resultsPerHour: 1_200_000 })).toBe(MIN_RESULT_RETENTION_MS);
    expect(resultRetentionMs({ days: 14, storageMb: 10, resultsPerHour: null })).toBe(14 * DAY_MS);
    expect(resultRetentionMs({ days: 3, storageMb: 10, resultsPerHour: 0 })).toBe(3 * DAY_MS);
  });
});
