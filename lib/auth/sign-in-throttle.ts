// Backoff after failed sign-ins — never a lockout of the right person. Three counters:
//  - client: one account from one client address. Its own failures slow only that client: 3 free,
//    then 1 s, 2 s, 4 s … 15 min. An attacker hammering the owner's account from one address
//    cannot make the owner wait at another address.
//  - ip: one address across all accounts (10 free, then the same doubling): a client guessing many
//    accounts slows itself.
//  - account: every failure against the account from anywhere, the slower global ceiling: 20 free,
//    then doubling up to 1 min. It applies only to clients that have failed on this account
//    themselves, so a client that has not been failing is never refused — the ceiling only keeps
//    many addresses, each after its first miss, from guessing fast together.
//  - secondFactor: wrong second-factor codes or passkeys against the account, after its password
//    (or identity provider) passed: 5 free, then doubling up to 15 min.
// After the wait, one more try is always allowed, and counters fade after a quiet day. An owner can
// clear them from the command line (npm run -s admin -- clear-throttle).
import "server-only";
import type { Prisma } from "../generated/prisma/client";

const LIMITS = {
  client: { free: 3, maxWaitMs: 15 * 60 * 1000 },
  ip: { free: 10, maxWaitMs: 15 * 60 * 1000 },
  account: { free: 20, maxWaitMs: 60 * 1000 },
  secondFactor: { free: 5, maxWaitMs: 15 * 60 * 1000 },
} as const;
const FORGET_AFTER_MS = 24 * 3600 * 1000;

export type ThrottleKind = keyof typeof LIMITS;

/** The counters one attempt touches: this client on this account, this address, this account. */
export function throttleKeys(email: string, ip: string | null) {
  return {
    client: `client:${ip ?? "unknown"}/${email}`,
    ip: ip ? `ip:${ip}` : null,
    account: `account:${email}`,
  };
}
export type ThrottleKeys = ReturnType<typeof throttleKeys>;

/** The counter of second-factor failures against one account. */
export function secondFactorThrottleKey(email: string): string {
  return `second_factor:${email}`;
}

/** How long to wait after `failures` failed attempts: 0 for the free ones, then 1 s, 2 s, 4 s … the kind's cap. */
export function backoffMs(kind: ThrottleKind, failures: number): number {
  const over = failures - LIMITS[kind].free;
  if (over < 0) return 0;
  return Math.min(LIMITS[kind].maxWaitMs, 1000 * 2 ** Math.min(over, 30));
}

export type ThrottleRow = { key: string; failures: number; lastFailureAt: Date };

/** Milliseconds until this client may try again (0: go ahead). */
export function waitFor(keys: ThrottleKeys, rows: readonly ThrottleRow[], now: Date): number {
  const live = (key: string | null) => {
    const row = rows.find((r) => r.key === key);
    return row && now.getTime() - row.lastFailureAt.getTime() < FORGET_AFTER_MS ? row : null;
  };
  const remaining = (kind: ThrottleKind, row: ThrottleRow | null) => (row ? backoffMs(kind, row.failures) - (now.getTime() - row.lastFailureAt.getTime()) : 0);
  const client = live(keys.client);
  const waits = [remaining("client", client), remaining("ip", live(keys.ip))];
  // The global ceiling never holds back a client with no failures of its own on this account.
  if (client) waits.push(remaining("account", live(keys.account)));
  return Math.max(0, ...waits);
}

export async function readThrottle(tx: Prisma.TransactionClient, keys: ThrottleKeys): Promise<ThrottleRow[]> {
  return tx.signInThrottle.findMany({ where: { key: { in: presentKeys(keys) } } });
}

export async function recordFailure(tx: Prisma.TransactionClient, keys: ThrottleKeys, now: Date): Promise<void> {
  for (const key of presentKeys(keys)) await recordKeyFailure(tx, key, now);
}

export async function recordKeyFailure(tx: Prisma.TransactionClient, key: string, now: Date): Promise<void> {
  const existing = await tx.signInThrottle.findUnique({ where: { key } });
  const stale = !existing || now.getTime() - existing.lastFailureAt.getTime() >= FORGET_AFTER_MS;
  await tx.signInThrottle.upsert({
    where: { key },
    create: { key, failures: 1, lastFailureAt: now },
    update: { failures: stale ? 1 : { increment: 1 }, lastFailureAt: now },
  });
}

/** Milliseconds until one counter of `kind` lets the next attempt through (0: go ahead). */
export async function keyWait(tx: Prisma.TransactionClient, kind: ThrottleKind, key: string, now: Date): Promise<number> {
  const row = await tx.signInThrottle.findUnique({ where: { key } });
  if (!row) return 0;
  const elapsed = now.getTime() - row.lastFailureAt.getTime();
  return elapsed >= FORGET_AFTER_MS ? 0 : Math.max(0, backoffMs(kind, row.failures) - elapsed);
}

/** After a success: this client starts afresh on this account (the account-wide count stays). */
export async function clearClientThrottle(tx: Prisma.TransactionClient, keys: ThrottleKeys): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key: keys.client } });
}

/**
 * The owner's way out (the CLI): forget every counter of this account — from every address — and,
 * given addresses, their own counters too. Returns how many counters were removed.
 */
export async function clearAccountThrottle(tx: Prisma.TransactionClient, email: string, ips: readonly string[] = []): Promise<number> {
  const { count } = await tx.signInThrottle.deleteMany({
    where: {
      OR: [
        { key: throttleKeys(email, null).account },
        { key: secondFactorThrottleKey(email) },
        { key: { startsWith: "client:", endsWith: `/${email}` } },
        ...ips.map((ip) => ({ key: `ip:${ip}` })),
      ],
    },
  });
  return count;
}

function presentKeys(keys: ThrottleKeys): string[] {
  return [keys.client, keys.ip, keys.account].filter((key): key is string => key !== null);
}
