// Downloading an issuer certificate from an AIA "CA Issuers" URL, to tell a missing intermediate
// from an untrusted CA (see tls-trust.ts). Small, quick and guarded like any other probe request.
import "server-only";
import { X509Certificate } from "node:crypto";
import { openConnection } from "./connect";
import { Deadline } from "./deadline";
import { sendRequest } from "./http-request";
import type { ProbeContext } from "./probe-context";
import { reasonForError } from "./probe-error";
import { urlBlockReason } from "./ssrf-guard";
import { bareHost, parseHttpUrl } from "./targets";

const MAX_CERTIFICATE_BYTES = 64 * 1024;
const FETCH_BUDGET_MS = 3000;

/** The certificate at `url`, or null when it cannot be had (it never fails the check by itself). */
export async function fetchIssuerCertificate(url: string, context: ProbeContext, checkDeadline: Deadline): Promise<X509Certificate | null> {
  const parsed = parseHttpUrl(url);
  // RFC 5280 publishes CA Issuers over plain http; https would need the very chain being repaired.
  if (!parsed || parsed.protocol !== "http:" || urlBlockReason(parsed)) return null;
  const deadline = new Deadline(Math.min(FETCH_BUDGET_MS, checkDeadline.remainingMs()));
  try {
    const { socket } = await openConnection({
      host: bareHost(parsed.hostname),
      port: Number(parsed.port || 80),
      policy: context.policy,
      deadline,
      connectTimeoutMs: FETCH_BUDGET_MS,
    });
    const response = await sendRequest(socket, { method: "GET", url: parsed, maxBodyBytes: MAX_CERTIFICATE_BYTES });
    if (response.statusCode !== 200 || response.bodyTruncated) return null;
    return new X509Certificate(response.body); // DER, or PEM from some CAs
  } catch (error) {
    reasonForError(error, url); // re-throws programming errors; target failures just mean "no issuer"
    return null;
  } finally {
    deadline.dispose();
  }
}
