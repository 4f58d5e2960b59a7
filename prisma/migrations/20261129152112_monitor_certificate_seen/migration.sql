-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN     "certExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "certSeenAt" TIMESTAMPTZ(3);

-- Carry over what the last two days of results saw (readers used to search them for it). From now
-- on every batch of results keeps these columns current.
UPDATE "Monitor" m SET "certExpiresAt" = c."certExpiresAt", "certSeenAt" = c."checkedAt"
FROM (
  SELECT DISTINCT ON ("monitorId") "monitorId", "certExpiresAt", "checkedAt" FROM "CheckResult"
  WHERE "certExpiresAt" IS NOT NULL AND "checkedAt" > now() - interval '2 days'
  ORDER BY "monitorId", "checkedAt" DESC
) c
WHERE m.id = c."monitorId";
