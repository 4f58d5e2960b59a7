// What a failure means in public words, and what it shares with other failures. Pure.
//
// The probe's own message names the target URL, address and port: fine for an admin, not for the
// public page, its feeds, the API and subscribers' mail. Public text is built from the reason code,
// the component and the certificate the server presented (which every visitor sees anyway), or from
// the monitor's public description when an admin wrote one.
//
// Correlation keys say which failures have one cause: the same certificate (fingerprint), the same
// host behind several monitors, or the same address refusing connections. They are compared, never
// shown.
import { CERTIFICATE_REASON_CODES, type ReasonCode } from "../checks/reason-codes";
import type { CertificateFacts } from "../checks/schemas";
import { certificateHost } from "../checks/certificate-host";
import { formatUtc } from "../checks/format";
import { parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "../checks/targets";
import type { ComponentStatus, MonitorKind } from "../generated/prisma/enums";

export type FailureFacts = {
  monitor: { kind: MonitorKind; target: string; publicDescription: string | null };
  /** Reason codes of the newest failing result, most telling first. */
  reasonCodes: readonly string[];
  /** The certificate that result saw, if any. */
  certificate: Pick<CertificateFacts, "subject" | "sans" | "fingerprint256" | "validTo"> | null;
  /** The IP address the failing check connected to or was refused by, if known. */
  address: string | null;
};

export type FailureCause = {
  /** The reason code that explains the failure ("unknown" when the result named none). */
  code: string;
  /** Set when the certificate is the cause: its host as visitors see it, and its expiry. */
  certificate: { host: string; expiresAt: Date } | null;
  /** `cert:<fingerprint>`, `host:<name>`, `address:<ip>`: failures sharing one of these share a cause. */
  correlationKeys: string[];
};


const CONNECTION_CODES: ReadonlySet<string> = new Set<ReasonCode>(["connection_refused", "connection_reset", "timeout"]);

export function failureCause(facts: FailureFacts): FailureCause {
  const code = facts.reasonCodes.find((c) => c !== "ok") ?? "unknown";
  const keys: string[] = [];
  const host = targetHost(facts.monitor.kind, facts.monitor.target);
  if (host) keys.push(`host:${host}`);
  // One server (or load balancer) refusing or dropping connections takes down every name it
  // serves; a wrong answer from a shared address may come from different backends, so only
  // connection-level failures correlate by address.
  if (facts.address && CONNECTION_CODES.has(code)) keys.push(`address:${facts.address}`);
  let certificate: FailureCause["certificate"] = null;
  if (facts.certificate && CERTIFICATE_REASON_CODES.has(code)) {
    keys.unshift(`cert:${facts.certificate.fingerprint256}`);
    certificate = { host: certificateHost(facts.certificate), expiresAt: new Date(facts.certificate.validTo) };
  }
  return { code, certificate, correlationKeys: keys };
}

/** The host a monitor talks to, lower case; null when the target does not parse. */
function targetHost(kind: MonitorKind, target: string): string | null {
  switch (kind) {
    case "http":
    case "feed":
      return parseHttpUrl(target)?.hostname.toLowerCase() ?? null;
    case "tls":
      return parseTlsTarget(target)?.host.toLowerCase() ?? null;
    case "tcp":
      return parseHostPort(target)?.host.toLowerCase() ?? null;
    case "dns":
      return parseDnsName(target)?.toLowerCase() ?? null;
  }
}

/** "the TLS certificate for cdn.example.fm expired on 2026-11-28 17:50 UTC", for an update's body. */
export function publicCauseSentence(cause: FailureCause): string | null {
  const cert = cause.certificate;
  if (!cert) return null;
  switch (cause.code) {
    case "tls_expired":
      return `The TLS certificate for ${cert.host} expired on ${formatUtc(cert.expiresAt)}.`;
    case "tls_not_yet_valid":
      return `The TLS certificate for ${cert.host} is not valid yet.`;
    case "tls_hostname_mismatch":
      return `The TLS certificate served for ${cert.host} does not match the site's name.`;
    default:
      return `The TLS certificate for ${cert.host} is not trusted by browsers.`;
  }
}

/** What visitors notice about one component, e.g. "CMS does not respond". */
export function publicSymptom(componentName: string, code: string): string {
  switch (code) {
    case "timeout":
      return `${componentName} does not respond in time`;
    case "connection_refused":
    case "connection_reset":
      return `${componentName} refuses connections`;
    case "dns":
      return `${componentName} cannot be found (its domain name does not resolve)`;
    case "http_status":
      return `${componentName} answers with errors`;
    case "keyword_missing":
    case "keyword_present":
    case "json_assertion":
    case "body_too_large":
      return `${componentName} returns unexpected content`;
    case "redirect_loop":
    case "too_many_redirects":
      return `${componentName} redirects in a loop`;
    case "feed_invalid":
      return `the podcast feed of ${componentName} is invalid`;
    case "feed_empty":
      return `the podcast feed of ${componentName} lists no episodes`;
    case "enclosure_unreachable":
      return `episodes of ${componentName} cannot be downloaded`;
    case "latency_high":
      return `${componentName} is slow`;
    default:
      return CERTIFICATE_REASON_CODES.has(code) ? `${componentName} cannot be reached securely` : `${componentName} is failing`;
  }
}

/** The public body of an automatic update that reports a component failing. */
export function failureBody(componentName: string, cause: FailureCause, publicDescription: string | null): string {
  if (publicDescription) return publicDescription;
  const sentence = publicCauseSentence(cause);
  const symptom = capitalise(publicSymptom(componentName, cause.code));
  return sentence ? `${sentence} ${symptom}.` : `${symptom}.`;
}

/** "CMS", "CMS and Downloads", "CMS, API and Downloads", "CMS, API, Feeds and 2 more". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length > 4) return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const STATUS_WORDS: Partial<Record<ComponentStatus, string>> = {
  major_outage: "down",
  partial_outage: "partly down",
  degraded_performance: "slow",
};

/**
 * An automatic incident's title, in words a publisher understands:
 * "TLS certificate for cdn.example.fm expired — CMS and Episode downloads are down".
 * Components in the same state are listed together, the worst state first.
 */
export function incidentTitle(cause: FailureCause | null, components: readonly { name: string; status: ComponentStatus }[]): string {
  const groups: string[] = [];
  for (const status of ["major_outage", "partial_outage", "degraded_performance"] as const) {
    const names = components.filter((c) => c.status === status).map((c) => c.name);
    if (names.length > 0) groups.push(`${listNames(names)} ${names.length === 1 ? "is" : "are"} ${STATUS_WORDS[status]}`);
  }
  const what = groups.join("; ") || `${listNames(components.map((c) => c.name))} ${components.length === 1 ? "is" : "are"} recovering`;
  const prefix = cause ? certificatePrefix(cause) : null;
  return prefix ? `${prefix} — ${what}` : what;
}

function certificatePrefix(cause: FailureCause): string | null {
  if (!cause.certificate) return null;
  const host = cause.certificate.host;
  switch (cause.code) {
    case "tls_expired":
      return `TLS certificate for ${host} expired`;
    case "tls_not_yet_valid":
      return `TLS certificate for ${host} not valid yet`;
    case "tls_hostname_mismatch":
      return `TLS certificate does not match ${host}`;
    default:
      return `TLS certificate for ${host} not trusted`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
