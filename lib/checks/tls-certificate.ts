// Certificate facts as Vigil stores and shows them, read from node:crypto X509Certificate objects
// (the chain as the server sent it, tls-inspect.ts) through one small view of the fields they need.
import type { X509Certificate } from "node:crypto";
import type { CertificateFacts, ChainCertificate } from "./schemas";

const DAY_MS = 86_400_000;

/** What facts are made of: names formatted "CN=a, O=b", dates as OpenSSL prints them. */
export type CertificateView = {
  subject: string;
  issuer: string;
  subjectAltName: string | undefined;
  serialNumber: string;
  fingerprint256: string;
  validFrom: string;
  validTo: string;
};

/** "CN=a\nO=b" (OpenSSL's multi-line form) as "CN=a, O=b". */
export function formatDistinguishedName(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

function x509View(cert: X509Certificate): CertificateView {
  return {
    subject: formatDistinguishedName(cert.subject),
    issuer: formatDistinguishedName(cert.issuer),
    subjectAltName: cert.subjectAltName,
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    validFrom: cert.validFrom,
    validTo: cert.validTo,
  };
}

/** The chain exactly as the server sent it, linked leaf → issuer (from getPeerX509Certificate()). */
export function sentChain(leaf: X509Certificate): [X509Certificate, ...X509Certificate[]] {
  const chain: [X509Certificate, ...X509Certificate[]] = [leaf];
  for (let cert = leaf.issuerCertificate; cert && chain.length < 10; cert = cert.issuerCertificate) {
    const fingerprint = cert.fingerprint256;
    if (chain.some((seen) => seen.fingerprint256 === fingerprint)) break;
    chain.push(cert);
  }
  return chain;
}

/**
 * Subject alternative names without their type for DNS names and IP addresses ("example.com",
 * "127.0.0.1"); other kinds keep it ("URI:..."). Node quotes values holding separators as JSON.
 */
function subjectAltNames(cert: CertificateView): string[] {
  const list = cert.subjectAltName ?? "";
  // Only a quoted value can hold ", ": the plain split covers nearly every certificate.
  const entries = list.includes('"')
    ? Array.from(list.matchAll(/(?:^|, )([A-Za-z ]+:(?:"(?:[^"\\]|\\.)*"|[^,]*))/g), (match) => match[1] ?? "")
    : list.split(", ").filter(Boolean);
  return entries.map((entry) => {
    const colon = entry.indexOf(":");
    const kind = entry.slice(0, colon);
    const raw = entry.slice(colon + 1);
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    return kind === "DNS" || kind === "IP Address" ? value : entry.slice(0, colon + 1) + value;
  });
}

function daysLeft(validTo: Date, now: Date): number {
  return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
}

function chainEntry(cert: CertificateView): ChainCertificate {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** The views of a chain, leaf first. */
export function chainViews(chain: readonly [X509Certificate, ...X509Certificate[]]): [CertificateView, ...CertificateView[]] {
  return [x509View(chain[0]), ...chain.slice(1).map(x509View)];
}

/** Facts of the leaf (chain[0]) and the chain as sent. */
export function certificateFacts(chain: readonly [CertificateView, ...CertificateView[]], now: Date): CertificateFacts {
  const leaf = chain[0];
  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  return {
    subject: leaf.subject,
    sans: subjectAltNames(leaf),
    issuer: leaf.issuer,
    serial: leaf.serialNumber,
    fingerprint256: leaf.fingerprint256,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: daysLeft(validTo, now),
    lifetimeDays: Math.round((validTo.getTime() - validFrom.getTime()) / DAY_MS),
    chain: chain.map(chainEntry),
  };
}
