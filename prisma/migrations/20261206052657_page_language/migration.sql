-- CreateEnum
CREATE TYPE "Language" AS ENUM ('en', 'de', 'es');

-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'en';
