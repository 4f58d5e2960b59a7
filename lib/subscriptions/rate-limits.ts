// Abuse limits for subscription requests, per client address and per email address, kept in
// Postgres (rate-limiter-flexible's Prisma store) so they hold across every web instance.
import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "../db";
import { env } from "../env";
import { logger } from "../log";

const HOUR_SECONDS = 3600;

type Limiters = { perIp: RateLimiterPrisma; perAddress: RateLimiterPrisma };
let limiters: Limiters | undefined;

function build(): Limiters {
  const config = env();
  // Expired counters are removed by housekeeping (pruneRateLimits), not by a timer per instance.
  const common = { storeClient: db(), tableName: "rateLimiterFlexible", duration: HOUR_SECONDS, clearExpiredByTimeout: false };
  return {
    perIp: new RateLimiterPrisma({ ...common, keyPrefix: "subscribe-ip", points: config.SUBSCRIBE_LIMIT_PER_IP }),
    perAddress: new RateLimiterPrisma({ ...common, keyPrefix: "subscribe-address", points: config.SUBSCRIBE_LIMIT_PER_ADDRESS }),
  };
}

/**
 * Counts one request against both limits; false when either is exhausted. A store error counts as
 * limited: failing closed costs a visitor one retry, failing open would let a flood through.
 */
export async function allowSubscriptionRequest(clientIp: string | null, email: string): Promise<boolean> {
  limiters ??= build();
  const { perIp, perAddress } = limiters;
  try {
    await Promise.all([perIp.consume(clientIp ?? "unknown"), perAddress.consume(email)]);
    return true;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) logger().error({ err: error }, "subscription rate limiter failed");
    return false;
  }
}

/** For tests that change the limits or the database within one process. */
export function forgetRateLimiters(): void {
  limiters = undefined;
}

export async function pruneRateLimits(now: Date): Promise<number> {
  const { count } = await db().rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
