-- CreateTable
CREATE TABLE "AlertEpisode" (
    "subject" TEXT NOT NULL,
    "raised" BOOLEAN NOT NULL DEFAULT false,
    "number" INTEGER NOT NULL DEFAULT 0,
    "since" TIMESTAMPTZ(3),
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEpisode_pkey" PRIMARY KEY ("subject")
);
