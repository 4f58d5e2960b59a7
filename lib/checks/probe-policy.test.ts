import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { ownPorts, probePolicy, selfCheckUrls } from "./probe-policy";

describe("ownPorts", () => {
  it.each([
    [{}, [3000, 54329]], // web (also the public port) and the embedded PostgreSQL
    [{ PORT: "8080", METRICS_PORT: "9090", WORKER_METRICS_PORT: "9464" }, [8080, 9090, 9464, 54329]],
    [{ PUBLIC_URL: "https://status.example.com" }, [443, 3000, 54329]],
    [{ PUBLIC_URL: "http://status.example.com:8081/status" }, [3000, 8081, 54329]],
    [{ DATABASE_URL: "postgres://vigil@db.internal/vigil" }, [3000, 5432]], // no embedded PostgreSQL then
    [{ DATABASE_URL: "postgres://vigil@127.0.0.1:6432/vigil", DATABASE_SESSION_URL: "postgres://vigil@127.0.0.1:5433/vigil" }, [3000, 5433, 6432]],
  ])("%j → %j", (environment, ports) => {
    expect(ownPorts(parseEnv(environment))).toEqual(ports);
  });
});

describe("probePolicy", () => {
  it("keeps the operator's settings, adds this machine and exactly the two self-check URLs", async () => {
    const policy = await probePolicy(parseEnv({ PROBE_ALLOW_PRIVATE_NETWORKS: "yes", PROBE_ALLOWLIST: "10.0.0.0/8, intranet.example", PUBLIC_URL: "https://status.localhost/" }));
    expect(policy).toMatchObject({ allowPrivateNetworks: true, allowlist: ["10.0.0.0/8", "intranet.example"] });
    expect(policy.selfCheckUrls).toEqual(["https://status.localhost/", "https://status.localhost/api/health"]);
    expect(policy.ownHost.addresses).toEqual(expect.arrayContaining(["127.0.0.1", "::1"])); // status.localhost resolves to loopback
    expect(policy.ownHost.ports).toEqual([443, 3000, 54329]);
  });

  it("lists the demo page's monitors as self-checks, whatever PUBLIC_URL's path", () => {
    expect(selfCheckUrls("https://example.com/status")).toEqual({ page: "https://example.com/status/", health: "https://example.com/status/api/health" });
  });
});
