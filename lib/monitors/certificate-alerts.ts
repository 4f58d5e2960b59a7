// Certificate expiry alerts: which alert, if any, is due for the certificate a monitor sees now.
// Pure: the caller passes the certificate, `now` and the alerts already recorded (CertificateAlert
// rows, unique per monitor, serial and threshold), and records what this returns.
//
//   planCertificateAlerts({ host, certificate, now, recorded, settings? }): CertificateAlertPlan
//     send          at most one alert to email now: the most severe threshold newly crossed
//     markConsumed  thresholds crossed at the same time (or not worth an email any more): record
//                   them without sending, so they never fire later
//   Record both lists as CertificateAlert rows (the unique key makes a retry harmless).
//   crossesAnyThreshold(certificate, now, settings?): false means nothing can be planned, whatever
//                 was recorded (so the records need not be read)
//
// Thresholds ("30d" … "1d", "expired", "lifetime_third") and why: docs/status-rules.md.
// One alert per (serial, threshold) ever; a renewed certificate (new serial) starts a new series.
import { formatDays, formatUtc } from "../checks/format";

const DAY_MS = 86_400_000;

/** Whole days until validTo, rounded down, negative once expired: the check's `daysLeft`. */
function wholeDaysLeft(validTo: Date, now: Date): number {
  return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
}

export type DayThreshold = `${number}d`;
/** CertificateAlert.threshold. */
export type CertificateThreshold = DayThreshold | "expired" | "lifetime_third";

export type CertificateAlertSettings = {
  /** Alert when this many whole days (or fewer) are left, counted like the check's `daysLeft`. */
  days: readonly number[];
  /** Alert once the certificate has expired. */
  expired: boolean;
  /** Alert when less than a third of the certificate's lifetime is left (renewal is failing). */
  lifetimeThird: boolean;
};

export const DEFAULT_CERTIFICATE_ALERT_SETTINGS: CertificateAlertSettings = {
  days: [30, 14, 7, 3, 1],
  expired: true,
  lifetimeThird: true,
};

export type ObservedCertificate = { serial: string; validFrom: Date; validTo: Date };

export type CertificateAlertInput = {
  /** The host the monitor checks, for the message. */
  host: string;
  certificate: ObservedCertificate;
  now: Date;
  /** Alerts recorded for this monitor (any serial; other serials are ignored). */
  recorded: readonly { serial: string; threshold: string }[];
  settings?: Partial<CertificateAlertSettings>;
};

export type DueCertificateAlert = {
  serial: string;
  threshold: CertificateThreshold;
  daysLeft: number;
  expiresAt: Date;
  message: string;
};

export type CertificateAlertPlan = {
  /** Zero or one alert: a careful admin wants one email, not five. */
  send: DueCertificateAlert[];
  /** Record these for the same serial without sending. */
  markConsumed: CertificateThreshold[];
  /** Whole days left (negative once expired) and the expiry, for the recorded rows. */
  daysLeft: number;
  expiresAt: Date;
};

export function dayThreshold(days: number): DayThreshold {
  return `${days}d`;
}

export function isCertificateThreshold(value: string): value is CertificateThreshold {
  return value === "expired" || value === "lifetime_third" || /^[1-9]\d*d$/.test(value);
}

type Facts = { remainingMs: number; lifetimeMs: number; daysLeft: number; expired: boolean };

function factsOf(certificate: ObservedCertificate, now: Date): Facts {
  const remainingMs = certificate.validTo.getTime() - now.getTime();
  return {
    remainingMs,
    lifetimeMs: certificate.validTo.getTime() - certificate.validFrom.getTime(),
    daysLeft: wholeDaysLeft(certificate.validTo, now),
    // As the check sees it (classify-tls): expired strictly after validTo.
    expired: remainingMs < 0,
  };
}

/**
 * How close to expiry a threshold sits, in days: the smaller, the more severe. "expired" is the
 * most severe; "lifetime_third" sits at a third of the lifetime, plus half a day so that it loses
 * a near tie to a day threshold (a 90-day certificate, one second short of 90 days as Let's Encrypt
 * issues them, reaches both at 30 days): the day threshold's message is the more concrete one.
 */
function severityRank(threshold: string, facts: Facts): number {
  if (threshold === "expired") return Number.NEGATIVE_INFINITY;
  if (threshold === "lifetime_third") return facts.lifetimeMs / 3 / DAY_MS + 0.5;
  const days = Number.parseInt(threshold, 10);
  return Number.isNaN(days) ? Number.POSITIVE_INFINITY : days;
}

function crossedThresholds(settings: CertificateAlertSettings, facts: Facts): CertificateThreshold[] {
  const crossed: CertificateThreshold[] = [];
  if (settings.expired && facts.expired) crossed.push("expired");
  for (const days of new Set(settings.days)) {
    if (!Number.isInteger(days) || days < 1) continue;
    // A threshold the certificate never lived through would fire on first sight of every fresh
    // certificate (a 6-day certificate is always "within 7 days"): that is not news.
    if (facts.lifetimeMs <= days * DAY_MS) continue;
    if (facts.daysLeft <= days) crossed.push(dayThreshold(days));
  }
  // Renewal normally happens with a third of the lifetime left (ACME clients do): less than that
  // means renewal is failing, even when the day thresholds are still far away.
  if (settings.lifetimeThird && facts.remainingMs < facts.lifetimeMs / 3) crossed.push("lifetime_third");
  return crossed;
}

function bySeverity(facts: Facts): (a: string, b: string) => number {
  return (a, b) => severityRank(a, facts) - severityRank(b, facts);
}

function alertMessage(host: string, threshold: CertificateThreshold, certificate: ObservedCertificate, facts: Facts): string {
  const on = formatUtc(certificate.validTo);
  if (threshold === "expired" || facts.expired) return `TLS certificate for ${host} expired on ${on}`;
  const expires = facts.daysLeft < 1 ? `expires in less than a day (on ${on})` : `expires in ${formatDays(facts.daysLeft)} (on ${on})`;
  if (threshold === "lifetime_third") {
    const lifetimeDays = Math.round(facts.lifetimeMs / DAY_MS);
    return `TLS certificate for ${host} has less than a third of its ${lifetimeDays}-day lifetime left: it ${expires}; is automatic renewal failing?`;
  }
  return `TLS certificate for ${host} ${expires}`;
}

/**
 * Whether the certificate has crossed any threshold. One that has not has nothing to alert, whatever
 * was recorded before (planCertificateAlerts then plans nothing): callers skip reading its records.
 */
export function crossesAnyThreshold(certificate: ObservedCertificate, now: Date, settings?: Partial<CertificateAlertSettings>): boolean {
  return crossedThresholds({ ...DEFAULT_CERTIFICATE_ALERT_SETTINGS, ...settings }, factsOf(certificate, now)).length > 0;
}

export function planCertificateAlerts(input: CertificateAlertInput): CertificateAlertPlan {
  const { host, certificate, now } = input;
  const settings = { ...DEFAULT_CERTIFICATE_ALERT_SETTINGS, ...input.settings };
  const facts = factsOf(certificate, now);
  const plan: CertificateAlertPlan = { send: [], markConsumed: [], daysLeft: facts.daysLeft, expiresAt: certificate.validTo };

  const recorded = input.recorded.filter((row) => row.serial === certificate.serial).map((row) => row.threshold);
  const alreadyRecorded = new Set(recorded);
  const fresh = crossedThresholds(settings, facts)
    .filter((threshold) => !alreadyRecorded.has(threshold))
    .sort(bySeverity(facts));
  const [mostSevere, ...lessSevere] = fresh;
  if (mostSevere === undefined) return plan;

  // After "expires in 3 days", "less than a third of its lifetime left" is a step back: record it
  // quietly. Only a threshold more severe than every alert already recorded is worth an email.
  const worstRecorded = Math.min(...recorded.map((threshold) => severityRank(threshold, facts)));
  if (severityRank(mostSevere, facts) >= worstRecorded) return { ...plan, markConsumed: fresh };

  const message = alertMessage(host, mostSevere, certificate, facts);
  return {
    ...plan,
    send: [{ serial: certificate.serial, threshold: mostSevere, daysLeft: facts.daysLeft, expiresAt: certificate.validTo, message }],
    markConsumed: lessSevere,
  };
}
