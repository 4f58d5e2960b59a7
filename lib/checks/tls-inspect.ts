// Reading the facts of a completed TLS handshake: the chain as sent (for a verified handshake,
// read once per leaf: verified-chains.ts), OpenSSL's verdict, Node's host name check (always run,
// so a wrong host is reported next to any other error), and, when OpenSSL refused the chain,
// Vigil's own diagnosis of why.
import "server-only";
import type { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { fetchIssuerCertificate } from "./aia-fetch";
import type { TlsFacts } from "./classify-tls";
import type { OpenConnection } from "./connect";
import type { Deadline } from "./deadline";
import type { ProbeContext } from "./probe-context";
import { ProbeError } from "./probe-error";
import { certificateFacts, chainViews, sentChain } from "./tls-certificate";
import { diagnoseTrust } from "./tls-trust";
import { verifiedChain } from "./verified-chains";

export async function inspectTls(
  connection: OpenConnection<tls.TLSSocket>,
  host: string,
  context: ProbeContext,
  deadline: Deadline,
): Promise<TlsFacts> {
  const { socket } = connection;
  // X509Certificate reads a field when it is asked for: the leaf's few fields cost less than half
  // of the whole object getPeerCertificate() builds (every field, three fingerprints, the key).
  const leaf = socket.getPeerX509Certificate();
  if (!leaf) throw new ProbeError("tls_untrusted", `${host} presented no TLS certificate`);
  // The common case, a trusted chain: the leaf's fingerprint, and the chain remembered for it.
  if (socket.authorized) {
    return {
      host,
      certificate: certificateFacts(verifiedChain(leaf.fingerprint256, () => chainViews(sentChain(leaf))), context.now),
      authorizationError: null,
      identityError: hostNameError(host, leaf),
      trust: { status: "trusted" },
    };
  }
  const chain = sentChain(leaf);
  return {
    host,
    certificate: certificateFacts(chainViews(chain), context.now),
    authorizationError: String(socket.authorizationError),
    identityError: hostNameError(host, leaf),
    trust: await diagnoseTrust(chain, context.trust.anchors(), (url) => fetchIssuerCertificate(url, context, deadline)),
  };
}

/**
 * Node's own host name check (tls.checkServerIdentity). It reads the alternative names, and the
 * subject's common name only when they name no DNS host: the whole legacy object (as costly as
 * getPeerCertificate()) is built only then.
 */
function hostNameError(host: string, leaf: X509Certificate): string | null {
  const subjectaltname = leaf.subjectAltName;
  const namesHosts = subjectaltname !== undefined && /(?:^|, )DNS:/.test(subjectaltname);
  const cert = namesHosts ? ({ subjectaltname } as tls.PeerCertificate) : leaf.toLegacyObject();
  return tls.checkServerIdentity(host, cert)?.message ?? null;
}
