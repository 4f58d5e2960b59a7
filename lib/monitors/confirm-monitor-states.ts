// Applies new check results to each monitor's state machine and stores the confirmed state.
// Runs inside the caller's transaction; monitor rows are locked in id order first, so workers of
// different regions confirming the same monitors serialise instead of losing each other's memory.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { MonitorState } from "../generated/prisma/enums";
import { evaluateMonitorState, readMonitorStateMemory, type MonitorStateSettings, type RegionCheckResult } from "./monitor-state";

export type MonitorTransition = {
  monitorId: string;
  componentId: string | null;
  from: MonitorState;
  to: MonitorState;
  reasonCodes: string[];
  flapping: boolean;
  at: Date;
};

export type ConfirmedMonitor = {
  monitorId: string;
  componentId: string | null;
  state: MonitorState;
  changed: boolean;
  /** It was flapping and has settled with this evaluation: held notifications are due now. */
  settled: boolean;
};

/** The newest certificate a batch saw for a monitor (ISO times), kept on the monitor row for readers. */
export type CertificateSeen = { expiresAt: string; seenAt: string };

/**
 * Readers show a monitor's certificate only if it was seen this recently: one not seen for longer
 * (the monitor fails before its handshake, or is no longer https) is left off its badge and /metrics.
 */
export const CERTIFICATE_SEEN_WITHIN_MS = 2 * 86_400_000;

/** What the state machine needs of a monitor row. */
type LockedMonitor = MonitorStateSettings & { id: string; componentId: string | null; state: MonitorState; stateMemory: unknown };

/**
 * `resultsByMonitor` may hold an empty list for a monitor: it is then re-evaluated for staleness
 * alone (no recent result → unknown).
 */
export async function confirmMonitorStates(
  tx: Prisma.TransactionClient,
  resultsByMonitor: ReadonlyMap<string, readonly RegionCheckResult[]>,
  now: Date,
  canaryBroken: Readonly<Record<string, boolean>> = {},
  certificates: ReadonlyMap<string, CertificateSeen> = new Map(),
): Promise<{ confirmed: ConfirmedMonitor[]; transitions: MonitorTransition[] }> {
  const ids = [...resultsByMonitor.keys()].sort();
  if (ids.length === 0) return { confirmed: [], transitions: [] };
  // Locked and read in one statement (raw: no query interpreter on the hot path).
  const monitors = await tx.$queryRaw<LockedMonitor[]>`
    SELECT id, "componentId", state::text AS state, "stateMemory", "intervalSeconds", "failureThreshold",
      "recoveryThreshold", quorum, regions
    FROM "Monitor" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;

  const confirmed: ConfirmedMonitor[] = [];
  const transitions: MonitorTransition[] = [];
  const updates = monitors.map((monitor) => {
    const memory = readMonitorStateMemory(monitor.stateMemory, monitor.state);
    const evaluation = evaluateMonitorState({
      settings: monitor,
      memory,
      results: resultsByMonitor.get(monitor.id) ?? [],
      canaryBroken,
      now,
    });
    const changed = evaluation.state !== monitor.state;
    confirmed.push({
      monitorId: monitor.id,
      componentId: monitor.componentId,
      state: evaluation.state,
      changed,
      settled: memory.flapping && !evaluation.flapping,
    });
    if (changed) {
      transitions.push({
        monitorId: monitor.id,
        componentId: monitor.componentId,
        from: monitor.state,
        to: evaluation.state,
        reasonCodes: evaluation.reasonCodes,
        flapping: evaluation.flapping,
        at: now,
      });
    }
    const checkedAt = (resultsByMonitor.get(monitor.id) ?? []).map((result) => result.checkedAt.getTime());
    const lastCheckedAt = checkedAt.length > 0 ? new Date(Math.max(...checkedAt)).toISOString() : null;
    const certificate = certificates.get(monitor.id);
    return {
      id: monitor.id,
      state: evaluation.state,
      flapping: evaluation.flapping,
      memory: evaluation.memory,
      changed,
      lastCheckedAt,
      certExpiresAt: certificate?.expiresAt ?? null,
      certSeenAt: certificate?.seenAt ?? null,
    };
  });

  await tx.$executeRaw`
    UPDATE "Monitor" m SET
      state = u.state::"MonitorState",
      flapping = u.flapping,
      "stateMemory" = u.memory,
      "stateChangedAt" = CASE WHEN u.changed THEN ${now} ELSE m."stateChangedAt" END,
      -- One row write per monitor and batch: last-checked time and the newest certificate seen ride
      -- along with the state, so readers (page, metrics) never search the raw results for them.
      "lastCheckedAt" = GREATEST(m."lastCheckedAt", u."lastCheckedAt"),
      "certExpiresAt" = CASE WHEN u."certSeenAt" > COALESCE(m."certSeenAt", '-infinity') THEN u."certExpiresAt" ELSE m."certExpiresAt" END,
      "certSeenAt" = GREATEST(m."certSeenAt", u."certSeenAt")
    FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
      AS u(id text, state text, flapping boolean, memory jsonb, changed boolean, "lastCheckedAt" timestamptz,
           "certExpiresAt" timestamptz, "certSeenAt" timestamptz)
    WHERE m.id = u.id`;
  if (transitions.length > 0) {
    await tx.monitorStateChange.createMany({
      data: transitions.map((t) => ({ monitorId: t.monitorId, fromState: t.from, toState: t.to, reasonCodes: t.reasonCodes, changedAt: t.at })),
    });
  }
  return { confirmed, transitions };
}

/** Enabled monitors that are not unknown yet have no result within two intervals: candidates for unknown. */
export async function listSilentMonitorIds(tx: Prisma.TransactionClient, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Monitor"
    WHERE enabled AND state <> 'unknown'
      AND COALESCE("lastCheckedAt", "stateChangedAt") < ${now}::timestamptz - make_interval(secs => 2 * "intervalSeconds")`;
  return rows.map((row) => row.id);
}
