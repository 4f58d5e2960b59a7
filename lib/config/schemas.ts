// vigil.config.yaml: the page, component groups, components and monitors declared as code.
// Monitors are checked with the probe engine's own schema (MonitorCheck in lib/checks/schemas.ts:
// kind, target, timeout, expectations per kind), so the file accepts exactly what a probe can run.
import { z } from "zod";
import { ConfigAlerts } from "../alerts/schemas";
import { SecondFactorRoles } from "../auth/second-factor/schemas";
import { MonitorCheck, MonitorKind } from "../checks/schemas";
import { PageSettingsFields } from "../page/schemas";
import { publicName } from "../text/safe-text";

/** The id an object has in the database and in the file (cuids from the console fit too). */
export const ConfigId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, dashes or underscores, starting with a letter or digit");

const region = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be lower-case letters, digits and dashes (max 32)");
const text = (max: number) => z.string().trim().min(1).max(max);

/** Scheduling and confirmation settings of a monitor (what the probe engine does not need). */
export const MonitorSettings = z.object({
  intervalSeconds: z.int().min(10).max(86_400).default(60),
  regions: z.array(region).min(1).default(["local"]).refine((list) => new Set(list).size === list.length, "regions must not repeat"),
  /** Regions that must confirm a failure; absent: ⌈regions/2⌉. */
  quorum: z.int().min(1).optional(),
  failureThreshold: z.int().min(1).max(100).default(3),
  recoveryThreshold: z.int().min(1).max(100).default(2),
  enabled: z.boolean().default(true),
});

export const ConfigMonitor = z
  .strictObject({
    id: ConfigId,
    name: publicName(200),
    /** Said publicly instead of Vigil's own words when this monitor's failure is reported. */
    publicDescription: text(500).optional(),
    kind: MonitorKind,
    target: z.string().min(1).max(2048),
    timeoutMs: z.int().optional(),
    expectations: z.record(z.string(), z.unknown()).optional(),
    ...MonitorSettings.shape,
  })
  .superRefine((monitor, context) => {
    // The probe engine's schema decides what a valid check is; its issues keep their paths
    // (target, timeoutMs, expectations.expectedStatus.0, ...) so errors point at the right line.
    const check = MonitorCheck.safeParse({
      kind: monitor.kind,
      target: monitor.target,
      timeoutMs: monitor.timeoutMs,
      expectations: monitor.expectations ?? {},
    });
    if (!check.success) for (const issue of check.error.issues) context.addIssue({ ...issue, code: "custom", message: issue.message, path: issue.path });
    if (monitor.quorum !== undefined && monitor.quorum > monitor.regions.length) {
      context.addIssue({ code: "custom", message: `must not exceed the number of regions (${monitor.regions.length})`, path: ["quorum"] });
    }
  });
export type ConfigMonitor = z.infer<typeof ConfigMonitor>;

export const ConfigComponent = z.strictObject({
  id: ConfigId,
  name: publicName(200),
  description: text(2000).optional(),
  showcase: z.boolean().default(true),
  onlyShowIfDegraded: z.boolean().default(false),
  startDate: z.iso.date().optional(),
  monitors: z.array(ConfigMonitor).default([]),
});
export type ConfigComponent = z.infer<typeof ConfigComponent>;

export const ConfigGroup = z.strictObject({
  id: ConfigId,
  name: publicName(200),
  description: text(2000).optional(),
  components: z.array(ConfigComponent).default([]),
});
export type ConfigGroup = z.infer<typeof ConfigGroup>;

/**
 * The page's settings (lib/page/schemas.ts: the console and the admin API accept the same). Applying
 * the file always sets name, url and timeZone (absent: none and Etc/UTC, as before branding
 * existed); each branding field is set only when the file has it, so a logo colour or footer set in
 * the console survives an apply that does not mention it.
 */
export const ConfigPage = z.strictObject({
  ...PageSettingsFields,
  url: PageSettingsFields.url.optional(),
  timeZone: PageSettingsFields.timeZone.default("Etc/UTC"),
  description: PageSettingsFields.description.optional(),
  supportUrl: PageSettingsFields.supportUrl.optional(),
  footerLinks: PageSettingsFields.footerLinks.optional(),
  accentColor: PageSettingsFields.accentColor.optional(),
  accentColorDark: PageSettingsFields.accentColorDark.optional(),
  customCss: PageSettingsFields.customCss.optional(),
});
export type ConfigPage = z.infer<typeof ConfigPage>;

/** Admin sign-in rules (docs/second-factor.md). */
export const ConfigAuth = z.strictObject({
  /** Roles whose admins must use a second factor; [] lifts the rule. */
  requireSecondFactor: SecondFactorRoles.default([]),
});
export type ConfigAuth = z.infer<typeof ConfigAuth>;

export const VigilConfig = z
  .strictObject({
    version: z.literal(1, { error: "must be 1 (the only format so far)" }).default(1),
    page: ConfigPage.optional(),
    groups: z.array(ConfigGroup).default([]),
    /** Components outside any group. */
    components: z.array(ConfigComponent).default([]),
    /** Monitors attached to no component. */
    monitors: z.array(ConfigMonitor).default([]),
    /** Team alert channels and rules (docs/alerts.md); absent: the stored ones are left alone. */
    alerts: ConfigAlerts.optional(),
    /** Admin sign-in rules; absent: the stored ones are left alone. */
    auth: ConfigAuth.optional(),
  })
  .superRefine((config, context) => {
    // Ids name database rows: each may appear once per kind of object.
    const seen = { group: new Map<string, string>(), component: new Map<string, string>(), monitor: new Map<string, string>() };
    const note = (kind: keyof typeof seen, id: string, path: (string | number)[]) => {
      const first = seen[kind].get(id);
      if (first) context.addIssue({ code: "custom", message: `duplicate ${kind} id "${id}" (first at ${first})`, path: [...path, "id"] });
      else seen[kind].set(id, path.join("."));
    };
    const components = (list: ConfigComponent[], base: (string | number)[]) =>
      list.forEach((component, c) => {
        note("component", component.id, [...base, c]);
        component.monitors.forEach((monitor, m) => note("monitor", monitor.id, [...base, c, "monitors", m]));
      });
    config.groups.forEach((group, g) => {
      note("group", group.id, ["groups", g]);
      components(group.components, ["groups", g, "components"]);
    });
    components(config.components, ["components"]);
    config.monitors.forEach((monitor, m) => note("monitor", monitor.id, ["monitors", m]));
  });
export type VigilConfig = z.infer<typeof VigilConfig>;
