// Pruning of raw check results, oldest first, in small batches: each batch is one short statement
// on rows nobody writes any more, so the checks being recorded meanwhile never wait for it (no
// table lock, no long transaction), and the freed space is reused by the next results.
import "server-only";
import { db } from "../db";
import { resultRetentionMs } from "./result-retention";

const BATCH_ROWS = 5_000;
/** A run stops after this many batches (a million results); the rest waits for the next run. */
const MAX_BATCHES = 200;

export type ResultRetention = { days: number; storageMb: number };

/** Deletes the results past their retention (result-retention.ts); returns how many. */
export async function pruneCheckResults(now: Date, retention: ResultRetention): Promise<number> {
  const before = new Date(now.getTime() - resultRetentionMs({ ...retention, resultsPerHour: await resultsInLastHour(now) }));
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await db().$executeRaw`
      DELETE FROM "CheckResult" WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM "CheckResult" WHERE "checkedAt" < ${before} ORDER BY "checkedAt" LIMIT ${BATCH_ROWS}))`;
    deleted += rows;
    if (rows < BATCH_ROWS) break;
  }
  return deleted;
}

/** Results of the last full hour, from the monitors' hourly rollups (null before there are any). */
async function resultsInLastHour(now: Date): Promise<number | null> {
  const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000);
  const [row] = await db().$queryRaw<[{ checks: number | null }]>`
    SELECT sum(checks)::float8 AS checks FROM "MonitorRollup" WHERE granularity = 'hour' AND "bucketStart" = ${hourStart}`;
  return row.checks;
}
