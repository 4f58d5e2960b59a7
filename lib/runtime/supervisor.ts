// How `npm start` keeps its children running: a web or worker process that dies is started again
// after a delay that doubles with each quick crash (1 s, 2 s, 4 s … capped at 30 s) and starts
// over once the process has stayed up a minute. It never gives up: a starting worker exits when
// the database is unreachable, so giving up would leave the page without checks after an outage;
// a child that always crashes at once (a bad setting) is retried at most twice a minute, each
// attempt logged with its count, never in a tight loop.
//
// The restart counts reach /metrics through the web process: the launcher sends them over the
// IPC channel (on each restart, and when a new web process asks after starting), and the web
// process exposes them as `vigil_process_restarts_total{process}` (lib/metrics/process-metrics.ts).

/** Split mode runs web and worker; single mode the one all-in-one process (lib/runtime/process-mode.ts). */
export const SUPERVISED_PROCESSES = ["web", "worker", "all-in-one"] as const;
export type SupervisedProcess = (typeof SUPERVISED_PROCESSES)[number];

const RESTART_BASE_MS = 1_000;
export const RESTART_MAX_MS = 30_000;
/** A child that ran this long had recovered: its next crash waits the base delay again. */
export const STABLE_AFTER_MS = 60_000;

/** Delay before restarting a child that crashed `consecutiveCrashes` times in a row (1 = first). */
export function restartDelayMs(consecutiveCrashes: number): number {
  const doublings = Math.max(0, Math.min(consecutiveCrashes - 1, 16));
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** doublings);
}

/** Consecutive quick crashes after a child that ran `ranMs` exits, given the count before. */
export function consecutiveCrashes(previous: number, ranMs: number): number {
  return ranMs >= STABLE_AFTER_MS ? 1 : previous + 1;
}

export type RestartCounts = Partial<Record<SupervisedProcess, number>>;

/** Launcher → web: how often each child was restarted since `npm start` began (the web process parses it: lib/runtime/restart-counts-message.ts). */
export type RestartCountsMessage = { type: "vigil:restart-counts"; counts: RestartCounts };
