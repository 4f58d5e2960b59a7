// The database's page, groups, components and monitors as a vigil.config.yaml document — managed
// or not, so exporting is how a page built in the console moves to config as code. Fields equal to
// their defaults are left out to keep the file short; applying the output changes nothing.
import "server-only";
import { stringify } from "yaml";
import { exportAlertConfig } from "../alerts/alert-config-store";
import { secondFactorRoles } from "../auth/second-factor/policy";
import { db } from "../db";
import { DEFAULT_TIMEOUT_MS } from "./flatten-config";
import { MonitorSettings, VigilConfig } from "./schemas";

const MONITOR_DEFAULTS = MonitorSettings.parse({});

type Written = Record<string, unknown>;

export async function exportConfig(): Promise<Written> {
  const client = db();
  const [page, groups, components, monitors, alerts, requireSecondFactor] = await Promise.all([
    client.page.findUnique({ where: { id: "page" } }),
    client.componentGroup.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
    client.component.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
    client.monitor.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    exportAlertConfig(client),
    secondFactorRoles(client),
  ]);

  const monitorsOf = (componentId: string | null) =>
    monitors
      .filter((monitor) => monitor.componentId === componentId)
      .map((monitor) =>
        compact({
          id: monitor.id,
          name: monitor.name,
          publicDescription: monitor.publicDescription ?? undefined,
          kind: monitor.kind,
          target: monitor.target,
          intervalSeconds: differs(monitor.intervalSeconds, MONITOR_DEFAULTS.intervalSeconds),
          timeoutMs: differs(monitor.timeoutMs, DEFAULT_TIMEOUT_MS),
          regions: monitor.regions.join() === MONITOR_DEFAULTS.regions.join() ? undefined : monitor.regions,
          quorum: monitor.quorum ?? undefined,
          failureThreshold: differs(monitor.failureThreshold, MONITOR_DEFAULTS.failureThreshold),
          recoveryThreshold: differs(monitor.recoveryThreshold, MONITOR_DEFAULTS.recoveryThreshold),
          enabled: differs(monitor.enabled, true),
          expectations: isEmptyObject(monitor.expectations) ? undefined : monitor.expectations,
        }),
      );
  const componentsOf = (groupId: string | null) =>
    components
      .filter((component) => component.groupId === groupId)
      .map((component) =>
        compact({
          id: component.id,
          name: component.name,
          description: component.description ?? undefined,
          showcase: differs(component.showcase, true),
          onlyShowIfDegraded: differs(component.onlyShowIfDegraded, false),
          startDate: component.startDate?.toISOString().slice(0, 10),
          monitors: emptyToUndefined(monitorsOf(component.id)),
        }),
      );

  const config = compact({
    version: 1,
    page: page
      ? compact({
          name: page.name,
          url: page.url ?? undefined,
          timeZone: page.timeZone,
          description: page.description ?? undefined,
          supportUrl: page.supportUrl ?? undefined,
          footerLinks: Array.isArray(page.footerLinks) ? emptyToUndefined(page.footerLinks) : undefined,
          accentColor: page.accentColor ?? undefined,
          accentColorDark: page.accentColorDark ?? undefined,
          customCss: page.customCss ?? undefined,
        })
      : undefined,
    groups: emptyToUndefined(
      groups.map((group) =>
        compact({ id: group.id, name: group.name, description: group.description ?? undefined, components: emptyToUndefined(componentsOf(group.id)) }),
      ),
    ),
    components: emptyToUndefined(componentsOf(null)),
    monitors: emptyToUndefined(monitorsOf(null)),
    alerts,
    auth: requireSecondFactor.length > 0 ? { requireSecondFactor } : undefined,
  });
  // What we write must be what we accept: fail here rather than hand out a file apply rejects.
  VigilConfig.parse(config);
  return config;
}

/** YAML text with a header saying what the file is. */
export function formatConfig(config: Written, generatedAt: Date): string {
  return `# Vigil configuration (exported ${generatedAt.toISOString()}).\n# Objects listed here are managed by this file once it is applied; see docs/configuration.md.\n${stringify(config, { lineWidth: 0 })}`;
}

function differs<T>(value: T, fallback: T): T | undefined {
  return value === fallback ? undefined : value;
}

function isEmptyObject(value: unknown): boolean {
  return value === null || (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
}

function emptyToUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function compact(object: Written): Written {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
