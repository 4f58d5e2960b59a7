-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN     "stateMemory" JSONB;
