-- AlterTable
ALTER TABLE "ComponentRollup" ADD COLUMN     "latencyCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "latencyMaxMs" INTEGER,
ADD COLUMN     "latencySumMs" BIGINT NOT NULL DEFAULT 0;

-- Fill the new columns from the monitor rollups already kept (the page read them directly before).
INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "latencySumMs", "latencyCount", "latencyMaxMs")
SELECT m."componentId", r.granularity, r."bucketStart", sum(r."latencySumMs")::bigint, sum(r."latencyCount")::int, max(r."latencyMaxMs")
FROM "MonitorRollup" r JOIN "Monitor" m ON m.id = r."monitorId"
WHERE m.enabled AND m."componentId" IS NOT NULL
GROUP BY m."componentId", r.granularity, r."bucketStart"
ON CONFLICT ("componentId", granularity, "bucketStart") DO UPDATE SET
  "latencySumMs" = EXCLUDED."latencySumMs", "latencyCount" = EXCLUDED."latencyCount", "latencyMaxMs" = EXCLUDED."latencyMaxMs";
