// The roots a check trusts: Node's bundled Mozilla roots, the file named by NODE_EXTRA_CA_CERTS, and
// any extra PEMs the caller passes. The handshake and Vigil's own chain diagnosis use the same set.
import "server-only";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import tls from "node:tls";
import { env } from "../env";

export type TrustStore = {
  /** Shared by every connection of this store: building a context per probe is the costly part. */
  secureContext: tls.SecureContext;
  /** Trust anchors, parsed on first need (only failed handshakes need them). */
  anchors(): TrustAnchors;
};

export type TrustAnchors = {
  contains(cert: X509Certificate): boolean;
  /** A trusted certificate that issued (and signed) `cert`. */
  findIssuer(cert: X509Certificate): X509Certificate | undefined;
};

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

export function splitPemBundle(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

let nodeExtraCaCertsCache: string[] | undefined;

/**
 * NODE_EXTRA_CA_CERTS is Node's own variable (Node reads it at start-up for its default context);
 * Vigil's chain diagnosis reads the same file so it trusts exactly what Node trusts.
 * Node ignores an unreadable file with a warning; so does Vigil.
 */
function nodeExtraCaCerts(): string[] {
  if (nodeExtraCaCertsCache) return nodeExtraCaCertsCache;
  const file = env().NODE_EXTRA_CA_CERTS;
  try {
    nodeExtraCaCertsCache = file ? splitPemBundle(fs.readFileSync(file, "utf8")) : [];
  } catch {
    nodeExtraCaCertsCache = [];
  }
  return nodeExtraCaCertsCache;
}

export function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

export function anchorsFrom(pems: readonly string[]): TrustAnchors {
  const bySubject = new Map<string, X509Certificate[]>();
  const fingerprints = new Set<string>();
  for (const pem of pems) {
    const cert = new X509Certificate(pem);
    fingerprints.add(cert.fingerprint256);
    bySubject.set(cert.subject, [...(bySubject.get(cert.subject) ?? []), cert]);
  }
  return {
    contains: (cert) => fingerprints.has(cert.fingerprint256),
    findIssuer: (cert) => bySubject.get(cert.issuer)?.find((candidate) => issuedBy(cert, candidate)),
  };
}

// One store per distinct set of extra roots; callers use a handful at most (the worker, tests).
// Callers usually pass the same array every time, which spares joining and hashing the PEMs.
const stores = new Map<string, TrustStore>();
const storesByArray = new WeakMap<readonly string[], TrustStore>();
const NO_EXTRA_CA_CERTS: readonly string[] = [];

export function trustStore(extraCaCerts: readonly string[] = NO_EXTRA_CA_CERTS): TrustStore {
  const known = storesByArray.get(extraCaCerts);
  if (known) return known;
  const key = extraCaCerts.join("\n");
  const cached = stores.get(key);
  if (cached) {
    storesByArray.set(extraCaCerts, cached);
    return cached;
  }
  const extras = extraCaCerts.flatMap(splitPemBundle);
  const pems = () => [...tls.rootCertificates, ...nodeExtraCaCerts(), ...extras];
  // A `ca` option replaces Node's default roots (and NODE_EXTRA_CA_CERTS), hence the full list.
  const secureContext = extras.length > 0 ? tls.createSecureContext({ ca: pems() }) : tls.createSecureContext();
  let anchors: TrustAnchors | undefined;
  const store: TrustStore = { secureContext, anchors: () => (anchors ??= anchorsFrom(pems())) };
  stores.set(key, store);
  storesByArray.set(extraCaCerts, store);
  return store;
}
