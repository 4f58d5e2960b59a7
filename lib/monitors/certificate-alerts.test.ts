import { describe, expect, it } from "vitest";
import {
  crossesAnyThreshold,
  isCertificateThreshold,
  planCertificateAlerts,
  type CertificateAlertInput,
  type CertificateAlertPlan,
  type CertificateThreshold,
  type ObservedCertificate,
} from "./certificate-alerts";

const DAY_MS = 86_400_000;
const HOST = "cms.example.fm";
const VALID_TO = new Date("2026-12-05T17:50:00.000Z");

function certificate(lifetimeDays: number, serial = "0A:1B", validTo = VALID_TO): ObservedCertificate {
  return { serial, validFrom: new Date(validTo.getTime() - lifetimeDays * DAY_MS), validTo };
}

/** `now` with this many days (fractions allowed, negative once expired) left. */
function daysBefore(days: number, validTo = VALID_TO): Date {
  return new Date(validTo.getTime() - days * DAY_MS);
}

function plan(input: Partial<CertificateAlertInput> & { now: Date }): CertificateAlertPlan {
  return planCertificateAlerts({ host: HOST, certificate: certificate(90), recorded: [], ...input });
}

function sent(result: CertificateAlertPlan): CertificateThreshold[] {
  return result.send.map((alert) => alert.threshold);
}

/** Checks every `stepHours` from `fromDays` left to `toDays` left, recording what each plan says. */
function simulate(cert: ObservedCertificate, fromDays: number, toDays: number, stepHours = 6) {
  const recorded: { serial: string; threshold: string }[] = [];
  const emails: CertificateThreshold[] = [];
  for (let days = fromDays; days >= toDays; days -= stepHours / 24) {
    const result = planCertificateAlerts({ host: HOST, certificate: cert, now: daysBefore(days, cert.validTo), recorded });
    emails.push(...sent(result));
    for (const threshold of [...sent(result), ...result.markConsumed]) recorded.push({ serial: cert.serial, threshold });
  }
  return { emails, recorded: recorded.map((row) => row.threshold) };
}

describe("first check of a 90-day certificate", () => {
  it.each<[number, CertificateThreshold[], CertificateThreshold[]]>([
    // days left, emailed, recorded without an email
    [89, [], []],
    [31.5, [], []],
    [30.5, ["30d"], []], // 30 whole days left, like the check's warning; a third of 90 days is not reached yet
    [29.5, ["30d"], ["lifetime_third"]],
    [20, ["30d"], ["lifetime_third"]],
    [13.2, ["14d"], ["30d", "lifetime_third"]],
    [6.33, ["7d"], ["14d", "30d", "lifetime_third"]],
    // Crossing several thresholds at once: one email, the most severe; the rest never fire later.
    [2.5, ["3d"], ["7d", "14d", "30d", "lifetime_third"]],
    [1.5, ["1d"], ["3d", "7d", "14d", "30d", "lifetime_third"]],
    [0.5, ["1d"], ["3d", "7d", "14d", "30d", "lifetime_third"]],
    [0, ["1d"], ["3d", "7d", "14d", "30d", "lifetime_third"]], // valid up to and including validTo
    [-0.01, ["expired"], ["1d", "3d", "7d", "14d", "30d", "lifetime_third"]],
    [-400, ["expired"], ["1d", "3d", "7d", "14d", "30d", "lifetime_third"]],
  ])("%s days left: email %j, record %j", (days, emailed, consumed) => {
    const result = plan({ now: daysBefore(days) });
    expect(sent(result)).toEqual(emailed);
    expect(result.markConsumed).toEqual(consumed);
  });
});

describe("one alert per (serial, threshold), ever", () => {
  it("walks a 90-day certificate to expiry with one email per threshold", () => {
    const { emails, recorded } = simulate(certificate(90), 90, -3);
    expect(emails).toEqual(["30d", "14d", "7d", "3d", "1d", "expired"]);
    // "lifetime_third" arrives hours after "30d": recorded quietly, never emailed.
    expect(recorded.toSorted()).toEqual(["14d", "1d", "30d", "3d", "7d", "expired", "lifetime_third"]);
  });

  it("walks a one-year certificate: the lifetime third comes first", () => {
    const { emails, recorded } = simulate(certificate(365), 365, -1);
    expect(emails).toEqual(["lifetime_third", "30d", "14d", "7d", "3d", "1d", "expired"]);
    expect(new Set(recorded).size).toBe(recorded.length);
  });

  it("a certificate checked rarely gets one email per crossing, the most severe", () => {
    const cert = certificate(90);
    const recorded: { serial: string; threshold: string }[] = [];
    const emails: CertificateThreshold[][] = [];
    for (const days of [40, 20, 5, 0.5, -1, -2]) {
      const result = planCertificateAlerts({ host: HOST, certificate: cert, now: daysBefore(days), recorded });
      emails.push(sent(result));
      for (const threshold of [...sent(result), ...result.markConsumed]) recorded.push({ serial: cert.serial, threshold });
    }
    expect(emails).toEqual([[], ["30d"], ["7d"], ["1d"], ["expired"], []]);
  });

  it("sends nothing for thresholds already recorded", () => {
    const recorded = ["30d", "14d", "lifetime_third"].map((threshold) => ({ serial: "0A:1B", threshold }));
    expect(plan({ now: daysBefore(10), recorded })).toMatchObject({ send: [], markConsumed: [] });
  });

  it("records quietly a threshold less severe than one already emailed", () => {
    // Only "7d" was configured when it fired; the full default list is configured now.
    const result = plan({ now: daysBefore(6.5), recorded: [{ serial: "0A:1B", threshold: "7d" }] });
    expect(result.send).toEqual([]);
    expect(result.markConsumed).toEqual(["14d", "30d", "lifetime_third"]);
  });

  it("a renewed certificate (new serial) starts a fresh series", () => {
    const old = ["30d", "14d", "7d", "3d", "1d", "lifetime_third"].map((threshold) => ({ serial: "0A:1B", threshold }));
    const renewedValidTo = new Date(VALID_TO.getTime() + 60 * DAY_MS);
    const renewed = certificate(90, "7F:FF", renewedValidTo);
    const at = (days: number) => planCertificateAlerts({ host: HOST, certificate: renewed, now: daysBefore(days, renewedValidTo), recorded: old });
    expect(sent(at(89))).toEqual([]);
    expect(sent(at(25))).toEqual(["30d"]);
    expect(sent(at(2.5))).toEqual(["3d"]);
    // The old serial is still fully recorded.
    expect(sent(plan({ now: daysBefore(2.5), recorded: old }))).toEqual([]);
  });
});

describe("short-lived certificates", () => {
  it.each<[number, CertificateThreshold[]]>([
    // A 6-day certificate is always "within 7 days": only thresholds it lives through apply.
    [5.9, []],
    [3.5, ["3d"]],
    [1.9, ["1d"]],
    [-0.1, ["expired"]],
  ])("6-day certificate, %s days left: %j", (days, emailed) => {
    expect(sent(plan({ certificate: certificate(6), now: daysBefore(days) }))).toEqual(emailed);
  });
});

describe("settings", () => {
  it("uses only the configured day thresholds", () => {
    const settings = { days: [14], expired: false, lifetimeThird: false };
    expect(sent(plan({ now: daysBefore(20), settings }))).toEqual([]);
    expect(plan({ now: daysBefore(10), settings })).toMatchObject({ markConsumed: [] });
    expect(sent(plan({ now: daysBefore(10), settings }))).toEqual(["14d"]);
    expect(sent(plan({ now: daysBefore(-1), settings }))).toEqual(["14d"]);
  });

  it("ignores day thresholds that are not whole positive numbers", () => {
    expect(sent(plan({ now: daysBefore(0.5), settings: { days: [0, -3, 2.5, 3, 3] } }))).toEqual(["3d"]);
  });
});

describe("the alert", () => {
  it("says what expires and when", () => {
    const recorded = ["30d", "14d"].map((threshold) => ({ serial: "0A:1B", threshold }));
    const result = plan({ now: new Date("2026-11-29T10:00:00.000Z"), recorded });
    expect(result.send).toEqual([
      {
        serial: "0A:1B",
        threshold: "7d",
        daysLeft: 6,
        expiresAt: VALID_TO,
        message: "TLS certificate for cms.example.fm expires in 6 days (on 2026-12-05 17:50 UTC)",
      },
    ]);
    expect(result).toMatchObject({ daysLeft: 6, expiresAt: VALID_TO, markConsumed: ["lifetime_third"] });
  });

  it.each<[number, number, string]>([
    [90, 1.5, "TLS certificate for cms.example.fm expires in 1 day (on 2026-12-05 17:50 UTC)"],
    [90, 0.25, "TLS certificate for cms.example.fm expires in less than a day (on 2026-12-05 17:50 UTC)"],
    [90, -2, "TLS certificate for cms.example.fm expired on 2026-12-05 17:50 UTC"],
    [
      365,
      100.5,
      "TLS certificate for cms.example.fm has less than a third of its 365-day lifetime left: it expires in 100 days (on 2026-12-05 17:50 UTC); is automatic renewal failing?",
    ],
  ])("%i-day certificate with %s days left", (lifetime, days, message) => {
    expect(plan({ certificate: certificate(lifetime), now: daysBefore(days) }).send[0]?.message).toBe(message);
  });
});

describe("isCertificateThreshold", () => {
  it.each([
    ["30d", true],
    ["1d", true],
    ["expired", true],
    ["lifetime_third", true],
    ["0d", false],
    ["30", false],
    ["d", false],
    ["-1d", false],
    ["soon", false],
  ])("%s → %s", (value, expected) => {
    expect(isCertificateThreshold(value)).toBe(expected);
  });
});

describe("crossesAnyThreshold", () => {
  it.each([90, 365, 6])("agrees with the plan over a %i-day certificate's life: no threshold crossed, nothing to plan", (lifetime) => {
    const cert = certificate(lifetime);
    const recorded = [{ serial: cert.serial, threshold: "30d" }];
    for (let days = lifetime + 1; days >= -2; days -= 0.25) {
      const now = daysBefore(days);
      const first = plan({ certificate: cert, now });
      const planned = first.send.length + first.markConsumed.length > 0;
      expect(crossesAnyThreshold(cert, now)).toBe(planned);
      if (!planned) expect(plan({ certificate: cert, now, recorded })).toMatchObject({ send: [], markConsumed: [] });
    }
  });

  it("takes the settings", () => {
    const now = daysBefore(20);
    expect(crossesAnyThreshold(certificate(90), now)).toBe(true);
    expect(crossesAnyThreshold(certificate(90), now, { days: [7], lifetimeThird: false })).toBe(false);
  });
});
