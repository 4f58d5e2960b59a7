-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "causeCode" TEXT,
ADD COLUMN     "certificateExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "certificateHost" TEXT,
ADD COLUMN     "correlationKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "lastFailureAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "IncidentUpdate" ADD COLUMN     "internalDetail" TEXT;

-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN     "publicDescription" TEXT;
