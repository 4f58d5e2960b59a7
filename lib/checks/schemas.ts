// Check results and monitor expectations. A result is what one probe observed; expectations are
// what a monitor demands (stored as JSON in Monitor.expectations and parsed here with defaults).
import { z } from "zod";
import { ReasonCode } from "./reason-codes";
import { parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "./targets";

const milliseconds = z.int().min(0);
const MIB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Results

export const CheckState = z.enum(["up", "degraded", "down"]);
export type CheckState = z.infer<typeof CheckState>;

export const CheckReason = z.object({ code: ReasonCode, message: z.string().min(1) });
export type CheckReason = z.infer<typeof CheckReason>;

export const WarningSeverity = z.enum(["warning", "critical"]);
export type WarningSeverity = z.infer<typeof WarningSeverity>;

export const CheckWarning = z.object({ code: ReasonCode, severity: WarningSeverity, message: z.string().min(1) });
export type CheckWarning = z.infer<typeof CheckWarning>;

/** Milliseconds per phase; null where a phase did not happen (no DNS for an IP, no TLS for http). */
export const CheckTimings = z.object({
  dns: milliseconds.nullable(),
  connect: milliseconds.nullable(),
  tls: milliseconds.nullable(),
  ttfb: milliseconds.nullable(),
  total: milliseconds,
});
export type CheckTimings = z.infer<typeof CheckTimings>;

export const ChainCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  validTo: z.iso.datetime(),
  fingerprint256: z.string(),
});
export type ChainCertificate = z.infer<typeof ChainCertificate>;

/** The leaf certificate's facts, and the chain as the server sent it (leaf first, issuance order). */
export const CertificateFacts = z.object({
  subject: z.string(),
  sans: z.array(z.string()),
  issuer: z.string(),
  serial: z.string(),
  fingerprint256: z.string(),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  /** Whole days until validTo, rounded down; negative once expired. */
  daysLeft: z.int(),
  lifetimeDays: z.int().min(0),
  chain: z.array(ChainCertificate),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const CheckResult = z.object({
  state: CheckState,
  /** Why the state is what it is; `[{ code: "ok" }]` for up. */
  reasons: z.array(CheckReason).min(1),
  /** Not downtime, but worth telling an admin (a certificate expiring soon). */
  warnings: z.array(CheckWarning),
  statusCode: z.int().min(100).max(999).nullable(),
  latencyMs: milliseconds.nullable(),
  timings: CheckTimings,
  certificate: CertificateFacts.nullable(),
  /** Where redirects ended (http and feed checks). */
  finalUrl: z.string().optional(),
  /** The IP address the check connected to, or was refused by (failures sharing one share a cause). */
  address: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

// ---------------------------------------------------------------------------------------------
// Expectations per monitor kind (their labels and help for people: lib/console/monitor-options.ts)

const MONITOR_KINDS = ["http", "tls", "feed", "dns", "tcp"] as const;
export const MonitorKind = z.enum(MONITOR_KINDS);
export type MonitorKind = z.infer<typeof MonitorKind>;

const certificateThresholds = {
  warnDays: z.int().min(0).max(3650).default(30),
  criticalDays: z.int().min(0).max(3650).default(7),
};
const thresholdsInOrder = (value: { warnDays: number; criticalDays: number }) => value.criticalDays <= value.warnDays;
const thresholdsMessage = { message: "criticalDays must not exceed warnDays", path: ["criticalDays"] };

const connectTimeoutMs = z.int().min(50).max(60_000).default(5000);
const maxRedirects = z.int().min(0).max(20).default(5);
const maxLatencyMs = z.int().min(1).optional();

const statusPattern = z
  .string()
  .regex(/^[1-5]\d\d(-[1-5]\d\d)?$/, "must be a status code such as 200 or a range such as 200-299")
  .refine((pattern) => {
    const [low, high = low] = pattern.split("-");
    return Number(low) <= Number(high);
  }, "a range must go from low to high");

/** A JSON field, as dot-separated keys and array indexes: "status.indicator", "components.0.status". */
const jsonAssertion = z.object({
  path: z.string().regex(/^[^.]+(\.[^.]+)*$/, "must be dot-separated keys, e.g. status.indicator"),
  equals: z.json(),
});

export const HttpExpectations = z
  .object({
    method: z.enum(["GET", "HEAD"]).default("GET"),
    expectedStatus: z.array(statusPattern).min(1).default(["200-399"]),
    maxRedirects,
    connectTimeoutMs,
    maxBodyBytes: z.int().min(1024).max(64 * MIB).default(MIB),
    keyword: z.string().min(1).max(1000).optional(),
    keywordMode: z.enum(["present", "absent"]).default("present"),
    json: jsonAssertion.optional(),
    maxLatencyMs,
    ...certificateThresholds,
  })
  .refine(thresholdsInOrder, thresholdsMessage)
  .refine((value) => value.method === "GET" || (value.keyword === undefined && value.json === undefined), {
    message: "keyword and JSON assertions need a GET (HEAD has no body)",
    path: ["method"],
  });
export type HttpExpectations = z.infer<typeof HttpExpectations>;

export const TlsExpectations = z.object({ maxLatencyMs, ...certificateThresholds }).refine(thresholdsInOrder, thresholdsMessage);
export type TlsExpectations = z.infer<typeof TlsExpectations>;

export const FeedExpectations = z
  .object({
    maxRedirects,
    connectTimeoutMs,
    // Long-running podcasts publish multi-megabyte feeds.
    maxBodyBytes: z.int().min(1024).max(64 * MIB).default(8 * MIB),
    enclosures: z.int().min(0).max(10).default(1),
    maxLatencyMs,
    ...certificateThresholds,
  })
  .refine(thresholdsInOrder, thresholdsMessage);
export type FeedExpectations = z.infer<typeof FeedExpectations>;

export const DnsExpectations = z.object({
  expectedAddresses: z
    .array(z.union([z.ipv4(), z.ipv6()]))
    .default([]),
  maxLatencyMs,
});
export type DnsExpectations = z.infer<typeof DnsExpectations>;

export const TcpExpectations = z.object({ maxLatencyMs });
export type TcpExpectations = z.infer<typeof TcpExpectations>;

/** The expectations schema for each kind: `MonitorExpectations[monitor.kind].parse(monitor.expectations)`. */
export const MonitorExpectations = {
  http: HttpExpectations,
  tls: TlsExpectations,
  feed: FeedExpectations,
  dns: DnsExpectations,
  tcp: TcpExpectations,
} as const;

const timeoutMs = z.int().min(100).max(120_000).default(10_000).describe("Hard budget for the whole check.");
const httpTarget = z.string().refine((target) => parseHttpUrl(target) !== null, "must be an http:// or https:// URL");

/** What runCheck needs of a monitor: its kind, target, timeout and expectations (defaults applied). */
export const MonitorCheck = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("http"), target: httpTarget, timeoutMs, expectations: HttpExpectations.prefault({}) }),
  z.object({ kind: z.literal("feed"), target: httpTarget, timeoutMs, expectations: FeedExpectations.prefault({}) }),
  z.object({
    kind: z.literal("tls"),
    target: z.string().refine((target) => parseTlsTarget(target) !== null, "must be host:port, a host name or an https:// URL"),
    timeoutMs,
    expectations: TlsExpectations.prefault({}),
  }),
  z.object({
    kind: z.literal("tcp"),
    target: z.string().refine((target) => parseHostPort(target) !== null, "must be host:port"),
    timeoutMs,
    expectations: TcpExpectations.prefault({}),
  }),
  z.object({
    kind: z.literal("dns"),
    target: z.string().refine((target) => parseDnsName(target) !== null, "must be a host name"),
    timeoutMs,
    expectations: DnsExpectations.prefault({}),
  }),
]);
export type MonitorCheck = z.infer<typeof MonitorCheck>;
