// A page with history: what bench:scale and bench:rollup seed before they measure, so the page and
// the rollup read and write tables of a realistic size.
import type pg from "pg";
import { rollUpComponentLatency } from "../lib/status/roll-up-uptime";

export const HOURLY_HISTORY_DAYS = 7;
export const DAILY_HISTORY_DAYS = 90;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Seeds HOURLY_HISTORY_DAYS of hourly and DAILY_HISTORY_DAYS of daily rollups, all up, for every
 * monitor and component, ending at the hour and the day of `now` (both excluded), with the
 * components' response times rolled up by Vigil's own code. Returns the rows written. Needs
 * DATABASE_URL set to the bench's database (the latency rollup goes through lib/db).
 */
export async function seedRollupHistory(client: pg.Client, now: Date, intervalSeconds: number): Promise<number> {
  const spans = [
    { granularity: "hour", step: "1 hour", seconds: 3_600, to: new Date(Math.floor(now.getTime() / HOUR) * HOUR), days: HOURLY_HISTORY_DAYS },
    { granularity: "day", step: "1 day", seconds: 86_400, to: new Date(Math.floor(now.getTime() / DAY) * DAY), days: DAILY_HISTORY_DAYS },
  ] as const;
  let rows = 0;
  for (const span of spans) {
    const from = new Date(span.to.getTime() - span.days * DAY);
    const checks = span.seconds / intervalSeconds;
    const monitors = await client.query(
      `INSERT INTO "MonitorRollup" ("monitorId", granularity, "bucketStart", checks, "upChecks", "upSeconds", "latencySumMs", "latencyCount", "latencyMaxMs")
       SELECT m.id, $1::"RollupGranularity", b, $4::int, $4::int, $5::int, ($4::int * (20 + floor(random() * 80)))::bigint, $4::int, 250
       FROM "Monitor" m, generate_series($2::timestamptz, $3::timestamptz - $6::interval, $6::interval) b`,
      [span.granularity, from, span.to, checks, span.seconds, span.step],
    );
    const components = await client.query(
      `INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "operationalSeconds")
       SELECT c.id, $1::"RollupGranularity", b, $4::int FROM "Component" c, generate_series($2::timestamptz, $3::timestamptz - $5::interval, $5::interval) b`,
      [span.granularity, from, span.to, span.seconds, span.step],
    );
    await rollUpComponentLatency(span.granularity, from, span.to);
    rows += (monitors.rowCount ?? 0) + (components.rowCount ?? 0);
  }
  return rows;
}
