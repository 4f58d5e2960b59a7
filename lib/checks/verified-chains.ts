// The chains of verified handshakes, remembered by their leaf. Reading a whole chain costs several
// times what the leaf's fingerprint does (every certificate's names, dates and fingerprint
// formatted), and a monitor sees the same certificate check after check: so the chain is
// read once per leaf, and a new leaf — a renewed or replaced certificate — is read whole at its
// first handshake. A server that keeps its leaf but sends other intermediates shows the old ones
// here until its leaf changes; for a verified handshake the chain is information only (OpenSSL
// judges the chain the server sent on every handshake; a refused one is always read whole).
import { rememberAtMost } from "../bounded-map";
import type { CertificateView } from "./tls-certificate";

/** Bounded, so memory stays flat however many certificates the monitors see (about 1–2 kB each). */
export const MAX_REMEMBERED_CHAINS = 2_000;

/** Leaf first, as the server sent it (see sentChain). */
export type Chain = readonly [CertificateView, ...CertificateView[]];

const chains = new Map<string, Chain>();

/** The chain whose leaf has this SHA-256 fingerprint: remembered, or read with `read` and remembered. */
export function verifiedChain(leafFingerprint256: string, read: () => Chain): Chain {
  // Least recently used goes first: a hit is remembered again, as the newest.
  const chain = chains.get(leafFingerprint256) ?? read();
  rememberAtMost(chains, leafFingerprint256, chain, MAX_REMEMBERED_CHAINS);
  return chain;
}
