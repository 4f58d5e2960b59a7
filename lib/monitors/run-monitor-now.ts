// "Run now": one check of a monitor from the web process, shown to the admin at once. Not recorded
// as a result (slots belong to the scheduled probes) and bound by the same network policy
// (probePolicy) as every probe.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { runCheck } from "../checks/run-check";
import type { CheckResult } from "../checks/schemas";
import { NotFoundError } from "../errors";
import { db } from "../db";
import { probePolicy } from "../checks/probe-policy";
import { env } from "../env";
import type { RunMonitorNow } from "./schemas";

export type RunNowResult = Pick<CheckResult, "state" | "reasons" | "warnings" | "statusCode" | "latencyMs"> & {
  certificateDaysLeft: number | null;
  checkedAt: Date;
};

export async function runMonitorNow({ ctx: { actor, now }, input: { id } }: Action<RunMonitorNow>): Promise<RunNowResult> {
  assertCanEdit(actor);
  const monitor = await db().monitor.findUnique({ where: { id }, select: { kind: true, target: true, timeoutMs: true, expectations: true } });
  if (!monitor) throw new NotFoundError("monitor", id);
  const result = await runCheck(monitor, { ...(await probePolicy(env())), now });
  return {
    state: result.state,
    reasons: result.reasons,
    warnings: result.warnings,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    certificateDaysLeft: result.certificate?.daysLeft ?? null,
    checkedAt: now,
  };
}
