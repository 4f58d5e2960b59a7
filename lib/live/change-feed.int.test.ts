// The change feed over the process's LISTEN connection (lib/postgres/shared-listener.ts): the generation
// moves on connect ("reconnect"), on coalesced status notifications ("notify") and when the
// connection is lost ("disconnect") and back ("reconnect"); heartbeats are remembered without
// moving it; after stop() nothing moves any more.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../postgres/connection-config";
import { ChangeFeed, HEARTBEAT_CHANNEL, STATUS_CHANNEL, type FeedChange } from "./change-feed";

let client: pg.Client;
const feed = new ChangeFeed(process.env.DATABASE_URL, 0);

beforeAll(async () => {
  client = new pg.Client(parseDatabaseUrl(process.env.DATABASE_URL!));
  await client.connect();
});

afterAll(async () => {
  await feed.stop();
  await client.end();
});


/** Backend pid of the feed's LISTEN session in this test's database, if it has one. */
async function feedSession(): Promise<number | undefined> {
  const result = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = 'vigil-listen' AND datname = current_database() AND query ILIKE 'LISTEN%'`,
  );
  return result.rows[0]?.pid;
}

describe("ChangeFeed", () => {
  it("moves its generation on connect, notifications, loss and reconnect; not on heartbeats; not after stop", async () => {
    const changes: Omit<FeedChange, "generation">[] = [];
    feed.subscribe(({ reason, tables }) => changes.push({ reason, tables }));
    expect(await feed.ready()).toBe(true);
    expect(changes).toEqual([{ reason: "reconnect", tables: [] }]);

    await client.query(`SELECT pg_notify($1, 'Incident'), pg_notify($1, 'Component'), pg_notify($1, 'Incident')`, [STATUS_CHANNEL]);
    await client.query(`SELECT pg_notify($1, $2)`, [HEARTBEAT_CHANNEL, JSON.stringify({ region: "eu", at: 1_700_000_000_000 })]);
    await expect.poll(() => changes.length === 2, { timeout: 15_000, interval: 25, message: "the coalesced change" }).toBe(true);
    expect(changes[1]).toEqual({ reason: "notify", tables: ["Component", "Incident"] });
    await expect.poll(() => feed.heartbeatsByRegion().length === 1, { timeout: 15_000, interval: 25, message: "the heartbeat" }).toBe(true);
    expect(feed.heartbeatsByRegion()).toEqual([{ region: "eu", at: new Date(1_700_000_000_000) }]);

    const killed = await feedSession();
    expect(killed).toBeDefined();
    await client.query(`SELECT pg_terminate_backend($1)`, [killed]);
    await expect.poll(() => !feed.listening, { timeout: 15_000, interval: 25, message: "the loss" }).toBe(true);
    await expect.poll(() => feed.listening, { timeout: 15_000, interval: 25, message: "listening again" }).toBe(true);
    expect(await feedSession()).not.toBe(killed);
    expect(changes.slice(2)).toEqual([
      { reason: "disconnect", tables: [] },
      { reason: "reconnect", tables: [] },
    ]);

    await client.query(`SELECT pg_notify($1, 'Maintenance')`, [STATUS_CHANNEL]);
    await expect.poll(() => changes.length === 5, { timeout: 15_000, interval: 25, message: "the change after the reconnect" }).toBe(true);
    expect(changes[4]).toEqual({ reason: "notify", tables: ["Maintenance"] });
    const generation = feed.generation;

    await feed.stop();
    expect(feed.listening).toBe(false);
    await expect.poll(async () => (await feedSession()) === undefined, { timeout: 15_000, interval: 25, message: "its session is gone" }).toBe(true);
    await client.query(`SELECT pg_notify($1, 'Incident')`, [STATUS_CHANNEL]);
    feed.start();
    // Past the coalescing window and the first retry: nothing may move a stopped feed.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(feed.generation).toBe(generation);
    expect(await feedSession()).toBeUndefined();
  });
});
