// A monitor's newest certificate, for its badge (/badge/<monitor>/cert-days.svg). Read on its own
// so the page's snapshot never carries every monitor (10,000 rows on a large install), and cached
// like the page's views: a repeated badge makes no query until the change feed moves.
import "server-only";
import { db } from "../db";
import { CERTIFICATE_SEEN_WITHIN_MS } from "../monitors/confirm-monitor-states";
import { cachedView, type CachedView } from "./view-cache";

export type MonitorCertificate = { id: string; name: string; certExpiresAt: string | null };

/** The monitor (on a component, so public) named by id or case-insensitive name; null when none. */
export async function readMonitorCertificate(subject: string, now: Date): Promise<MonitorCertificate | null> {
  const monitor = await db().monitor.findFirst({
    where: { componentId: { not: null }, OR: [{ id: subject }, { name: { equals: subject, mode: "insensitive" } }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, certExpiresAt: true, certSeenAt: true },
  });
  if (!monitor) return null;
  const seen = monitor.certExpiresAt && monitor.certSeenAt && monitor.certSeenAt.getTime() >= now.getTime() - CERTIFICATE_SEEN_WITHIN_MS;
  return { id: monitor.id, name: monitor.name, certExpiresAt: seen ? monitor.certExpiresAt!.toISOString() : null };
}

export function monitorCertificate(subject: string, now: Date): Promise<CachedView<MonitorCertificate | null>> {
  return cachedView(`monitor-certificate:${subject}`, () => readMonitorCertificate(subject, now), { now });
}
