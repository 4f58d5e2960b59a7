// Automatic incidents through the real verbs: result sequences in, incidents with their timeline and
// outbox rows out. One outage is one incident (shared certificate, shared host, or close in time),
// one mail per public update per subscriber in scope, bursts folded, flapping quiet, resolution on
// time. Each test has its own day and hosts, so tests sharing this file's database never correlate.
import { describe, expect, it } from "vitest";
import type { ReasonCode } from "../checks/reason-codes";
import type { CertificateFacts, CheckResult } from "../checks/schemas";
import { db } from "../db";
import { processCheckResults } from "../check-results/process-check-results";
import { nextIncidentMoment, resolveQuietIncidents, runIncidentClock } from "./incident-clock";

const DAY = 86_400_000;
let nextDay = 0;
/** A timeline of its own for one test: `at(seconds)`. */
function timeline() {
  const start = new Date("2026-11-01T12:00:00.000Z").getTime() + nextDay++ * DAY;
  return (seconds: number) => new Date(start + seconds * 1000);
}

function certificate(host: string, fingerprint: string): CertificateFacts {
  return {
    subject: `CN=${host}`,
    sans: [`DNS:${host}`],
    issuer: "CN=Test CA",
    serial: "01",
    fingerprint256: fingerprint,
    validFrom: "2025-10-01T00:00:00.000Z",
    validTo: "2026-10-31T17:50:00.000Z",
    daysLeft: -1,
    lifetimeDays: 395,
    chain: [],
  };
}

function result(state: CheckResult["state"], code: ReasonCode, message: string, cert: CertificateFacts | null = null): CheckResult {
  return { state, reasons: [{ code, message }], warnings: [], statusCode: null, latencyMs: 10, timings: { dns: null, connect: 1, tls: 2, ttfb: null, total: 10 }, certificate: cert };
}
const up = result("up", "ok", "OK");
const refused = (host: string) => result("down", "connection_refused", `Connection to ${host}:443 refused`);
const timedOut = (host: string) => result("down", "timeout", `No response from https://${host}:8443/health within 3000 ms`);
const expired = (host: string, fingerprint = `fp-${host}`) =>
  result("down", "tls_expired", `TLS certificate for ${host} expired at 2026-10-31 17:50 UTC (https://${host}:8443/health)`, certificate(host, fingerprint));

type At = (seconds: number) => Date;
function checks(at: At, monitorId: string, slots: number[], outcome: CheckResult, step = 60) {
  return slots.map((slot) => ({ monitorId, region: "local", workerId: "w", slotAt: at(slot * step), checkedAt: at(slot * step + 1), result: outcome }));
}

/** A component with monitors on `host`, and subscribers: whole page, this component, its group, another component, one unconfirmed. */
async function page(name: string, host: string, kinds: ("http" | "tls")[] = ["http"]) {
  const group = await db().componentGroup.create({ data: { name: `${name} group` } });
  const component = await db().component.create({ data: { name, groupId: group.id } });
  const other = await db().component.create({ data: { name: `${name} (unrelated)` } });
  const monitorIds: string[] = [];
  for (const [i, kind] of kinds.entries()) {
    const target = kind === "http" ? `https://${host}:8443/health` : `${host}:8443`;
    monitorIds.push((await db().monitor.create({ data: { name: `${name} ${kind} ${i}`, kind, target, componentId: component.id } })).id);
  }
  const tag = name.toLowerCase().replace(/\W+/g, "-");
  const subscriber = (email: string, data: object) => db().subscriber.create({ data: { email: `${tag}-${email}`, ...data } });
  await subscriber("all@x.test", { status: "confirmed" });
  await subscriber("component@x.test", { status: "confirmed", allComponents: false, components: { create: { componentId: component.id } } });
  await subscriber("group@x.test", { status: "confirmed", allComponents: false, groups: { create: { groupId: group.id } } });
  await subscriber("other@x.test", { status: "confirmed", allComponents: false, components: { create: { componentId: other.id } } });
  await subscriber("pending@x.test", { status: "pending" });
  return { componentId: component.id, monitorIds, tag };
}

async function incidentsOf(componentId: string) {
  return db().incident.findMany({
    where: { components: { some: { componentId } } },
    orderBy: { startedAt: "asc" },
    include: { updates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { outboxMessages: true } }, components: { include: { component: true } } },
  });
}

/** Mail rows of an incident addressed to one page's subscribers, by update. */
function mailsOf(incident: Awaited<ReturnType<typeof incidentsOf>>[number], tag: string) {
  return incident.updates.map((u) => u.outboxMessages.map((m) => m.recipient).filter((r) => r.startsWith(`${tag}-`)).sort());
}

describe("automatic incidents", () => {
  it("opens one incident on a confirmed outage, in public words, notifies the subscribers in scope, and resolves on time", async () => {
    const at = timeline();
    const { componentId, monitorIds, tag } = await page("CMS", "cms.example.fm");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(at, monitorId, [0, 1], up), at(61));
    await processCheckResults(checks(at, monitorId, [2, 3], refused("10.1.2.3")), at(181));
    expect(await incidentsOf(componentId)).toEqual([]); // two failures are a blip, not an outage

    await processCheckResults(checks(at, monitorId, [4], refused("10.1.2.3")), at(241));
    const [incident, ...others] = await incidentsOf(componentId);
    expect(others).toEqual([]);
    // One of the page's components down: a major incident, not a critical one.
    expect(incident).toMatchObject({ name: "CMS is down", status: "investigating", impact: "major", source: "automatic" });
    expect(incident!.components).toEqual([expect.objectContaining({ componentId, status: "major_outage" })]);
    expect(incident!.updates).toHaveLength(1);
    expect(incident!.updates[0]).toMatchObject({ status: "investigating", automatic: true, notify: true, reasonCode: "connection_refused", body: "CMS refuses connections." });
    // The probe's words (address, port) are for admins only.
    expect(incident!.updates[0]!.internalDetail).toBe("CMS http 0 failed: Connection to 10.1.2.3:443 refused");
    expect(mailsOf(incident!, tag)).toEqual([[`${tag}-all@x.test`, `${tag}-component@x.test`, `${tag}-group@x.test`]]);
    expect((await db().component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe("major_outage");

    // Recovery: two good checks → "monitoring", and the quiet period's end is known to the minute.
    await processCheckResults(checks(at, monitorId, [5, 6], up), at(361));
    expect(await nextIncidentMoment(at(361), 3_600_000)).toEqual(at(361 + 600));
    expect(await nextIncidentMoment(at(361), 599_000)).toBeNull(); // beyond the horizon: planned again later
    expect(await nextIncidentMoment(at(361 + 600), 3_600_000)).toBeNull(); // come: run then, not planned again
    let [current] = await incidentsOf(componentId);
    expect(current).toMatchObject({ status: "monitoring", monitoringAt: at(361) });
    expect(current!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring"]);
    expect((await db().component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe("operational");

    await resolveQuietIncidents(at(361 + 599));
    expect((await incidentsOf(componentId))[0]!.status).toBe("monitoring");
    await resolveQuietIncidents(at(361 + 600));
    [current] = await incidentsOf(componentId);
    expect(current).toMatchObject({ status: "resolved", resolvedAt: at(361 + 600) });
    expect(current!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring", "resolved"]);
    expect(current!.updates[2]!.body).toBe("Resolved: everything has worked without a failure for 10 minutes.");
    expect(mailsOf(current!, tag).map((m) => m.length)).toEqual([3, 3, 3]);
    expect(await db().automaticIncidentClaim.count({ where: { componentId } })).toBe(0);

    // A new outage after resolution is a new incident.
    await processCheckResults(checks(at, monitorId, [20, 21, 22], refused("10.1.2.3")), at(22 * 60 + 1));
    expect((await incidentsOf(componentId)).map((i) => i.status).sort()).toEqual(["investigating", "resolved"]);
  });

  it("one certificate behind two components: one incident naming it, one mail per subscriber, even as a burst of confirmations", async () => {
    const at = timeline();
    const host = "cdn.example.fm";
    const cms = await page("CMS at cdn", host, ["http", "tls"]);
    const downloads = await page("Episode downloads", host);
    const lapse = expired(host, "fp-shared");
    // Confirmations arrive in three batches a couple of seconds apart (three monitors, two workers).
    await processCheckResults(checks(at, cms.monitorIds[0]!, [0, 1, 2], lapse), at(121));
    await processCheckResults(checks(at, cms.monitorIds[1]!, [0, 1, 2], lapse), at(123));
    await processCheckResults(checks(at, downloads.monitorIds[0]!, [0, 1, 2], lapse), at(125));

    const [incident, ...others] = await incidentsOf(cms.componentId);
    expect(others).toEqual([]);
    expect((await incidentsOf(downloads.componentId)).map((i) => i.id)).toEqual([incident!.id]);
    expect(incident!.name).toBe("TLS certificate for cdn.example.fm expired — CMS at cdn and Episode downloads are down");
    expect(incident!.components.map((c) => [c.component.name, c.status])).toEqual([
      ["CMS at cdn", "major_outage"],
      ["Episode downloads", "major_outage"],
    ]);
    // The burst is one update, and one mail to each subscriber whose scope it touches.
    expect(incident!.updates).toHaveLength(1);
    expect(incident!.updates[0]!.body).toBe(
      "The TLS certificate for cdn.example.fm expired on 2026-10-31 17:50 UTC. CMS at cdn cannot be reached securely. Episode downloads is also affected.",
    );
    expect(incident!.updates[0]!.body).not.toMatch(/https?:|8443/);
    expect(mailsOf(incident!, cms.tag)).toEqual([[`${cms.tag}-all@x.test`, `${cms.tag}-component@x.test`, `${cms.tag}-group@x.test`]]);
    expect(mailsOf(incident!, downloads.tag)).toEqual([
      [`${downloads.tag}-all@x.test`, `${downloads.tag}-component@x.test`, `${downloads.tag}-group@x.test`],
    ]);
    // Mail waits for the burst window, so a late member of the burst still joins it.
    expect(incident!.updates[0]!.outboxMessages.every((m) => m.nextAttemptAt.getTime() === at(131).getTime())).toBe(true);

    // The certificate is renewed: every monitor recovers; the incident resolves when all have.
    await processCheckResults([...checks(at, cms.monitorIds[0]!, [3, 4], up), ...checks(at, cms.monitorIds[1]!, [3, 4], up)], at(241));
    expect((await incidentsOf(cms.componentId))[0]!.status).toBe("investigating"); // downloads still down
    await processCheckResults(checks(at, downloads.monitorIds[0]!, [3, 4], up), at(245));
    expect(await nextIncidentMoment(at(245), 3_600_000)).toEqual(at(245 + 600));
    await resolveQuietIncidents(at(245 + 600));
    const [done] = await incidentsOf(cms.componentId);
    expect(done!.status).toBe("resolved");
    expect(done!.updates.map((u) => u.body)).toEqual([
      expect.stringContaining("Episode downloads is also affected."),
      "CMS at cdn is responding again; 1 other component still affected.",
      "Episode downloads is responding again. We are monitoring to make sure it stays up.",
      "Resolved: everything has worked without a failure for 10 minutes.",
    ]);
    // The CMS-only subscriber hears of the CMS, the downloads-only one of the downloads: never the other's news.
    const cmsOnly = done!.updates.map((u) => u.outboxMessages.filter((m) => m.recipient === `${cms.tag}-component@x.test`).length);
    const downloadsOnly = done!.updates.map((u) => u.outboxMessages.filter((m) => m.recipient === `${downloads.tag}-component@x.test`).length);
    expect(cmsOnly).toEqual([1, 1, 0, 1]);
    expect(downloadsOnly).toEqual([1, 0, 1, 1]);
  });

  it("a certificate found after a timeout opened the incident: the title and the held opening mail both name it", async () => {
    // Under load one monitor's newest failure can be a timeout while the certificate is the cause.
    const at = timeline();
    const host = "studio.example.fm";
    const cms = await page("Studio CMS", host, ["http", "tls"]);
    const downloads = await page("Studio downloads", host);
    await processCheckResults(checks(at, cms.monitorIds[0]!, [0, 1, 2], timedOut(host)), at(121));
    const [opening] = await incidentsOf(cms.componentId);
    expect(opening!.name).toBe("Studio CMS is down");
    expect(opening!.updates.map((u) => u.body)).toEqual(["Studio CMS does not respond in time."]);

    await processCheckResults(checks(at, cms.monitorIds[1]!, [0, 1, 2], expired(host)), at(123));
    await processCheckResults(checks(at, downloads.monitorIds[0]!, [0, 1, 2], expired(host)), at(125));
    const [incident, ...others] = await incidentsOf(downloads.componentId);
    expect(others).toEqual([]);
    expect(incident!.id).toBe(opening!.id);
    expect(incident!.name).toBe("TLS certificate for studio.example.fm expired — Studio CMS and Studio downloads are down");
    expect(incident!.updates.map((u) => u.body)).toEqual([
      "Studio CMS does not respond in time. The TLS certificate for studio.example.fm expired on 2026-10-31 17:50 UTC. Studio CMS cannot be reached securely. Studio downloads is also affected.",
    ]);
    expect(mailsOf(incident!, cms.tag)).toEqual([[`${cms.tag}-all@x.test`, `${cms.tag}-component@x.test`, `${cms.tag}-group@x.test`]]);
    expect(mailsOf(incident!, downloads.tag)).toEqual([[`${downloads.tag}-all@x.test`, `${downloads.tag}-component@x.test`, `${downloads.tag}-group@x.test`]]);
  });

  it("a component joining with a certificate the incident has not named says so, though it shares the host", async () => {
    const at = timeline();
    const host = "shows.example.fm";
    const cms = await page("Shows CMS", host, ["http", "tls"]);
    const downloads = await page("Shows downloads", host);
    await processCheckResults(checks(at, cms.monitorIds[0]!, [0, 1, 2], timedOut(host)), at(121));
    await processCheckResults(checks(at, downloads.monitorIds[0]!, [0, 1, 2], expired(host)), at(123));
    // The CMS's own certificate monitor confirms last: the incident already names that certificate.
    await processCheckResults(checks(at, cms.monitorIds[1]!, [0, 1, 2], expired(host)), at(125));
    const [incident, ...others] = await incidentsOf(cms.componentId);
    expect(others).toEqual([]);
    expect(incident!.name).toBe("TLS certificate for shows.example.fm expired — Shows CMS and Shows downloads are down");
    expect(incident!.updates.map((u) => u.body)).toEqual([
      "Shows CMS does not respond in time. Shows downloads is also affected. The TLS certificate for shows.example.fm expired on 2026-10-31 17:50 UTC. Shows downloads cannot be reached securely.",
    ]);
  });

  it("a component failing later with the same cause joins with an update of its own, mailed only within its scope", async () => {
    const at = timeline();
    const host = "media.example.fm";
    const cms = await page("Publisher CMS", host);
    const player = await page("Web player", host);
    await processCheckResults(checks(at, cms.monitorIds[0]!, [0, 1, 2], expired(host)), at(121));
    await processCheckResults(checks(at, player.monitorIds[0]!, [2, 3, 4], expired(host)), at(241)); // a minute later
    const [incident, ...others] = await incidentsOf(player.componentId);
    expect(others).toEqual([]);
    expect(incident!.updates.map((u) => u.body)).toEqual([
      "The TLS certificate for media.example.fm expired on 2026-10-31 17:50 UTC. Publisher CMS cannot be reached securely.",
      "Web player is also affected.",
    ]);
    expect(mailsOf(incident!, cms.tag)).toEqual([[`${cms.tag}-all@x.test`, `${cms.tag}-component@x.test`, `${cms.tag}-group@x.test`], [`${cms.tag}-all@x.test`]]);
    expect(mailsOf(incident!, player.tag)).toEqual([[`${player.tag}-all@x.test`], [`${player.tag}-all@x.test`, `${player.tag}-component@x.test`, `${player.tag}-group@x.test`]]);
  });

  it("unrelated failures join within the correlation window and open their own incident after it", async () => {
    const at = timeline();
    const feeds = await page("Feeds", "feeds.example.fm");
    const stats = await page("Stats", "stats.example.fm");
    const search = await page("Search", "search.example.fm");
    await processCheckResults(checks(at, feeds.monitorIds[0]!, [0, 1, 2], refused("feeds")), at(121));
    await processCheckResults(checks(at, stats.monitorIds[0]!, [2, 3, 4], refused("stats")), at(241)); // 2 minutes later: joins
    await processCheckResults(checks(at, search.monitorIds[0]!, [6, 7, 8], refused("search")), at(481)); // 4 minutes after the last: its own
    const [joint] = await incidentsOf(stats.componentId);
    expect(joint!.name).toBe("Feeds and Stats are down");
    expect(joint!.updates[1]!.body).toBe("Stats is also affected. Stats refuses connections.");
    const [own] = await incidentsOf(search.componentId);
    expect(own!.id).not.toBe(joint!.id);
    expect(own!.name).toBe("Search is down");
  });

  it("two host names on one address that refuses connections are one incident, however far apart they fail", async () => {
    const at = timeline();
    const api = await page("Partner API", "api.partner.example");
    const hooks = await page("Partner hooks", "hooks.partner.example");
    const refusedAt = (address: string): CheckResult => ({ ...refused("partner"), address });
    await processCheckResults(checks(at, api.monitorIds[0]!, [0, 1, 2], refusedAt("203.0.113.7")), at(121));
    await processCheckResults(checks(at, hooks.monitorIds[0]!, [8, 9, 10], refusedAt("203.0.113.7")), at(601)); // 8 minutes later
    const [incident, ...others] = await incidentsOf(hooks.componentId);
    expect(others).toEqual([]);
    expect(incident!.name).toBe("Partner API and Partner hooks are down");
    // Another address, far apart in time: its own incident.
    const other = await page("Partner files", "files.partner.example");
    await processCheckResults(checks(at, other.monitorIds[0]!, [20, 21, 22], refusedAt("203.0.113.8")), at(1321));
    expect((await incidentsOf(other.componentId))[0]!.id).not.toBe(incident!.id);
  });

  it("two workers confirming one certificate's lapse on two components at once make one incident", async () => {
    const at = timeline();
    const host = "race.example.fm";
    const a = await page("Race A", host);
    const b = await page("Race B", host);
    await Promise.all([
      processCheckResults(checks(at, a.monitorIds[0]!, [0, 1, 2], expired(host)), at(121)),
      processCheckResults(checks(at, b.monitorIds[0]!, [0, 1, 2], expired(host)), at(121)),
    ]);
    const incidents = await incidentsOf(a.componentId);
    expect(incidents).toHaveLength(1);
    expect((await incidentsOf(b.componentId)).map((i) => i.id)).toEqual([incidents[0]!.id]);
    expect(incidents[0]!.updates).toHaveLength(1);
    expect(mailsOf(incidents[0]!, a.tag)[0]).toHaveLength(3);
    expect(mailsOf(incidents[0]!, b.tag)[0]).toHaveLength(3);
  });

  it("two monitors of one component confirmed down by two workers at once yield one incident and one mail", async () => {
    const at = timeline();
    const { componentId, monitorIds, tag } = await page("Downloads", "dl.example.fm", ["http", "http"]);
    const [a, b] = monitorIds as [string, string];
    await Promise.all([processCheckResults(checks(at, a, [0, 1, 2], refused("dl")), at(121)), processCheckResults(checks(at, b, [0, 1, 2], refused("dl")), at(121))]);
    const incidents = await incidentsOf(componentId);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.updates.filter((u) => u.notify)).toHaveLength(1);
    expect(mailsOf(incidents[0]!, tag).flat()).toHaveLength(3);
  });

  it("a relapse after the recovery was mailed is mailed; one within the recovery hold withdraws the recovery mail and stays quiet", async () => {
    const at = timeline();
    const { componentId, monitorIds, tag } = await page("Uploads", "uploads.example.fm");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(at, monitorId, [0, 1, 2], refused("u")), at(121));
    await processCheckResults(checks(at, monitorId, [3, 4], up), at(241)); // recovery mail held until 361
    await processCheckResults(checks(at, monitorId, [5, 6, 7], refused("u")), at(421)); // after the hold
    let [incident] = await incidentsOf(componentId);
    expect(incident!.status).toBe("investigating");
    expect(incident!.updates.map((u) => u.status)).toEqual(["investigating", "monitoring", "investigating"]);
    expect(incident!.updates[2]!.body).toBe("Uploads is failing again. Uploads refuses connections.");
    expect(mailsOf(incident!, tag).map((m) => m.length)).toEqual([3, 3, 3]);

    await processCheckResults(checks(at, monitorId, [8, 9], up), at(541)); // held until 661
    await processCheckResults(checks(at, monitorId, [10, 11, 12], refused("u")), at(601)); // within the hold
    [incident] = await incidentsOf(componentId);
    expect(incident!.updates.map((u) => [u.status, u.notify])).toEqual([
      ["investigating", true],
      ["monitoring", true],
      ["investigating", true],
      ["monitoring", false],
      ["investigating", false],
    ]);
    expect(mailsOf(incident!, tag).map((m) => m.length)).toEqual([3, 3, 3, 0, 0]);
  });

  it.each([
    ["down 3, up 2", [3, 2]],
    ["down 4, up 2", [4, 2]],
    ["down 5, up 3", [5, 3]],
    ["down 3, up 4", [3, 4]],
    ["down 8, up 5", [8, 5]],
  ] as const)("a flapping target (%s at 10 s, default thresholds) mails only its opening and its resolution", async (_, [downFor, upFor]) => {
    const at = timeline();
    const { componentId, monitorIds, tag } = await page(`Flappy ${downFor}-${upFor}`, `flappy-${downFor}-${upFor}.example.fm`);
    const [monitorId] = monitorIds as [string];
    let slot = 0;
    const run = async (outcome: CheckResult, count: number) => {
      for (let i = 0; i < count; i++, slot++) await processCheckResults(checks(at, monitorId, [slot], outcome, 10), at(slot * 10 + 1));
    };
    await run(up, 2);
    for (let cycle = 0; cycle < 8; cycle++) {
      await run(refused("f"), downFor);
      await run(up, upFor);
    }
    await run(up, 60); // settles up: the flapping window forgets, the quiet period starts
    await resolveQuietIncidents(at(slot * 10 + 600));
    const incidents = await incidentsOf(componentId);
    expect(incidents.map((i) => i.status)).toEqual(["resolved"]);
    const mails = mailsOf(incidents[0]!, tag);
    const mailed = incidents[0]!.updates.filter((_, i) => mails[i]!.length > 0);
    expect(mailed.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    expect(incidents[0]!.updates.length).toBeGreaterThan(2); // every change is still on the public timeline
  });

  it("a target that never fails long enough to confirm opens nothing and mails nothing", async () => {
    const at = timeline();
    const { componentId, monitorIds } = await page("Blippy", "blippy.example.fm");
    for (let slot = 0; slot < 40; slot++) await processCheckResults(checks(at, monitorIds[0]!, [slot], slot % 2 ? up : refused("b"), 10), at(slot * 10 + 1));
    expect(await incidentsOf(componentId)).toEqual([]);
  });

  it("holds notifications while a monitor flaps; subscribers who last heard 'down' are not told again when it settles down", async () => {
    const at = timeline();
    const { componentId, monitorIds } = await page("Player", "player.example.fm");
    const [monitorId] = monitorIds as [string];
    await db().monitor.update({ where: { id: monitorId }, data: { failureThreshold: 1, recoveryThreshold: 1 } });
    // down, up, down, up … : every check changes the confirmed state.
    for (let slot = 0; slot < 10; slot++) {
      await processCheckResults(checks(at, monitorId, [slot], slot % 2 === 0 ? refused("p") : up), at(slot * 60 + 1));
    }
    expect((await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).flapping).toBe(true);
    const [incident] = await incidentsOf(componentId);
    const notifiedWhileFlapping = incident!.updates.filter((u) => u.notify).length;
    expect(incident!.updates.length).toBeGreaterThan(notifiedWhileFlapping); // some updates were held

    // Then it stays down until the flapping window settles.
    let slot = 10;
    while ((await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).flapping && slot < 60) {
      await processCheckResults(checks(at, monitorId, [slot], refused("p")), at(slot * 60 + 1));
      slot++;
    }
    expect(slot).toBeLessThan(60);
    const [after] = await incidentsOf(componentId);
    expect(after!.updates.filter((u) => u.outboxMessages.length > 0).map((u) => u.status)).toEqual(["investigating"]);
    expect(after!.updates.map((u) => u.body)).not.toContainEqual(expect.stringContaining("stopped flapping"));
    expect(await incidentsOf(componentId)).toHaveLength(1);
  });

  it("a partial outage that becomes total updates the same incident, and the escalation is mailed", async () => {
    const at = timeline();
    const { componentId, monitorIds, tag } = await page("Storage", "storage.example.fm", ["http", "http"]);
    const [a, b] = monitorIds as [string, string];
    await processCheckResults([...checks(at, a, [0, 1], up), ...checks(at, b, [0, 1], up)], at(61));
    await processCheckResults(checks(at, a, [2, 3, 4], refused("s")), at(241));
    let [incident] = await incidentsOf(componentId);
    expect(incident).toMatchObject({ name: "Storage is partly down", impact: "minor" });
    expect(incident!.components[0]!.status).toBe("partial_outage");

    await processCheckResults(checks(at, b, [3, 4, 5], refused("s")), at(301));
    [incident] = await incidentsOf(componentId);
    expect(incident).toMatchObject({ name: "Storage is down", impact: "major" });
    expect(incident!.components[0]!.status).toBe("major_outage");
    expect(incident!.updates.map((u) => u.body)).toEqual(["Storage refuses connections.", "Storage is now down. Storage refuses connections."]);
    expect(mailsOf(incident!, tag).map((m) => m.length)).toEqual([3, 3]);
    expect(await incidentsOf(componentId)).toHaveLength(1);
  });

  it("a monitor's public description replaces Vigil's words", async () => {
    const at = timeline();
    const { componentId, monitorIds } = await page("Analytics", "analytics.example.fm");
    await db().monitor.update({ where: { id: monitorIds[0]! }, data: { publicDescription: "Download statistics are not updating." } });
    await processCheckResults(checks(at, monitorIds[0]!, [0, 1, 2], refused("a")), at(121));
    const [incident] = await incidentsOf(componentId);
    expect(incident!.updates[0]!.body).toBe("Download statistics are not updating.");
  });

  it("leaves an incident an admin took over alone", async () => {
    const at = timeline();
    const { componentId, monitorIds } = await page("API", "api.example.fm");
    const [monitorId] = monitorIds as [string];
    await processCheckResults(checks(at, monitorId, [0, 1, 2], refused("api")), at(121));
    const [incident] = await incidentsOf(componentId);
    await db().incident.update({ where: { id: incident!.id }, data: { takenOverAt: at(130) } });
    await processCheckResults(checks(at, monitorId, [3, 4], up), at(241));
    await runIncidentClock(at(241 + 3600));
    const [after] = await incidentsOf(componentId);
    expect(after).toMatchObject({ status: "investigating", resolvedAt: null });
    expect(after!.updates).toHaveLength(1);
  });
});
