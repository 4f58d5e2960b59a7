// Assembling a CheckResult: the state follows from the reasons, and a result without problems
// carries a single "ok" reason that says what was observed.
import { DEGRADING_REASON_CODES } from "./reason-codes";
import type { CertificateFacts, CheckReason, CheckResult, CheckState, CheckTimings, CheckWarning } from "./schemas";

export function stateForReasons(reasons: readonly CheckReason[]): CheckState {
  const problems = reasons.filter((reason) => reason.code !== "ok");
  if (problems.length === 0) return "up";
  return problems.every((reason) => DEGRADING_REASON_CODES.has(reason.code)) ? "degraded" : "down";
}

export type ResultParts = {
  problems: readonly CheckReason[];
  /** The "ok" message used when there are no problems. */
  okMessage: string;
  warnings?: readonly CheckWarning[];
  statusCode?: number | null;
  latencyMs?: number | null;
  timings: CheckTimings;
  certificate?: CertificateFacts | null;
  finalUrl?: string;
  /** The IP address connected (or refused) to; null when none was reached. */
  address?: string | null;
};

export function buildResult(parts: ResultParts): CheckResult {
  const reasons = parts.problems.length > 0 ? [...parts.problems] : [{ code: "ok" as const, message: parts.okMessage }];
  return {
    state: stateForReasons(reasons),
    reasons,
    warnings: [...(parts.warnings ?? [])],
    statusCode: parts.statusCode ?? null,
    latencyMs: parts.latencyMs ?? null,
    timings: parts.timings,
    certificate: parts.certificate ?? null,
    ...(parts.finalUrl === undefined ? {} : { finalUrl: parts.finalUrl }),
    ...(parts.address ? { address: parts.address } : {}),
  };
}

/** latency_high when a threshold is set and exceeded. */
export function latencyProblem(latencyMs: number | null, maxLatencyMs: number | undefined, what: string): CheckReason[] {
  if (maxLatencyMs === undefined || latencyMs === null || latencyMs <= maxLatencyMs) return [];
  return [{ code: "latency_high", message: `${what} took ${latencyMs} ms, over the ${maxLatencyMs} ms threshold` }];
}

export type PhaseTimings = Omit<CheckTimings, "total">;

export const NO_PHASES: PhaseTimings = { dns: null, connect: null, tls: null, ttfb: null };

/** Phase times summed over redirect hops; a phase that never happened stays null. */
export function addPhases(a: PhaseTimings, b: PhaseTimings): PhaseTimings {
  const add = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  return { dns: add(a.dns, b.dns), connect: add(a.connect, b.connect), tls: add(a.tls, b.tls), ttfb: add(a.ttfb, b.ttfb) };
}
