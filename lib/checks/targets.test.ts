import { describe, expect, it } from "vitest";
import { parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "./targets";

describe("parseHostPort", () => {
  it.each([
    ["example.com:443", { host: "example.com", port: 443 }],
    ["EXAMPLE.com:80", { host: "example.com", port: 80 }],
    ["[::1]:5432", { host: "::1", port: 5432 }],
    ["127.0.0.1:22", { host: "127.0.0.1", port: 22 }],
    // Numeric IPv4 forms are normalised the way a URL parser (and inet_aton) would read them.
    ["2130706433:80", { host: "127.0.0.1", port: 80 }],
    ["0x7f.1:80", { host: "127.0.0.1", port: 80 }],
    ["bücher.example:443", { host: "xn--bcher-kva.example", port: 443 }],
    ["example.com", null],
    ["example.com:0", null],
    ["example.com:70000", null],
    ["user@example.com:80", null],
    ["example.com/path:80", null],
    ["http://example.com:80", null],
  ])("%s", (target, expected) => {
    expect(parseHostPort(target)).toEqual(expected);
  });

  it("uses a default port when one is given", () => {
    expect(parseHostPort("example.com", 443)).toEqual({ host: "example.com", port: 443 });
  });
});

describe("parseTlsTarget", () => {
  it.each([
    ["example.com", { host: "example.com", port: 443 }],
    ["example.com:8443", { host: "example.com", port: 8443 }],
    ["https://example.com/status", { host: "example.com", port: 443 }],
    ["https://[::1]:8443/", { host: "::1", port: 8443 }],
    ["http://example.com/", null],
  ])("%s", (target, expected) => {
    expect(parseTlsTarget(target)).toEqual(expected);
  });
});

describe("parseDnsName", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM", "example.com"],
    ["localhost", "localhost"],
    ["127.0.0.1", null],
    ["2130706433", null],
    ["example.com:53", null],
    ["https://example.com", null],
  ])("%s", (target, expected) => {
    expect(parseDnsName(target)).toBe(expected);
  });
});

describe("parseHttpUrl", () => {
  it.each([
    // WHATWG URL already normalises numeric IPv4 hosts; the SSRF guard sees 127.0.0.1 in each case.
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
  ])("%s has host %s", (target, host) => {
    expect(parseHttpUrl(target)?.hostname).toBe(host);
  });

  it("takes only http and https", () => {
    expect(parseHttpUrl("ftp://example.com/")).toBeNull();
    expect(parseHttpUrl("file:///etc/passwd")).toBeNull();
    expect(parseHttpUrl("not a url")).toBeNull();
  });
});
