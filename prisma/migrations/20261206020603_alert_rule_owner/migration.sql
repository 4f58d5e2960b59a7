-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "managedByConfig" BOOLEAN NOT NULL DEFAULT false;

-- Until now every rule came from the config file.
UPDATE "AlertRule" SET "managedByConfig" = true;
