// The probe CLI against the fixture zoo: in-process through probeCli (arguments, environment,
// output and exit code exactly as the command sees them), and once as users run it (npm run -s
// probe), where the test root CA reaches it only through NODE_EXTRA_CA_CERTS — which proves Vigil
// trusts what Node is told to trust.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckResult } from "@/lib/checks/schemas";
import { startFixtureZoo, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import { probeCli } from "./probe-cli";

let zoo: FixtureZoo;
let caFile: string;
beforeAll(async () => {
  zoo = await startFixtureZoo();
  caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vigil-probe-cli-")), "root-ca.pem");
  fs.writeFileSync(caFile, zoo.certificates.rootCaPem);
});
afterAll(async () => {
  await zoo.close();
  fs.rmSync(path.dirname(caFile), { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };
const TEST_ENV = { PROBE_ALLOW_PRIVATE_NETWORKS: "true", PROBE_ALLOWLIST: "" };

async function probe(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await probeCli(args, {
    env: { ...TEST_ENV, ...env },
    now: new Date(),
    out: (text) => stdout.push(`${text}\n`),
    err: (text) => stderr.push(`${text}\n`),
    extraCaCerts: [zoo.certificates.rootCaPem],
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/** The real command: a new Node process, as `npm run -s probe` starts it. */
function probeCommand(args: string[]): Promise<Run> {
  const env = { ...process.env, ...TEST_ENV, NODE_EXTRA_CA_CERTS: caFile };
  return new Promise((resolve) => {
    execFile("npm", ["run", "-s", "probe", "--", ...args], { cwd: path.resolve(import.meta.dirname, ".."), env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

describe("npm run probe", { timeout: 30_000 }, () => {
  it("as a command: trusts NODE_EXTRA_CA_CERTS, prints one JSON result and exits 0 when up", async () => {
    const up = await probeCommand([zoo.httpsUrl("valid"), "--json"]);
    expect(up.code, up.stderr).toBe(0);
    expect(CheckResult.parse(JSON.parse(up.stdout))).toMatchObject({
      state: "up",
      reasons: [{ code: "ok" }],
      certificate: { issuer: "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures" },
    });
  });

  it("prints one JSON result and exits 0, 1 or 2 by state", async () => {
    const [up, degraded, down] = await Promise.all([
      probe([zoo.httpsUrl("valid"), "--json"]),
      probe([zoo.httpUrl("/slow/300"), "--max-latency-ms", "50", "--json"]),
      probe([zoo.httpsUrl("expired"), "--json", "--timeout-ms", "5000"]),
    ]);

    expect(up.code, up.stderr).toBe(0);
    const upResult = CheckResult.parse(JSON.parse(up.stdout));
    expect(upResult).toMatchObject({ state: "up", statusCode: 200, reasons: [{ code: "ok" }] });
    expect(upResult.certificate).toMatchObject({
      subject: "CN=valid.localhost, O=Vigil Test Fixtures",
      issuer: "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures",
      daysLeft: 80,
    });
    expect(Object.keys(upResult.certificate ?? {})).toEqual(
      expect.arrayContaining(["subject", "issuer", "validFrom", "validTo", "daysLeft", "serial", "fingerprint256", "chain"]),
    );
    expect(Object.keys(upResult.timings)).toEqual(["dns", "connect", "tls", "ttfb", "total"]);

    expect(degraded.code, degraded.stderr).toBe(1);
    expect(JSON.parse(degraded.stdout)).toMatchObject({ state: "degraded", reasons: [{ code: "latency_high" }] });

    expect(down.code, down.stderr).toBe(2);
    expect(JSON.parse(down.stdout)).toMatchObject({ state: "down", reasons: [{ code: "tls_expired" }], certificate: { daysLeft: -3 } });
  });

  it("prints a readable summary, and honours the SSRF settings of the environment", async () => {
    const [summary, blocked] = await Promise.all([
      probe([zoo.httpsUrl("critical")]),
      probe([zoo.httpUrl("/ok")], { PROBE_ALLOW_PRIVATE_NETWORKS: "false" }),
    ]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain(`UP  http ${zoo.httpsUrl("critical")}`);
    expect(summary.stdout).toContain("! cert_expiring_soon (critical): TLS certificate for critical.localhost expires in 5 days");
    expect(summary.stdout).toContain("chain as sent:");
    expect(blocked.code).toBe(2);
    expect(blocked.stdout).toContain("✗ blocked_address: Refusing to connect to 127.0.0.1");
  });

  it("exits 64 on bad usage, saying what is wrong", async () => {
    const runs = await Promise.all([
      probe(["--kind", "smtp", "example.com"]),
      probe(["--timeout-ms", "soon", "https://example.com/"]),
      probe(["https://example.com/", "--warp"]),
      probe(["example.com", "--keyword", "x"]),
      probe([]),
      probe(["https://example.com/"], { PROBE_ALLOW_PRIVATE_NETWORKS: "maybe" }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([64, 64, 64, 64, 64, 64]);
    expect(runs[0]?.stderr).toContain("--kind: Invalid option");
    expect(runs[1]?.stderr).toContain("--timeout-ms:");
    expect(runs[2]?.stderr).toContain("Unknown option '--warp'");
    expect(runs[3]?.stderr).toContain("--keyword does not apply to dns checks");
    expect(runs[4]?.stderr).toContain("Usage: npm run -s probe -- <target> [options]");
    expect(runs[5]?.stderr).toContain("PROBE_ALLOW_PRIVATE_NETWORKS");
    expect(runs.every((run) => run.stdout === "")).toBe(true);
  });
});
