-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "accentColor" TEXT,
ADD COLUMN     "accentColorDark" TEXT,
ADD COLUMN     "customCss" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "footerLinks" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "logoSha256" TEXT,
ADD COLUMN     "supportUrl" TEXT;

-- CreateTable
CREATE TABLE "PageLogo" (
    "sha256" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageLogo_pkey" PRIMARY KEY ("sha256")
);

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_logoSha256_fkey" FOREIGN KEY ("logoSha256") REFERENCES "PageLogo"("sha256") ON DELETE SET NULL ON UPDATE CASCADE;
