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
  DATABASE_SESSION_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .describe(
      "The same database reached with a session of its own (directly, not through a transaction-mode pooler): LISTEN connections and migrations. Default: DATABASE_URL.",
    ),
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
  STATUS_CACHE_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(300)
    .describe("Safety limit on how long the public page's cached views live without a change notification."),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)" })
    .optional()
    .describe("SMTP server for outgoing mail. Unset: an in-process sink captures mails (demo mode)."),
  MAIL_FROM: z
    .string()
    .regex(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Status <status@example.com>")
    .optional()
    .describe("Sender of every email. Default: Status <status@PUBLIC_URL's host>."),
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(50).describe("Most emails one worker hands to SMTP per second."),
  MAIL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5).describe("Pooled SMTP connections per worker."),
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100).describe("Outbox rows one worker claims at once."),
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120).describe("How long a claimed outbox row stays with its worker; after that another may take it."),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8).describe("Attempts before a transiently failing email is given up."),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000).describe("First retry delay after a transient failure; doubles per attempt, at most an hour."),
  MAIL_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).default(5_000).describe("How often an idle mailer looks for due mail without a wake-up."),
  MAIL_QUARANTINE_AFTER: z.coerce.number().int().min(1).max(100).default(3).describe("Permanent delivery failures after which a subscriber is quarantined."),
  CAPTURED_MAIL_LIMIT: z.coerce.number().int().min(1).max(100_000).default(500).describe("Mails the demo sink keeps (newest)."),
  DKIM_DOMAIN: z.string().min(1).optional().describe("DKIM signing domain (d=); with DKIM_SELECTOR and DKIM_PRIVATE_KEY."),
  DKIM_SELECTOR: z.string().min(1).optional().describe("DKIM selector (s=)."),
  DKIM_PRIVATE_KEY: z
    .string()
    .min(1)
    .optional()
    .describe("DKIM private key: PEM text, or the path of a PEM file."),
  SUBSCRIBE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10).describe("Subscription requests per client address per hour."),
  SUBSCRIBE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(3).describe("Subscription requests per email address per hour."),
  TRUST_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe("Reverse proxies in front of the web server whose X-Forwarded-For entries are trusted for the client IP (0: none)."),
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

const DKIM_VARIABLES = ["DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY"] as const;

/** DKIM needs all three settings; a partial configuration is an error, not silently unsigned mail. */
const EnvSchemaChecked = EnvSchema.superRefine((config, context) => {
  // Without DATABASE_URL the database is the embedded one; a session URL elsewhere would split them.
  if (config.DATABASE_SESSION_URL !== undefined && config.DATABASE_URL === undefined) {
    context.addIssue({ code: "custom", path: ["DATABASE_SESSION_URL"], message: "is set but DATABASE_URL is not (it must name the same database as DATABASE_URL)" });
  }
  const given = DKIM_VARIABLES.filter((name) => config[name] !== undefined);
  if (given.length > 0 && given.length < DKIM_VARIABLES.length) {
    for (const name of DKIM_VARIABLES.filter((n) => config[n] === undefined)) {
      context.addIssue({ code: "custom", path: [name], message: `is required when ${given.join(" and ")} ${given.length > 1 ? "are" : "is"} set` });
    }
  }
});

const SECRET_VARIABLES = new Set(["METRICS_TOKEN", "SMTP_URL", "DKIM_PRIVATE_KEY", "DATABASE_SESSION_URL"]);

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
  const result = EnvSchemaChecked.safeParse(cleaned);
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

/**
 * Where connections that need a session of their own go: LISTEN (the web's change feed, the
 * mailer's wake-up) and migrations (a session-level advisory lock). A transaction-mode pooler
 * (PgBouncer) hands each transaction to any server connection, so those must bypass it:
 * DATABASE_SESSION_URL, else DATABASE_URL. Undefined when neither is set.
 */
export function sessionDatabaseUrl(config: Env & { DATABASE_URL: string }): string;
export function sessionDatabaseUrl(config?: Env): string | undefined;
export function sessionDatabaseUrl(config: Env = env()): string | undefined {
  return config.DATABASE_SESSION_URL ?? config.DATABASE_URL;
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

/** MAIL_FROM, or "Status <status@host>" for the page's host (localhost when the host is an address). */
export function mailFrom(config: Env = env()): string {
  if (config.MAIL_FROM) return config.MAIL_FROM;
  const host = publicHostname(config);
  const domain = /^[\d.]+$|:|^\[/.test(host) ? "localhost" : host;
  return `Status <status@${domain}>`;
}
