// The database's steady-state size for a number of monitors, from bytes per row measured in a run
// and the retention settings: raw results (RESULT_RETENTION_DAYS within RESULT_STORAGE_MB), the
// monitors' and components' rollups (hourly and daily, each kept its own time), and the rest
// (monitors, state history, the pg-boss queue), which does not grow with time. docs/storage.md
// does the same arithmetic by hand.
import { resultRetentionMs } from "../lib/check-results/result-retention";
import type { Env } from "../lib/env";
import { MONITOR_HOURLY_ROLLUP_DAYS } from "../lib/status/roll-up-uptime";

export type StorageProjectionInput = {
  monitors: number;
  intervalSeconds: number;
  components: number;
  bytesPerResult: number;
  bytesPerMonitorRollup: number;
  bytesPerComponentRollup: number;
  /** Everything else, as measured: it does not grow with time. */
  otherBytes: number;
  config: Pick<Env, "RESULT_RETENTION_DAYS" | "RESULT_STORAGE_MB" | "ROLLUP_RETENTION_DAYS">;
};

export type StorageProjection = { resultHours: number; results: number; monitorRollups: number; componentRollups: number; other: number; total: number };

export function projectSteadyState(input: StorageProjectionInput): StorageProjection {
  const resultsPerHour = (input.monitors * 3600) / input.intervalSeconds;
  const resultHours = resultRetentionMs({ days: input.config.RESULT_RETENTION_DAYS, storageMb: input.config.RESULT_STORAGE_MB, resultsPerHour }) / 3_600_000;
  const rollupDays = input.config.ROLLUP_RETENTION_DAYS;
  const results = resultHours * resultsPerHour * input.bytesPerResult;
  const monitorRollups = input.monitors * (24 * MONITOR_HOURLY_ROLLUP_DAYS + rollupDays) * input.bytesPerMonitorRollup;
  const componentRollups = input.components * 25 * rollupDays * input.bytesPerComponentRollup;
  return { resultHours, results, monitorRollups, componentRollups, other: input.otherBytes, total: results + monitorRollups + componentRollups + input.otherBytes };
}
