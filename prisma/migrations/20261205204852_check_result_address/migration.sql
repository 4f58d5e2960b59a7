-- AlterTable
ALTER TABLE "CheckResult" ADD COLUMN     "address" TEXT;
