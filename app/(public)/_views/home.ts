// The home page: banner, notices, active incidents, maintenance, components with 90-day bars,
// uptime and response-time charts, and the place for the subscribe form. Pure: status in, HTML out.
import { html, type SafeHtml } from "@/lib/html/html";
import type { CurrentStatus } from "@/lib/public-read/current-status";
import { visibleComponentGroups } from "@/lib/public-read/public-page";
import type { LatencyPoint, SnapshotComponent, SnapshotDay, SnapshotIncident, StatusSnapshot } from "@/lib/public-read/status-snapshot-types";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { formatUptimePercent } from "@/lib/status/uptime";
import { isActive, isUnresolved, isUpcoming } from "@/lib/public-read/statuspage/statuspage-v2";
import { renderDocument } from "./document";
import { impactLabel, incidentLink, statusLabel, timeTag, updateBlock, utcText } from "./parts";

const BANNER_ICONS = { none: "✓", minor: "!", major: "!", critical: "✕", maintenance: "⚒" } as const;

export function renderHome(current: CurrentStatus): string {
  const { snapshot } = current;
  const active = snapshot.incidents.filter(isUnresolved);
  const inProgress = snapshot.maintenances.filter(isActive);
  const upcoming = snapshot.maintenances.filter(isUpcoming).toReversed();
  const main = html`<h1>${snapshot.page.name}</h1>
<p class="banner banner-${snapshot.status.indicator}" data-testid="banner" data-indicator="${snapshot.status.indicator}"><span aria-hidden="true">${BANNER_ICONS[snapshot.status.indicator]}</span> ${snapshot.status.description}</p>
<p class="updated">Updated ${timeTag(snapshot.generatedAt, "ago")}</p>
${active.length > 0 ? html`<section aria-labelledby="active-incidents"><h2 id="active-incidents">Active incidents</h2>${active.map((incident) => incidentCard(incident))}</section>` : null}
${inProgress.length > 0 ? html`<section aria-labelledby="maintenance-now"><h2 id="maintenance-now">Maintenance in progress</h2>${inProgress.map((m) => maintenanceCard(m))}</section>` : null}
${upcoming.length > 0 ? html`<section aria-labelledby="maintenance-upcoming"><h2 id="maintenance-upcoming">Upcoming maintenance</h2>${upcoming.map((m) => maintenanceCard(m))}</section>` : null}
<section aria-labelledby="components-heading"><h2 id="components-heading">Components</h2>${componentsList(snapshot)}</section>
<section aria-labelledby="get-updates"><h2 id="get-updates">Get updates</h2>${subscribeForm()}<p class="muted">Emails cover the whole page; <a href="/subscribe">choose components</a> instead. Or follow the <a href="/history.atom">Atom</a> or <a href="/history.rss">RSS</a> feed.</p></section>`;
  return renderDocument({
    title: `${snapshot.page.name} status`,
    pageName: snapshot.page.name,
    main,
    live: true,
    state: stateOf(current),
  });
}

/** The /subscribe form without its component list: a plain POST, so it works without JavaScript. The
 *  "website" field is a honeypot (hidden from people; a filled one sends nothing). */
function subscribeForm(): SafeHtml {
  return html`<form method="post" action="/api/subscriptions" class="subscribe-form" aria-label="Subscribe to updates">
<label for="subscribe-email">Email address</label>
<div class="subscribe-row"><input id="subscribe-email" type="email" name="email" required autocomplete="email" placeholder="you@example.com" maxlength="254"><button type="submit">Subscribe</button></div>
<div class="honeypot" aria-hidden="true"><label for="subscribe-website">Leave this empty</label><input id="subscribe-website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
<p class="muted">We send a confirmation link first. Every email has a link to change or cancel your subscription.</p>
</form>`;
}

export function stateOf(current: CurrentStatus) {
  return {
    stale: current.stale,
    monitoringStale: current.monitoringStale,
    generatedAt: current.snapshot.generatedAt,
    lastHeartbeatAt: current.snapshot.worker.lastHeartbeatAt,
  };
}

function incidentCard(incident: SnapshotIncident): SafeHtml {
  const latest = incident.updates[0];
  return html`<article class="card" data-testid="active-incident"><h3>${incidentLink(incident)}${impactLabel(incident.impact)}</h3>
<p class="muted">Started ${timeTag(incident.startedAt)}</p>${latest ? updateBlock(latest) : null}</article>`;
}

function maintenanceCard(maintenance: SnapshotIncident): SafeHtml {
  const latest = maintenance.updates[0];
  return html`<article class="card" data-testid="maintenance"><h3>${incidentLink(maintenance)}</h3>
<p class="muted">Scheduled ${maintenance.scheduledFor ? timeTag(maintenance.scheduledFor) : "—"} to ${maintenance.scheduledUntil ? timeTag(maintenance.scheduledUntil) : "—"}</p>${latest ? updateBlock(latest) : null}</article>`;
}

function componentsList(snapshot: StatusSnapshot): SafeHtml {
  const groups = visibleComponentGroups(snapshot);
  if (groups.length === 0) return html`<p class="muted">No components yet.</p>`;
  return html`${groups.map(({ group, components }) => {
    const items = html`<ul class="components">${components.map((c) => componentItem(snapshot, c))}</ul>`;
    if (!group) return html`<div class="group">${items}</div>`;
    const worst = components.map((c) => c.status).sort((a, b) => severity(b) - severity(a))[0] ?? "operational";
    return html`<details class="group" id="group-${group.id}" open data-testid="group"><summary><h3>${group.name}</h3>${statusLabel(worst)}</summary>${items}</details>`;
  })}`;
}

const SEVERITY = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 } as const;
const severity = (status: keyof typeof SEVERITY) => SEVERITY[status];

function componentItem(snapshot: StatusSnapshot, component: SnapshotComponent): SafeHtml {
  const uptime = formatUptimePercent(component.uptime["90d"]);
  return html`<li class="component" data-testid="component" data-component-id="${component.id}"><div class="component-head"><span class="component-name">${component.name}${component.description ? html`<span class="component-description">${component.description}</span>` : null}</span>${statusLabel(component.status)}</div>
${component.days.length > 0 ? bars(component) : null}
<div class="bar-legend"><span>90 days ago</span><span>${uptime ? `${uptime} uptime` : "No uptime data yet"}</span><span>Today</span></div>
${latencyChart(component, Date.parse(snapshot.generatedAt))}</li>`;
}

function bars(component: SnapshotComponent): SafeHtml {
  return html`<ul class="bars" aria-label="${component.name}: daily status, last 90 days">${component.days.map((day, i) => bar(day, i))}</ul>`;
}

function dayText(day: SnapshotDay): string {
  const uptime = formatUptimePercent(day.uptime);
  const status = day.worstStatus ? COMPONENT_STATUS_LABELS[day.worstStatus] : "No data";
  const incidents = day.incidents.length === 0 ? "No incidents" : `${day.incidents.length} incident${day.incidents.length > 1 ? "s" : ""}: ${day.incidents.map((i) => i.name).join("; ")}`;
  return `${utcText(day.day, "date")}: ${uptime ? `${uptime} uptime` : "no data"}. ${status}. ${incidents}.`;
}

function bar(day: SnapshotDay, index: number): SafeHtml {
  const text = dayText(day);
  return html`<li><button type="button" class="bar bar-${day.worstStatus ?? "none"}" data-testid="bar" data-day="${index}"><span class="tip">${text}</span></button></li>`;
}

const CHART_WIDTH = 600;
const CHART_HEIGHT = 64;

/** One chart per component: its monitors' response times taken together. */
function latencyChart(component: SnapshotComponent, now: number): SafeHtml {
  const hourly24 = component.latencyHourly.filter((p) => Date.parse(p.at) >= now - 24 * 3_600_000);
  const name = `rt-${component.id}`;
  const windows: [string, string, LatencyPoint[]][] = [
    ["c24", "24 h", hourly24],
    ["c7", "7 d", component.latencyHourly],
    ["c30", "30 d", component.latencyDaily],
  ];
  if (windows.every(([, , points]) => points.length === 0)) return html``;
  return html`<div class="chart" role="group" aria-label="Response time of ${component.name}"><span class="chart-title">Response time</span>${windows.map(
    ([key, label], i) => html`<input class="sr-only" type="radio" name="${name}" id="${name}-${key}" ${i === 0 ? html`checked` : null}><label for="${name}-${key}">${label}</label>`,
  )}${windows.map(([key, label, points]) => sparkline(key, `${component.name}, ${label}`, points))}</div>`;
}

/** A server-rendered SVG line of average response times; the text alternative sums it up. */
function sparkline(key: string, label: string, points: readonly LatencyPoint[]): SafeHtml {
  if (points.length === 0) return html`<svg class="${key}" role="img" aria-label="${label}: no data" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"></svg>`;
  const max = Math.max(...points.map((p) => p.avgMs), 1);
  const avg = Math.round(points.reduce((sum, p) => sum + p.avgMs, 0) / points.length);
  const step = points.length > 1 ? CHART_WIDTH / (points.length - 1) : 0;
  const coordinates = points.map((p, i) => `${(i * step).toFixed(1)},${(CHART_HEIGHT - 4 - (p.avgMs / max) * (CHART_HEIGHT - 8)).toFixed(1)}`).join(" ");
  return html`<svg class="${key}" role="img" aria-label="${label}: average ${avg} ms, highest ${max} ms" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" preserveAspectRatio="none"><polyline fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" points="${coordinates}"/></svg>`;
}
