// TLS verdicts from certificate facts and the time: pure, so every case is a table row in tests.
// Expired or not-yet-valid, untrusted, self-signed, incomplete chain and a wrong host name are each
// down with their own reason (all of them, not only the first OpenSSL saw); "expiring soon" is a
// warning for admins, never downtime.
import { formatDays, formatUtc } from "./format";
import type { CertificateFacts, CheckReason, CheckWarning } from "./schemas";
import type { TrustDiagnosis } from "./tls-trust";

export type TlsFacts = {
  /** The name (or IP) the client asked for. */
  host: string;
  certificate: CertificateFacts;
  /** OpenSSL's verification error code (e.g. CERT_HAS_EXPIRED), null when authorized. */
  authorizationError: string | null;
  /** What tls.checkServerIdentity said, null when the certificate covers `host`. */
  identityError: string | null;
  trust: TrustDiagnosis;
};

export type CertificateThresholds = { warnDays: number; criticalDays: number };

export type TlsVerdicts = { problems: CheckReason[]; warnings: CheckWarning[] };

const DATE_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
// The errors a failed chain diagnosis explains in its own words.
const ISSUER_ERRORS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);

function validityProblems(facts: TlsFacts, now: Date): CheckReason[] {
  const { host, certificate, authorizationError } = facts;
  const validFrom = new Date(certificate.validFrom);
  const validTo = new Date(certificate.validTo);
  if (now < validFrom)
    return [{ code: "tls_not_yet_valid", message: `TLS certificate for ${host} is not valid before ${formatUtc(validFrom)}` }];
  if (now > validTo) return [{ code: "tls_expired", message: `TLS certificate for ${host} expired at ${formatUtc(validTo)}` }];
  if (authorizationError === null || !DATE_ERRORS.has(authorizationError)) return [];
  // The leaf is in date, so OpenSSL objected to a certificate above it.
  const expired = certificate.chain.slice(1).find((cert) => new Date(cert.validTo) < now);
  if (expired)
    return [
      {
        code: "tls_expired",
        message: `Certificate "${expired.subject}" in the chain for ${host} expired at ${formatUtc(new Date(expired.validTo))}`,
      },
    ];
  return [
    {
      code: authorizationError === "CERT_NOT_YET_VALID" ? "tls_not_yet_valid" : "tls_expired",
      message: `A certificate in the chain for ${host} is outside its validity period (${authorizationError})`,
    },
  ];
}

function trustProblems({ host, certificate, authorizationError, trust }: TlsFacts): CheckReason[] {
  switch (trust.status) {
    case "self_signed":
      return [{ code: "tls_self_signed", message: `TLS certificate for ${host} is self-signed (${certificate.subject})` }];
    case "untrusted":
      return [{ code: "tls_untrusted", message: `TLS certificate for ${host} is not trusted: ${trust.detail}` }];
    case "incomplete_chain":
      return [
        {
          code: "tls_incomplete_chain",
          message:
            `The server for ${host} does not send the intermediate certificate ${trust.missing.map((name) => `"${name}"`).join(", ")}; ` +
            "browsers may fetch it themselves, most other clients will fail",
        },
      ];
    case "trusted":
      // The chain reaches a trusted root, yet OpenSSL refused it for another reason (a CA without
      // the CA flag, a bad signature, a wrong key usage...).
      if (authorizationError === null || DATE_ERRORS.has(authorizationError) || ISSUER_ERRORS.has(authorizationError)) return [];
      return [{ code: "tls_untrusted", message: `TLS certificate for ${host} was rejected (${authorizationError})` }];
  }
}

function identityProblems({ host, certificate, identityError }: TlsFacts): CheckReason[] {
  if (identityError === null) return [];
  const names = certificate.sans.length > 0 ? certificate.sans.join(", ") : certificate.subject;
  return [{ code: "tls_hostname_mismatch", message: `TLS certificate is for ${names}, not ${host}` }];
}

function expiryWarnings({ host, certificate }: TlsFacts, now: Date, thresholds: CertificateThresholds): CheckWarning[] {
  const validTo = new Date(certificate.validTo);
  const { daysLeft, lifetimeDays } = certificate;
  const expires = `expires in ${formatDays(daysLeft)} (${formatUtc(validTo)})`;
  if (daysLeft <= thresholds.criticalDays)
    return [{ code: "cert_expiring_soon", severity: "critical", message: `TLS certificate for ${host} ${expires}` }];
  if (daysLeft <= thresholds.warnDays)
    return [{ code: "cert_expiring_soon", severity: "warning", message: `TLS certificate for ${host} ${expires}` }];
  // Renewal normally happens at two thirds of the lifetime (ACME clients do), so less than a third
  // left means renewal is failing, even when the day thresholds are far away.
  const lifetimeMs = new Date(certificate.validTo).getTime() - new Date(certificate.validFrom).getTime();
  if (validTo.getTime() - now.getTime() < lifetimeMs / 3)
    return [
      {
        code: "cert_expiring_soon",
        severity: "warning",
        message: `TLS certificate for ${host} has less than a third of its ${lifetimeDays}-day lifetime left: it ${expires}`,
      },
    ];
  return [];
}

export function classifyTls(facts: TlsFacts, now: Date, thresholds: CertificateThresholds): TlsVerdicts {
  const leafInDate = new Date(facts.certificate.validFrom) <= now && now <= new Date(facts.certificate.validTo);
  return {
    problems: [...validityProblems(facts, now), ...trustProblems(facts), ...identityProblems(facts)],
    // An expired or not-yet-valid leaf is already down; "expires soon" would only repeat it.
    warnings: leafInDate ? expiryWarnings(facts, now, thresholds) : [],
  };
}
