// The one vocabulary of check reason codes: results, stored rows, the API and the UI all speak it.
import { z } from "zod";

export const REASON_CODES = [
  "ok",
  "http_status",
  "timeout",
  "connection_refused",
  "connection_reset",
  "dns",
  "tls_expired",
  "tls_not_yet_valid",
  "tls_self_signed",
  "tls_untrusted",
  "tls_incomplete_chain",
  "tls_hostname_mismatch",
  "redirect_loop",
  "too_many_redirects",
  "keyword_missing",
  "keyword_present",
  "json_assertion",
  "latency_high",
  "body_too_large",
  "feed_invalid",
  "feed_empty",
  "enclosure_unreachable",
  "cert_expiring_soon",
  "blocked_address",
] as const;

export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;

/** Reasons about the certificate the server presented (every tls_* code). */
export const CERTIFICATE_REASON_CODES: ReadonlySet<string> = new Set(REASON_CODES.filter((code) => code.startsWith("tls_")));

/**
 * Vigil refused to connect (the SSRF guard): the result says nothing about the target, so it makes
 * the monitor unknown, never down (see lib/monitors/monitor-state.ts).
 */
export const BLOCKED_ADDRESS = "blocked_address" satisfies ReasonCode;

/** Reasons that make a result degraded rather than down; "ok" makes it up, every other code down. */
export const DEGRADING_REASON_CODES: ReadonlySet<ReasonCode> = new Set(["latency_high"]);
