// Public words and correlation keys of a failure: what may be said, and what ties failures together.
import { describe, expect, it } from "vitest";
import { failureBody, failureCause, incidentTitle, listNames, type FailureFacts } from "./failure-cause";

const certificate = { subject: "CN=cdn.example.fm", sans: ["DNS:cdn.example.fm"], fingerprint256: "AA:BB", validTo: "2026-11-28T17:50:00.000Z" };
const facts = (overrides: Partial<FailureFacts>): FailureFacts => ({
  monitor: { kind: "http", target: "https://10.1.2.3:8080/health", publicDescription: null },
  reasonCodes: ["http_status"],
  certificate: null,
  address: null,
  ...overrides,
});

describe("failureCause", () => {
  it("keys a certificate failure by fingerprint and host, and names the certificate's host", () => {
    const cause = failureCause(facts({ monitor: { kind: "tls", target: "cdn.example.fm:443", publicDescription: null }, reasonCodes: ["tls_expired"], certificate }));
    expect(cause.correlationKeys).toEqual(["cert:AA:BB", "host:cdn.example.fm"]);
    expect(cause.certificate).toEqual({ host: "cdn.example.fm", expiresAt: new Date("2026-11-28T17:50:00.000Z") });
  });

  it("does not blame a certificate the failure is not about", () => {
    const cause = failureCause(facts({ certificate, reasonCodes: ["http_status"] }));
    expect(cause.certificate).toBeNull();
    expect(cause.correlationKeys).toEqual(["host:10.1.2.3"]);
  });

  it("keys connection-level failures by address, and not answers that may come from different backends", () => {
    expect(failureCause(facts({ reasonCodes: ["connection_refused"], address: "203.0.113.7" })).correlationKeys).toContain("address:203.0.113.7");
    expect(failureCause(facts({ reasonCodes: ["timeout"], address: "203.0.113.7" })).correlationKeys).toContain("address:203.0.113.7");
    expect(failureCause(facts({ reasonCodes: ["http_status"], address: "203.0.113.7" })).correlationKeys).not.toContain("address:203.0.113.7");
  });
});

describe("public words", () => {
  it("never carry the target URL, address or port", () => {
    const body = failureBody("CMS", failureCause(facts({ reasonCodes: ["http_status"], address: "10.1.2.3" })), null);
    expect(body).toBe("CMS answers with errors.");
    expect(body).not.toMatch(/10\.1\.2\.3|8080|http/);
  });

  it("name the certificate's host and expiry, or use the monitor's public description", () => {
    const cause = failureCause(facts({ reasonCodes: ["tls_expired"], certificate }));
    expect(failureBody("CMS", cause, null)).toBe("The TLS certificate for cdn.example.fm expired on 2026-11-28 17:50 UTC. CMS cannot be reached securely.");
    expect(failureBody("CMS", cause, "Publishing is paused.")).toBe("Publishing is paused.");
  });

  it("titles say what happened and what is affected, worst first", () => {
    const cause = failureCause(facts({ reasonCodes: ["tls_expired"], certificate }));
    expect(incidentTitle(cause, [{ name: "CMS", status: "major_outage" }, { name: "Episode downloads", status: "major_outage" }])).toBe(
      "TLS certificate for cdn.example.fm expired — CMS and Episode downloads are down",
    );
    expect(incidentTitle(null, [{ name: "Stats", status: "partial_outage" }, { name: "Feeds", status: "major_outage" }])).toBe("Feeds is down; Stats is partly down");
    expect(listNames(["A", "B", "C", "D", "E"])).toBe("A, B, C and 2 more");
  });
});
