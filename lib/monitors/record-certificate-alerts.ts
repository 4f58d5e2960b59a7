// Certificate expiry alerts for admins (not public): from the newest certificate each monitor saw,
// record the thresholds crossed (one row per monitor, serial and threshold, ever) and queue one
// email for the most severe new one when ALERT_EMAIL is set. Runs in the caller's transaction.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { parseTlsTarget } from "../checks/targets";
import { planCertificateAlerts } from "./certificate-alerts";
import type { RecordedCheck } from "./record-check-results";

export type CertificateAlertOptions = { alertEmail: string | undefined; messageIdDomain: string };

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
  const newest = newestCertificateChecks(checks);
  if (newest.size === 0) return 0;

  const ids = [...newest.keys()];
  const [monitors, recorded] = await Promise.all([
    tx.monitor.findMany({ where: { id: { in: ids } }, select: { id: true, target: true } }),
    tx.certificateAlert.findMany({ where: { monitorId: { in: ids } }, select: { monitorId: true, serial: true, threshold: true } }),
  ]);
  let sent = 0;
  for (const monitor of monitors) {
    const certificate = newest.get(monitor.id)!.result.certificate!;
    const plan = planCertificateAlerts({
      // Only https URLs and host:port targets carry certificates; both parse as TLS targets.
      host: parseTlsTarget(monitor.target)?.host ?? monitor.target,
      certificate: { serial: certificate.serial, validFrom: new Date(certificate.validFrom), validTo: new Date(certificate.validTo) },
      now,
      recorded: recorded.filter((row) => row.monitorId === monitor.id),
    });
    const rows = [
      ...plan.send.map((alert) => alert.threshold),
      ...plan.markConsumed,
    ].map((threshold) => ({ monitorId: monitor.id, serial: certificate.serial, threshold, daysLeft: plan.daysLeft, expiresAt: plan.expiresAt }));
    if (rows.length === 0) continue;
    // Two regions may see the same crossing at once: the unique key keeps one row, and the
    // outbox key below keeps one email.
    await tx.certificateAlert.createMany({ data: rows, skipDuplicates: true });
    for (const alert of plan.send) {
      if (!options.alertEmail) continue;
      const key = `certificate:${monitor.id}:${alert.serial}:${alert.threshold}`;
      await tx.outboxMessage.createMany({
        data: {
          key,
          kind: "certificate_alert",
          recipient: options.alertEmail,
          payload: { monitorId: monitor.id, threshold: alert.threshold, daysLeft: alert.daysLeft, expiresAt: alert.expiresAt.toISOString(), message: alert.message },
          messageId: `<${key.replaceAll(":", ".")}@${options.messageIdDomain}>`,
        },
        skipDuplicates: true,
      });
      sent += 1;
    }
  }
  return sent;
}
