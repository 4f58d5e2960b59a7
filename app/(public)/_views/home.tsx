/** @jsxImportSource preact */
// The home page: banner, notices, active incidents, maintenance, components with 90-day bars,
// uptime and response-time charts, and the subscribe form. Pure: status in, HTML out.
import type { CurrentStatus } from "@/lib/public-read/current-status";
import { visibleComponentGroups } from "@/lib/public-read/public-page";
import type { SnapshotComponent, SnapshotIncident, StatusSnapshot } from "@/lib/public-read/status-snapshot-types";
import { isActive, isUnresolved, isUpcoming } from "@/lib/public-read/statuspage/statuspage-v2";
import { Layout, renderPage, type DocumentState } from "./layout";
import { DayStrip } from "./day-strip";
import { ImpactLabel, IncidentLink, StatusLabel, Time, UpdateBlock } from "./parts";
import { ResponseTimeChart } from "./response-time-chart";
import { SubscribeForm } from "./subscribe-form";
import { worstStatus } from "@/lib/status/status-rank";
import { statusTitle } from "@/lib/page-name";
import type { Translator } from "@/lib/i18n/translator";
import { pageStatusKey } from "@/lib/status/component-rollup";
import { useT } from "./i18n";

const BANNER_ICONS = { none: "✓", minor: "!", major: "!", critical: "✕", maintenance: "⚒" } as const;

export function renderHome(current: CurrentStatus, t: Translator): string {
  return renderPage(<HomePage current={current} />, t);
}

export function stateOf(current: CurrentStatus): DocumentState {
  return {
    stale: current.stale,
    monitoringStale: current.monitoringStale,
    generatedAt: current.snapshot.generatedAt,
    lastHeartbeatAt: current.snapshot.worker.lastHeartbeatAt,
  };
}

function HomePage({ current }: { current: CurrentStatus }) {
  const { snapshot } = current;
  const active = snapshot.incidents.filter(isUnresolved);
  const inProgress = snapshot.maintenances.filter(isActive);
  const upcoming = snapshot.maintenances.filter(isUpcoming).toReversed();
  const { t, rich } = useT();
  const headline = pageStatusKey(snapshot.status.description);
  return (
    <Layout title={t("home.title", { statusTitle: statusTitle(snapshot.page.name), name: snapshot.page.name })} pageName={snapshot.page.name} state={stateOf(current)} live>
      <h1>{snapshot.page.name}</h1>
      <p class={`banner banner-${snapshot.status.indicator}`} data-testid="banner" data-indicator={snapshot.status.indicator}>
        <span aria-hidden="true">{BANNER_ICONS[snapshot.status.indicator]}</span> {headline ? t(headline) : snapshot.status.description}
      </p>
      <p class="updated">
        {rich("home.updated", { time: <Time iso={snapshot.generatedAt} format="ago" /> })}
      </p>
      {active.length > 0 ? (
        <section aria-labelledby="active-incidents">
          <h2 id="active-incidents">{t("home.activeIncidents")}</h2>
          {active.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </section>
      ) : null}
      {inProgress.length > 0 ? (
        <section aria-labelledby="maintenance-now">
          <h2 id="maintenance-now">{t("home.maintenanceNow")}</h2>
          {inProgress.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      ) : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="maintenance-upcoming">
          <h2 id="maintenance-upcoming">{t("home.maintenanceUpcoming")}</h2>
          {upcoming.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="components-heading" data-from={snapshot.components[0]?.days[0]?.day.slice(0, 10)}>
        <h2 id="components-heading">{t("home.components")}</h2>
        <ComponentsList snapshot={snapshot} />
      </section>
      <section aria-labelledby="get-updates">
        <h2 id="get-updates">{t("home.getUpdates")}</h2>
        <SubscribeForm scope={null} />
        <p class="muted">
          {rich("home.updatesHint", {
            choose: (chunks) => <a href="/subscribe">{chunks}</a>,
            atom: (chunks) => <a href="/history.atom">{chunks}</a>,
            rss: (chunks) => <a href="/history.rss">{chunks}</a>,
          })}
        </p>
      </section>
    </Layout>
  );
}

function IncidentCard({ incident }: { incident: SnapshotIncident }) {
  const latest = incident.updates[0];
  const { rich } = useT();
  return (
    <article class="card" data-testid="active-incident">
      <h3>
        <IncidentLink incident={incident} />
        <ImpactLabel impact={incident.impact} />
      </h3>
      <p class="muted">
        {rich("home.started", { time: <Time iso={incident.startedAt} /> })}
      </p>
      {latest ? <UpdateBlock update={latest} /> : null}
    </article>
  );
}

function MaintenanceCard({ maintenance }: { maintenance: SnapshotIncident }) {
  const latest = maintenance.updates[0];
  const { rich } = useT();
  return (
    <article class="card" data-testid="maintenance">
      <h3>
        <IncidentLink incident={maintenance} />
      </h3>
      <p class="muted">
        {rich("home.scheduled", {
          from: maintenance.scheduledFor ? <Time iso={maintenance.scheduledFor} /> : "—",
          until: maintenance.scheduledUntil ? <Time iso={maintenance.scheduledUntil} /> : "—",
        })}
      </p>
      {latest ? <UpdateBlock update={latest} /> : null}
    </article>
  );
}

function ComponentsList({ snapshot }: { snapshot: StatusSnapshot }) {
  const groups = visibleComponentGroups(snapshot);
  const { t } = useT();
  if (groups.length === 0) return <p class="muted">{t("home.noComponents")}</p>;
  const now = Date.parse(snapshot.generatedAt);
  // A running number per component: short, unique ids for its chart's controls.
  let index = 0;
  return (
    <>
      {groups.map(({ group, components }) => {
        const items = (
          <ul class="components">
            {components.map((component) => (
              <ComponentItem key={component.id} component={component} now={now} index={index++} />
            ))}
          </ul>
        );
        if (!group) return <div key="ungrouped" class="group">{items}</div>;
        const worst = worstStatus(components.map((c) => c.status)) ?? "operational";
        return (
          <details key={group.id} class="group" id={`group-${group.id}`} open data-testid="group">
            <summary>
              <h3>{group.name}</h3>
              <StatusLabel status={worst} />
            </summary>
            {items}
          </details>
        );
      })}
    </>
  );
}

function ComponentItem({ component, now, index }: { component: SnapshotComponent; now: number; index: number }) {
  const { t, uptimePercent } = useT();
  const uptime = uptimePercent(component.uptime["90d"]);
  return (
    <li class="component" data-testid="component" data-component-id={component.id}>
      <div class="component-head">
        <span class="component-name">
          {component.name}
          {component.description ? <span class="component-description">{component.description}</span> : null}
        </span>
        <StatusLabel status={component.status} />
      </div>
      {component.days.length > 0 ? <DayStrip component={component} /> : null}
      <div class="bar-legend">
        <span>{t("home.daysAgo", { days: 90 })}</span>
        <span>{uptime ? t("home.uptime", { uptime, days: 90 }) : t("home.noUptime")}</span>
        <span>{t("home.today")}</span>
      </div>
      <ResponseTimeChart component={component} now={now} index={index} />
    </li>
  );
}
