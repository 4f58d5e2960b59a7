// Mailers LISTEN on this channel; a NOTIFY issued inside a transaction is delivered only when it
// commits, so a mailer woken by it always finds the rows. The periodic sweep covers a missed one.
import "server-only";
import type { Prisma } from "../generated/prisma/client";

export const OUTBOX_CHANNEL = "vigil_outbox";

export async function wakeMailers(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}
