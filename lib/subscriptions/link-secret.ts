// The key that signs manage/unsubscribe links. Generated once and kept in the database, so every
// web and worker instance signs and verifies alike and `npm start` needs no setup; never a default.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";

const KEY = "subscription-link-secret";
let cached: Promise<Buffer> | undefined;

export function subscriptionLinkSecret(): Promise<Buffer> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(): Promise<Buffer> {
  // Two instances starting together: the first insert wins, both read the winner.
  await db().appSetting.createMany({ data: { key: KEY, value: randomBytes(32).toString("base64") }, skipDuplicates: true });
  const row = await db().appSetting.findUniqueOrThrow({ where: { key: KEY } });
  return Buffer.from(row.value, "base64");
}

/** For tests that swap databases within one process. */
export function forgetSubscriptionLinkSecret(): void {
  cached = undefined;
}
