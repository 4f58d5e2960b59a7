-- AlterTable
ALTER TABLE "CertificateAlert" ADD COLUMN     "fingerprint" TEXT;

-- CreateIndex
CREATE INDEX "CertificateAlert_fingerprint_threshold_idx" ON "CertificateAlert"("fingerprint", "threshold");
