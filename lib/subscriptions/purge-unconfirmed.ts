// Addresses nobody confirmed are personal data we have no reason to keep: a pending subscriber whose
// last request is 7 days old is deleted (with its scope rows; its outbox rows keep the history).
import "server-only";
import { db } from "../db";
import { CONFIRM_TOKEN_TTL_MS } from "./tokens";

export const UNCONFIRMED_RETENTION_MS = 7 * 24 * 3600 * 1000;

export async function purgeUnconfirmedSubscribers(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_RETENTION_MS);
  const { count } = await db().subscriber.deleteMany({
    where: {
      status: "pending",
      OR: [
        // The last request set the token's expiry to request time + 24 h.
        { confirmTokenExpiresAt: { lt: new Date(cutoff.getTime() + CONFIRM_TOKEN_TTL_MS) } },
        { confirmTokenExpiresAt: null, updatedAt: { lt: cutoff } },
      ],
    },
  });
  return count;
}
