// The worker's incident moment clock: runs the incident clock's timed work at the moment itself —
// a maintenance window starting or ending, a reminder before one, a recovered automatic incident's
// quiet period ending — instead of at the next minute tick (up to a minute and a poll late). It
// sleeps until the next such moment within the coming minute, and looks again whenever an incident
// changes (the status trigger's NOTIFY: a window scheduled or moved, an incident recovering) or that
// minute passes. Every worker runs one; the clock's steps are race-safe and settle once, so two
// workers arriving at the same moment do the work once. The pg-boss minute tick still runs the
// whole clock: a lost notification or a dead timer costs a minute.
import { sessionDatabaseUrl } from "../lib/env";
import { databaseUrl } from "../lib/db";
import { STATUS_CHANNEL } from "../lib/live/change-feed";
import { listenShared } from "../lib/postgres/shared-listener";
import { WakeGate } from "./wake-gate";

export type MomentClockOptions = {
  /** The next moment after `now` with timed work, looking `horizonMs` ahead, or null. */
  nextMoment: (now: Date, horizonMs: number) => Promise<Date | null>;
  /** Does the work due at `now`. */
  run: (now: Date) => Promise<void>;
  clock: () => Date;
  log: (message: string) => void;
  /** How far ahead it plans, and so how often it looks without a wake-up. */
  horizonMs?: number;
};

export type MomentClock = { wake(): void; stop(): Promise<void> };

/** The clock loop; `wake()` makes it plan again at once. */
export function runMomentClockLoop({ nextMoment, run, clock, log, horizonMs = 60_000 }: MomentClockOptions): MomentClock {
  const gate = new WakeGate();
  const failed = (what: string) => (error: unknown) => log(`incident moment clock: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  const loop = (async () => {
    let due: Date | null = null;
    while (!gate.stopped) {
      gate.beginTurn();
      const now = clock();
      if (due && due <= now) await run(now).catch(failed("run"));
      // Planned from the same instant that decided the run: moments up to `now` were run (or were
      // not due), every later one is planned. A fresh reading would skip a moment that came between
      // the two, on a turn that woke a little early, until the minute tick.
      due = await nextMoment(now, horizonMs).catch((error: unknown) => {
        failed("planning")(error);
        return null;
      });
      await gate.wait(due ? Math.min(horizonMs, Math.max(0, due.getTime() - clock().getTime())) : horizonMs);
    }
  })();
  return {
    wake: () => gate.wake(),
    async stop() {
      gate.stop();
      await loop;
    },
  };
}

/** Starts the loop, woken by incident changes (and after every reconnect: changes may have been missed). */
export function startIncidentMomentClock(options: MomentClockOptions): MomentClock {
  const clock = runMomentClockLoop(options);
  const listener = listenShared({
    url: sessionDatabaseUrl() ?? databaseUrl(),
    channels: [STATUS_CHANNEL],
    onNotify: (_channel, table) => {
      if (table === "Incident") clock.wake();
    },
    onListening: () => clock.wake(),
  });
  return {
    wake: clock.wake,
    async stop() {
      await listener.close();
      await clock.stop();
    },
  };
}
