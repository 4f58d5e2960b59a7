// "Run now" against a real PostgreSQL and a real listening socket: the check counts like a scheduled
// one from this instance's region (recorded, through the state machine), so two good runs confirm a
// new monitor up; a paused monitor, or one probed only from elsewhere, is checked and left alone.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { parsedVerb } from "@/test/verbs";
import { runMonitorNow, RUN_NOW_WORKER_ID } from "./run-monitor-now";
import { RunMonitorNow } from "./schemas";

process.env.PROBE_ALLOW_PRIVATE_NETWORKS = "true"; // the target is this machine (read once by env())

const run = parsedVerb(runMonitorNow, RunMonitorNow);
let server: net.Server;
let target = "";
let editor: Actor;

beforeAll(async () => {
  server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  target = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const created = await db().adminUser.create({ data: { email: `editor-${crypto.randomUUID()}@example.fm`, passwordHash: "x", role: "editor" } });
  editor = { adminId: created.id, email: created.email, role: "editor", ip: null };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const monitor = (data: { enabled?: boolean; regions?: string[] } = {}) =>
  db().monitor.create({ data: { name: `Run now ${crypto.randomUUID()}`, kind: "tcp", target, recoveryThreshold: 2, regions: ["local"], ...data } });

describe("run now", () => {
  it("counts as a check from this region: two good runs confirm a new monitor up, as two scheduled checks would", async () => {
    const { id } = await monitor();
    const t0 = new Date();
    const first = await run({ id }, editor, t0);
    expect(first).toMatchObject({ state: "up", countedIn: "local", monitorState: "unknown" });
    const second = await run({ id }, editor, new Date(t0.getTime() + 1_000));
    expect(second).toMatchObject({ state: "up", countedIn: "local", monitorState: "up" });
    expect(await db().monitor.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "up" });
    const results = await db().checkResult.findMany({ where: { monitorId: id }, orderBy: { slotAt: "asc" } });
    expect(results.map((r) => [r.region, r.workerId, r.state])).toEqual([
      ["local", RUN_NOW_WORKER_ID, "up"],
      ["local", RUN_NOW_WORKER_ID, "up"],
    ]);
  });

  it("a paused monitor, or one probed only from other regions, is checked but not counted", async () => {
    for (const data of [{ enabled: false }, { regions: ["eu-west"] }]) {
      const { id } = await monitor(data);
      expect(await run({ id }, editor)).toMatchObject({ state: "up", countedIn: null, monitorState: "unknown" });
      expect(await db().checkResult.count({ where: { monitorId: id } })).toBe(0);
    }
  });
});
