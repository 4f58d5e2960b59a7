// Structured JSON logs: one pino logger for the web server, the worker and lib/. Each line is one
// JSON object (time, level, msg, role, and whatever fields the caller adds), so a log shipper can
// index it. Secrets never reach the output: fields with secret-sounding names are censored, and
// credentials inside URLs (postgres://user:password@host) are masked in every string logged.
//
// No `import "server-only"`: scripts/web.ts (the custom Next server) imports this module and must
// run without the react-server condition.
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "./env";

export type { Logger } from "pino";

const CENSORED = "[redacted]";

/** Field names whose values are secrets wherever they appear (one or two levels deep). */
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "token",
  "tokenHash",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  "set-cookie",
  "DATABASE_URL",
  "DATABASE_SESSION_URL",
  "databaseUrl",
  "connectionString",
  "METRICS_TOKEN",
  "smtpPassword",
];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const member = safe.startsWith("[") ? safe : `.${safe}`;
  return [safe, `*${member}`, `*.*${member}`];
});

/** user:password@ (or token@) in any URL-like string: scheme://CREDENTIALS@host. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi;
/** Bearer tokens and query-string secrets pasted into messages. */
const BEARER = /(bearer\s+)[\w.~+/=-]+/gi;
const QUERY_SECRET = /([?&](?:token|key|password|secret)=)[^&\s#]+/gi;

/** Masks credentials that may hide inside free text (error messages, URLs). */
export function scrubSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${CENSORED}@`).replace(BEARER, `$1${CENSORED}`).replace(QUERY_SECRET, `$1${CENSORED}`);
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 3 || value === null || typeof value !== "object") return value;
  // Errors are left to the err serializer below (which scrubs their message and stack).
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]));
}

function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(serialized).map(([key, value]) => [key, typeof value === "string" ? scrubSecrets(value) : value]),
  );
}

export type LoggerOptions = {
  level?: string;
  /** Where lines go; stdout by default (tests pass a stream they read back). */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { role: "worker", region }. */
  base?: Record<string, unknown>;
};

/** A JSON logger with Vigil's redaction. Most code uses `logger` (or a child of it) instead. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        // "level":"info" rather than pino's numeric 30: readable without a lookup table.
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object, 0) as Record<string, unknown>,
      },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: CENSORED },
      hooks: {
        // Message strings (and printf-style arguments) get the same scrubbing as fields.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
    },
    options.destination,
  );
}

const holder = globalThis as { vigilLogger?: Logger };

/** The process's logger at LOG_LEVEL, writing JSON lines to stdout. */
export function logger(): Logger {
  holder.vigilLogger ??= createLogger({ level: configuredLevel() });
  return holder.vigilLogger;
}

/**
 * Fields every later line of this process carries, whoever logs it (lib code included): a worker
 * adds its role and then its region, so its listener's and mailer's lines say where they come from.
 */
export function addProcessLogFields(fields: Record<string, unknown>): void {
  holder.vigilLogger = logger().child(fields);
}

/** LOG_LEVEL; "info" while the environment is invalid, so the entry point can log why it is. */
function configuredLevel(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}
