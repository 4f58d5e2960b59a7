// Input of the monitor verbs (console and admin API). A monitor's kind, target, timeout and
// expectations are validated by lib/checks' MonitorCheck — the same schema the probe parses with.
import { z } from "zod";
import { MonitorCheck, MonitorKind } from "../checks/schemas";
import { publicName } from "../text/safe-text";

const region = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "regions are lower-case letters, digits and dashes");

export const SaveMonitor = z
  .object({
    /** Absent: create. */
    id: z.string().min(1).optional(),
    name: publicName(200),
    /** Said publicly instead of Vigil's own words when this monitor's failure is reported. */
    publicDescription: z
      .string()
      .trim()
      .max(500)
      .nullish()
      .transform((value) => value || null),
    componentId: z
      .string()
      .nullish()
      .transform((value) => value || null),
    kind: MonitorKind,
    target: z.string().trim().min(1, "a target is required").max(2000),
    intervalSeconds: z.coerce.number().int().min(10, "at least 10 seconds").max(86_400).default(60),
    timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Kind-specific options; see lib/checks/schemas.ts. Stored as given, defaults applied when probed. */
    expectations: z.record(z.string(), z.unknown()).default({}),
    regions: z.array(region).min(1, "at least one region").max(20).default(["local"]),
    quorum: z.coerce.number().int().min(1).nullish().transform((value) => value ?? null),
    failureThreshold: z.coerce.number().int().min(1).max(20).default(3),
    recoveryThreshold: z.coerce.number().int().min(1).max(20).default(2),
    enabled: z.boolean().default(true),
  })
  .superRefine((monitor, context) => {
    const check = MonitorCheck.safeParse({ kind: monitor.kind, target: monitor.target, timeoutMs: monitor.timeoutMs, expectations: monitor.expectations });
    if (!check.success) for (const issue of check.error.issues) context.addIssue({ ...issue, code: "custom", message: issue.message, path: issue.path });
    if (monitor.quorum !== null && monitor.quorum > monitor.regions.length) {
      context.addIssue({ code: "custom", path: ["quorum"], message: "cannot exceed the number of regions" });
    }
    if (new Set(monitor.regions).size !== monitor.regions.length) context.addIssue({ code: "custom", path: ["regions"], message: "each region once" });
  });
export type SaveMonitor = z.infer<typeof SaveMonitor>;

const monitorId = z.object({ id: z.string().min(1) });

export const SetMonitorPaused = z.object({ id: z.string().min(1), paused: z.boolean() });
export type SetMonitorPaused = z.infer<typeof SetMonitorPaused>;

export const DeleteMonitor = monitorId;
export type DeleteMonitor = z.infer<typeof DeleteMonitor>;

export const RunMonitorNow = monitorId;
export type RunMonitorNow = z.infer<typeof RunMonitorNow>;

export const AcknowledgeCertificateAlert = z.object({ id: z.string().min(1) });
export type AcknowledgeCertificateAlert = z.infer<typeof AcknowledgeCertificateAlert>;
