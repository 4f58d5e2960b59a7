import { env } from "../lib/env";
import { pruneHistory } from "../lib/status/roll-up-uptime";
import { purgeUnconfirmedSubscribers } from "../lib/subscriptions/purge-unconfirmed";
import { pruneRateLimits } from "../lib/subscriptions/rate-limits";
import { pruneHeartbeats } from "../lib/workers/heartbeats";

const HEARTBEAT_HISTORY_MS = 24 * 3600 * 1000;

/**
 * Retention: old heartbeats, raw check results past RESULT_RETENTION_DAYS, rollups past
 * ROLLUP_RETENTION_DAYS, subscribers unconfirmed for 7 days, expired rate-limit counters.
 */
export async function runHousekeeping(now: Date): Promise<void> {
  await pruneHeartbeats(new Date(now.getTime() - HEARTBEAT_HISTORY_MS));
  await pruneHistory(now, env().RESULT_RETENTION_DAYS, env().ROLLUP_RETENTION_DAYS);
  await purgeUnconfirmedSubscribers(now);
  await pruneRateLimits(now);
}
