// The reconnecting LISTEN connection against a real PostgreSQL of its own (the shared test server
// cannot be restarted under the other test files): notifications arrive per channel, on channels
// added while it runs and no longer on channels dropped (after a reconnect too); after the
// server is stopped and started again on the same port the listener reconnects by itself, reports
// onListening again (the callers' catch-up) and hears new notifications; close() ends it for good —
// no reconnect afterwards, and a process that closed its listener exits by itself.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, freePort } from "@/test/postgres-server";
import { parseDatabaseUrl } from "./connection-config";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "./embedded";
import { listenChannels, type ChannelListener } from "./listen-channels";

// Short backoff so the test does not wait out the production maximum (5 s) between attempts.
const RETRY = { retryMinMs: 50, retryMaxMs: 400 };

let dataDir: string;
let port: number;
let server: EmbeddedPostgresServer | undefined;
let url: string;
const listeners: ChannelListener[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-listen-pg-"));
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
  url = server.url;
});

afterAll(async () => {
  for (const listener of listeners) await listener.close();
  await server?.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function stopServer() {
  await server?.stop();
  server = undefined;
}

async function startServer() {
  server = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
}


function record(channels: string[]) {
  const events: string[] = [];
  const listener = listenChannels({
    name: "test",
    url,
    channels,
    ...RETRY,
    onNotify: (channel, payload) => events.push(`${channel}:${payload}`),
    onListening: () => events.push("listening"),
    onLost: () => events.push("lost"),
  });
  listeners.push(listener);
  return { listener, events };
}

/** The sessions this cluster has for our listeners (application_name vigil-test). */
async function listenerSessions(): Promise<number> {
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vigil-test'`);
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe("listenChannels", () => {
  it("delivers each channel's notifications with their payloads, in order", async () => {
    const { listener, events } = record(["vigil_test_a", "vigil_test_b"]);
    await expect.poll(() => listener.listening, { timeout: 15_000, interval: 25, message: "listening" }).toBe(true);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', 'one'), pg_notify('vigil_test_b', 'two'), pg_notify('vigil_test_other', 'not ours')`);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', 'three')`);
    await expect.poll(() => events.length >= 4, { timeout: 15_000, interval: 25, message: "three notifications" }).toBe(true);
    expect(events).toEqual(["listening", "vigil_test_a:one", "vigil_test_b:two", "vigil_test_a:three"]);
    await listener.close();
    expect(listener.listening).toBe(false);
  });

  it("reconnects by itself after a restart on the same port, reports onListening again and hears new notifications", async () => {
    const { listener, events } = record(["vigil_test_a"]);
    await expect.poll(() => listener.listening, { timeout: 15_000, interval: 25, message: "listening" }).toBe(true);
    await stopServer();
    await expect.poll(() => events.includes("lost"), { timeout: 15_000, interval: 25, message: "the loss is reported" }).toBe(true);
    expect(listener.listening).toBe(false);
    // Several attempts fail while the server is down (backoff 50 ms doubling to 400 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(events).toEqual(["listening", "lost"]);

    await startServer();
    await expect.poll(() => listener.listening, { timeout: 30_000, interval: 25, message: "listening again" }).toBe(true);
    expect(events).toEqual(["listening", "lost", "listening"]);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', 'after the restart')`);
    await expect.poll(() => events.length === 4, { timeout: 15_000, interval: 25, message: "the new notification" }).toBe(true);
    expect(events[3]).toBe("vigil_test_a:after the restart");
    await listener.close();
  });

  it("listens on channels added while it runs and stops on channels dropped, also after a reconnect", async () => {
    const { listener, events } = record(["vigil_test_a"]);
    await expect.poll(() => listener.listening, { timeout: 15_000, interval: 25, message: "listening" }).toBe(true);
    expect(await listener.listen(["vigil_test_b"])).toBe(true);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', '1'), pg_notify('vigil_test_b', '2')`);
    await listener.unlisten(["vigil_test_a"]);
    // Notifications arrive in order on the one session: 'b:4' arriving without 'a:3' before it means a was dropped.
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', '3'), pg_notify('vigil_test_b', '4')`);
    await expect.poll(() => events.length >= 4, { timeout: 15_000, interval: 25, message: "the notifications" }).toBe(true);
    expect(events).toEqual(["listening", "vigil_test_a:1", "vigil_test_b:2", "vigil_test_b:4"]);

    await adminQuery(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vigil-test'`);
    await expect.poll(() => events.length === 6 && listener.listening, { timeout: 15_000, interval: 25, message: "listening again" }).toBe(true);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', '5'), pg_notify('vigil_test_b', '6')`);
    await expect.poll(() => events.length >= 7, { timeout: 15_000, interval: 25, message: "the notification after the reconnect" }).toBe(true);
    expect(events.slice(4)).toEqual(["lost", "listening", "vigil_test_b:6"]);
    await listener.close();
  });

  it("keeps retrying while the server is down at start, and listens once it is up", async () => {
    await stopServer();
    const { listener, events } = record(["vigil_test_a"]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(listener.listening).toBe(false);
    // Not "lost": it never listened.
    expect(events).toEqual([]);
    await startServer();
    await expect.poll(() => listener.listening, { timeout: 30_000, interval: 25, message: "listening" }).toBe(true);
    expect(events).toEqual(["listening"]);
    await listener.close();
  });

  it("after close() no longer hears notifications and never reconnects", async () => {
    const { listener, events } = record(["vigil_test_a"]);
    await expect.poll(() => listener.listening, { timeout: 15_000, interval: 25, message: "listening" }).toBe(true);
    expect(await listenerSessions()).toBe(1);
    await listener.close();
    await expect.poll(async () => (await listenerSessions()) === 0, { timeout: 15_000, interval: 25, message: "its session is gone" }).toBe(true);
    await adminQuery(url, `SELECT pg_notify('vigil_test_a', 'too late')`);

    // Closed while retrying: the pending retry must not reconnect either.
    const retrying = record(["vigil_test_a"]);
    await expect.poll(() => retrying.listener.listening, { timeout: 15_000, interval: 25, message: "listening" }).toBe(true);
    await stopServer();
    await expect.poll(() => retrying.events.includes("lost"), { timeout: 15_000, interval: 25, message: "the loss is reported" }).toBe(true);
    await retrying.listener.close();
    await startServer();
    // Well past the longest backoff (400 ms): any retry would have connected by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await listenerSessions()).toBe(0);
    expect(retrying.events).toEqual(["listening", "lost"]);
    expect(events).toEqual(["listening"]);
  });

  it.each([
    ["listening", () => url],
    ["retrying against a port nobody listens on", () => url.replace(`:${port}/`, ":1/")],
  ])("lets a process exit by itself once closed (%s)", async (_, target) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../../test/fixtures/listen-then-close.ts"), target()], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Generous: tsx start-up on a loaded machine; a connection left open would hang for ever.
    const timeout = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 30_000).unref());
    const outcome = await Promise.race([exited, timeout]);
    if (outcome === "hung") child.kill("SIGKILL");
    expect(outcome, output).toBe(0);
    expect(output).toContain("closed");
  });
});
