// The process's shared LISTEN connection against a real PostgreSQL: subscribers with their own
// channels share one backend; each hears only its channels and its own onListening; one that joins
// a running connection is listened for at once, one that leaves stops hearing; a terminated backend
// is recovered for every subscriber; the last one to leave closes the session.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./connection-config";
import { listenShared, type ListenSubscription } from "./shared-listener";

let client: pg.Client;
const url = process.env.DATABASE_URL!;
const subscriptions: ListenSubscription[] = [];

beforeAll(async () => {
  client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
});

afterAll(async () => {
  for (const subscription of subscriptions) await subscription.close();
  await client.end();
});

function subscribe(channels: string[]) {
  const events: string[] = [];
  const subscription = listenShared({
    url,
    channels,
    onNotify: (channel, payload) => events.push(`${channel}:${payload}`),
    onListening: () => events.push("listening"),
    onLost: () => events.push("lost"),
  });
  subscriptions.push(subscription);
  return { subscription, events };
}

/** Backend pids of the shared LISTEN sessions in this test's database. */
async function listenSessions(): Promise<number[]> {
  const result = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = 'vigil-listen' AND datname = current_database()`);
  return result.rows.map((row) => row.pid);
}

async function notify(channel: string, payload: string) {
  await client.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
}

const poll = { timeout: 15_000, interval: 25 };

describe("listenShared", () => {
  it("shares one session among subscribers, delivers per channel, and recovers a terminated backend for each", async () => {
    const a = subscribe(["vigil_test_a", "vigil_test_shared"]);
    const b = subscribe(["vigil_test_b"]);
    const c = subscribe(["vigil_test_shared"]);
    await expect.poll(() => [a, b, c].every(({ subscription }) => subscription.listening), { ...poll, message: "all listening" }).toBe(true);
    const [pid, ...others] = await listenSessions();
    expect(others).toEqual([]);

    await notify("vigil_test_a", "1");
    await notify("vigil_test_b", "2");
    await notify("vigil_test_shared", "3");
    await expect.poll(() => c.events.length === 2, { ...poll, message: "the shared channel's notification" }).toBe(true);
    await expect.poll(() => b.events.length === 2, { ...poll, message: "b's notification" }).toBe(true);
    expect(a.events).toEqual(["listening", "vigil_test_a:1", "vigil_test_shared:3"]);
    expect(b.events).toEqual(["listening", "vigil_test_b:2"]);
    expect(c.events).toEqual(["listening", "vigil_test_shared:3"]);

    // Joining a running connection: its new channel is listened on at once, on the same session.
    const d = subscribe(["vigil_test_d"]);
    await expect.poll(() => d.subscription.listening, { ...poll, message: "the late subscriber listens" }).toBe(true);
    await notify("vigil_test_d", "4");
    await expect.poll(() => d.events.length === 2, { ...poll, message: "the late subscriber's notification" }).toBe(true);
    expect(d.events).toEqual(["listening", "vigil_test_d:4"]);
    expect(await listenSessions()).toEqual([pid]);

    await client.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await expect.poll(() => [a, b, c, d].every(({ events }) => events.filter((event) => event === "listening").length === 2), { ...poll, message: "all listening again" }).toBe(true);
    const [again, ...more] = await listenSessions();
    expect(again).not.toBe(pid);
    expect(more).toEqual([]);
    for (const { events } of [a, b, c, d]) expect(events.slice(-2)).toEqual(["lost", "listening"]);

    await notify("vigil_test_shared", "5");
    await notify("vigil_test_b", "6");
    await notify("vigil_test_d", "7");
    await notify("vigil_test_a", "8");
    await expect.poll(() => a.events.at(-1) === "vigil_test_a:8", { ...poll, message: "the notifications after the reconnect" }).toBe(true);
    expect(a.events.slice(-2)).toEqual(["vigil_test_shared:5", "vigil_test_a:8"]);
    expect(b.events.slice(-1)).toEqual(["vigil_test_b:6"]);
    expect(c.events.slice(-1)).toEqual(["vigil_test_shared:5"]);
    expect(d.events.slice(-1)).toEqual(["vigil_test_d:7"]);

    // Leaving: a subscriber that closed hears nothing more, the others still do.
    await d.subscription.close();
    await c.subscription.close();
    expect(d.subscription.listening).toBe(false);
    await notify("vigil_test_d", "not heard");
    await notify("vigil_test_shared", "9");
    await expect.poll(() => a.events.at(-1) === "vigil_test_shared:9", { ...poll, message: "a still hears the shared channel" }).toBe(true);
    expect(c.events.at(-1)).toBe("vigil_test_shared:5");
    expect(d.events.at(-1)).toBe("vigil_test_d:7");

    // The last one to leave closes the session.
    await a.subscription.close();
    expect(await listenSessions()).toEqual([again]);
    await b.subscription.close();
    await expect.poll(async () => (await listenSessions()).length, { ...poll, message: "the session is gone" }).toBe(0);
  });

  it("refuses a bad channel name before touching the connection", () => {
    expect(() => listenShared({ url, channels: ["Robert'); DROP TABLE"], onNotify: () => undefined })).toThrow(/invalid LISTEN channels: 0: a channel is a lower-case identifier/);
    expect(() => listenShared({ url, channels: [], onNotify: () => undefined })).toThrow(/listen on at least one channel/);
  });
});
