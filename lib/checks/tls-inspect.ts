// Reading the facts of a completed TLS handshake: the chain as sent (for a verified handshake,
// remembered per leaf: verified-chains.ts), OpenSSL's verdict, Node's host name check (always run,
// so a wrong host is reported next to any other error), and, when OpenSSL refused the chain,
// Vigil's own diagnosis of why.
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
import { verifiedChain } from "./verified-chains";

export async function inspectTls(
  connection: OpenConnection<tls.TLSSocket>,
  host: string,
  context: ProbeContext,
  deadline: Deadline,
): Promise<TlsFacts> {
  const { socket } = connection;
  // The common case, a trusted chain: the leaf alone (cheap), and the chain remembered for it.
  if (socket.authorized) {
    const leaf = socket.getPeerCertificate();
    if (!leaf.fingerprint256) throw new ProbeError("tls_untrusted", `${host} presented no TLS certificate`);
    return {
      host,
      certificate: certificateFacts(
        verifiedChain(leaf.fingerprint256, () => detailedChain(socket.getPeerCertificate(true))),
        context.now,
      ),
      authorizationError: null,
      identityError: tls.checkServerIdentity(host, leaf)?.message ?? null,
      trust: { status: "trusted" },
    };
  }
  const leaf = socket.getPeerX509Certificate();
  if (!leaf) throw new ProbeError("tls_untrusted", `${host} presented no TLS certificate`);
  const chain = sentChain(leaf);
  return {
    host,
    certificate: x509Facts(chain, context.now),
    authorizationError: String(socket.authorizationError),
    // leaf.toLegacyObject(), not socket.getPeerCertificate(): on Node 20 the latter returns {} once
    // getPeerX509Certificate() has been called, which would fail every host name check.
    identityError: tls.checkServerIdentity(host, leaf.toLegacyObject())?.message ?? null,
    trust: await diagnoseTrust(chain, context.trust.anchors(), (url) => fetchIssuerCertificate(url, context, deadline)),
  };
}
