// Turning what sockets, DNS, OpenSSL and the HTTP parser throw into reason codes with words.
import type { ReasonCode } from "./reason-codes";
import type { CheckReason } from "./schemas";

/** A failure of the target, already classified. Thrown inside lib/checks, returned as a result. */
export class ProbeError extends Error {
  constructor(
    readonly code: ReasonCode,
    message: string,
  ) {
    super(message);
    this.name = "ProbeError";
  }
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL", "ENODATA", "ESERVFAIL", "EREFUSED"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ENETDOWN", "EHOSTDOWN"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The address a failed connection attempt was made to (Node puts it on connect errors), if any. */
export function errorAddress(error: unknown): string | null {
  const inner = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const address = (inner as { address?: unknown } | null)?.address;
  return typeof address === "string" ? address : null;
}

/**
 * The reason for a failed connection or exchange with `target` ("host:port" or a URL). Errors
 * without a code are programming errors and are re-thrown: a check never hides a bug as downtime.
 */
export function reasonForError(error: unknown, target: string): CheckReason {
  if (error instanceof ProbeError) return { code: error.code, message: error.message };
  // Happy-eyeballs connects fail with an AggregateError; its first attempt tells the story.
  const inner = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = errorCode(inner) ?? errorCode(error);
  const detail = inner instanceof Error ? inner.message : String(inner);
  if (code === undefined) throw error;
  if (code === "ECONNREFUSED") return { code: "connection_refused", message: `Connection to ${target} was refused` };
  if (UNREACHABLE_CODES.has(code)) return { code: "connection_refused", message: `${target} is unreachable (${code})` };
  if (RESET_CODES.has(code)) return { code: "connection_reset", message: `Connection to ${target} was closed unexpectedly (${code})` };
  if (DNS_CODES.has(code)) return { code: "dns", message: `Could not resolve the host of ${target} (${code})` };
  if (code === "ETIMEDOUT") return { code: "timeout", message: `Connection to ${target} timed out` };
  if (code.startsWith("HPE_"))
    return { code: "http_status", message: `${target} sent an invalid HTTP response (${code})` };
  if (code.startsWith("ERR_SSL") || code === "EPROTO" || code.startsWith("ERR_TLS"))
    return { code: "tls_untrusted", message: `TLS handshake with ${target} failed: ${detail}` };
  // zlib reports Z_DATA_ERROR and friends; brotli reports its own names, e.g. ERR__ERROR_FORMAT_PADDING_1.
  if (code.startsWith("Z_") || code.startsWith("ERR__"))
    return { code: "http_status", message: `${target} sent a body that could not be decoded: ${detail}` };
  return { code: "connection_reset", message: `Exchange with ${target} failed: ${detail} (${code})` };
}
