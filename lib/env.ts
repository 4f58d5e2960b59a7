// Every environment variable Vigil reads, parsed once with zod. Nothing else reads process.env.
// An invalid value stops start-up with a message naming the variable (see formatEnvError).
import { z } from "zod";
import { parseAllowlist } from "./checks/allowlist";

const port = z.coerce.number().int().min(1).max(65_535);
const positiveSeconds = z.coerce.number().int().min(1).max(3600);
const bool = z.stringbool({ truthy: ["true", "1", "yes", "on"], falsy: ["false", "0", "no", "off", ""] });

export const EnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .describe("PostgreSQL to use. Unset: an embedded PostgreSQL is started under DATA_DIR."),
  DATA_DIR: z.string().min(1).default(".data").describe("Folder for the embedded PostgreSQL and local state."),
  EMBEDDED_POSTGRES_PORT: port.default(54329).describe("Port of the embedded PostgreSQL (127.0.0.1 only)."),
  HOST: z.string().min(1).default("127.0.0.1").describe("Address the web server binds to; 0.0.0.0 to expose it."),
  PORT: port.default(3000).describe("Port of the web server."),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional()
    .describe("Public address of the status page, used in links and emails. Default: http://HOST:PORT."),
  REGION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be lower-case letters, digits and dashes (max 32)")
    .default("local")
    .describe("Region this worker probes from."),
  WORKER_HEARTBEAT_SECONDS: positiveSeconds.default(5).describe("How often a worker writes its heartbeat."),
  PROBE_ALLOW_PRIVATE_NETWORKS: bool
    .default(false)
    .describe("Allow probes to loopback, private and link-local addresses (local demos, tests)."),
  PROBE_ALLOWLIST: z
    .string()
    .default("")
    .transform((value, context) => {
      const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
      try {
        parseAllowlist(entries);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
      return entries;
    })
    .describe("Comma-separated CIDRs, IP addresses, host names or *.suffix names probes may reach though private."),
  NODE_EXTRA_CA_CERTS: z
    .string()
    .optional()
    .describe("Node's own setting: a PEM file of extra trusted roots; probes trust exactly what Node trusts."),
  PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(200).describe("Checks one worker runs at once."),
  PROBE_PER_HOST_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(8)
    .describe("Checks one worker runs at once against the same host and port (politeness)."),
  INCIDENT_AUTO_RESOLVE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(10)
    .describe("Quiet period after which a recovered automatic incident resolves itself."),
  ALERT_EMAIL: z
    .email({ error: "must be an email address" })
    .optional()
    .describe("Where certificate expiry alerts and other admin alerts are emailed; unset: console only."),
  RESULT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14).describe("How long raw check results are kept."),
  ROLLUP_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(400)
    .max(36500)
    .default(400)
    .describe("How long hourly and daily uptime rollups are kept (at least 400 days)."),
  PROBE_CANARY_URLS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be http(s) URLs" })))
    .describe("Canaries a worker checks when all its checks fail at once. Default: Vigil's own /api/health."),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info").describe("Least severe log level printed."),
  VIGIL_CONFIG: z
    .string()
    .min(1)
    .default("vigil.config.yaml")
    .describe("Config-as-code file (page, groups, components, monitors); a missing file manages nothing."),
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe("Bearer token for /metrics. Unset (and no METRICS_PORT): /metrics answers only direct loopback requests."),
  METRICS_PORT: port
    .optional()
    .describe("Serve the web instance's /metrics on this port (on HOST) instead of the public port."),
  WORKER_METRICS_PORT: port
    .optional()
    .describe("Serve a worker's per-process metrics (check durations) on this port on 127.0.0.1; unset: not served."),
});

export type Env = z.infer<typeof EnvSchema>;

const SECRET_VARIABLES = new Set(["METRICS_TOKEN"]);

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(issues.map((issue) => `invalid environment variable ${issue.variable}: ${issue.message}`).join("\n"));
    this.name = "EnvError";
  }
}

/** Parses an environment (process.env by default); throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" for optional settings, as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      // Secrets are never echoed back (the message ends up in logs).
      message: SECRET_VARIABLES.has(String(issue.path[0]))
        ? issue.message
        : `${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])] ?? null)})`,
    })),
  );
}

let cached: Env | undefined;

/** The validated process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** PUBLIC_URL, or the local address the web server listens on. */
export function publicUrl(config: Env = env()): string {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return (config.PUBLIC_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`).replace(/\/$/, "");
}

/** The page's host name: Message-IDs are scoped to it, and probes may always reach it. */
export function publicHostname(config: Env = env()): string {
  return new URL(publicUrl(config)).hostname;
}
