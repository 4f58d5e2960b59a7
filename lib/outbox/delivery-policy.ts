// What a failed delivery means, and when to try again. Pure, so the rules are unit-tested.
// SMTP says it plainly: 4xx replies are transient (greylisting, a full queue, a rate limit), 5xx are
// permanent (no such mailbox, rejected). No reply at all (refused connection, timeout, TLS failure)
// is our side or the network: transient too.

export type DeliveryFailure = { permanent: boolean; reason: string };

export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const message = String(e.response ?? e.message ?? error).replace(/\s+/g, " ").trim().slice(0, 500);
  if (typeof e.responseCode === "number") {
    return { permanent: e.responseCode >= 500, reason: `SMTP ${e.responseCode}: ${message}` };
  }
  const code = typeof e.code === "string" ? `${e.code}: ` : "";
  return { permanent: false, reason: `network: ${code}${message}` };
}

export type RetryPolicy = { baseDelayMs: number; maxDelayMs: number; maxAttempts: number };

/** The cap of the exponential backoff; the base and the attempts come from MAIL_RETRY_BASE_MS and MAIL_MAX_ATTEMPTS. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * After a transient failure on attempt `attempts` (1-based): when to try again, or null when the
 * attempts are used up. Exponential: base, 2×base, 4×base… capped at maxDelayMs.
 */
export function nextAttemptAt(attempts: number, now: Date, policy: RetryPolicy): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  return new Date(now.getTime() + delay);
}
