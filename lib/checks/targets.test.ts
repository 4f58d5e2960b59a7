import { describe, expect, it } from "vitest";
import { bareHost, parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "./targets";

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

describe("host forms, normalised before the SSRF guard judges them", () => {
  // Written as a browser (WHATWG URL) and inet_aton read them; what the guard then sees.
  const FORMS: [string, string][] = [
    ["2130706433", "127.0.0.1"], // decimal
    ["0177.0.0.1", "127.0.0.1"], // octal
    ["017700000001", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"], // hex, short
    ["0x7F000001", "127.0.0.1"],
    ["0x7f.0x0.0x0.0x1", "127.0.0.1"],
    ["127.1", "127.0.0.1"], // short
    ["127.0.1", "127.0.0.1"],
    ["127.0.0.1.", "127.0.0.1"], // trailing dot
    ["%31%32%37.0.0.1", "127.0.0.1"], // percent-encoding
    ["%30x7f.1", "127.0.0.1"],
    ["0", "0.0.0.0"],
    ["[::ffff:127.0.0.1]", "::ffff:7f00:1"], // IPv4-mapped
    ["[::FFFF:7F00:1]", "::ffff:7f00:1"],
    ["[::127.0.0.1]", "::7f00:1"], // IPv4-compatible
    ["[0:0:0:0:0:0:0:1]", "::1"],
    ["[::0.0.0.1]", "::1"],
    ["LOCALHOST", "localhost"], // upper case
    ["LocalHost.", "localhost."], // names keep their dot; the guard and RFC 6761 ignore it
    ["%6Cocalhost", "localhost"],
  ];

  it.each(FORMS)("http://%s:8080/ reaches %s", (host, seen) => {
    expect(bareHost(parseHttpUrl(`http://${host}:8080/`)!.hostname)).toBe(seen);
  });

  it.each(FORMS)("tcp %s:5432 reaches %s", (host, seen) => {
    expect(parseHostPort(`${host}:5432`)).toEqual({ host: seen, port: 5432 });
  });

  it.each(FORMS)("tls %s reaches %s", (host, seen) => {
    expect(parseTlsTarget(`${host}:443`)).toEqual({ host: seen, port: 443 });
    expect(parseTlsTarget(`https://${host}/`)).toEqual({ host: seen, port: 443 });
  });

  it("takes only names for dns, whatever form an address is written in", () => {
    for (const [host, seen] of FORMS) {
      if (!/^[a-z.]+$/.test(seen)) expect([host, parseDnsName(host)]).toEqual([host, null]);
    }
    expect(parseDnsName("%6Cocalhost")).toBe("localhost");
  });
});
