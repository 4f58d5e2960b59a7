// `npm start` as a user runs it, for the benches that measure a whole install (bench/footprint.ts,
// bench/memory-limit.ts): compiled, the embedded PostgreSQL in a fresh data folder, free ports, and
// the fixture zoo's root CA trusted, so monitors can check its HTTPS target with a real handshake.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { embeddedDatabaseUrl } from "../lib/postgres/embedded-server";
import { LAUNCHER_NODE_ARGS } from "../lib/runtime/worker-command";
import { freePort } from "../test/postgres-server";
import { connect, insertHttpMonitors, waitForOk, watchProcess, type VigilProcess } from "../test/vigil-processes";

export type Install = {
  launcher: VigilProcess;
  /** The web server's port on 127.0.0.1. */
  port: number;
  /** The embedded database, as the owner. */
  databaseUrl: string;
  /** Stops the launcher (and so everything it started) and removes the data folder. */
  stop(): Promise<void>;
};

export type InstallOptions = {
  /** The root CA of the HTTPS target the monitors will check. */
  rootCaPem: string;
  /** Added to the environment, e.g. VIGIL_PROCESS_MODE. */
  env?: Record<string, string>;
  /** A command `npm start` runs under, e.g. one that puts it in a memory-limited cgroup. */
  wrapper?: string[];
};

/** Starts the install and resolves once its web server answers /api/health. */
export async function startInstall({ rootCaPem, env: extra = {}, wrapper = [] }: InstallOptions): Promise<Install> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-install-"));
  const caFile = path.join(dataDir, "root-ca.pem");
  await writeFile(caFile, rootCaPem);
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    PROBE_ALLOW_PRIVATE_NETWORKS: "true",
    NODE_EXTRA_CA_CERTS: caFile,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
  delete env.DATABASE_URL;
  // As `npm start` runs it (package.json), without npm's own process in between.
  const [command, ...args] = [...wrapper, process.execPath, ...LAUNCHER_NODE_ARGS, "scripts/run-compiled.mjs", "start"];
  const launcher = watchProcess("launcher", spawn(command!, args, { env, stdio: ["ignore", "pipe", "pipe"] }));
  const stop = async () => {
    await launcher.stop(30_000);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`http://127.0.0.1:${port}/api/health`, launcher, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { launcher, port, databaseUrl: embeddedDatabaseUrl(pgPort, "vigil"), stop };
}

/** Connects to the install's database and leaves only `count` HTTPS monitors running, all checking `url`. */
export async function runOnlyHttpsMonitors(install: Install, options: { prefix: string; count: number; intervalSeconds: number; url: string }): Promise<pg.Client> {
  const client = await connect(install.databaseUrl);
  // The demo page's monitors point at the internet: only the bench's monitors run.
  await client.query(`UPDATE "Monitor" SET enabled = false`);
  await insertHttpMonitors(client, { ...options, ports: [] });
  return client;
}
