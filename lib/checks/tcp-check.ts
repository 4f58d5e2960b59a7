// The tcp kind: can a connection be opened within the timeout? Refused, reset, unresolvable and
// timed out each keep their own reason.
import "server-only";
import { buildResult, latencyProblem, NO_PHASES } from "./check-result";
import { openConnection } from "./connect";
import { Deadline } from "./deadline";
import type { ProbeContext } from "./probe-context";
import { errorAddress, reasonForError } from "./probe-error";
import type { CheckResult, TcpExpectations } from "./schemas";
import { formatHostPort, type HostPort } from "./targets";

export async function runTcpCheck(
  target: HostPort,
  expectations: TcpExpectations,
  timeoutMs: number,
  context: ProbeContext,
): Promise<CheckResult> {
  const deadline = new Deadline(timeoutMs);
  const label = formatHostPort(target);
  try {
    const { socket, address, timings } = await openConnection({ ...target, policy: context.policy, deadline, connectTimeoutMs: timeoutMs });
    socket.destroy();
    const latencyMs = deadline.elapsedMs();
    return buildResult({
      problems: latencyProblem(latencyMs, expectations.maxLatencyMs, `Connecting to ${label}`),
      okMessage: `Connected to ${label} in ${latencyMs} ms`,
      latencyMs,
      timings: { ...timings, ttfb: null, total: latencyMs },
      address,
    });
  } catch (error) {
    const problem = deadline.expired
      ? { code: "timeout" as const, message: `Connecting to ${label} timed out after ${timeoutMs} ms` }
      : reasonForError(error, label);
    return buildResult({ problems: [problem], okMessage: "", timings: { ...NO_PHASES, total: deadline.elapsedMs() }, address: errorAddress(error) });
  } finally {
    deadline.dispose();
  }
}
