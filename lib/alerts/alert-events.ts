// The events, built where Vigil decides them. Pure: the caller passes what happened, the console's
// base URL and the moment; the key of each says what makes it one happening (see events.ts).
import type { AlertEvent, AlertEventKind, AlertSeverity } from "./events";

type Named = { id: string; name: string };
type MonitorState = "up" | "degraded" | "down" | "unknown";

export type MonitorFacts = Named & { target: string; component: Named | null };

const KIND_BY_STATE: Partial<Record<MonitorState, AlertEventKind>> = { down: "monitor.down", degraded: "monitor.degraded" };

/**
 * A confirmed transition worth telling: into down or degraded, or from either back to up. Unknown
 * (no data) is neither a failure nor a recovery.
 */
export function monitorTransitionEvent(
  monitor: MonitorFacts,
  transition: { from: MonitorState; to: MonitorState; reasonCodes: readonly string[]; at: Date },
  base: string,
): AlertEvent | null {
  const recovered = transition.to === "up" && (transition.from === "down" || transition.from === "degraded");
  const kind = recovered ? "monitor.recovered" : KIND_BY_STATE[transition.to];
  if (!kind) return null;
  const reasons = transition.reasonCodes.filter((code) => code !== "ok");
  const where = monitor.component ? ` (${monitor.component.name})` : "";
  const title = recovered ? `${monitor.name} recovered` : `${monitor.name} is ${transition.to}`;
  const message = recovered
    ? `${monitor.name}${where} is up again after being ${transition.from}. Target: ${monitor.target}.`
    : `${monitor.name}${where} is confirmed ${transition.to}${reasons.length > 0 ? `: ${reasons.join(", ")}` : ""}. Target: ${monitor.target}.`;
  const severity: AlertSeverity = recovered ? "ok" : transition.to === "down" ? "critical" : "warning";
  return {
    key: `monitor:${monitor.id}:${transition.to}:${transition.at.toISOString()}`,
    kind,
    severity,
    title,
    message,
    occurredAt: transition.at.toISOString(),
    url: `${base}/admin/monitors/${monitor.id}`,
    components: monitor.component ? [monitor.component] : [],
    monitor: { id: monitor.id, name: monitor.name },
    incident: null,
    dedupKey: `vigil:monitor:${monitor.id}`,
    action: recovered ? "resolve" : "trigger",
  };
}

export type IncidentFacts = Named & { status: string };

/** An automatic incident opened, grew (another component, a relapse), or resolved. */
export function incidentEvent(
  kind: "incident.opened" | "incident.escalated" | "incident.resolved",
  incident: IncidentFacts,
  change: { components: Named[]; message: string; at: Date; distinct?: string },
  base: string,
): AlertEvent {
  const verb = { "incident.opened": "Incident opened", "incident.escalated": "Incident escalated", "incident.resolved": "Incident resolved" }[kind];
  return {
    // Opened and resolved happen once per incident; an escalation once per component and moment.
    key: `incident:${incident.id}:${kind}${change.distinct ? `:${change.distinct}` : ""}`,
    kind,
    severity: kind === "incident.resolved" ? "ok" : "critical",
    title: `${verb}: ${incident.name}`,
    message: change.message,
    occurredAt: change.at.toISOString(),
    url: `${base}/admin/incidents/${incident.id}`,
    components: change.components,
    monitor: null,
    incident,
    dedupKey: `vigil:incident:${incident.id}`,
    action: kind === "incident.resolved" ? "resolve" : "trigger",
  };
}

/** A certificate crossed a threshold (30, 14, 7, 3, 1 days, a third of its lifetime, expired). */
export function certificateEvent(
  certificate: { fingerprint: string; host: string; threshold: string; title: string; message: string },
  seenBy: { monitor: Named; component: Named | null },
  at: Date,
  base: string,
): AlertEvent {
  return {
    key: `certificate:${certificate.fingerprint}:${certificate.threshold}`,
    kind: "certificate.threshold",
    severity: certificate.threshold === "expired" ? "critical" : "warning",
    title: certificate.title,
    message: certificate.message,
    occurredAt: at.toISOString(),
    url: `${base}/admin/monitors/${seenBy.monitor.id}`,
    components: seenBy.component ? [seenBy.component] : [],
    monitor: seenBy.monitor,
    incident: null,
    dedupKey: `vigil:certificate:${certificate.fingerprint.replaceAll(":", "").toLowerCase()}`.slice(0, 255),
    action: "trigger",
  };
}

/** An incident still open at a reminder mark (3, 6, 12, 24 hours). */
export function staleIncidentEvent(incident: IncidentFacts, components: Named[], afterHours: number, at: Date, base: string): AlertEvent {
  return {
    key: `reminder:${incident.id}:${afterHours}h`,
    kind: "incident.stale",
    severity: "warning",
    title: `Still open after ${afterHours} hours: ${incident.name}`,
    message: `"${incident.name}" has been open for ${afterHours} hours. Post an update or resolve it.`,
    occurredAt: at.toISOString(),
    url: `${base}/admin/incidents/${incident.id}`,
    components,
    monitor: null,
    incident,
    dedupKey: null,
    action: null,
  };
}

/** What "send test alert" sends: marked as a test everywhere it is shown. */
export function testEvent(channel: string, at: Date, base: string): AlertEvent {
  return {
    key: `test:${channel}:${at.toISOString()}`,
    kind: "test",
    severity: "info",
    title: `Test alert from Vigil`,
    message: `This is a test of the alert channel "${channel}". If you can read it, alerts reach you here.`,
    occurredAt: at.toISOString(),
    url: `${base}/admin`,
    components: [],
    monitor: null,
    incident: null,
    dedupKey: `vigil:test:${channel}`,
    action: "trigger",
  };
}

/** A region whose workers all missed three heartbeats: its monitors go unchecked. */
export function workerSilentEvent(region: { region: string; lastSeenAt: Date }, at: Date, base: string): AlertEvent {
  return {
    // One per silence: a region that beats again and falls silent later is a new event.
    key: `worker-silent:${region.region}:${region.lastSeenAt.toISOString()}`,
    kind: "worker.silent",
    severity: "critical",
    title: `No worker in region ${region.region}`,
    message: `No worker of region "${region.region}" has sent a heartbeat since ${region.lastSeenAt.toISOString()}: its monitors are not being checked.`,
    occurredAt: at.toISOString(),
    url: `${base}/admin`,
    components: [],
    monitor: null,
    incident: null,
    dedupKey: `vigil:worker:${region.region}`,
    action: "trigger",
  };
}

/**
 * No worker at all beat for three intervals (the web process tells it: no worker is left to), and
 * its end. `episode` numbers the silences, so each is told once and a later one anew.
 */
export function workersMissingEvent(episode: number, lastSeenAt: Date | null, at: Date, base: string): AlertEvent {
  const since = lastSeenAt ? ` since ${lastSeenAt.toISOString()}` : "";
  return {
    key: `workers-missing:${episode}`,
    kind: "worker.missing",
    severity: "critical",
    title: "No Vigil worker is running",
    message: `No worker has sent a heartbeat${since}: no monitor is being checked, and no other alert or email goes out until a worker runs again.`,
    occurredAt: at.toISOString(),
    url: `${base}/admin`,
    components: [],
    monitor: null,
    incident: null,
    dedupKey: "vigil:workers",
    action: "trigger",
  };
}

export function workersRecoveredEvent(episode: number, missingSince: Date | null, at: Date, base: string): AlertEvent {
  return {
    key: `workers-recovered:${episode}`,
    kind: "worker.recovered",
    severity: "ok",
    title: "A Vigil worker is running again",
    message: `A worker sent a heartbeat again${missingSince ? ` (none had since ${missingSince.toISOString()})` : ""}: monitors are being checked.`,
    occurredAt: at.toISOString(),
    url: `${base}/admin`,
    components: [],
    monitor: null,
    incident: null,
    dedupKey: "vigil:workers",
    action: "resolve",
  };
}

/** Emails failing past the threshold; at most one such alert per hour. */
export function mailFailingEvent(failing: { count: number; windowMinutes: number; lastError: string }, at: Date, base: string): AlertEvent {
  return {
    key: `mail-failing:${at.toISOString().slice(0, 13)}`,
    kind: "mail.failing",
    severity: "warning",
    title: "Email delivery is failing",
    message: `${failing.count} emails failed or were retried in the last ${failing.windowMinutes} minutes. Latest error: ${failing.lastError}`,
    occurredAt: at.toISOString(),
    url: `${base}/admin/outbox`,
    components: [],
    monitor: null,
    incident: null,
    dedupKey: "vigil:mail",
    action: "trigger",
  };
}
