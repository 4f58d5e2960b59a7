// The dead man's switch (ALIVE_URL): a worker pings it only while it is healthy, so silence at the
// outside service means Vigil stopped or fell behind. Healthy: its last heartbeat reached the
// database recently, and no enabled monitor of its region has gone unchecked for two intervals.
import "server-only";
import { db } from "../db";
import { VIGIL_VERSION } from "../version";
import type { AlertSender } from "./alert-sender";
import { sendAlertRequest, type SendOutcome } from "./send-alert";

/** Enabled monitors of `region` that nobody checked for two of their intervals. */
export async function overdueMonitors(region: string, now: Date): Promise<number> {
  const [row] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Monitor"
    WHERE enabled AND ${region} = ANY(regions)
      AND COALESCE("lastCheckedAt", "createdAt") < ${now}::timestamptz - make_interval(secs => 2 * "intervalSeconds")`;
  return row?.count ?? 0;
}

export type AliveVerdict = { healthy: true } | { healthy: false; why: string };

export async function aliveVerdict(options: { region: string; lastBeatAt: Date | null; staleAfterMs: number; now: Date }): Promise<AliveVerdict> {
  if (!options.lastBeatAt || options.now.getTime() - options.lastBeatAt.getTime() > options.staleAfterMs) return { healthy: false, why: "no recent heartbeat reached the database" };
  const overdue = await overdueMonitors(options.region, options.now);
  return overdue === 0 ? { healthy: true } : { healthy: false, why: `${overdue} monitors of region ${options.region} are overdue` };
}

export function pingAlive(url: string, sender: AlertSender, now: Date): Promise<SendOutcome> {
  return sendAlertRequest(
    { url, body: "", headers: { "user-agent": `Vigil/${VIGIL_VERSION} (alive)` } },
    { agent: sender.agent, policy: sender.policy, timeoutMs: sender.timeoutMs, now },
  );
}
