// runCheck: the probe engine's one entry point. Every failure of the target is a result (down,
// with reasons); it throws only for programming errors, such as expectations that do not parse.
import "server-only";
import type { CheckResult } from "./schemas";
import { MonitorCheck } from "./schemas";
import { runDnsCheck } from "./dns-check";
import { runFeedCheck } from "./feed-check";
import { runHttpCheck } from "./http-check";
import type { ProbeContext } from "./probe-context";
import { compilePolicy, type TargetPolicy } from "./ssrf-guard";
import { parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "./targets";
import { runTcpCheck } from "./tcp-check";
import { runTlsCheck } from "./tls-check";
import { trustStore } from "./trust-store";

/** Who may be reached (outside tests: probePolicy, from the environment), and when. */
export type RunCheckOptions = TargetPolicy & {
  /** Certificate dates are judged against this: the slot's time, or the moment the caller runs the check. */
  now: Date;
  /** Extra trusted root certificates (PEM), on top of Node's roots and NODE_EXTRA_CA_CERTS. */
  extraCaCerts?: readonly string[];
  /** DNS servers for the dns kind ("127.0.0.1:5353"); the system's by default. */
  dnsServers?: readonly string[];
};

/** A monitor as stored: `expectations` is the JSON column, parsed here with the kind's defaults. */
export type MonitorToCheck = { kind: string; target: string; timeoutMs?: number; expectations?: unknown };

export async function runCheck(monitor: MonitorToCheck, options: RunCheckOptions): Promise<CheckResult> {
  return runParsedCheck(MonitorCheck.parse(monitor), options);
}

/** runCheck for a check parsed already: the probe runner parses a monitor once per definition, not per check. */
export async function runParsedCheck(check: MonitorCheck, options: RunCheckOptions): Promise<CheckResult> {
  const context: ProbeContext = {
    policy: compilePolicy(options),
    trust: trustStore(options.extraCaCerts),
    now: options.now,
    dnsServers: options.dnsServers,
  };
  // The schema has validated each target, so the parsers below cannot return null.
  switch (check.kind) {
    case "http":
      return runHttpCheck(parseHttpUrl(check.target)!, check.expectations, check.timeoutMs, context);
    case "feed":
      return runFeedCheck(parseHttpUrl(check.target)!, check.expectations, check.timeoutMs, context);
    case "tls":
      return runTlsCheck(parseTlsTarget(check.target)!, check.expectations, check.timeoutMs, context);
    case "tcp":
      return runTcpCheck(parseHostPort(check.target)!, check.expectations, check.timeoutMs, context);
    case "dns":
      return runDnsCheck(parseDnsName(check.target)!, check.expectations, check.timeoutMs, context);
  }
}
