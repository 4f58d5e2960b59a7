// "Run now": one check of a monitor from the web process, shown to the admin at once and bound by
// the same network policy (probePolicy) as every probe.
//
// It is real evidence, so it counts like a scheduled check: when the monitor is enabled and probes
// from this instance's REGION, the result is recorded and goes through the state machine, the
// component roll-up and automatic incidents (processCheckResults, the workers' own path). Before,
// it was only shown, so a new monitor said UP here and `state unknown` beside it until the
// workers' first checks. Hysteresis still holds: `recoveryThreshold` good checks in a row (run
// now or scheduled) confirm up, `failureThreshold` failed ones down.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { processCheckResults } from "../check-results/process-check-results";
import { runCheck } from "../checks/run-check";
import type { CheckResult } from "../checks/schemas";
import { NotFoundError } from "../errors";
import { db } from "../db";
import { probePolicy } from "../checks/probe-policy";
import { env } from "../env";
import type { MonitorState } from "../generated/prisma/enums";
import type { RunMonitorNow } from "./schemas";

/** Stored as the result's worker: a check an admin asked for, not one a worker's schedule ran. */
export const RUN_NOW_WORKER_ID = "run-now";

export type RunNowResult = Pick<CheckResult, "state" | "reasons" | "warnings" | "statusCode" | "latencyMs"> & {
  certificateDaysLeft: number | null;
  checkedAt: Date;
  /** The region it was counted in; null when not counted (paused, or not probed from this region). */
  countedIn: string | null;
  /** The monitor's confirmed state afterwards. */
  monitorState: MonitorState;
};

export async function runMonitorNow({ ctx: { actor, now }, input: { id } }: Action<RunMonitorNow>): Promise<RunNowResult> {
  assertCanEdit(actor);
  const monitor = await db().monitor.findUnique({ where: { id }, select: { kind: true, target: true, timeoutMs: true, expectations: true, enabled: true, regions: true, state: true } });
  if (!monitor) throw new NotFoundError("monitor", id);
  const config = env();
  const result = await runCheck(monitor, { ...(await probePolicy(config)), now });
  const countedIn = monitor.enabled && monitor.regions.includes(config.REGION) ? config.REGION : null;
  if (countedIn) await processCheckResults([{ monitorId: id, region: countedIn, workerId: RUN_NOW_WORKER_ID, slotAt: now, checkedAt: now, result }], now);
  const after = countedIn ? await db().monitor.findUnique({ where: { id }, select: { state: true } }) : null;
  return {
    state: result.state,
    reasons: result.reasons,
    warnings: result.warnings,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    certificateDaysLeft: result.certificate?.daysLeft ?? null,
    checkedAt: now,
    countedIn,
    monitorState: after?.state ?? monitor.state,
  };
}
