// Certificate expiry alerts for admins (not public): from the newest certificate each monitor saw,
// record the thresholds crossed (one row per monitor, serial and threshold, ever) and queue one
// email per certificate and threshold when ALERT_EMAIL is set — several monitors (and components)
// served by one certificate share that email, which lists them all: it waits for the burst window
// so monitors that cross in other batches moments later are on it. A renewed certificate has a new
// fingerprint and starts a new series. Runs in the caller's transaction.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { certificateEvent } from "../alerts/alert-events";
import { alertLinks, recordAlerts } from "../alerts/record-alerts";
import { certificateHost } from "../checks/certificate-host";
import { formatDays } from "../checks/format";
import { crossesAnyThreshold, planCertificateAlerts } from "./certificate-alerts";
import type { RecordedCheck } from "../check-results/record-check-results";

export type CertificateAlertOptions = { alertEmail: string | undefined; messageIdDomain: string; burstMs: number };

/** Per monitor, the newest check of the batch that saw a certificate. */
export function newestCertificateChecks(checks: readonly RecordedCheck[]): Map<string, RecordedCheck> {
  const newest = new Map<string, RecordedCheck>();
  for (const check of checks) {
    if (!check.result.certificate) continue;
    const seen = newest.get(check.monitorId);
    if (!seen || seen.checkedAt < check.checkedAt) newest.set(check.monitorId, check);
  }
  return newest;
}

export async function recordCertificateAlerts(
  tx: Prisma.TransactionClient,
  checks: readonly RecordedCheck[],
  now: Date,
  options: CertificateAlertOptions,
): Promise<number> {
  // A certificate far from every threshold (nearly all of them, nearly always) has nothing to
  // alert: most batches read nothing here.
  const newest = new Map(
    [...newestCertificateChecks(checks)].filter(([, check]) => {
      const { serial, validFrom, validTo } = check.result.certificate!;
      return crossesAnyThreshold({ serial, validFrom: new Date(validFrom), validTo: new Date(validTo) }, now);
    }),
  );
  if (newest.size === 0) return 0;

  const ids = [...newest.keys()];
  const [monitors, recorded] = await Promise.all([
    tx.monitor.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, component: { select: { id: true, name: true } } } }),
    tx.certificateAlert.findMany({ where: { monitorId: { in: ids } }, select: { monitorId: true, serial: true, threshold: true } }),
  ]);
  let sent = 0;
  for (const monitor of monitors) {
    const certificate = newest.get(monitor.id)!.result.certificate!;
    const host = certificateHost(certificate);
    const plan = planCertificateAlerts({
      host,
      certificate: { serial: certificate.serial, validFrom: new Date(certificate.validFrom), validTo: new Date(certificate.validTo) },
      now,
      recorded: recorded.filter((row) => row.monitorId === monitor.id),
    });
    const rows = [
      ...plan.send.map((alert) => alert.threshold),
      ...plan.markConsumed,
    ].map((threshold) => ({ monitorId: monitor.id, serial: certificate.serial, fingerprint: certificate.fingerprint256, threshold, daysLeft: plan.daysLeft, expiresAt: plan.expiresAt }));
    if (rows.length === 0) continue;
    // Two regions may see the same crossing at once: the unique key keeps one row, and the
    // outbox key below keeps one email.
    await tx.certificateAlert.createMany({ data: rows, skipDuplicates: true });
    // The team's channels hear of every crossing; the event key (certificate and threshold) keeps
    // one alert per channel however many monitors see it.
    await recordAlerts(
      tx,
      plan.send.map((alert) =>
        certificateEvent(
          { fingerprint: certificate.fingerprint256, host, threshold: alert.threshold, title: certificateAlertTitle(host, alert.threshold, alert.daysLeft), message: alert.message },
          { monitor: { id: monitor.id, name: monitor.name }, component: monitor.component },
          now,
          alertLinks().base,
        ),
      ),
    );
    for (const alert of plan.send) {
      if (!options.alertEmail) continue;
      const key = `certificate:${certificate.fingerprint256}:${alert.threshold}`;
      await tx.outboxMessage.createMany({
        data: {
          key,
          kind: "certificate_alert",
          recipient: options.alertEmail,
          payload: {
            fingerprint: certificate.fingerprint256,
            host,
            threshold: alert.threshold,
            daysLeft: alert.daysLeft,
            expiresAt: alert.expiresAt.toISOString(),
            title: certificateAlertTitle(host, alert.threshold, alert.daysLeft),
            message: alert.message,
          },
          messageId: `<certificate.${certificate.fingerprint256.replaceAll(":", "").toLowerCase()}.${alert.threshold}@${options.messageIdDomain}>`,
          nextAttemptAt: new Date(now.getTime() + options.burstMs),
        },
        skipDuplicates: true,
      });
      sent += 1;
    }
  }
  return sent;
}

/** The alert's subject: "cdn.example.fm certificate expires in 5 days". */
export function certificateAlertTitle(host: string, threshold: string, daysLeft: number): string {
  if (threshold === "expired" || daysLeft < 0) return `${host} certificate expired`;
  if (daysLeft < 1) return `${host} certificate expires in less than a day`;
  return `${host} certificate expires in ${formatDays(daysLeft)}`;
}
