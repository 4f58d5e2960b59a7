// Certificate alerts through processCheckResults: one per (monitor, serial, threshold), one email
// per (certificate, threshold) whatever the number of monitors serving it, one email for several
// thresholds crossed at once, a renewal starts a new series.
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";
import { renderOutboxBatch } from "../outbox/render-outbox-batch";
import type { ClaimedOutboxMessage } from "../outbox/outbox-store";
import { processCheckResults } from "../check-results/process-check-results";

process.env.ALERT_EMAIL = "ops@example.fm"; // read on first use of env(), after this line

const DAY = 86_400_000;
const T0 = new Date("2026-11-29T12:00:00.000Z");

function withCertificate(serial: string, validFrom: Date, validTo: Date, now: Date, host = "cms.example.fm"): CheckResult {
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY);
  return {
    state: "up",
    reasons: [{ code: "ok", message: "OK" }],
    warnings: daysLeft <= 30 ? [{ code: "cert_expiring_soon", severity: daysLeft <= 7 ? "critical" : "warning", message: `${daysLeft} days left` }] : [],
    statusCode: 200,
    latencyMs: 20,
    timings: { dns: 1, connect: 1, tls: 5, ttfb: 10, total: 20 },
    certificate: {
      subject: `CN=${host}`,
      sans: [`DNS:${host}`],
      issuer: "CN=Test CA",
      serial,
      fingerprint256: `AA:BB:${host}:${serial}`,
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      daysLeft,
      lifetimeDays: Math.floor((validTo.getTime() - validFrom.getTime()) / DAY),
      chain: [],
    },
  };
}

describe("certificate alerts", () => {
  it("alerts once per threshold and serial, emails the most severe crossing, and restarts on renewal", async () => {
    const monitor = await db().monitor.create({ data: { name: "CMS TLS", kind: "tls", target: "cms.example.fm:443", regions: ["eu", "us"] } });
    const validFrom = new Date(T0.getTime() - 70 * DAY);
    const validTo = new Date(T0.getTime() + 20 * DAY + 3600_000);
    const seen = (slot: number, region: string, serial = "01", from = validFrom, to = validTo) => {
      const now = new Date(T0.getTime() + slot * DAY);
      return { monitorId: monitor.id, region, workerId: region, slotAt: now, checkedAt: now, result: withCertificate(serial, from, to, now) };
    };
    const alerts = () => db().certificateAlert.findMany({ where: { monitorId: monitor.id }, orderBy: [{ serial: "asc" }, { threshold: "asc" }] });
    const emails = () => db().outboxMessage.findMany({ where: { kind: "certificate_alert" }, orderBy: { id: "asc" } });

    // 20 days left of a 90-day certificate: "30d" and "less than a third of its lifetime" at once.
    await processCheckResults([seen(0, "eu"), seen(0, "us")], T0);
    expect((await alerts()).map((a) => a.threshold)).toEqual(["30d", "lifetime_third"]);
    expect(await emails()).toHaveLength(1);
    expect((await emails())[0]).toMatchObject({ recipient: "ops@example.fm", status: "pending" });

    // The next day, nothing new; at 6 days left, "14d" and "7d" are crossed: one more email.
    await processCheckResults([seen(1, "eu")], new Date(T0.getTime() + DAY));
    expect(await emails()).toHaveLength(1);
    await processCheckResults([seen(14, "eu"), seen(14, "us")], new Date(T0.getTime() + 14 * DAY));
    expect((await alerts()).map((a) => a.threshold)).toEqual(["14d", "30d", "7d", "lifetime_third"]);
    const [, second] = await emails();
    expect(second!.payload).toMatchObject({ threshold: "7d", daysLeft: 6 });
    expect(String((second!.payload as { message: string }).message)).toContain("cms.example.fm");

    // Renewed: a new serial with 90 days left alerts nothing; the series starts over for it.
    const renewedFrom = new Date(T0.getTime() + 15 * DAY);
    const renewedTo = new Date(T0.getTime() + 105 * DAY);
    await processCheckResults([seen(15, "eu", "02", renewedFrom, renewedTo)], new Date(T0.getTime() + 15 * DAY));
    expect((await alerts()).filter((a) => a.serial === "02")).toEqual([]);
    await processCheckResults([seen(80, "eu", "02", renewedFrom, renewedTo)], new Date(T0.getTime() + 80 * DAY));
    expect((await alerts()).filter((a) => a.serial === "02").map((a) => a.threshold)).toEqual(["30d", "lifetime_third"]);
    expect(await emails()).toHaveLength(3);
  });

  it("one email per certificate and threshold for every monitor and component it serves, naming the host and the days left", async () => {
    const cms = await db().component.create({ data: { name: "CMS" } });
    const downloads = await db().component.create({ data: { name: "Episode downloads" } });
    const monitors = await Promise.all(
      [
        { name: "CMS home", kind: "http" as const, target: "https://cdn.example.fm/", componentId: cms.id },
        { name: "CMS certificate", kind: "tls" as const, target: "cdn.example.fm:443", componentId: cms.id },
        { name: "Episode files", kind: "http" as const, target: "https://cdn.example.fm/ep1.mp3", componentId: downloads.id },
      ].map((data) => db().monitor.create({ data })),
    );
    const at = new Date(T0.getTime() + 200 * DAY);
    const validFrom = new Date(at.getTime() - 85 * DAY);
    const validTo = new Date(at.getTime() + 5 * DAY + 3600_000);
    const seen = (monitorId: string, offsetMs: number) => {
      const checkedAt = new Date(at.getTime() + offsetMs);
      return { monitorId, region: "local", workerId: "w", slotAt: checkedAt, checkedAt, result: withCertificate("c1", validFrom, validTo, checkedAt, "cdn.example.fm") };
    };
    // Three monitors, two batches a few seconds apart (two workers).
    await processCheckResults([seen(monitors[0]!.id, 0), seen(monitors[1]!.id, 1000)], at);
    await processCheckResults([seen(monitors[2]!.id, 3000)], new Date(at.getTime() + 3000));
    const rows = await db().outboxMessage.findMany({ where: { kind: "certificate_alert", key: { contains: "cdn.example.fm" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ host: "cdn.example.fm", threshold: "7d", daysLeft: 5, title: "cdn.example.fm certificate expires in 5 days" });
    // Held for the burst window, so the third monitor is on it too.
    expect(rows[0]!.nextAttemptAt.getTime()).toBeGreaterThan(at.getTime());
    const [rendered] = await renderOutboxBatch([rows[0] as unknown as ClaimedOutboxMessage], { from: "Vigil <vigil@example.fm>", now: at });
    expect(rendered!.outcome).toBe("send");
    const email = (rendered as { email: { subject: string; text: string } }).email;
    expect(email.subject).toContain("cdn.example.fm certificate expires in 5 days");
    expect(email.text).toContain("Seen by monitors CMS certificate, CMS home, Episode files; components CMS, Episode downloads.");
  });

  it("keeps the newest certificate seen on the monitor row; an older batch arriving late does not overwrite it", async () => {
    const monitor = await db().monitor.create({ data: { name: "Feeds TLS", kind: "tls", target: "feeds.example.fm:443", regions: ["eu", "us"] } });
    const validFrom = new Date(T0.getTime() - 10 * DAY);
    const check = (at: Date, region: string, serial: string, validTo: Date) => ({
      monitorId: monitor.id, region, workerId: region, slotAt: at, checkedAt: at, result: withCertificate(serial, validFrom, validTo, at),
    });
    const row = () => db().monitor.findUniqueOrThrow({ where: { id: monitor.id }, select: { certExpiresAt: true, certSeenAt: true } });
    expect(await row()).toEqual({ certExpiresAt: null, certSeenAt: null });

    const renewedTo = new Date(T0.getTime() + 90 * DAY);
    await processCheckResults([check(new Date(T0.getTime() + 60_000), "eu", "r2", renewedTo)], T0);
    expect(await row()).toEqual({ certExpiresAt: renewedTo, certSeenAt: new Date(T0.getTime() + 60_000) });

    // The other region's batch of a minute earlier still shows the old certificate: it is older news.
    await processCheckResults([check(T0, "us", "r1", new Date(T0.getTime() + 5 * DAY))], T0);
    expect(await row()).toEqual({ certExpiresAt: renewedTo, certSeenAt: new Date(T0.getTime() + 60_000) });

    // A result without a certificate (the handshake failed) keeps the last one seen.
    const failed = check(new Date(T0.getTime() + 120_000), "eu", "r2", renewedTo);
    await processCheckResults([{ ...failed, result: { ...failed.result, state: "down", certificate: null } }], T0);
    expect(await row()).toEqual({ certExpiresAt: renewedTo, certSeenAt: new Date(T0.getTime() + 60_000) });
  });
});
