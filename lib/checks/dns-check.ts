// The dns kind: A and AAAA answers for a name, optionally required to include given addresses.
// Queries go to the system's DNS servers (or context.dnsServers), never through /etc/hosts
// (RFC 6761 names aside, see special-use-names.ts):
// this checks DNS itself. NXDOMAIN, no records, a timeout or a mismatch are all `dns`.
// Answers are judged by the SSRF guard too: a name that points into a private network is
// `blocked_address` unless allowed, so a dns monitor cannot map internal address space.
import "server-only";
import { Resolver } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { buildResult, latencyProblem } from "./check-result";
import { Deadline } from "./deadline";
import type { ProbeContext } from "./probe-context";
import type { CheckReason, CheckResult, DnsExpectations } from "./schemas";
import { specialUseAnswer } from "./special-use-names";
import { BLOCKED_ADDRESS_HINT, blockedAddressReason } from "./ssrf-guard";

type Answer = { addresses: string[] } | { problem: CheckReason };

function failureCode(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? "unknown error");
}

async function resolveAddresses(name: string, context: ProbeContext, deadline: Deadline): Promise<Answer> {
  const special = specialUseAnswer(name);
  if (special?.kind === "not_found") return { problem: { code: "dns", message: `${name} does not exist (a reserved .invalid name)` } };
  if (special) return { addresses: special.addresses };

  const resolver = new Resolver({ timeout: Math.max(1, Math.round(deadline.remainingMs())), tries: 1 });
  if (context.dnsServers) resolver.setServers([...context.dnsServers]);
  const settled = await new Promise<PromiseSettledResult<string[]>[] | "timeout">((resolve) => {
    const cancel = deadline.onExpire(() => {
      resolver.cancel();
      resolve("timeout");
    });
    void Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]).then((answers) => {
      cancel();
      resolve(answers);
    });
  });
  const timedOut: Answer = { problem: { code: "dns", message: `No DNS answer for ${name} within the ${deadline.timeoutMs} ms timeout` } };
  if (settled === "timeout") return timedOut;
  const addresses = settled.flatMap((answer) => (answer.status === "fulfilled" ? answer.value : []));
  if (addresses.length > 0) return { addresses };
  const codes = settled.map((answer) => (answer.status === "rejected" ? failureCode(answer.reason) : "ENODATA"));
  if (codes.includes("ENOTFOUND")) return { problem: { code: "dns", message: `${name} does not exist (NXDOMAIN)` } };
  if (codes.every((code) => code === "ENODATA")) return { problem: { code: "dns", message: `${name} has no A or AAAA records` } };
  if (codes.includes("ETIMEOUT")) return timedOut;
  return { problem: { code: "dns", message: `DNS lookup of ${name} failed (${[...new Set(codes)].join(", ")})` } };
}

const sameAddress = (a: string, b: string) => ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();

export async function runDnsCheck(name: string, expectations: DnsExpectations, timeoutMs: number, context: ProbeContext): Promise<CheckResult> {
  const deadline = new Deadline(timeoutMs);
  try {
    const answer = await resolveAddresses(name, context, deadline);
    const latencyMs = deadline.elapsedMs();
    const timings = { dns: latencyMs, connect: null, tls: null, ttfb: null, total: latencyMs };
    if ("problem" in answer) return buildResult({ problems: [answer.problem], okMessage: "", timings });
    const { addresses } = answer;
    const blocked = addresses.map((address) => blockedAddressReason(address, name, context.policy)).filter((reason) => reason !== null);
    if (blocked.length > 0) {
      const message = `Not reporting where ${name} points: it resolves to blocked addresses, ${blocked.join(", ")}; ${BLOCKED_ADDRESS_HINT}`;
      return buildResult({ problems: [{ code: "blocked_address", message }], okMessage: "", timings });
    }
    const missing = expectations.expectedAddresses.filter((expected) => !addresses.some((address) => sameAddress(address, expected)));
    const problems: CheckReason[] = [
      ...(missing.length > 0
        ? [{ code: "dns" as const, message: `${name} resolves to ${addresses.join(", ")}, which does not include ${missing.join(", ")}` }]
        : []),
      ...latencyProblem(latencyMs, expectations.maxLatencyMs, `Resolving ${name}`),
    ];
    return buildResult({ problems, okMessage: `${name} resolves to ${addresses.join(", ")}`, latencyMs, timings });
  } finally {
    deadline.dispose();
  }
}
