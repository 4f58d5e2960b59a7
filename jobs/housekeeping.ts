import { env } from "../lib/env";
import { pruneCheckResults } from "../lib/check-results/prune-check-results";
import { pruneRollups } from "../lib/status/roll-up-uptime";
import { purgeUnconfirmedSubscribers } from "../lib/subscriptions/purge-unconfirmed";
import { pruneRateLimits } from "../lib/subscriptions/rate-limits";
import { pruneHeartbeats } from "../lib/workers/heartbeats";

const HEARTBEAT_HISTORY_MS = 24 * 3600 * 1000;

/**
 * Retention: old heartbeats, raw check results past RESULT_RETENTION_DAYS (or sooner, within
 * RESULT_STORAGE_MB), rollups past ROLLUP_RETENTION_DAYS, subscribers unconfirmed for 7 days,
 * expired rate-limit counters.
 */
export async function runHousekeeping(now: Date): Promise<void> {
  await pruneHeartbeats(new Date(now.getTime() - HEARTBEAT_HISTORY_MS));
  await pruneCheckResults(now, { days: env().RESULT_RETENTION_DAYS, storageMb: env().RESULT_STORAGE_MB });
  await pruneRollups(now, env().ROLLUP_RETENTION_DAYS);
  await purgeUnconfirmedSubscribers(now);
  await pruneRateLimits(now);
}
