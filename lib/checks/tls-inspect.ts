// Reading the facts of a completed TLS handshake: the chain as sent, OpenSSL's verdict, Node's
// host name check (always run, so a wrong host is reported next to any other error), and, when
// OpenSSL refused the chain, Vigil's own diagnosis of why.
import "server-only";
import tls from "node:tls";
import { fetchIssuerCertificate } from "./aia-fetch";
import type { TlsFacts } from "./classify-tls";
import type { OpenConnection } from "./connect";
import type { Deadline } from "./deadline";
import type { ProbeContext } from "./probe-context";
import { ProbeError } from "./probe-error";
import { certificateFacts, detailedChain, sentChain, x509Facts } from "./tls-certificate";
import { diagnoseTrust } from "./tls-trust";

export async function inspectTls(
  connection: OpenConnection<tls.TLSSocket>,
  host: string,
  context: ProbeContext,
  deadline: Deadline,
): Promise<TlsFacts> {
  const { socket, verifiedCertificate } = connection;
  // The common case, a trusted chain: everything is in the certificate Node has already built.
  if (socket.authorized && verifiedCertificate) {
    return {
      host,
      certificate: certificateFacts(detailedChain(verifiedCertificate), context.now),
      authorizationError: null,
      identityError: tls.checkServerIdentity(host, verifiedCertificate)?.message ?? null,
      trust: { status: "trusted" },
    };
  }
  const leaf = socket.getPeerX509Certificate();
  if (!leaf) throw new ProbeError("tls_untrusted", `${host} presented no TLS certificate`);
  const chain = sentChain(leaf);
  return {
    host,
    certificate: x509Facts(chain, context.now),
    authorizationError: socket.authorized ? null : String(socket.authorizationError),
    // leaf.toLegacyObject(), not socket.getPeerCertificate(): on Node 20 the latter returns {} once
    // getPeerX509Certificate() has been called, which would fail every host name check.
    identityError: tls.checkServerIdentity(host, leaf.toLegacyObject())?.message ?? null,
    trust: socket.authorized
      ? { status: "trusted" }
      : await diagnoseTrust(chain, context.trust.anchors(), (url) => fetchIssuerCertificate(url, context, deadline)),
  };
}
