// Self-check: when every check a worker just ran failed, the fault may be the worker's own network,
// not every target at once. Then the worker checks its canaries (by default Vigil's own health
// endpoint); if they fail too, its results count as unknown instead of a global outage.
//
// "Just ran" is a time window, not one write batch: a worker with few monitors writes batches of
// one or two results (one flush every 0.5 s), which alone could never look suspicious — so a small
// region whose network broke would open incidents by itself (fault drill 5 showed exactly that).

type CheckState = "up" | "degraded" | "down";

/** This many results or more, all down, are suspicious; fewer are an ordinary outage. */
export const SUSPICIOUS_BATCH_SIZE = 3;
/** How far back a worker looks when judging its own network. */
export const RECENT_RESULTS_WINDOW_MS = 60_000;

export function batchLooksLikeBrokenNetwork(states: readonly CheckState[]): boolean {
  return states.length >= SUSPICIOUS_BATCH_SIZE && states.every((state) => state === "down");
}

/**
 * The states of a worker's recent results. The network looks broken when the newest batch is all
 * down and so is everything in the window — at least SUSPICIOUS_BATCH_SIZE results.
 */
export class RecentCheckStates {
  private entries: { at: number; state: CheckState }[] = [];

  constructor(private readonly windowMs = RECENT_RESULTS_WINDOW_MS) {}

  /** Records a batch and says whether the worker's network looks broken (then ask the canaries). */
  recordBatch(states: readonly CheckState[], now: Date): boolean {
    const at = now.getTime();
    for (const state of states) this.entries.push({ at, state });
    const firstKept = this.entries.findIndex((entry) => entry.at > at - this.windowMs);
    this.entries = firstKept === -1 ? [] : this.entries.slice(firstKept);
    return states.length > 0 && states.every((state) => state === "down") && batchLooksLikeBrokenNetwork(this.entries.map((entry) => entry.state));
  }
}
