// Why a certificate chain is not trusted. OpenSSL reports one error code, and the same code
// (UNABLE_TO_VERIFY_LEAF_SIGNATURE) for "issued by a CA nobody trusts" and "the server forgot its
// intermediate". Vigil tells them apart by completing the chain itself: from the certificates the
// server sent, the trust store (bundled roots + NODE_EXTRA_CA_CERTS + extra roots), and the
// issuer's certificate published at the AIA "CA Issuers" URL, as browsers do. If the chain then
// reaches a trusted root, only the server's chain is incomplete; otherwise the CA is untrusted.
// Without a reachable AIA URL (none in the certificate, an offline prober) it says "untrusted".
import type { X509Certificate } from "node:crypto";
import { formatDistinguishedName } from "./tls-certificate";
import { issuedBy, type TrustAnchors } from "./trust-store";

export type TrustDiagnosis =
  | { status: "trusted" }
  | { status: "self_signed" }
  | { status: "untrusted"; detail: string }
  /** `missing`: subjects of the certificates the server should have sent. */
  | { status: "incomplete_chain"; missing: string[] };

/** Downloads and parses the certificate at an AIA URL; null when that is not possible. */
export type IssuerFetcher = (url: string) => Promise<X509Certificate | null>;

const MAX_CHAIN_LENGTH = 8;
// Real chains have at most two intermediates below a root.
const MAX_ISSUER_FETCHES = 3;

type Walk = { path: X509Certificate[]; end: "anchored" | "self_signed" | "missing_issuer" };

/** Signed by its own key. Not checkIssued(): a self-signed leaf lacks the keyCertSign usage it demands. */
function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.verify(cert.publicKey);
}

/** Follows issuers from the leaf through `pool`, stopping at a trust anchor, a root, or a gap. */
export function walkToAnchor(leaf: X509Certificate, pool: readonly X509Certificate[], anchors: TrustAnchors): Walk {
  const path = [leaf];
  let current = leaf;
  while (path.length <= MAX_CHAIN_LENGTH) {
    if (anchors.contains(current)) return { path, end: "anchored" };
    const anchor = anchors.findIssuer(current);
    if (anchor) return { path: [...path, anchor], end: "anchored" };
    if (isSelfSigned(current)) return { path, end: "self_signed" };
    const next = pool.find((candidate) => !path.includes(candidate) && issuedBy(current, candidate));
    if (!next) break;
    path.push(next);
    current = next;
  }
  return { path, end: "missing_issuer" };
}

/** The "CA Issuers" URL of a certificate's Authority Information Access extension. */
export function caIssuersUrl(cert: X509Certificate): string | null {
  return /CA Issuers - URI:(\S+)/.exec(cert.infoAccess ?? "")?.[1] ?? null;
}

export async function diagnoseTrust(
  sent: readonly [X509Certificate, ...X509Certificate[]],
  anchors: TrustAnchors,
  fetchIssuer: IssuerFetcher,
): Promise<TrustDiagnosis> {
  const pool = [...sent];
  const fetched: X509Certificate[] = [];
  for (;;) {
    const walk = walkToAnchor(sent[0], pool, anchors);
    const top = walk.path[walk.path.length - 1]!;
    if (walk.end === "anchored") {
      return fetched.length === 0
        ? { status: "trusted" }
        : { status: "incomplete_chain", missing: fetched.map((cert) => formatDistinguishedName(cert.subject)) };
    }
    if (walk.end === "self_signed") {
      if (walk.path.length === 1) return { status: "self_signed" };
      return { status: "untrusted", detail: `the chain ends at "${formatDistinguishedName(top.subject)}", a root that is not trusted` };
    }
    const issuerName = formatDistinguishedName(top.issuer);
    const url = caIssuersUrl(top);
    const issuer = url && fetched.length < MAX_ISSUER_FETCHES ? await fetchIssuer(url) : null;
    if (!issuer || !issuedBy(top, issuer)) {
      const where = url ? `, and it could not be completed from ${url}` : "";
      return {
        status: "untrusted",
        detail: `issuer "${issuerName}" is not a trusted root and the server did not send it${where}`,
      };
    }
    pool.push(issuer);
    fetched.push(issuer);
  }
}
