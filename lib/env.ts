// Every environment variable Vigil reads, parsed once with zod. Nothing else reads process.env.
// An invalid value stops start-up with a message naming the variable (see formatEnvError).
import { z } from "zod";
import { parseAllowlist } from "./checks/allowlist";
import { ReminderOffsets } from "./maintenance/reminder-offsets";
import { SINGLE_PROCESS_MONITOR_LIMIT } from "./runtime/process-mode";

const port = z.coerce.number().int().min(1).max(65_535);
const positiveSeconds = z.coerce.number().int().min(1).max(3600);
const bool = z.stringbool({ truthy: ["true", "1", "yes", "on"], falsy: ["false", "0", "no", "off", ""] });

export const EnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .describe(
      "PostgreSQL to use, as a `postgres://` or `postgresql://` URL, e.g. `postgresql://vigil:secret@db.example.com:5432/vigil`. The database must exist. Its user is the role the app runs as; with `MIGRATION_DATABASE_URL` it needs no more than that URL's role grants it, without it it must own the tables (migrations run at start). Unset: an embedded PostgreSQL is started under `DATA_DIR`, with an owner role and an app role of its own.",
    ),
  DATABASE_SESSION_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .describe(
      "The same database reached with a session of its own — directly, or through a *session*-mode pooler — for the connections that need one: migrations and each process's one `LISTEN` connection (the change feed, and the mailer's, alert dispatcher's and incident moment clock's wake-ups). Set it when `DATABASE_URL` goes through a transaction-mode pooler such as PgBouncer. Only with `DATABASE_URL`. Unset: `DATABASE_URL`.",
    ),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000)
    .describe("How long a new database connection may take to connect and start, in milliseconds, before the attempt fails (every pool, and each LISTEN connection)."),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000)
    .describe(
      "PostgreSQL's `statement_timeout` for Vigil's pools, in milliseconds: a statement running longer is cancelled by the server. A server that answers nothing at all is given up by the client 2 s after this. Not sent through a transaction pooler (`DATABASE_SESSION_URL` set): set it on the role there.",
    ),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000)
    .describe("PostgreSQL's `lock_timeout` for Vigil's pools, in milliseconds: a statement waiting longer for a lock fails. Like `DATABASE_STATEMENT_TIMEOUT_MS`, not sent through a transaction pooler."),
  PUBLIC_READ_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(500)
    .describe(
      "How long a public page waits for the database, in milliseconds, before it answers from its last good snapshot, marked stale (the read goes on in the background and refreshes the snapshot when it succeeds). A page with no snapshot waits for the database.",
    ),
  MIGRATION_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .describe(
      "The same database as `DATABASE_URL`, as the role that owns Vigil's tables: `npm start` migrates with it (directly or through a *session*-mode pooler) and then grants `DATABASE_URL`'s role what the app needs — read and write, the audit log append-only, pg-boss's schema (docs/operator-guide.md, \"Database roles\"). Only with `DATABASE_URL`. Unset: `DATABASE_SESSION_URL`, else `DATABASE_URL`, which then must own the tables itself (less strict: the app could alter them).",
    ),
  DATA_DIR: z.string().min(1).default(".data")
    .describe(
      "Folder for the embedded PostgreSQL (`DATA_DIR/postgres`), the launcher lock (`DATA_DIR/vigil.lock`) and the last good status snapshot (`DATA_DIR/views/`).",
    ),
  EMBEDDED_POSTGRES_PORT: port.default(54329).describe("Port of the embedded PostgreSQL; it listens on 127.0.0.1 only."),
  HOST: z.string().min(1).default("127.0.0.1")
    .describe("Address the web server binds to. Use `0.0.0.0` to expose it (normally behind a reverse proxy)."),
  PORT: port.default(3000).describe("Port of the web server."),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional()
    .describe(
      "Public address of the status page (`http://` or `https://`), used in links and emails, e.g. `https://status.example.com`. An https address also makes the session cookie `Secure` and turns on HSTS. Unset: `http://HOST:PORT`.",
    ),
  FRAME_ANCESTORS: z
    .string()
    .default("'none'")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.union([
        z.tuple([z.enum(["'none'", "'self'"])]),
        z
          .array(z.union([z.literal("'self'"), z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i, "must be 'none', 'self' or http(s) origins such as https://intranet.example.com")]))
          .min(1),
      ]),
    )
    .describe(
      "Who may show the public pages in a frame (CSP `frame-ancestors`): `'none'`, `'self'`, or space-separated origins such as `'self' https://intranet.example.com https://*.example.org`. The admin console can never be framed.",
    ),
  REGION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be lower-case letters, digits and dashes (max 32)")
    .default("local")
    .describe(
      "Region this worker probes from (lower-case letters, digits and dashes, at most 32), e.g. `eu-west`; it takes jobs from the queue `probe-<region>`.",
    ),
  VIGIL_PROCESS_MODE: z
    .enum(["auto", "single", "split"])
    .default("auto")
    .describe(
      `How \`npm start\` runs the web server and the worker: \`single\` — both in one process (least memory, for a small install); \`split\` — one process each (scale-out: the page never waits behind a busy check loop). \`auto\`: single on the embedded database with at most ${SINGLE_PROCESS_MONITOR_LIMIT.toLocaleString("en")} enabled monitors, split otherwise (docs/operator-guide.md, "One process or two").`,
    ),
  WORKER_HEARTBEAT_SECONDS: positiveSeconds.default(5)
    .describe("How often each worker records its heartbeat, in seconds; a worker is stale after 3 missed beats."),
  PROBE_ALLOW_PRIVATE_NETWORKS: bool
    .default(false)
    .describe(
      "Let probes reach loopback, private and link-local addresses, and this machine's own addresses (local demos, tests) — but never the ports Vigil itself listens on (see [What probes may reach](operator-guide.md#what-probes-may-reach)). Accepts `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off`.",
    ),
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
    .describe(
      "Comma-separated CIDRs, IP addresses, host names or `*.suffix` names that probes may reach even though they are private or this machine — Vigil's own ports included, so name them narrowly — e.g. `10.0.0.0/8, intranet.example, *.internal.example`.",
    ),
  NODE_EXTRA_CA_CERTS: z
    .string()
    .optional()
    .describe("Node's own setting: a PEM file of extra trusted root certificates; probes trust exactly what Node trusts."),
  PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(200)
    .describe("Checks one worker runs at once. Workers × this must stay well above checks per second × average check duration."),
  WORKER_MEMORY_LIMIT_MB: z.coerce.number().int().min(64).max(1_048_576).optional()
    .describe(
      "Resident memory one worker process may use, in MB. Above 85 % of it (or of 80 % of its V8 heap limit, or of its cgroup's `memory.max` when it has one — always watched) the worker cuts the checks it runs at once to half of those running, down to 1/64 of `PROBE_CONCURRENCY`, and doubles them back below 70 %: it sheds load instead of being killed, logs when shedding starts and ends, and shows it on `/metrics` (`vigil_probe_load_shedding`, `vigil_probe_concurrency_limit`). Unset: only the heap and the cgroup are watched.",
    ),
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
    .describe("Minutes without a failure after which a recovered automatic incident resolves itself."),
  INCIDENT_CORRELATION_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(120)
    .describe("A component failing this soon after another joins that one's open automatic incident, whatever the cause (0: join only on a shared certificate or host)."),
  INCIDENT_BURST_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(10)
    .describe("Mail of an automatic incident update waits this long; changes to the incident meanwhile join that one mail."),
  INCIDENT_RECOVERY_HOLD_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(120)
    .describe("Mail saying a component recovered waits this long and is withdrawn if it fails again meanwhile, so a flapping target mails only its opening and its resolution."),
  MAINTENANCE_REMINDERS: z.string().default("1h").pipe(ReminderOffsets).describe(
    'How long before a maintenance window starts its subscribers get a reminder, e.g. "24h,1h" (m, h or d; "off": none). Only windows announced before a reminder\'s time get it.',
  ),
  ALERT_EMAIL: z
    .email({ error: "must be an email address" })
    .optional()
    .describe(
      "Where certificate expiry alerts and staleness reminders of open incidents are emailed (through the outbox), e.g. `ops@example.com`. Unset: alerts are recorded for the console only.",
    ),
  ALERT_SECRET_KEY: z
    .string()
    .refine((value) => decodeAlertKey(value) !== null, "must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)")
    .optional()
    .describe(
      "Key that encrypts alert channel secrets (webhook URLs, HMAC keys, routing keys) in the database with AES-256-GCM: 32 bytes as 64 hex digits or base64, e.g. from `openssl rand -base64 32`. Every process of one installation needs the same key. Unset: a key is generated once into `DATA_DIR/alert-secret.key` (mode 0600) and used from there; see [alerts](alerts.md#secrets).",
    ),
  ALERT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000)
    .describe("How long one alert delivery may take (connect, request and response), in milliseconds; a receiver that hangs longer is cut off and retried."),
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6)
    .describe("Attempts before a transiently failing alert (429, 5xx, network error, timeout) is given up and shown as failed in the console."),
  ALERT_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(15_000)
    .describe("First retry delay of a failed alert, in milliseconds; it doubles per attempt (capped at one hour), and a receiver's `Retry-After` is honoured when longer."),
  ALERT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30)
    .describe("Most alerts one worker sends to one channel per minute (a token bucket per channel); more wait their turn."),
  ALIVE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional()
    .describe(
      "Dead man's switch for Vigil itself: a heartbeat URL (healthchecks.io-style, e.g. `https://hc-ping.com/<uuid>`) each worker POSTs to every minute while it is healthy — its heartbeat reaches the database and its region's monitors are checked on schedule — so an outside service notices when Vigil stops. Passes the SSRF guard like alert channels. Unset: no pings.",
    ),
  RESULT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14)
    .describe("How long raw check results are kept, in days (uptime lives on in rollups); fewer when RESULT_STORAGE_MB would not hold them."),
  RESULT_STORAGE_MB: z.coerce.number().int().min(100).max(10_000_000).default(12_000)
    .describe("Disk space raw check results may take, in MB (about 300 bytes a result): past it, the oldest go before RESULT_RETENTION_DAYS (never within a day)."),
  ROLLUP_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(400)
    .max(36500)
    .default(400)
    .describe("How long daily uptime rollups and components' hourly ones are kept, in days (at least 400); monitors' hourly ones are kept 14 days."),
  PROBE_CANARY_URLS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be http(s) URLs" })))
    .describe(
      "Comma-separated `http(s)` URLs a worker checks when every check of a batch failed at once: if they fail too, the worker's own network is broken and its results count as unknown, not as an outage. Empty: `PUBLIC_URL/api/health`, so a worker on a host without the web server must have `PUBLIC_URL` or this set, or its canary always fails.",
    ),
  STATUS_CACHE_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(300)
    .describe(
      "Safety limit, in seconds, on how long a web process keeps a cached view of the public page without a change notification (changes normally arrive at once through LISTEN/NOTIFY).",
    ),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)" })
    .optional()
    .describe(
      "Outgoing mail server, `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. Unset: **demo mode** — each worker runs an in-process SMTP sink on 127.0.0.1 and stores what it catches as captured mail, viewable in the admin console; nothing leaves the machine.",
    ),
  MAIL_FROM: z
    .string()
    .regex(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Status <status@example.com>")
    .optional()
    .describe(
      "Sender of every email, an address with an optional name, e.g. `Status <status@example.com>`. Unset: `Status <status@…>` at `PUBLIC_URL`'s host (`localhost` when the host is an IP address).",
    ),
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(50)
    .describe("Most emails one worker hands to SMTP per second (a token bucket); match your relay's limit."),
  MAIL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5).describe("Pooled SMTP connections per worker."),
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100)
    .describe("Outbox rows a mailer claims at once (three batches in flight per worker)."),
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120)
    .describe("How long a claimed outbox row stays with its mailer, in seconds; a crashed mailer's rows are taken over after this."),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8)
    .describe("Attempts before a transiently failing (4xx, network error) email is given up."),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000)
    .describe("First retry delay after a transient failure, in milliseconds; it doubles per attempt, capped at one hour."),
  MAIL_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).default(30_000)
    .describe("How often, in milliseconds, an idle mailer (and the webhook and alert senders) looks for due rows without a wake-up: only the safety net for a lost notification, as a NOTIFY wakes it at once and it sleeps until the next held or retried row is due."),
  MAIL_QUARANTINE_AFTER: z.coerce.number().int().min(1).max(100).default(3)
    .describe("Consecutive permanent (5xx) delivery failures after which a subscriber is quarantined."),
  CAPTURED_MAIL_LIMIT: z.coerce.number().int().min(1).max(100_000).default(500)
    .describe("Demo mode (no `SMTP_URL`): how many captured mails are kept (the newest)."),
  DKIM_DOMAIN: z.string().min(1).optional()
    .describe(
      "DKIM signing domain (`d=`), e.g. `example.com`. DKIM needs all three of `DKIM_DOMAIN`, `DKIM_SELECTOR` and `DKIM_PRIVATE_KEY`, or none; the signature covers `List-Unsubscribe` and `List-Unsubscribe-Post`.",
    ),
  DKIM_SELECTOR: z.string().min(1).optional().describe("DKIM selector (`s=`), e.g. `vigil`; see `DKIM_DOMAIN`."),
  DKIM_PRIVATE_KEY: z
    .string()
    .min(1)
    .optional()
    .describe("DKIM private key: PEM text, or the path of a PEM file; see `DKIM_DOMAIN`."),
  SUBSCRIBE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10)
    .describe("Subscription requests per client address per hour (counted in PostgreSQL, so across web instances)."),
  SUBSCRIBE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(3)
    .describe("Subscription requests per email address per hour."),
  SUBSCRIBER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000)
    .describe("How long one delivery to a subscriber's webhook may take (connect, request and response), in milliseconds; a receiver that hangs longer is cut off and retried."),
  SUBSCRIBER_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6)
    .describe("Attempts before a transiently failing subscriber webhook delivery (429, 5xx, network error, timeout) counts as failed."),
  SUBSCRIBER_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000)
    .describe("First retry delay of a failed subscriber webhook delivery, in milliseconds; it doubles per attempt (capped at one hour), and a receiver's `Retry-After` is honoured when longer."),
  SUBSCRIBER_WEBHOOK_PAUSE_AFTER: z.coerce.number().int().min(1).max(100).default(5)
    .describe("Consecutive failed deliveries after which a webhook subscriber is paused and told so by email; see [subscriber webhooks](subscriber-webhooks.md#pausing)."),
  TRUST_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe(
      "Reverse proxies in front of the web server whose `X-Forwarded-For` entries are trusted for the client's IP (audit log, sign-in backoff, subscription limits). 0: the connection's own address.",
    ),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be an https:// URL (http:// only on localhost)" })
    .optional()
    .describe(
      "OpenID Connect issuer admins may sign in with, e.g. `https://keycloak.example.com/realms/acme` or `https://accounts.google.com`; its discovery document is read from `<issuer>/.well-known/openid-configuration`. With it, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_ALLOWED_DOMAINS` and `OIDC_ROLE_MAP` or `OIDC_DEFAULT_ROLE` are required, and the sign-in page offers \"Sign in with `OIDC_NAME`\" (see [OpenID Connect](oidc.md)). `http://` only for a provider on this machine (tests). Unset: no OIDC sign-in.",
    ),
  OIDC_CLIENT_ID: z.string().min(1).optional().describe("Client id of Vigil at the OIDC provider; the redirect URI to register there is `PUBLIC_URL/admin/oidc/callback`."),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().describe("Client secret of Vigil at the OIDC provider (sent to its token endpoint in the request body, `client_secret_post`). Never logged."),
  OIDC_NAME: z.string().trim().min(1).max(40).default("SSO").describe("The provider's name on the sign-in button: \"Sign in with `OIDC_NAME`\", e.g. `Keycloak`, `Google`."),
  OIDC_SCOPES: z
    .string()
    .default("openid email profile")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "must be space-separated scope names")).refine((scopes) => scopes.includes("openid"), "must include openid"))
    .describe("Scopes requested from the OIDC provider, space-separated; must include `openid`. Add the scope that carries `OIDC_ROLE_CLAIM` if your provider needs one (e.g. `groups`)."),
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .default("")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean).map((domain) => domain.toLowerCase()))
    .pipe(z.array(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "must be comma-separated domain names such as example.com")))
    .describe("Comma-separated email domains whose users may sign in through OIDC, e.g. `example.com, example.org` (exact domains: subdomains are not included). Required with `OIDC_ISSUER`; the provider must also say the email is verified (`email_verified`)."),
  OIDC_ROLE_CLAIM: z.string().min(1).max(100).default("groups").describe("ID token or userinfo claim holding the user's groups or roles (a string or a list of strings), e.g. `groups`, `roles`."),
  OIDC_ROLE_MAP: z
    .string()
    .default("")
    .transform((value, context) => {
      const pairs: [string, "owner" | "editor" | "viewer"][] = [];
      for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
        const match = /^(.+?)\s*=\s*(owner|editor|viewer)$/.exec(entry);
        if (match) pairs.push([match[1]!, match[2] as "owner" | "editor" | "viewer"]);
        else context.addIssue({ code: "custom", message: `entry "${entry}" must be group=owner, group=editor or group=viewer` });
      }
      return pairs;
    })
    .describe(
      "Which values of `OIDC_ROLE_CLAIM` give which Vigil role, comma-separated `value=role`, e.g. `vigil-owners=owner, sre=editor, support=viewer`; a user in several gets the strongest. When set, the provider decides roles: they are applied at every OIDC sign-in (a changed group changes the role). Unset: only `OIDC_DEFAULT_ROLE`, and owners manage roles in the console.",
    ),
  OIDC_DEFAULT_ROLE: z
    .enum(["editor", "viewer"])
    .optional()
    .describe("Role of an OIDC user none of whose `OIDC_ROLE_CLAIM` values is in `OIDC_ROLE_MAP` (`viewer` or `editor`, never `owner`); without `OIDC_ROLE_MAP`, the role a new admin starts with. Unset: such a user is refused."),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info")
    .describe("Least severe level logged. Logs are JSON lines on stdout."),
  VIGIL_CONFIG: z
    .string()
    .min(1)
    .default("vigil.config.yaml")
    .describe(
      "Config-as-code file (page, groups, components, monitors), applied by `npm start` and `npm run -s config -- apply`. A missing file manages nothing.",
    ),
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe(
      "Bearer token required for `/metrics` on web and worker ports (at least 16 characters). Unset and no `METRICS_PORT`: `/metrics` answers only direct requests from loopback.",
    ),
  METRICS_PORT: port
    .optional()
    .describe("Serve the web instance's `/metrics` on this port (on `HOST`) instead of the public port, where it then answers 404."),
  WORKER_METRICS_PORT: port
    .optional()
    .describe(
      "Each worker serves its own per-process metrics (check counts and durations, mail sends) on `127.0.0.1:WORKER_METRICS_PORT/metrics`. Unset: not served.",
    ),
});

export type Env = z.infer<typeof EnvSchema>;

const DKIM_VARIABLES = ["DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY"] as const;

/**
 * Settings that only work together: DKIM needs all three, or unsigned mail would go out silently; OIDC
 * needs its client and the rules that decide who may sign in as what.
 */
const EnvSchemaChecked = EnvSchema.superRefine((config, context) => {
  // Without DATABASE_URL the database is the embedded one; a session URL elsewhere would split them.
  for (const name of ["DATABASE_SESSION_URL", "MIGRATION_DATABASE_URL"] as const) {
    if (config[name] !== undefined && config.DATABASE_URL === undefined) {
      context.addIssue({ code: "custom", path: [name], message: "is set but DATABASE_URL is not (it must name the same database as DATABASE_URL)" });
    }
  }
  if (config.OIDC_ISSUER !== undefined) {
    for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      if (config[name] === undefined) context.addIssue({ code: "custom", path: [name], message: "is required when OIDC_ISSUER is set" });
    }
    if (config.OIDC_ALLOWED_DOMAINS.length === 0) context.addIssue({ code: "custom", path: ["OIDC_ALLOWED_DOMAINS"], message: "is required when OIDC_ISSUER is set" });
    if (config.OIDC_ROLE_MAP.length === 0 && config.OIDC_DEFAULT_ROLE === undefined) {
      context.addIssue({ code: "custom", path: ["OIDC_ROLE_MAP"], message: "is required when OIDC_ISSUER is set and OIDC_DEFAULT_ROLE is not" });
    }
    // The provider's answers decide who administers Vigil: only a provider on this machine may speak plain http.
    const issuer = new URL(config.OIDC_ISSUER);
    if (issuer.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname)) {
      context.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "must be an https:// URL (http:// only on localhost)" });
    }
  } else if (config.OIDC_CLIENT_ID !== undefined || config.OIDC_CLIENT_SECRET !== undefined) {
    context.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set" });
  }
  const given = DKIM_VARIABLES.filter((name) => config[name] !== undefined);
  if (given.length > 0 && given.length < DKIM_VARIABLES.length) {
    for (const name of DKIM_VARIABLES.filter((n) => config[n] === undefined)) {
      context.addIssue({ code: "custom", path: [name], message: `is required when ${given.join(" and ")} ${given.length > 1 ? "are" : "is"} set` });
    }
  }
});

const SECRET_VARIABLES = new Set(["OIDC_CLIENT_SECRET", "ALERT_SECRET_KEY", "ALIVE_URL", "METRICS_TOKEN", "SMTP_URL", "DKIM_PRIVATE_KEY", "DATABASE_SESSION_URL", "MIGRATION_DATABASE_URL"]);

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
 * Where connections that need a session of their own go: LISTEN (each process's one connection,
 * lib/postgres/shared-listener.ts) and migrations (a session-level advisory lock). A transaction-mode pooler
 * (PgBouncer) hands each transaction to any server connection, so those must bypass it:
 * DATABASE_SESSION_URL, else DATABASE_URL. Undefined when neither is set.
 */
export function sessionDatabaseUrl(config: Env & { DATABASE_URL: string }): string;
export function sessionDatabaseUrl(config?: Env): string | undefined;
export function sessionDatabaseUrl(config: Env = env()): string | undefined {
  return config.DATABASE_SESSION_URL ?? config.DATABASE_URL;
}

/**
 * Where migrations run: the owner role's MIGRATION_DATABASE_URL, else a URL with a session of its
 * own (the migration engine takes a session-level advisory lock).
 */
export function migrationDatabaseUrl(config: Env & { DATABASE_URL: string }): string {
  return config.MIGRATION_DATABASE_URL ?? sessionDatabaseUrl(config);
}

/** PUBLIC_URL, or the local address the web server listens on. */
export function publicUrl(config: Env = env()): string {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return (config.PUBLIC_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`).replace(/\/$/, "");
}

/** The page's host name: Message-IDs are scoped to it, and the SSRF guard counts its addresses as this machine's. */
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

/** ALERT_SECRET_KEY's 32 bytes (hex or base64), or null when it is not exactly that. */
export function decodeAlertKey(value: string): Buffer | null {
  const text = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  return key?.length === 32 ? key : null;
}

/**
 * The value of a variable a config file names as `${NAME}` (alert channel secrets): any name the
 * operator chose, so it cannot be in EnvSchema; undefined when unset or empty.
 */
export function referencedSecret(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}
