/** @jsxImportSource preact */
// The home page: banner, notices, active incidents, maintenance, components with 90-day bars,
// uptime and response-time charts, and the subscribe form. Pure: status in, HTML out.
import { Fragment } from "preact";
import type { CurrentStatus } from "@/lib/public-read/current-status";
import { visibleComponentGroups } from "@/lib/public-read/public-page";
import type { LatencyPoint, SnapshotComponent, SnapshotDay, SnapshotIncident, StatusSnapshot } from "@/lib/public-read/status-snapshot-types";
import { isActive, isUnresolved, isUpcoming } from "@/lib/public-read/statuspage/statuspage-v2";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { formatUptimePercent } from "@/lib/status/uptime";
import { Layout, renderPage, type DocumentState } from "./layout";
import { ImpactLabel, IncidentLink, StatusLabel, Time, UpdateBlock, utcText } from "./parts";
import { SubscribeForm } from "./subscribe-form";
import { worstStatus } from "@/lib/status/status-rank";
import { statusTitle } from "@/lib/page-name";

const BANNER_ICONS = { none: "✓", minor: "!", major: "!", critical: "✕", maintenance: "⚒" } as const;

export function renderHome(current: CurrentStatus): string {
  return renderPage(<HomePage current={current} />);
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
  return (
    <Layout title={statusTitle(snapshot.page.name)} pageName={snapshot.page.name} state={stateOf(current)} live>
      <h1>{snapshot.page.name}</h1>
      <p class={`banner banner-${snapshot.status.indicator}`} data-testid="banner" data-indicator={snapshot.status.indicator}>
        <span aria-hidden="true">{BANNER_ICONS[snapshot.status.indicator]}</span> {snapshot.status.description}
      </p>
      <p class="updated">
        Updated <Time iso={snapshot.generatedAt} format="ago" />
      </p>
      {active.length > 0 ? (
        <section aria-labelledby="active-incidents">
          <h2 id="active-incidents">Active incidents</h2>
          {active.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </section>
      ) : null}
      {inProgress.length > 0 ? (
        <section aria-labelledby="maintenance-now">
          <h2 id="maintenance-now">Maintenance in progress</h2>
          {inProgress.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      ) : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="maintenance-upcoming">
          <h2 id="maintenance-upcoming">Upcoming maintenance</h2>
          {upcoming.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      ) : null}
      <section aria-labelledby="components-heading">
        <h2 id="components-heading">Components</h2>
        <ComponentsList snapshot={snapshot} />
      </section>
      <section aria-labelledby="get-updates">
        <h2 id="get-updates">Get updates</h2>
        <SubscribeForm scope={null} />
        <p class="muted">
          Emails cover the whole page; <a href="/subscribe">choose components</a> instead. Or follow the <a href="/history.atom">Atom</a> or{" "}
          <a href="/history.rss">RSS</a> feed.
        </p>
      </section>
    </Layout>
  );
}

function IncidentCard({ incident }: { incident: SnapshotIncident }) {
  const latest = incident.updates[0];
  return (
    <article class="card" data-testid="active-incident">
      <h3>
        <IncidentLink incident={incident} />
        <ImpactLabel impact={incident.impact} />
      </h3>
      <p class="muted">
        Started <Time iso={incident.startedAt} />
      </p>
      {latest ? <UpdateBlock update={latest} /> : null}
    </article>
  );
}

function MaintenanceCard({ maintenance }: { maintenance: SnapshotIncident }) {
  const latest = maintenance.updates[0];
  return (
    <article class="card" data-testid="maintenance">
      <h3>
        <IncidentLink incident={maintenance} />
      </h3>
      <p class="muted">
        Scheduled {maintenance.scheduledFor ? <Time iso={maintenance.scheduledFor} /> : "—"} to{" "}
        {maintenance.scheduledUntil ? <Time iso={maintenance.scheduledUntil} /> : "—"}
      </p>
      {latest ? <UpdateBlock update={latest} /> : null}
    </article>
  );
}

function ComponentsList({ snapshot }: { snapshot: StatusSnapshot }) {
  const groups = visibleComponentGroups(snapshot);
  if (groups.length === 0) return <p class="muted">No components yet.</p>;
  return (
    <>
      {groups.map(({ group, components }) => {
        const items = (
          <ul class="components">
            {components.map((component) => (
              <ComponentItem key={component.id} component={component} now={Date.parse(snapshot.generatedAt)} />
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

function ComponentItem({ component, now }: { component: SnapshotComponent; now: number }) {
  const uptime = formatUptimePercent(component.uptime["90d"]);
  return (
    <li class="component" data-testid="component" data-component-id={component.id}>
      <div class="component-head">
        <span class="component-name">
          {component.name}
          {component.description ? <span class="component-description">{component.description}</span> : null}
        </span>
        <StatusLabel status={component.status} />
      </div>
      {component.days.length > 0 ? (
        <ul class="bars" aria-label={`${component.name}: daily status, last 90 days`}>
          {component.days.map((day, index) => (
            <li key={day.day}>
              <button type="button" class={`bar bar-${day.worstStatus ?? "none"}`} data-testid="bar" data-day={index}>
                <span class="tip">{dayText(day)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="bar-legend">
        <span>90 days ago</span>
        <span>{uptime ? `${uptime} uptime` : "No uptime data yet"}</span>
        <span>Today</span>
      </div>
      <LatencyChart component={component} now={now} />
    </li>
  );
}

function dayText(day: SnapshotDay): string {
  const uptime = formatUptimePercent(day.uptime);
  const status = day.worstStatus ? COMPONENT_STATUS_LABELS[day.worstStatus] : "No data";
  const incidents = day.incidents.length === 0 ? "No incidents" : `${day.incidents.length} incident${day.incidents.length > 1 ? "s" : ""}: ${day.incidents.map((i) => i.name).join("; ")}`;
  return `${utcText(day.day, "date")}: ${uptime ? `${uptime} uptime` : "no data"}. ${status}. ${incidents}.`;
}

const CHART_WIDTH = 600;
const CHART_HEIGHT = 64;

/** One chart per component: its monitors' response times taken together. */
function LatencyChart({ component, now }: { component: SnapshotComponent; now: number }) {
  const hourly24 = component.latencyHourly.filter((p) => Date.parse(p.at) >= now - 24 * 3_600_000);
  const name = `rt-${component.id}`;
  const windows: [string, string, LatencyPoint[]][] = [
    ["c24", "24 h", hourly24],
    ["c7", "7 d", component.latencyHourly],
    ["c30", "30 d", component.latencyDaily],
  ];
  if (windows.every(([, , points]) => points.length === 0)) return null;
  return (
    <div class="chart" role="group" aria-label={`Response time of ${component.name}`}>
      <span class="chart-title">Response time</span>
      {windows.map(([key, label], i) => (
        <Fragment key={key}>
          <input class="sr-only" type="radio" name={name} id={`${name}-${key}`} checked={i === 0} />
          <label for={`${name}-${key}`}>{label}</label>
        </Fragment>
      ))}
      {windows.map(([key, label, points]) => (
        <Sparkline key={key} chartClass={key} label={`${component.name}, ${label}`} points={points} />
      ))}
    </div>
  );
}

/** A server-rendered SVG line of average response times; the text alternative sums it up. */
function Sparkline({ chartClass, label, points }: { chartClass: string; label: string; points: readonly LatencyPoint[] }) {
  const viewBox = `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`;
  if (points.length === 0) return <svg class={chartClass} role="img" aria-label={`${label}: no data`} viewBox={viewBox} />;
  const max = Math.max(...points.map((p) => p.avgMs), 1);
  const avg = Math.round(points.reduce((sum, p) => sum + p.avgMs, 0) / points.length);
  const step = points.length > 1 ? CHART_WIDTH / (points.length - 1) : 0;
  const coordinates = points.map((p, i) => `${(i * step).toFixed(1)},${(CHART_HEIGHT - 4 - (p.avgMs / max) * (CHART_HEIGHT - 8)).toFixed(1)}`).join(" ");
  return (
    <svg class={chartClass} role="img" aria-label={`${label}: average ${avg} ms, highest ${max} ms`} viewBox={viewBox} preserveAspectRatio="none">
      <polyline fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" points={coordinates} />
    </svg>
  );
}
