-- AlterEnum
ALTER TYPE "IncidentStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "announcedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "MaintenanceReminder" (
    "incidentId" TEXT NOT NULL,
    "minutesBefore" INTEGER NOT NULL,
    "scheduledFor" TIMESTAMPTZ(3) NOT NULL,
    "sent" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenanceReminder_pkey" PRIMARY KEY ("incidentId","minutesBefore","scheduledFor")
);

-- AddForeignKey
ALTER TABLE "MaintenanceReminder" ADD CONSTRAINT "MaintenanceReminder_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
