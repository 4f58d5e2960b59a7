// The probe CLI as a function (`npm run -s probe` is scripts/probe.ts, which calls it with the
// process's arguments, environment and clock): runs one check with runCheck, exactly as the worker
// would, and prints a readable summary or (--json) the result. Returns the exit code: 0 up,
// 1 degraded, 2 down, 64 bad usage or configuration, 70 a bug.
import { parseArgs } from "node:util";
import { z } from "zod";
import { countOf, formatUtc } from "@/lib/checks/format";
import { probePolicy } from "@/lib/checks/probe-policy";
import { runCheck } from "@/lib/checks/run-check";
import { MonitorCheck, MonitorKind, type CheckResult } from "@/lib/checks/schemas";
import { parseHostPort } from "@/lib/checks/targets";
import { EnvError, parseEnv, type Env } from "@/lib/env";

const USAGE = `Usage: npm run -s probe -- <target> [options]

  <target>               an http(s) URL, host:port, or a host name
  --kind KIND            http | tls | feed | dns | tcp. Without it: an http(s) URL is http,
                         host:port is tcp, a bare host name is dns (use --kind tls or feed for those)
  --timeout-ms N         hard budget for the whole check (default 10000)
  --max-redirects N      redirects to follow (http, feed; default 5)
  --keyword WORD         text the body must contain (http)
  --max-latency-ms N     slower than this is degraded
  --warn-days N          warn when the certificate has N days left or fewer (default 30)
  --critical-days N      critical warning at N days left or fewer (default 7)
  --json                 print the result as one JSON object

Reads PROBE_ALLOW_PRIVATE_NETWORKS and PROBE_ALLOWLIST, and refuses Vigil's own host as the
worker does (PUBLIC_URL, PORT…); trusts NODE_EXTRA_CA_CERTS.
Exit code: 0 up, 1 degraded, 2 down, 64 bad usage.`;

const EXIT_CODES = { up: 0, degraded: 1, down: 2 } as const;
const EXIT_USAGE = 64;
const EXIT_BUG = 70;

const count = z.coerce.number().int().min(0);
const CliArguments = z.object({
  target: z.string().min(1, "a target is required"),
  kind: MonitorKind.optional(),
  timeoutMs: count.optional(),
  maxRedirects: count.optional(),
  keyword: z.string().min(1).optional(),
  maxLatencyMs: count.optional(),
  warnDays: count.optional(),
  criticalDays: count.optional(),
  json: z.boolean().default(false),
});
type CliArguments = z.infer<typeof CliArguments>;

class UsageError extends Error {}

function readArguments(argv: string[]): CliArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        kind: { type: "string" },
        "timeout-ms": { type: "string" },
        "max-redirects": { type: "string" },
        keyword: { type: "string" },
        "max-latency-ms": { type: "string" },
        "warn-days": { type: "string" },
        "critical-days": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || argv.length === 0) throw new UsageError("");
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "a target is required" : "give exactly one target");
  const result = CliArguments.safeParse({
    target: positionals[0],
    kind: values.kind,
    timeoutMs: values["timeout-ms"],
    maxRedirects: values["max-redirects"],
    keyword: values.keyword,
    maxLatencyMs: values["max-latency-ms"],
    warnDays: values["warn-days"],
    criticalDays: values["critical-days"],
    json: values.json,
  });
  if (!result.success) throw new UsageError(describeIssues(result.error));
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  const name = (path: PropertyKey[]) => {
    const key = String(path.at(-1) ?? "target");
    return key === "target" ? "target" : optionName(key);
  };
  return error.issues.map((issue) => `${name(issue.path)}: ${issue.message}`).join("\n");
}

/** "maxRedirects" → "--max-redirects". */
function optionName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function inferKind(target: string): MonitorKind {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return "http"; // any URL; the http kind then judges its scheme
  if (target.includes(":") && parseHostPort(target)) return "tcp";
  return "dns";
}

/** The monitor the flags describe; flags that do not apply to the kind are an error, not ignored. */
function monitorFrom(args: CliArguments) {
  const kind = args.kind ?? inferKind(args.target);
  const applies: Record<string, readonly MonitorKind[]> = {
    maxRedirects: ["http", "feed"],
    keyword: ["http"],
    warnDays: ["http", "feed", "tls"],
    criticalDays: ["http", "feed", "tls"],
  };
  const expectations: Record<string, unknown> = {};
  for (const [name, kinds] of Object.entries(applies)) {
    const value = args[name as keyof CliArguments];
    if (value === undefined) continue;
    if (!kinds.includes(kind)) throw new UsageError(`${optionName(name)} does not apply to ${kind} checks`);
    expectations[name] = value;
  }
  if (args.maxLatencyMs !== undefined) expectations.maxLatencyMs = args.maxLatencyMs;
  const monitor = { kind, target: args.target, timeoutMs: args.timeoutMs, expectations };
  const checked = MonitorCheck.safeParse(monitor);
  if (!checked.success) throw new UsageError(describeIssues(checked.error));
  return monitor;
}

function summary(result: CheckResult, kind: string, target: string): string {
  const lines = [`${result.state.toUpperCase()}  ${kind} ${target}`];
  for (const reason of result.reasons) lines.push(`  ${reason.code === "ok" ? "✓" : "✗"} ${reason.code}: ${reason.message}`);
  for (const warning of result.warnings) lines.push(`  ! ${warning.code} (${warning.severity}): ${warning.message}`);
  const { timings } = result;
  const phases = (["dns", "connect", "tls", "ttfb"] as const)
    .filter((phase) => timings[phase] !== null)
    .map((phase) => `${phase} ${timings[phase]} ms`);
  const status = result.statusCode === null ? "" : `HTTP ${result.statusCode} · `;
  lines.push(`  ${status}${timings.total} ms${phases.length > 0 ? ` (${phases.join(", ")})` : ""}`);
  if (result.finalUrl && result.finalUrl !== target) lines.push(`  final URL ${result.finalUrl}`);
  const certificate = result.certificate;
  if (certificate) {
    lines.push(
      `  certificate ${certificate.subject}`,
      `    issued by ${certificate.issuer}`,
      `    valid ${formatUtc(new Date(certificate.validFrom))} → ${formatUtc(new Date(certificate.validTo))}` +
        ` (${countOf(certificate.daysLeft, "day")} left of ${certificate.lifetimeDays})`,
      `    names ${certificate.sans.join(", ") || "none"}`,
      `    serial ${certificate.serial}`,
      `    sha256 ${certificate.fingerprint256}`,
      `    chain as sent:`,
      ...certificate.chain.map(
        (cert, index) => `      ${index}. ${cert.subject} (issuer ${cert.issuer}, until ${formatUtc(new Date(cert.validTo))})`,
      ),
    );
  }
  return lines.join("\n");
}

export type ProbeCliContext = {
  /** The environment to read settings from (process.env for the real CLI). */
  env: Record<string, string | undefined>;
  /** Certificate dates are judged against this. */
  now: Date;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Roots trusted on top of Node's and NODE_EXTRA_CA_CERTS. Node reads NODE_EXTRA_CA_CERTS only at
   * start-up, so a test that runs the CLI in-process hands its test CA over here instead.
   */
  extraCaCerts?: readonly string[];
};

export async function probeCli(argv: string[], context: ProbeCliContext): Promise<number> {
  let args: CliArguments;
  let monitor: ReturnType<typeof monitorFrom>;
  let config: Env;
  try {
    args = readArguments(argv);
    monitor = monitorFrom(args);
    config = parseEnv(context.env);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof EnvError)) return bug(error, context);
    // Usage in full when asked for (or nothing was given); otherwise just what is wrong.
    context.err(error.message ? `probe: ${error.message}\n(npm run -s probe -- --help for usage)` : USAGE);
    return EXIT_USAGE;
  }
  try {
    const policy = await probePolicy(config);
    const result = await runCheck(monitor, { ...policy, now: context.now, extraCaCerts: context.extraCaCerts });
    context.out(args.json ? JSON.stringify(result) : summary(result, monitor.kind, args.target));
    return EXIT_CODES[result.state];
  } catch (error) {
    return bug(error, context);
  }
}

function bug(error: unknown, context: ProbeCliContext): number {
  context.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT_BUG;
}
