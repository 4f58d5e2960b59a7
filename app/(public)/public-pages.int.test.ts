// The public pages, feeds and badges through the public route table against a real PostgreSQL; the
// change feed (triggers → NOTIFY → LISTEN) invalidating cached views; a cached view making no
// database query; the worker-down notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { db } from "@/lib/db";
import { changeFeed, parseHeartbeat, STATUS_CHANNEL, stopChangeFeed, type FeedChange, type Heartbeat } from "@/lib/live/change-feed";
import { currentStatus } from "@/lib/public-read/current-status";
import { clearViewCache } from "@/lib/public-read/view-cache";
import { recordHeartbeat } from "@/lib/workers/heartbeats";
import { setUpPublicSurface, type PublicFixture } from "@/test/public-fixtures";
import { answerPublic } from "./_routes/public-routes";

let fixture: PublicFixture;
const get = (path: string) => answerPublic(new Request(`http://127.0.0.1${path}`));

beforeAll(async () => {
  fixture = await setUpPublicSurface();
});
afterAll(() => stopChangeFeed());

/** Counts every use of the Prisma client (each model call or raw query is one access). */
function countDatabaseUse(): { count: () => number; restore: () => void } {
  const holder = globalThis as { vigilPrisma?: object };
  const real = db();
  let uses = 0;
  holder.vigilPrisma = new Proxy(real, {
    get(target, property, receiver) {
      uses += 1;
      return Reflect.get(target, property, receiver);
    },
  });
  return { count: () => uses, restore: () => (holder.vigilPrisma = real) };
}

function nextChange(predicate: (change: FeedChange) => boolean = () => true): Promise<FeedChange> {
  return new Promise((resolve) => {
    const stop = changeFeed().subscribe((change) => {
      if (!predicate(change)) return;
      stop();
      resolve(change);
    });
  });
}

const MARKER = "test-marker-";
let markers = 0;

/**
 * Resolves once every notification committed before the call has reached the change feed: a marker
 * goes last, and one LISTEN session receives notifications in commit order. Tests then assert what
 * did or did not arrive, however long delivery takes on a loaded machine (and a test that collects
 * changes calls it first, so an earlier test's writes cannot land in its list). The marker moves the
 * generation like any status notification.
 */
async function notificationsDelivered(): Promise<void> {
  const marker = `${MARKER}${(markers += 1)}`;
  const seen = nextChange((change) => change.tables.includes(marker));
  await db().$executeRaw`SELECT pg_notify(${STATUS_CHANNEL}, ${marker})`;
  await seen;
}

/** The tables each notification change named, markers left out. */
function notified(changes: FeedChange[]): string[][] {
  return changes
    .filter((change) => change.reason === "notify")
    .map((change) => change.tables.filter((table) => !table.startsWith(MARKER)))
    .filter((tables) => tables.length > 0);
}

describe("public pages", () => {
  it("home: 200 HTML with the incident, maintenance and components; a cached view makes no query", async () => {
    const first = await get("/");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await first.text();
    expect(body).toContain("CMS unavailable");
    expect(body).toContain("Maintenance in progress");
    expect(body).toContain("Upcoming maintenance");
    expect(body).toMatch(/data-testid="component"/);

    const counter = countDatabaseUse();
    try {
      const again = await get("/");
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(body);
      await currentStatus(new Date());
      expect(counter.count()).toBe(0);
    } finally {
      counter.restore();
    }
  });

  it("a write by any writer notifies, and the next view shows it", async () => {
    const changed = nextChange((change) => change.reason === "notify");
    await db().component.update({ where: { id: fixture.componentIds["Health API"]! }, data: { status: "partial_outage" } });
    expect((await changed).tables).toContain("Component");
    const { snapshot } = await currentStatus(new Date());
    expect(snapshot.components.find((c) => c.name === "Health API")?.status).toBe("partial_outage");
  });

  it("a statement that changes nothing does not notify", async () => {
    await notificationsDelivered();
    const changes: FeedChange[] = [];
    const stop = changeFeed().subscribe((change) => changes.push(change));
    // A clock job's guarded update that matches no row.
    await db().incident.updateMany({ where: { id: "no-such-incident", status: "investigating" }, data: { status: "identified" } });
    await db().component.updateMany({ where: { id: "no-such-component" }, data: { status: "major_outage" } });
    await notificationsDelivered();
    stop();
    expect(notified(changes)).toEqual([]);
  });

  it("a monitor's state is not public and does not notify (its component's status does); its name and certificate do", async () => {
    const cms = await db().component.findFirstOrThrow({ where: { name: "CMS" } });
    const monitor = await db().monitor.create({ data: { name: "CMS probe", kind: "http", target: "https://cms.example.fm/", componentId: cms.id } });
    await notificationsDelivered();
    const changes: FeedChange[] = [];
    const stop = changeFeed().subscribe((change) => changes.push(change));
    // What every batch of results writes, and a flip: none of it is on the public page.
    await db().monitor.update({ where: { id: monitor.id }, data: { state: "down", stateChangedAt: new Date(), lastCheckedAt: new Date(), stateMemory: { v: 2 } } });
    await db().page.update({ where: { id: "page" }, data: { name: "Vigil demo" } });
    await expect.poll(() => changes.some((c) => c.tables.includes("Page")), { timeout: 5_000 }).toBe(true);
    expect(changes.flatMap((c) => c.tables)).not.toContain("Monitor");
    const renamed = nextChange((c) => c.tables.includes("Monitor"));
    await db().monitor.update({ where: { id: monitor.id }, data: { name: "CMS front" } });
    await renamed;
    const renewed = nextChange((c) => c.tables.includes("Monitor"));
    await db().monitor.update({ where: { id: monitor.id }, data: { certExpiresAt: new Date(Date.now() + 90 * 86_400_000), certSeenAt: new Date() } });
    await renewed;
    stop();
    await db().monitor.delete({ where: { id: monitor.id } });
  });

  it("a burst of writes to several tables is coalesced into one change", async () => {
    await notificationsDelivered();
    const changes: FeedChange[] = [];
    const stop = changeFeed().subscribe((change) => changes.push(change));
    // One transaction, so its notifications reach the feed together at commit: the feed's
    // coalescing decides how many changes follow, not how busy the machine is.
    await db().$transaction([
      ...[0, 1, 2, 3].map((i) => db().page.update({ where: { id: "page" }, data: { name: `Vigil demo ${i}` } })),
      db().$executeRaw`UPDATE "Component" SET status = status`,
      db().page.update({ where: { id: "page" }, data: { name: "Vigil demo" } }),
    ]);
    await notificationsDelivered();
    stop();
    expect(notified(changes)).toEqual([["Component", "Page"]]);
  });

  it("heartbeats do not invalidate the cache (they would defeat it); they announce region and time on their own channel; a new worker does invalidate", async () => {
    await notificationsDelivered();
    const changes: FeedChange[] = [];
    const heartbeats: Heartbeat[] = [];
    const stop = changeFeed().subscribe((change) => changes.push(change));
    const stopHeartbeats = changeFeed().onHeartbeat((heartbeat) => heartbeats.push(heartbeat));
    const worker = { workerId: "w1", region: "local", version: "t", hostname: "h", pid: 1, startedAt: new Date() };
    // The worker's own writer: an upsert, i.e. INSERT ... ON CONFLICT DO UPDATE.
    const first = new Date(Date.now() - 10_000);
    await recordHeartbeat(worker, first);
    await expect.poll(() => heartbeats.length).toBe(1);
    await notificationsDelivered();
    expect(notified(changes).flat()).toEqual(["WorkerHeartbeat"]);
    expect(heartbeats).toEqual([{ region: "local", at: first }]);
    changes.length = 0;

    // Later beats (another region too): remembered per region; none is a status change.
    const times = [1, 2, 3].map((i) => new Date(first.getTime() + i * 1_000));
    for (const at of times) await recordHeartbeat(worker, at);
    const eu = new Date(first.getTime() + 1_500);
    await recordHeartbeat({ ...worker, workerId: "w-eu", region: "eu" }, eu);
    await expect.poll(() => heartbeats.length).toBe(5);
    await notificationsDelivered();
    stop();
    stopHeartbeats();
    // One status notification: w-eu's row is new; the beats themselves moved nothing.
    expect(notified(changes)).toEqual([["WorkerHeartbeat"]]);
    expect(changeFeed().newestHeartbeat()).toEqual(times[2]);
    expect(changeFeed().heartbeatsByRegion()).toEqual([
      { region: "eu", at: eu },
      { region: "local", at: times[2] },
    ]);
    await db().workerHeartbeat.delete({ where: { workerId: "w-eu" } });
  });

  it("an older or malformed heartbeat notification is ignored", async () => {
    const heartbeats: Heartbeat[] = [];
    const stopHeartbeats = changeFeed().onHeartbeat((heartbeat) => heartbeats.push(heartbeat));
    const newest = changeFeed().newestHeartbeat();
    expect(newest).not.toBeNull();
    const bad = [
      "not json",
      "{}",
      JSON.stringify({ region: "", at: 1 }),
      JSON.stringify({ region: "local", at: -5 }),
      JSON.stringify({ region: "local", at: "yesterday" }),
      JSON.stringify({ region: "local", at: 1.5 }),
      JSON.stringify({ region: "local", at: newest!.getTime() + 60_000, extra: true }),
      JSON.stringify({ region: "local", at: newest!.getTime() - 60_000 }), // well-formed but older
    ];
    for (const payload of bad) await db().$executeRaw`SELECT pg_notify('vigil_heartbeat', ${payload})`;
    // A good one after them: once it arrives, the bad ones (sent first, same connection) were seen.
    const good = new Date(newest!.getTime() + 1);
    await db().$executeRaw`SELECT pg_notify('vigil_heartbeat', ${JSON.stringify({ region: "local", at: good.getTime() })})`;
    await expect.poll(() => heartbeats.length).toBeGreaterThan(0);
    stopHeartbeats();
    expect(heartbeats).toEqual([{ region: "local", at: good }]);
    expect(changeFeed().newestHeartbeat()).toEqual(good);
    expect(parseHeartbeat(JSON.stringify({ region: "x", at: 0 }))).toEqual({ region: "x", at: new Date(0) });
  });

  it("a cached page makes no query while heartbeats arrive", async () => {
    const worker = { workerId: "w1", region: "local", version: "t", hostname: "h", pid: 1, startedAt: new Date() };
    // Warm-up: a live worker (the notice, if shown, goes: one re-read), then a cached page.
    const start = Date.now();
    await recordHeartbeat(worker, new Date(start));
    await notificationsDelivered();
    await get("/");
    const changes: FeedChange[] = [];
    const stop = changeFeed().subscribe((change) => changes.push(change));
    const heartbeats: Heartbeat[] = [];
    const stopHeartbeats = changeFeed().onHeartbeat((heartbeat) => heartbeats.push(heartbeat));
    const counter = countDatabaseUse();
    try {
      for (let i = 1; i <= 3; i += 1) {
        await recordHeartbeat(worker, new Date(start + i)); // each newer than the last
        await expect.poll(() => heartbeats.length).toBe(i);
        const before = counter.count();
        await get("/");
        await currentStatus(new Date());
        expect(counter.count()).toBe(before);
      }
    } finally {
      counter.restore();
      stopHeartbeats();
    }
    // Nor did the heartbeats move the generation (a later view would then query again).
    await notificationsDelivered();
    stop();
    expect(notified(changes)).toEqual([]);
  });

  it("shows the monitoring notice once the newest heartbeat is three intervals old", async () => {
    const now = new Date();
    await db().workerHeartbeat.upsert({
      where: { workerId: "w1" },
      create: { workerId: "w1", region: "local", version: "t", hostname: "h", pid: 1, startedAt: now, lastSeenAt: now },
      update: { lastSeenAt: now },
    });
    clearViewCache();
    expect((await currentStatus(now)).monitoringStale).toBe(false);
    // 5 s heartbeats by default: stale after 15 s without one.
    const later = new Date(now.getTime() + 16_000);
    const status = await currentStatus(later);
    expect(status.monitoringStale).toBe(true);
  });

  it("incident page: timeline newest first, components, postmortem; unknown or malformed ids are 404", async () => {
    const ok = await get(`/incidents/${fixture.resolvedId}`);
    expect(ok.status).toBe(200);
    const body = await ok.text();
    expect(body).toContain("<h1>Slow downloads</h1>");
    expect(body).toMatch(/Resolved[\s\S]*Investigating/);
    expect(body).toContain("Episode downloads");
    expect(body).toContain("<h2>What happened</h2>");
    for (const id of ["does-not-exist", "../../etc", "x".repeat(200)]) {
      const missing = await get(`/incidents/${encodeURIComponent(id)}`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Incident not found");
    }
  });

  it("history by month, uptime by month; bad and out-of-range pages answer 400 and 404", async () => {
    const page = await get("/history");
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("CMS unavailable");
    expect(body).toContain("Slow downloads");
    expect((await get("/history?page=abc")).status).toBe(400);
    expect((await get("/history?page=0")).status).toBe(400);
    expect((await get("/history?page=5")).status).toBe(404);
    const months = await get("/uptime");
    expect(months.status).toBe(200);
    expect((await months.text()).match(/data-testid="uptime-row"/g)).toHaveLength(4);
  });

  it("feeds parse back as Atom and RSS with every incident and maintenance", async () => {
    const parser = new Parser();
    const atomFeed = await parser.parseString(await (await get("/history.atom")).text());
    const rssFeed = await parser.parseString(await (await get("/history.rss")).text());
    for (const feed of [atomFeed, rssFeed]) {
      expect(feed.items.map((item) => item.title).sort()).toEqual(["CDN swap", "CMS unavailable", "Database upgrade", "Old work", "Slow downloads"]);
    }
  });

  it("per-component feeds list only what affected the component; an unknown id is a 404 feed, not JSON; the page is the author", async () => {
    const parser = new Parser();
    for (const format of ["atom", "rss"]) {
      const response = await get(`/history.${format}?component=${encodeURIComponent(fixture.componentIds.CMS!)}`);
      expect(response.status).toBe(200);
      const feed = await parser.parseString(await response.text());
      expect(feed.items.map((item) => item.title).sort(), format).toEqual(["CMS unavailable", "Database upgrade"]);
      expect(feed.title).toContain("CMS");
      for (const unknown of ["no-such-component", ""]) {
        const missing = await get(`/history.${format}?component=${unknown}`);
        expect(missing.status, `${format} ?component=${unknown}`).toBe(404);
        expect(missing.headers.get("content-type")).toBe(`application/${format}+xml; charset=utf-8`);
        expect((await parser.parseString(await missing.text())).items).toEqual([]);
      }
    }
    const atom = await (await get("/history.atom")).text();
    expect(atom).toMatch(/<author>\s*<name>Vigil demo<\/name>/);
    const downloads = await parser.parseString(await (await get(`/history.atom?component=${fixture.componentIds["Episode downloads"]}`)).text());
    expect(downloads.items.map((item) => item.title).sort()).toEqual(["CDN swap", "Old work", "Slow downloads"]);
  });

  it("badges: SVG and shields JSON; an unknown subject's SVG is an \"unknown\" SVG badge (404), its JSON and bad paths 404 JSON", async () => {
    const svg = await get("/badge/status.svg");
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await svg.text()).toContain("Partial System Outage");
    const json = await get("/badge/CMS/status.json");
    expect(await json.json()).toEqual({ schemaVersion: 1, label: "CMS", message: "major outage", color: "cf222e" });
    for (const path of ["/badge/nope/status.svg", "/badge/nope/uptime.svg", "/badge/nope/cert-days.svg", "/badge/uptime.svg", "/badge/%E0%A4%A/status.svg"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toBe("image/svg+xml; charset=utf-8");
      const body = await response.text();
      expect(body, path).toMatch(/^<svg /);
      expect(body, path).toMatch(/<title>(component|certificate|badge): unknown<\/title>/);
    }
    for (const path of ["/badge/nope/status.json", "/badge/CMS/status.png", "/badge/a/b/c"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error.code, path).toMatch(/^(not_found|bad_request)$/);
    }
  });

  it("certificate badges read the monitor's newest certificate; only monitors on a component are public", async () => {
    const cms = await db().component.findFirstOrThrow({ where: { name: "CMS" } });
    const now = Date.now();
    const monitor = (name: string, componentId: string | null, expiresInDays: number, seenHoursAgo: number) =>
      db().monitor.create({
        data: { name, kind: "tls", target: `${name.toLowerCase()}.example.fm:443`, componentId, certExpiresAt: new Date(now + expiresInDays * 86_400_000 + 3_600_000), certSeenAt: new Date(now - seenHoursAgo * 3_600_000) },
      });
    const tls = await monitor("CMS TLS", cms.id, 12, 1);
    await monitor("Gone TLS", cms.id, 40, 72);
    await monitor("Private TLS", null, 5, 1);
    const read = async (subject: string) => {
      const response = await get(`/badge/${encodeURIComponent(subject)}/cert-days.json`);
      return { status: response.status, body: await response.json() };
    };
    expect(await read("cms tls")).toEqual({ status: 200, body: { schemaVersion: 1, label: "certificate", message: "12 days left", color: "bc4c00" } });
    expect((await read(tls.id)).body.message).toBe("12 days left");
    expect((await read("Gone TLS")).body.message).toBe("unknown"); // not seen for three days
    expect((await read("Private TLS")).status).toBe(404);
    expect((await read("CMS")).status).toBe(404); // a component, not a monitor
  });
});
