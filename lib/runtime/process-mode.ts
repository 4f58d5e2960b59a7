// One process or two (docs/operator-guide.md, "One process or two"). A small install runs the web
// server and the worker in one process (scripts/all-in-one.ts): one Node heap, one copy of the app,
// one database pool. Scale-out keeps them apart: a web process that never waits behind a busy
// check loop, workers that can be added (and capped) on their own.

/** Up to this many enabled monitors, `npm start` on its embedded database runs one process. */
export const SINGLE_PROCESS_MONITOR_LIMIT = 1_000;

export type ProcessModeSetting = "auto" | "single" | "split";
export type ProcessMode = "single" | "split";

/**
 * auto: single for the embedded database (the one-box install) with at most
 * SINGLE_PROCESS_MONITOR_LIMIT enabled monitors; split with DATABASE_URL (an operator who runs
 * their own PostgreSQL is set up for scale-out) or beyond the limit.
 */
export function resolveProcessMode(setting: ProcessModeSetting, install: { externalDatabase: boolean; enabledMonitors: number }): ProcessMode {
  if (setting !== "auto") return setting;
  return !install.externalDatabase && install.enabledMonitors <= SINGLE_PROCESS_MONITOR_LIMIT ? "single" : "split";
}
