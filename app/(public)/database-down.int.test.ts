// Stops a real PostgreSQL under a running page: the page and /api/v2/summary.json keep answering
// 200 with the last good snapshot and the stale notice, the health endpoint says 503, and a web
// process restarted while the database is down serves the snapshot it persisted under DATA_DIR;
// when the database returns, the change feed reconnects and the page is fresh again.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "@/lib/postgres/embedded";
import { applyMigrations } from "@/lib/postgres/migrate";
import { withDatabase } from "@/lib/postgres/connection-config";
import { adminQuery, freePort } from "@/test/postgres-server";

let server: EmbeddedPostgresServer;
let dataDir: string;
let stateDir: string;
let port: number;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-down-pg-"));
  stateDir = await mkdtemp(path.join(os.tmpdir(), "vigil-down-state-"));
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
  await adminQuery(server.url, `CREATE DATABASE vigil`);
  const url = withDatabase(server.url, "vigil");
  await applyMigrations(url);
  // Before anything reads the environment (env() parses once).
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = stateDir;
});

afterAll(async () => {
  const { stopChangeFeed } = await import("@/lib/live/change-feed");
  const { disconnectDb } = await import("@/lib/db");
  await stopChangeFeed();
  await disconnectDb().catch(() => undefined);
  await server.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

describe("with the database stopped", () => {
  it("keeps serving the last good snapshot with the stale notice, and after a restart too", async () => {
    const { seedPublicFixture } = await import("@/test/public-fixtures");
    const { changeFeed } = await import("@/lib/live/change-feed");
    const { clearViewCache } = await import("@/lib/public-read/view-cache");
    const { disconnectDb } = await import("@/lib/db");
    const { answerPublic } = await import("./_routes/public-routes");
    const home = answerPublic;
    const summary = answerPublic;
    const { GET: health } = await import("../api/health/route");
    await seedPublicFixture();
    expect(await changeFeed().ready()).toBe(true);
    clearViewCache();

    const before = await home(new Request("http://127.0.0.1/"));
    expect(before.status).toBe(200);
    expect(await before.text()).not.toContain("may be stale");
    const summaryBeforeResponse = await summary(new Request("http://127.0.0.1/api/v2/summary.json"));
    expect(summaryBeforeResponse.headers.get("x-vigil-stale")).toBeNull();
    const generatedBefore = summaryBeforeResponse.headers.get("x-vigil-generated-at");
    const summaryBefore = await summaryBeforeResponse.json();

    await server.stop();
    const deadline = Date.now() + 10_000;
    while (changeFeed().listening && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changeFeed().listening).toBe(false);

    const page = await home(new Request("http://127.0.0.1/"));
    expect(page.status).toBe(200);
    expect(page.headers.get("x-vigil-stale")).toBe("1");
    const html = await page.text();
    expect(html).toMatch(/Status data may be stale since <time datetime="[^"]+"[^>]*>\d\d:\d\d UTC<\/time>/);
    expect(html).toContain("CMS unavailable");

    const stale = await summary(new Request("http://127.0.0.1/api/v2/summary.json"));
    expect(stale.status).toBe(200);
    expect(stale.headers.get("x-vigil-stale")).toBe("1");
    expect(stale.headers.get("x-vigil-generated-at")).toBe(generatedBefore);
    const body = await stale.json();
    expect(body).not.toHaveProperty("vigil");
    expect(body.components).toEqual(summaryBefore.components);

    expect((await health()).status).toBe(503);

    // An incident the snapshot holds still opens; a view never cached says it is unavailable.
    const open = body.incidents[0].id as string;
    const incidentPage = await answerPublic(new Request(`http://127.0.0.1/incidents/${open}`));
    expect(incidentPage.status).toBe(200);
    expect(await incidentPage.text()).toContain("Status data may be stale since");
    const historyPage = await answerPublic(new Request("http://127.0.0.1/history"));
    expect(historyPage.status).toBe(503);
    expect(await historyPage.text()).toContain("Temporarily unavailable");

    // A restarted web process: nothing in memory, the database still down.
    clearViewCache();
    await disconnectDb().catch(() => undefined);
    const restarted = await home(new Request("http://127.0.0.1/"));
    expect(restarted.status).toBe(200);
    expect(await restarted.text()).toContain("Status data may be stale since");

    // Nothing persisted either: nothing true to show, so 503 rather than a crash.
    await rm(path.join(stateDir, "views"), { recursive: true, force: true });
    clearViewCache();
    const empty = await home(new Request("http://127.0.0.1/"));
    expect(empty.status).toBe(503);
    expect(await empty.text()).toContain("Temporarily unavailable");
    const emptySummary = await summary(new Request("http://127.0.0.1/api/v2/summary.json"));
    expect(emptySummary.status).toBe(503);
    expect((await emptySummary.json()).error.code).toBe("unavailable");

    // The database comes back: the feed reconnects by itself and the page is fresh again.
    server = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    await expect.poll(() => changeFeed().listening, { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await home(new Request("http://127.0.0.1/"))).status, { timeout: 10_000 }).toBe(200);
    const recovered = await home(new Request("http://127.0.0.1/"));
    expect(recovered.headers.get("x-vigil-stale")).toBeNull();
    expect(await recovered.text()).not.toContain("may be stale");
    expect((await summary(new Request("http://127.0.0.1/api/v2/summary.json"))).headers.get("x-vigil-stale")).toBeNull();
  });
});
