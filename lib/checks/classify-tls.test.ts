import { describe, expect, it } from "vitest";
import { classifyTls, type TlsFacts } from "./classify-tls";
import type { CertificateFacts } from "./schemas";
import type { TrustDiagnosis } from "./tls-trust";

const DAY = 86_400_000;
const NOW = new Date("2026-11-29T12:00:00Z");
const thresholds = { warnDays: 30, criticalDays: 7 };

/** A leaf valid from `fromDays` to `toDays` (relative to NOW); daysLeft as the facts would say. */
function certificate(fromDays: number, toDays: number, chain: { validTo: Date }[] = []): CertificateFacts {
  const validFrom = new Date(NOW.getTime() + fromDays * DAY);
  const validTo = new Date(NOW.getTime() + toDays * DAY);
  const entry = (subject: string, to: Date) => ({ subject, issuer: "CN=Issuer", validTo: to.toISOString(), fingerprint256: "AA" });
  return {
    subject: "CN=cms.example.fm",
    sans: ["cms.example.fm", "www.example.fm"],
    issuer: "CN=Issuer",
    serial: "01",
    fingerprint256: "AA",
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor(toDays),
    lifetimeDays: Math.round(toDays - fromDays),
    chain: [entry("CN=cms.example.fm", validTo), ...chain.map((cert, index) => entry(`CN=Intermediate ${index}`, cert.validTo))],
  };
}

function facts(overrides: Partial<TlsFacts> & { certificate: CertificateFacts }): TlsFacts {
  return { host: "cms.example.fm", authorizationError: null, identityError: null, trust: { status: "trusted" }, ...overrides };
}

const trusted: TrustDiagnosis = { status: "trusted" };

describe("classifyTls", () => {
  it.each([
    { name: "valid, far from expiry", facts: facts({ certificate: certificate(-10, 80) }), problems: [], warnings: [] },
    {
      name: "expired",
      facts: facts({ certificate: certificate(-90, -2.5), authorizationError: "CERT_HAS_EXPIRED" }),
      problems: ["tls_expired"],
      warnings: [],
    },
    {
      name: "not yet valid",
      facts: facts({ certificate: certificate(2.5, 92), authorizationError: "CERT_NOT_YET_VALID" }),
      problems: ["tls_not_yet_valid"],
      warnings: [],
    },
    { name: "critical window", facts: facts({ certificate: certificate(-85, 5.5) }), problems: [], warnings: ["critical"] },
    { name: "critical boundary", facts: facts({ certificate: certificate(-85, 7.9) }), problems: [], warnings: ["critical"] },
    { name: "warning window", facts: facts({ certificate: certificate(-30, 20.5) }), problems: [], warnings: ["warning"] },
    { name: "warning boundary", facts: facts({ certificate: certificate(-20, 30.9) }), problems: [], warnings: ["warning"] },
    { name: "a third of the lifetime left", facts: facts({ certificate: certificate(-297, 100.5) }), problems: [], warnings: ["warning"] },
    { name: "just over a third left", facts: facts({ certificate: certificate(-200, 101) }), problems: [], warnings: [] },
    {
      name: "self-signed",
      facts: facts({ certificate: certificate(-10, 80), authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT", trust: { status: "self_signed" } }),
      problems: ["tls_self_signed"],
      warnings: [],
    },
    {
      name: "untrusted",
      facts: facts({
        certificate: certificate(-10, 80),
        authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        trust: { status: "untrusted", detail: "issuer unknown" },
      }),
      problems: ["tls_untrusted"],
      warnings: [],
    },
    {
      name: "incomplete chain",
      facts: facts({
        certificate: certificate(-10, 80),
        authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        trust: { status: "incomplete_chain", missing: ["CN=R11"] },
      }),
      problems: ["tls_incomplete_chain"],
      warnings: [],
    },
    {
      name: "wrong host",
      facts: facts({ certificate: certificate(-10, 80), identityError: "Host: x. is not in the cert's altnames" }),
      problems: ["tls_hostname_mismatch"],
      warnings: [],
    },
    {
      name: "expired and on the wrong host: both",
      facts: facts({ certificate: certificate(-90, -3), authorizationError: "CERT_HAS_EXPIRED", identityError: "mismatch" }),
      problems: ["tls_expired", "tls_hostname_mismatch"],
      warnings: [],
    },
    {
      name: "expired and untrusted (OpenSSL names only the expiry): both",
      facts: facts({
        certificate: certificate(-90, -3),
        authorizationError: "CERT_HAS_EXPIRED",
        trust: { status: "untrusted", detail: "issuer unknown" },
      }),
      problems: ["tls_expired", "tls_untrusted"],
      warnings: [],
    },
    {
      name: "expiring soon and untrusted: the warning stays",
      facts: facts({ certificate: certificate(-85, 5.5), trust: { status: "self_signed" }, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
      problems: ["tls_self_signed"],
      warnings: ["critical"],
    },
    {
      name: "an expired intermediate",
      facts: facts({ certificate: certificate(-10, 80, [{ validTo: new Date(NOW.getTime() - DAY) }]), authorizationError: "CERT_HAS_EXPIRED" }),
      problems: ["tls_expired"],
      warnings: [],
    },
    {
      name: "a chain OpenSSL refuses for another reason",
      facts: facts({ certificate: certificate(-10, 80), authorizationError: "INVALID_CA", trust: trusted }),
      problems: ["tls_untrusted"],
      warnings: [],
    },
  ])("$name", ({ facts: input, problems, warnings }) => {
    const verdicts = classifyTls(input, NOW, thresholds);
    expect(verdicts.problems.map((problem) => problem.code)).toEqual(problems);
    expect(verdicts.warnings.map((warning) => warning.severity)).toEqual(warnings);
    expect(verdicts.warnings.every((warning) => warning.code === "cert_expiring_soon")).toBe(true);
  });

  it("speaks in human words", () => {
    const expired = classifyTls(
      facts({ certificate: { ...certificate(-90, -1), validTo: "2026-11-28T17:50:00.000Z" }, authorizationError: "CERT_HAS_EXPIRED" }),
      NOW,
      thresholds,
    );
    expect(expired.problems[0]?.message).toBe("TLS certificate for cms.example.fm expired at 2026-11-28 17:50 UTC");
    const wrongHost = classifyTls(facts({ host: "status.example.fm", certificate: certificate(-1, 80), identityError: "x" }), NOW, thresholds);
    expect(wrongHost.problems[0]?.message).toBe("TLS certificate is for cms.example.fm, www.example.fm, not status.example.fm");
    const soon = classifyTls(facts({ certificate: { ...certificate(-85, 5.5), validTo: "2026-12-05T00:00:00.000Z" } }), NOW, thresholds);
    expect(soon.warnings[0]?.message).toBe("TLS certificate for cms.example.fm expires in 5 days (2026-12-05 00:00 UTC)");
  });

  it("uses the monitor's thresholds", () => {
    const lenient = { warnDays: 10, criticalDays: 3 };
    expect(classifyTls(facts({ certificate: certificate(-85, 5.5) }), NOW, lenient).warnings.map((w) => w.severity)).toEqual(["warning"]);
    expect(classifyTls(facts({ certificate: certificate(-30, 20.5) }), NOW, lenient).warnings).toEqual([]);
  });
});
