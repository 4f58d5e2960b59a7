// Telling a missing intermediate from an untrusted CA, with generated certificates and the AIA
// download replaced by a function argument (the real download is exercised in tls-check.test.ts).
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCertificateZoo, type CertificateZoo, type TlsCase } from "@/test/fixtures/certificates";
import { caIssuersUrl, diagnoseTrust, type IssuerFetcher } from "./tls-trust";
import { anchorsFrom, splitPemBundle } from "./trust-store";

const AIA_URL = "http://aia.example.test/intermediate.cer";
let zoo: CertificateZoo;
beforeAll(() => {
  zoo = generateCertificateZoo({ caIssuersUrl: AIA_URL });
});

const sent = (tlsCase: TlsCase) => splitPemBundle(zoo.servers[tlsCase].certChainPem).map((pem) => new X509Certificate(pem)) as [X509Certificate, ...X509Certificate[]];
const anchors = () => anchorsFrom([zoo.rootCaPem]);
const never: IssuerFetcher = async () => {
  throw new Error("no download expected");
};

describe("diagnoseTrust", () => {
  it("trusts a complete chain", async () => {
    expect(await diagnoseTrust(sent("valid"), anchors(), never)).toEqual({ status: "trusted" });
  });

  it("calls a chain completed from AIA incomplete, naming the missing certificate", async () => {
    const fetched: string[] = [];
    const fetcher: IssuerFetcher = async (url) => {
      fetched.push(url);
      return new X509Certificate(zoo.intermediateCaDer);
    };
    expect(await diagnoseTrust(sent("missing-intermediate"), anchors(), fetcher)).toEqual({
      status: "incomplete_chain",
      missing: ["CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures"],
    });
    expect(fetched).toEqual([AIA_URL]);
  });

  it("calls it untrusted when the AIA download fails or brings something else", async () => {
    const unreachable = await diagnoseTrust(sent("missing-intermediate"), anchors(), async () => null);
    expect(unreachable).toEqual({
      status: "untrusted",
      detail: `issuer "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures" is not a trusted root and the server did not send it, and it could not be completed from ${AIA_URL}`,
    });
    const wrong = await diagnoseTrust(sent("missing-intermediate"), anchors(), async () => new X509Certificate(zoo.untrustedRootPem));
    expect(wrong.status).toBe("untrusted");
  });

  it("calls a leaf from an unknown CA untrusted, without any download when there is no AIA", async () => {
    expect(await diagnoseTrust(sent("untrusted"), anchors(), never)).toEqual({
      status: "untrusted",
      detail: 'issuer "CN=Untrusted Root CA, O=Vigil Test Fixtures" is not a trusted root and the server did not send it',
    });
  });

  it("calls a chain ending at a root nobody trusts untrusted", async () => {
    expect(await diagnoseTrust(sent("untrusted-with-root"), anchors(), never)).toEqual({
      status: "untrusted",
      detail: 'the chain ends at "CN=Untrusted Root CA, O=Vigil Test Fixtures", a root that is not trusted',
    });
  });

  it("recognises a self-signed leaf, and trusts it when it is itself a trust anchor", async () => {
    expect(await diagnoseTrust(sent("self-signed"), anchors(), never)).toEqual({ status: "self_signed" });
    expect(await diagnoseTrust(sent("self-signed"), anchorsFrom([zoo.servers["self-signed"].leafPem]), never)).toEqual({ status: "trusted" });
  });

  it("ignores certificate dates (those are judged separately)", async () => {
    expect(await diagnoseTrust(sent("expired"), anchors(), never)).toEqual({ status: "trusted" });
  });
});

describe("caIssuersUrl", () => {
  it("reads the AIA CA Issuers location", () => {
    expect(caIssuersUrl(sent("missing-intermediate")[0])).toBe(AIA_URL);
    expect(caIssuersUrl(sent("valid")[0])).toBeNull();
  });
});
