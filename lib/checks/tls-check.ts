// The tls kind: a handshake with host:port (SNI = host), certificate facts and TLS verdicts, no HTTP.
import "server-only";
import net from "node:net";
import { buildResult, latencyProblem, NO_PHASES } from "./check-result";
import { classifyTls } from "./classify-tls";
import { openConnection } from "./connect";
import { Deadline } from "./deadline";
import { formatDays } from "./format";
import type { ProbeContext } from "./probe-context";
import { errorAddress, reasonForError } from "./probe-error";
import type { CheckResult, TlsExpectations } from "./schemas";
import { formatHostPort, type HostPort } from "./targets";
import { inspectTls } from "./tls-inspect";

export async function runTlsCheck(
  target: HostPort,
  expectations: TlsExpectations,
  timeoutMs: number,
  context: ProbeContext,
): Promise<CheckResult> {
  const deadline = new Deadline(timeoutMs);
  const label = formatHostPort(target);
  try {
    const connection = await openConnection({
      ...target,
      policy: context.policy,
      deadline,
      connectTimeoutMs: timeoutMs,
      tls: { servername: net.isIP(target.host) ? undefined : target.host, secureContext: context.trust.secureContext },
    });
    try {
      const facts = await inspectTls(connection, target.host, context, deadline);
      const verdicts = classifyTls(facts, context.now, expectations);
      const latencyMs = deadline.elapsedMs();
      const { certificate } = facts;
      return buildResult({
        problems: [...verdicts.problems, ...latencyProblem(latencyMs, expectations.maxLatencyMs, `The TLS handshake with ${label}`)],
        okMessage: `TLS certificate for ${target.host} is valid for ${formatDays(certificate.daysLeft)} more (issued by ${certificate.issuer})`,
        warnings: verdicts.warnings,
        latencyMs,
        timings: { ...connection.timings, ttfb: null, total: latencyMs },
        certificate,
        address: connection.address,
      });
    } finally {
      connection.socket.destroy();
    }
  } catch (error) {
    const problem = deadline.expired
      ? { code: "timeout" as const, message: `No TLS handshake with ${label} within the ${timeoutMs} ms timeout` }
      : reasonForError(error, label);
    return buildResult({ problems: [problem], okMessage: "", timings: { ...NO_PHASES, total: deadline.elapsedMs() }, address: errorAddress(error) });
  } finally {
    deadline.dispose();
  }
}
