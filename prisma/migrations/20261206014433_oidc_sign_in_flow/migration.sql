-- CreateTable
CREATE TABLE "OidcSignInFlow" (
    "tokenHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OidcSignInFlow_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "OidcSignInFlow_expiresAt_idx" ON "OidcSignInFlow"("expiresAt");
