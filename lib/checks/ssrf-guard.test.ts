import dns from "node:dns";
import { describe, expect, it } from "vitest";
import { blockedAddressReason, compilePolicy, guardedLookup, policyForUrl, urlBlockReason } from "./ssrf-guard";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

const strict = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: [] });

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.0.0.1", "private network"],
    ["172.16.5.4", "private network"],
    ["192.168.1.1", "private network"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.100.100.200", "carrier-grade NAT"], // Alibaba Cloud metadata
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["224.0.0.1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "unique local"], // AWS metadata over IPv6
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "IPv4 127.0.0.1 inside IPv6, loopback"],
    ["::ffff:7f00:1", "IPv4 127.0.0.1 inside IPv6, loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["64:ff9b::a00:1", "IPv4 10.0.0.1 inside IPv6, private network"], // NAT64
    ["64:ff9b:1::1", "local-use NAT64"],
    ["2002:7f00:1::", "IPv4 127.0.0.1 inside IPv6, loopback"], // 6to4
    ["2001:db8::1", "reserved"],
    ["::7f00:1", "IPv4-compatible"], // ::127.0.0.1
    ["::808:808", "IPv4-compatible"], // ::8.8.8.8: deprecated, never public
    ["::0.0.0.1", "loopback"], // ::1 written oddly
    ["::ffff:0:7f00:1", "IPv4 127.0.0.1 inside IPv6, loopback"], // SIIT
    ["2001::1", "teredo"],
    ["100::1", "discard"],
  ])("%s is blocked (%s)", (address, description) => {
    expect(blockedAddressReason(address, address, strict)).toContain(description);
  });

  it.each(["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])("%s is public", (address) => {
    expect(blockedAddressReason(address, address, strict)).toBeNull();
  });

  it("allows everything with allowPrivateNetworks", () => {
    const open = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [] });
    expect(blockedAddressReason("169.254.169.254", "metadata", open)).toBeNull();
  });

  it("allows allowlisted CIDRs, addresses and host names only", () => {
    const policy = compilePolicy({
      ...NOTHING_OWN,
      allowPrivateNetworks: false,
      allowlist: ["10.1.0.0/16", "127.0.0.1", "status.internal", "*.corp.example", "fd12::/16"],
    });
    expect(blockedAddressReason("10.1.2.3", "10.1.2.3", policy)).toBeNull();
    expect(blockedAddressReason("10.2.0.1", "10.2.0.1", policy)).not.toBeNull();
    expect(blockedAddressReason("127.0.0.1", "127.0.0.1", policy)).toBeNull();
    expect(blockedAddressReason("::ffff:127.0.0.1", "::ffff:127.0.0.1", policy)).toBeNull();
    expect(blockedAddressReason("127.0.0.2", "127.0.0.2", policy)).not.toBeNull();
    expect(blockedAddressReason("::1", "::1", policy)).not.toBeNull();
    expect(blockedAddressReason("192.168.1.5", "status.internal", policy)).toBeNull();
    expect(blockedAddressReason("192.168.1.5", "STATUS.internal.", policy)).toBeNull();
    expect(blockedAddressReason("192.168.1.5", "db.corp.example", policy)).toBeNull();
    expect(blockedAddressReason("192.168.1.5", "corp.example", policy)).not.toBeNull();
    expect(blockedAddressReason("fd12::5", "fd12::5", policy)).toBeNull();
  });
});

describe("this machine", () => {
  const machine = compilePolicy({
    allowPrivateNetworks: false,
    allowlist: [],
    ownHost: { addresses: ["46.4.0.9", "2a01:4f8::9", "192.168.7.2"], ports: [3000, 54329] },
    selfCheckUrls: [],
  });
  const lenient = compilePolicy({ ...machine, allowPrivateNetworks: true, allowlist: [], ownHost: { addresses: ["46.4.0.9"], ports: [3000, 54329] }, selfCheckUrls: [] });

  it.each([
    ["46.4.0.9", undefined, "46.4.0.9 (this machine's own address)"],
    ["::ffff:46.4.0.9", undefined, "IPv4 46.4.0.9 inside IPv6, this machine's own address"],
    ["2a01:4f8:0:0::9", 443, "this machine's own address"],
    ["46.4.0.9", 3000, "46.4.0.9 port 3000 (Vigil's own port on this machine)"],
    ["192.168.7.2", 22, "private network"],
    ["127.0.0.1", 54329, "127.0.0.1 port 54329 (Vigil's own port on this machine)"],
    ["0.0.0.0", 3000, "0.0.0.0 port 3000 (Vigil's own port on this machine)"],
  ])("%s port %s is refused (%s)", (address, port, description) => {
    expect(blockedAddressReason(address, address, machine, port)).toContain(description);
  });

  it("lets PROBE_ALLOW_PRIVATE_NETWORKS reach this machine, but never Vigil's own ports", () => {
    expect(blockedAddressReason("46.4.0.9", "46.4.0.9", lenient, 8080)).toBeNull();
    expect(blockedAddressReason("127.0.0.1", "localhost", lenient, 8080)).toBeNull();
    for (const address of ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1", "0.0.0.0", "::", "46.4.0.9", "::ffff:2e04:9"]) {
      expect(blockedAddressReason(address, address, lenient, 54329)).toContain("Vigil's own port on this machine");
    }
    expect(blockedAddressReason("10.0.0.5", "10.0.0.5", lenient, 54329)).toBeNull(); // another machine's port
  });

  it("lets an explicit PROBE_ALLOWLIST entry reach even Vigil's own ports", () => {
    const allowed = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: ["127.0.0.1", "db.internal"], ownHost: { addresses: [], ports: [54329] } });
    expect(blockedAddressReason("127.0.0.1", "127.0.0.1", allowed, 54329)).toBeNull();
    expect(blockedAddressReason("::1", "db.internal", allowed, 54329)).toBeNull();
    expect(blockedAddressReason("::1", "::1", allowed, 54329)).toContain("own port");
  });

  it("leaves other public addresses alone, on any port", () => {
    expect(blockedAddressReason("46.4.0.10", "46.4.0.10", machine, 3000)).toBeNull();
    expect(blockedAddressReason("93.184.216.34", "example.com", machine, 54329)).toBeNull();
  });
});

describe("policyForUrl", () => {
  const policy = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: [], selfCheckUrls: ["http://127.0.0.1:3000/", "http://127.0.0.1:3000/api/health"] });

  it.each(["http://127.0.0.1:3000/", "http://127.0.0.1:3000/api/health", "http://127.0.0.1:3000/api/health#top", "HTTP://127.0.0.1:3000/api/health"])(
    "exempts the exact self-check URL %s",
    (url) => {
      expect(policyForUrl(new URL(url), policy).allowPrivateNetworks).toBe(true);
    },
  );

  it.each([
    "http://127.0.0.1:3000/admin",
    "http://127.0.0.1:3000/api/health?x=1",
    "http://127.0.0.1:3001/api/health",
    "https://127.0.0.1:3000/api/health",
    "http://localhost:3000/api/health",
    "http://127.0.0.1:3000/api/health/",
  ])("judges %s like any other URL (same host, other scheme, port, path or query)", (url) => {
    expect(policyForUrl(new URL(url), policy)).toBe(policy);
  });
});

describe("compilePolicy", () => {
  it.each(["10.0.0.0/33", "not a host!", "http://x", "::1/129"])("rejects %s", (entry) => {
    expect(() => compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: [entry] })).toThrow(/allowlist entry/);
  });
});

describe("urlBlockReason", () => {
  it.each([
    ["https://example.com/", null],
    ["http://example.com:8080/x?y", null],
    ["ftp://example.com/", "only http and https"],
    ["http://user:secret@example.com/", "credentials"],
    ["http://user@example.com/", "credentials"],
  ])("%s", (url, expected) => {
    const reason = urlBlockReason(new URL(url));
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toContain(expected);
  });
});

describe("guardedLookup", () => {
  const lookup = (policy: ReturnType<typeof compilePolicy>, hostname: string, options: dns.LookupOptions) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(policy, 8080)(hostname, options, (error, address) => resolve({ error, address })),
    );

  it("answers *.localhost and .invalid locally (RFC 6761), then judges the addresses", async () => {
    const open = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [] });
    expect((await lookup(open, "app.localhost", { all: true })).address).toEqual([
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ]);
    expect((await lookup(open, "app.localhost", { family: 6 })).address).toBe("::1");
    expect((await lookup(open, "nothing.invalid", { all: true })).error?.code).toBe("ENOTFOUND");
  });

  it("fails with a blocked-address error when every address is blocked", async () => {
    const { error } = await lookup(strict, "localhost", { all: true });
    expect(error?.code).toBe("VIGIL_BLOCKED_ADDRESS");
    expect(error?.message).toBe("localhost resolves only to blocked addresses: 127.0.0.1 (loopback), ::1 (loopback)");
  });

  it("keeps only the allowed addresses", async () => {
    const policy = compilePolicy({ ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: ["127.0.0.1"] });
    expect((await lookup(policy, "localhost", { all: true })).address).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });

  it("judges the port it connects to", async () => {
    const policy = compilePolicy({ allowPrivateNetworks: true, allowlist: [], ownHost: { addresses: [], ports: [8080] }, selfCheckUrls: [] });
    const { error } = await lookup(policy, "localhost", { all: true });
    expect(error?.message).toBe(
      "localhost resolves only to blocked addresses: 127.0.0.1 port 8080 (Vigil's own port on this machine), ::1 port 8080 (Vigil's own port on this machine)",
    );
  });
});
