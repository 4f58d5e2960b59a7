import { describe, expect, it } from "vitest";
import type { CertificateView } from "./tls-certificate";
import { MAX_REMEMBERED_CHAINS, verifiedChain, type Chain } from "./verified-chains";

const view = (name: string): CertificateView => ({
  subject: `CN=${name}`,
  issuer: "CN=CA",
  subjectAltName: `DNS:${name}`,
  serialNumber: "01",
  fingerprint256: name,
  validFrom: "Jan  1 00:00:00 2026 GMT",
  validTo: "Apr  1 00:00:00 2026 GMT",
});

/** A reader that counts its reads. */
function reader(name: string) {
  const read = { count: 0, chain: [view(name)] as Chain };
  return { read, fn: () => (read.count++, read.chain) };
}

describe("verified chains", () => {
  it("reads a chain once per leaf, and a new leaf's chain at once", () => {
    const a = reader("a.example");
    const b = reader("b.example");
    expect(verifiedChain("leaf-a", a.fn)).toBe(a.read.chain);
    expect(verifiedChain("leaf-a", a.fn)).toBe(a.read.chain);
    expect(verifiedChain("leaf-b", b.fn)).toBe(b.read.chain);
    expect([a.read.count, b.read.count]).toEqual([1, 1]);
  });

  it("keeps at most MAX_REMEMBERED_CHAINS, forgetting the least recently used", () => {
    const first = reader("first.example");
    const kept = reader("kept.example");
    verifiedChain("evict-first", first.fn);
    verifiedChain("evict-kept", kept.fn);
    for (let i = 0; i < MAX_REMEMBERED_CHAINS - 1; i++) {
      verifiedChain("evict-kept", kept.fn); // used all along: stays
      verifiedChain(`evict-filler-${i}`, () => [view(`filler-${i}`)]);
    }
    verifiedChain("evict-first", first.fn);
    verifiedChain("evict-kept", kept.fn);
    expect(first.read.count).toBe(2);
    expect(kept.read.count).toBe(1);
  });
});
