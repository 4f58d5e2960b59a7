import { pruneHeartbeats } from "../lib/workers/heartbeats";

const HEARTBEAT_HISTORY_MS = 24 * 3600 * 1000;

export async function runHousekeeping(now: Date): Promise<void> {
  await pruneHeartbeats(new Date(now.getTime() - HEARTBEAT_HISTORY_MS));
}
