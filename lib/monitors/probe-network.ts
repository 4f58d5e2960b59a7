// Self-check: when every check a worker just ran failed, the fault may be the worker's own network,
// not every target at once. Then the worker checks its canaries (by default Vigil's own health
// endpoint); if they fail too, its results count as unknown instead of a global outage.

/** A batch this size or larger, all down, is suspicious; smaller ones are ordinary outages. */
export const SUSPICIOUS_BATCH_SIZE = 3;

export function batchLooksLikeBrokenNetwork(states: readonly ("up" | "degraded" | "down")[]): boolean {
  return states.length >= SUSPICIOUS_BATCH_SIZE && states.every((state) => state === "down");
}
