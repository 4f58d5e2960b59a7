-- DropIndex
DROP INDEX "CheckResult_monitorId_checkedAt_idx";

-- DropIndex
DROP INDEX "CheckResult_monitorId_region_slotAt_key";

-- AlterTable
ALTER TABLE "CheckResult" DROP CONSTRAINT "CheckResult_pkey",
DROP COLUMN "id",
ALTER COLUMN "reasons" DROP NOT NULL,
ALTER COLUMN "reasons" DROP DEFAULT,
ALTER COLUMN "warnings" DROP NOT NULL,
ALTER COLUMN "warnings" DROP DEFAULT,
ADD CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("monitorId", "slotAt", "region");

-- Pruning deletes a few minutes of results at a time (lib/check-results/prune-check-results.ts):
-- vacuum soon after, so new results reuse the space instead of growing the table (the default
-- waits until a fifth of the table is dead).
ALTER TABLE "CheckResult" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0.05);
