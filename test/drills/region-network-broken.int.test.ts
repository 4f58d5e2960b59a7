// Fault drill 5: one region's network is broken — every probe it makes fails, its canaries too —
// while another region sees every target healthy. Pass: no incident (and no monitor down) comes
// from the broken region alone, although it records enough failures per monitor to reach the
// failure threshold, and its quorum alone (1 of 2 regions) would suffice.
//
// The break is made inside the "us" worker (unreachable-network.mjs, preloaded): every connection
// to the targets' ports, where the canary lives too, fails with ENETUNREACH before a packet is
// sent — to that worker, the network is gone. The database stays reachable, as it would for a
// region whose outbound probe path broke. (Not with the SSRF guard: a refused check is no failure
// of the target at all and makes a monitor unknown by itself, which would prove nothing here.)
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connect, insertHttpMonitors, printFigures, startTargets, startWorker } from "../vigil-processes";
import { count, drillRig, sleep } from "./drill-setup";

const MONITORS = 12;
const INTERVAL_SECONDS = 10;
const rig = drillRig();
const workers = rig.processes;

describe("drill 5: a region's network broken", () => {
  it("opens no incident from that region alone", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const client = (rig.client = await connect(databaseUrl));
    const targets = (rig.targets = await startTargets(2));
    await client.query(`INSERT INTO "Component" (id, name, "updatedAt") VALUES ('api', 'API', now())`);
    await insertHttpMonitors(client, {
      prefix: "d5",
      count: MONITORS,
      ports: targets.ports,
      intervalSeconds: INTERVAL_SECONDS,
      timeoutMs: 3000,
      componentOf: () => "api",
      regions: ["eu", "us"],
    });
    const canary = `http://127.0.0.1:${targets.ports[0]}/health`;
    const common = { WORKER_HEARTBEAT_SECONDS: "1", PROBE_CANARY_URLS: canary, LOG_LEVEL: "warn" };
    workers.push(startWorker("eu", databaseUrl, { ...common, REGION: "eu" }));
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "WorkerHeartbeat"`), { timeout: 60_000 }).toBe(1);
    const broken = { NODE_OPTIONS: `--import=${path.join(import.meta.dirname, "unreachable-network.mjs")}`, VIGIL_DRILL_UNREACHABLE_PORTS: targets.ports.join(",") };
    workers.push(startWorker("us", databaseUrl, { ...common, ...broken, REGION: "us" }));
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "WorkerHeartbeat"`), { timeout: 60_000 }).toBe(2);

    // Long enough for the failure threshold (3 checks) plus a margin: 4 intervals.
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "CheckResult" WHERE region = 'us'`), { timeout: 30_000 }).toBeGreaterThan(0);
    await sleep(4 * INTERVAL_SECONDS * 1000);
    await Promise.all(workers.map((worker) => worker.stop()));

    const perRegion = (
      await client.query<{ region: string; state: string; n: number }>(`SELECT region, state::text, count(*)::int AS n FROM "CheckResult" GROUP BY 1, 2 ORDER BY 1, 2`)
    ).rows;
    const usDownPerMonitor = (
      await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CheckResult" WHERE region = 'us' AND state = 'down' GROUP BY "monitorId"`)
    ).rows.map((row) => row.n);
    const monitorStates = (await client.query<{ state: string; n: number }>(`SELECT state::text, count(*)::int AS n FROM "Monitor" GROUP BY 1 ORDER BY 1`)).rows;
    const incidents = await count(client, `SELECT count(*)::int AS n FROM "Incident"`);
    const component = (await client.query(`SELECT status::text FROM "Component" WHERE id = 'api'`)).rows[0].status as string;
    const usOutput = workers[1]!.output();
    const brokenBatches = (usOutput.match(/counting this batch as unknown/g) ?? []).length;

    printFigures("drill 5 — region us cannot reach anything (canaries fail), region eu healthy; 12 monitors × 2 regions, quorum 1", {
      "results per region and state": perRegion.map((row) => `${row.region}/${row.state} ${row.n}`).join(", "),
      "us failures per monitor (min..max)": `${Math.min(...usDownPerMonitor)}..${Math.max(...usDownPerMonitor)}`,
      "us batches counted unknown (canaries failed)": brokenBatches,
      "monitor states": monitorStates.map((row) => `${row.state} ${row.n}`).join(", "),
      "component status": component,
      "incidents opened": incidents,
    });

    expect(usDownPerMonitor).toHaveLength(MONITORS);
    expect(Math.min(...usDownPerMonitor)).toBeGreaterThanOrEqual(3); // enough to reach the failure threshold
    expect(perRegion.filter((row) => row.region === "eu").map((row) => row.state)).toEqual(["up"]);
    expect(brokenBatches).toBeGreaterThan(0);
    expect(incidents).toBe(0);
    // Not "up" either: with quorum 1 the silent region could be the one that is right, so the
    // state machine says unknown (docs/status-rules.md) — no evidence, never an outage.
    expect(monitorStates.filter((row) => row.state === "down" || row.state === "degraded")).toEqual([]);
    expect(component).toBe("operational");
  }, 180_000);
});
