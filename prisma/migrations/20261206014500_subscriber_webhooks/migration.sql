-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OutboxKind" ADD VALUE 'subscriber_webhook';
ALTER TYPE "OutboxKind" ADD VALUE 'webhook_paused';

-- AlterEnum
ALTER TYPE "SubscriberStatus" ADD VALUE 'paused';

-- DropIndex
DROP INDEX "Subscriber_email_key";

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "pausedAt" TIMESTAMPTZ(3),
ADD COLUMN     "webhookUrl" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_email_webhookUrl_key" ON "Subscriber"("email", "webhookUrl");
