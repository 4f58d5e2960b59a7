// Exponential backoff after failed sign-ins, per account and per client IP — never a lockout: after
// the wait, one more try is always allowed. Counters fade after a quiet day.
import "server-only";
import type { Prisma } from "../generated/prisma/client";

/** Free failures before waits begin; an IP (maybe a shared office NAT) gets more. */
const FREE_FAILURES = { account: 3, ip: 10 } as const;
const MAX_WAIT_MS = 15 * 60 * 1000;
const FORGET_AFTER_MS = 24 * 3600 * 1000;

export type ThrottleKind = keyof typeof FREE_FAILURES;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value}`;
}

/** How long to wait after `failures` failed attempts: 0 for the free ones, then 1 s, 2 s, 4 s … 15 min. */
export function backoffMs(kind: ThrottleKind, failures: number): number {
  const over = failures - FREE_FAILURES[kind];
  if (over < 0) return 0;
  return Math.min(MAX_WAIT_MS, 1000 * 2 ** Math.min(over, 30));
}

type ThrottleRow = { key: string; failures: number; lastFailureAt: Date };

/** Milliseconds until a new attempt is allowed for these keys (0: go ahead). */
export function waitFor(rows: readonly ThrottleRow[], now: Date): number {
  let wait = 0;
  for (const row of rows) {
    const kind = row.key.split(":", 1)[0] as ThrottleKind;
    const since = now.getTime() - row.lastFailureAt.getTime();
    if (since >= FORGET_AFTER_MS) continue;
    wait = Math.max(wait, backoffMs(kind, row.failures) - since);
  }
  return Math.max(0, wait);
}

export async function readThrottle(tx: Prisma.TransactionClient, keys: readonly string[]): Promise<ThrottleRow[]> {
  return tx.signInThrottle.findMany({ where: { key: { in: [...keys] } } });
}

export async function recordFailure(tx: Prisma.TransactionClient, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const existing = await tx.signInThrottle.findUnique({ where: { key } });
    const stale = !existing || now.getTime() - existing.lastFailureAt.getTime() >= FORGET_AFTER_MS;
    await tx.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: stale ? 1 : { increment: 1 }, lastFailureAt: now },
    });
  }
}

export async function clearThrottle(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key } });
}
