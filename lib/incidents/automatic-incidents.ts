// Automatic incidents: one outage, one story. A monitor confirmed down opens an automatic incident
// for its component — or joins one already open when the failure shares its cause (the same
// certificate or host, see failure-cause.ts) or comes within the correlation window of the last
// failure that joined it. The incident lists every affected component and resolves only when all of
// them have recovered and stayed quiet for the quiet period. An incident an admin took over is left
// alone.
//
// Races: everything runs in the caller's transaction. AutomaticIncidentClaim (one row per component)
// keeps a component in one incident; a transaction-scoped advisory lock serialises the decision
// "join which incident, or open one" across workers, so two workers confirming one certificate's
// lapse at the same moment still make one incident.
//
// Mail: every public update that changes what a subscriber would act on is mailed once. Automatic
// updates hold their mail for the burst window, and a change to the same incident within that
// window is folded into the update still held — so a burst of confirmations seconds apart is one
// mail, not several. A recovery holds its mail longer (the recovery hold): if the component fails
// again meanwhile, the unsent recovery mail is withdrawn and the relapse is not mailed either, since
// subscribers never heard it had recovered; from then on the incident counts as unstable and mails
// no more recoveries, only its resolution. So a flapping target mails its opening and its
// resolution, nothing in between (and a monitor flagged as flapping mails nothing until it settles).
import "server-only";
import { alertIncident } from "../alerts/record-alerts";
import { env, publicHostname } from "../env";
import type { Prisma } from "../generated/prisma/client";
import type { ComponentStatus, IncidentStatus } from "../generated/prisma/enums";
import type { ConfirmedMonitor, MonitorTransition } from "../monitors/confirm-monitor-states";
import { componentsUnderMaintenance } from "../maintenance/components-under-maintenance";
import { incidentImpactFor, statusFromMonitors } from "../status/component-rollup";
import { countOf } from "../checks/format";
import { CERTIFICATE_REASON_CODES } from "../checks/reason-codes";
import type { CertificateFacts } from "../checks/schemas";
import { failureBody, failureCause, incidentTitle, type FailureCause } from "./failure-cause";
import { writeIncidentUpdate, type AffectedComponent } from "./write-update";
import { enqueueUpdateNotifications } from "../outbox/enqueue-update-notifications";

export type AutomaticIncidentOptions = {
  messageIdDomain: string;
  /** Failures this close to an open automatic incident's last failure join it, whatever their cause. */
  correlationWindowMs: number;
  /** Mail of an automatic update waits this long; changes meanwhile fold into it. */
  burstMs: number;
  /** Mail saying a component recovered waits this long, and is withdrawn if it fails again meanwhile. */
  recoveryHoldMs: number;
};

export function automaticIncidentOptions(): AutomaticIncidentOptions {
  const config = env();
  return {
    messageIdDomain: publicHostname(config),
    correlationWindowMs: config.INCIDENT_CORRELATION_WINDOW_SECONDS * 1000,
    burstMs: config.INCIDENT_BURST_SECONDS * 1000,
    recoveryHoldMs: config.INCIDENT_RECOVERY_HOLD_SECONDS * 1000,
  };
}

/** Any constant works: it names "the automatic-incident decision" among the advisory locks. */
const CORRELATION_LOCK = 0x76_69_67_69; // "vigi"

export async function applyAutomaticIncidents(
  tx: Prisma.TransactionClient,
  transitions: readonly MonitorTransition[],
  now: Date,
  options: AutomaticIncidentOptions,
): Promise<void> {
  const underMaintenance = await componentsUnderMaintenance(
    tx,
    transitions.flatMap((t) => (t.componentId ? [t.componentId] : [])),
  );
  const relevant = transitions.filter((t) => t.componentId && !(t.to === "down" && underMaintenance.has(t.componentId)));
  if (relevant.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CORRELATION_LOCK})`;
  for (const transition of relevant) {
    const componentId = transition.componentId!;
    if (transition.to === "down") await openOrJoin(tx, transition, componentId, now, options);
    else if (transition.to === "up" || transition.to === "degraded") await componentRecovered(tx, transition, componentId, now, options);
  }
}

type ClaimedIncident = { id: string; status: IncidentStatus; takenOverAt: Date | null; correlationKeys: string[]; causeCode: string | null };

async function openOrJoin(tx: Prisma.TransactionClient, transition: MonitorTransition, componentId: string, now: Date, options: AutomaticIncidentOptions) {
  const component = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, status: true, monitors: { where: { enabled: true }, select: { state: true } } },
  });
  const imposed: ComponentStatus = statusFromMonitors(component.monitors.map((m) => m.state));
  const change: AffectedComponent = { componentId, name: component.name, oldStatus: component.status, newStatus: imposed };
  const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId }, include: { incident: true } });

  if (claim) {
    const incident = claim.incident;
    if (incident.takenOverAt) return; // an admin owns it now
    const link = await tx.incidentComponent.findUnique({ where: { incidentId_componentId: { incidentId: incident.id, componentId } } });
    const relapse = incident.status === "monitoring" || link?.status === "operational";
    // Another monitor of an outage already on the timeline says nothing new unless the status
    // changes — or unless it is the first to name the certificate behind the outage.
    if (!relapse && link?.status === imposed) {
      if (!incident.causeCode && transition.reasonCodes.some((code) => CERTIFICATE_REASON_CODES.has(code))) {
        await certificateFound(tx, transition, incident, change, now, options);
      }
      return;
    }
    const failure = await latestFailure(tx, transition);
    await tx.incidentComponent.update({ where: { incidentId_componentId: { incidentId: incident.id, componentId } }, data: { status: imposed } });
    const status: IncidentStatus = incident.status === "monitoring" ? "investigating" : incident.status;
    await refreshIncident(tx, incident, { status, now, cause: failure.cause, failed: true });
    // Subscribers who were never told it recovered learn nothing new from "failing again".
    const recoveryUnheard = relapse && (await withdrawHeldRecovery(tx, incident.id, componentId, now));
    const body = relapse
      ? `${component.name} is failing again. ${failureBody(component.name, failure.cause, failure.publicDescription)}`
      : `${component.name} is now ${imposed === "major_outage" ? "down" : "partly down"}. ${failureBody(component.name, failure.cause, failure.publicDescription)}`;
    await postAutomaticUpdate(
      tx,
      { incidentId: incident.id, status, body, detail: failure.detail, reasonCode: failure.cause.code, notify: !transition.flapping && !recoveryUnheard, affected: [change], now },
      options,
    );
    await alertIncident(tx, "incident.escalated", incident.id, { componentIds: [componentId], message: body, at: now, distinct: `${componentId}:${now.toISOString()}` });
    return;
  }

  // Read only now: another monitor of an outage already on the timeline returned above, unread.
  const failure = await latestFailure(tx, transition);
  const correlated = await findCorrelatedIncident(tx, failure.cause, now, options);
  if (correlated) {
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId: correlated.id, componentId } },
      create: { incidentId: correlated.id, componentId, status: imposed },
      update: { status: imposed },
    });
    await tx.automaticIncidentClaim.create({ data: { componentId, incidentId: correlated.id } });
    // "Also affected" says enough when the incident already tells this cause; a certificate it has
    // not named yet is news (the title is about to name it).
    const sharesCause =
      failure.cause.correlationKeys.some((key) => correlated.correlationKeys.includes(key)) && (!failure.cause.certificate || correlated.causeCode !== null);
    const status: IncidentStatus = correlated.status === "monitoring" ? "investigating" : correlated.status;
    await refreshIncident(tx, correlated, { status, now, cause: failure.cause, failed: true });
    const body = sharesCause
      ? `${component.name} is also affected.`
      : `${component.name} is also affected. ${failureBody(component.name, failure.cause, failure.publicDescription)}`;
    await postAutomaticUpdate(tx, { incidentId: correlated.id, status, body, detail: failure.detail, reasonCode: failure.cause.code, notify: !transition.flapping, affected: [change], now }, options);
    await alertIncident(tx, "incident.escalated", correlated.id, { componentIds: [componentId], message: body, at: now, distinct: `${componentId}:${now.toISOString()}` });
    return;
  }

  const impact = incidentImpactFor([imposed], await tx.component.count());
  const incident = await tx.incident.create({
    data: {
      name: incidentTitle(failure.cause, [{ name: component.name, status: imposed }]),
      status: "investigating",
      impact,
      source: "automatic",
      startedAt: now,
      lastFailureAt: now,
      correlationKeys: failure.cause.correlationKeys,
      ...(failure.cause.certificate
        ? { causeCode: failure.cause.code, certificateHost: failure.cause.certificate.host, certificateExpiresAt: failure.cause.certificate.expiresAt }
        : {}),
      components: { create: { componentId, status: imposed } },
      automaticClaims: { create: { componentId } },
    },
  });
  const openingBody = failureBody(component.name, failure.cause, failure.publicDescription);
  await postAutomaticUpdate(
    tx,
    {
      incidentId: incident.id,
      status: "investigating",
      body: openingBody,
      detail: failure.detail,
      reasonCode: failure.cause.code,
      // A flapping monitor opens its incident quietly; the mail waits until it settles.
      notify: !transition.flapping,
      affected: [change],
      now,
    },
    options,
  );
  // The team hears at once, flapping or not: an incident is on the public page now.
  await alertIncident(tx, "incident.opened", incident.id, { componentIds: [componentId], message: `${openingBody}\n${failure.detail}`, at: now });
}

/**
 * A component already down in an incident that named no certificate (its first monitor to confirm
 * timed out, say) now shows the certificate as the cause: the title names it, and subscribers read
 * it — in the opening mail itself when that is still held.
 */
async function certificateFound(
  tx: Prisma.TransactionClient,
  transition: MonitorTransition,
  incident: ClaimedIncident,
  change: AffectedComponent,
  now: Date,
  options: AutomaticIncidentOptions,
) {
  const failure = await latestFailure(tx, transition);
  if (!failure.cause.certificate) return;
  await refreshIncident(tx, incident, { status: incident.status, now, cause: failure.cause, failed: true });
  const body = failureBody(change.name, failure.cause, failure.publicDescription);
  await postAutomaticUpdate(tx, { incidentId: incident.id, status: incident.status, body, detail: failure.detail, reasonCode: failure.cause.code, notify: !transition.flapping, affected: [change], now }, options);
}

/**
 * The open automatic incident this failure belongs to: one sharing a correlation key first, else
 * the one whose last failure is within the correlation window. Taken-over incidents are the
 * admins' and are not joined.
 */
async function findCorrelatedIncident(tx: Prisma.TransactionClient, cause: FailureCause, now: Date, options: AutomaticIncidentOptions): Promise<ClaimedIncident | null> {
  const open = { source: "automatic" as const, kind: "incident" as const, takenOverAt: null, status: { in: ["investigating", "identified", "monitoring"] as IncidentStatus[] } };
  const select = { id: true, status: true, takenOverAt: true, correlationKeys: true, causeCode: true };
  if (cause.correlationKeys.length > 0) {
    const sameCause = await tx.incident.findFirst({ where: { ...open, correlationKeys: { hasSome: cause.correlationKeys } }, orderBy: { startedAt: "desc" }, select });
    if (sameCause) return sameCause;
  }
  return tx.incident.findFirst({
    where: { ...open, status: { in: ["investigating", "identified"] }, lastFailureAt: { gte: new Date(now.getTime() - options.correlationWindowMs) } },
    orderBy: { lastFailureAt: "desc" },
    select,
  });
}

/** Title, impact, status and cause keys follow the incident's components as they are now. */
async function refreshIncident(
  tx: Prisma.TransactionClient,
  incident: Pick<ClaimedIncident, "id" | "correlationKeys">,
  change: { status: IncidentStatus; now: Date; cause: FailureCause | null; failed: boolean },
) {
  const links = await tx.incidentComponent.findMany({
    where: { incidentId: incident.id },
    select: { status: true, component: { select: { name: true, position: true } } },
    orderBy: [{ component: { position: "asc" } }, { component: { name: "asc" } }],
  });
  const components = links.map((link) => ({ name: link.component.name, status: link.status }));
  const keys = [...new Set([...incident.correlationKeys, ...(change.cause?.correlationKeys ?? [])])];
  const title = await titleCause(tx, incident.id, change.cause);
  await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: change.status,
      ...(change.status === "investigating" ? { monitoringAt: null } : {}),
      impact: incidentImpactFor(components.map((c) => c.status), await tx.component.count()),
      name: incidentTitle(title, components),
      correlationKeys: keys,
      ...(change.failed ? { lastFailureAt: change.now } : {}),
    },
  });
}

/** The certificate cause the title names: the first one the incident saw, kept on the row. */
async function titleCause(tx: Prisma.TransactionClient, incidentId: string, latest: FailureCause | null): Promise<FailureCause | null> {
  const stored = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { causeCode: true, certificateHost: true, certificateExpiresAt: true } });
  if (stored.causeCode && stored.certificateHost && stored.certificateExpiresAt) {
    return { code: stored.causeCode, certificate: { host: stored.certificateHost, expiresAt: stored.certificateExpiresAt }, correlationKeys: [] };
  }
  if (!latest?.certificate) return null;
  await tx.incident.update({
    where: { id: incidentId },
    data: { causeCode: latest.code, certificateHost: latest.certificate.host, certificateExpiresAt: latest.certificate.expiresAt },
  });
  return latest;
}

/**
 * A component whose monitors are no longer down: its part of the incident is over (or lighter).
 * The incident goes to "monitoring" only when every affected component has recovered.
 */
async function componentRecovered(tx: Prisma.TransactionClient, transition: MonitorTransition, componentId: string, now: Date, options: AutomaticIncidentOptions) {
  const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId }, include: { incident: true } });
  if (!claim || claim.incident.takenOverAt || claim.incident.status === "monitoring") return;
  const component = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, status: true, monitors: { where: { enabled: true }, select: { state: true } } },
  });
  const link = await tx.incidentComponent.findUniqueOrThrow({ where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } } });
  if (link.status === "operational") return; // another of its monitors already said so
  const imposed = statusFromMonitors(component.monitors.map((m) => m.state));
  // A recovery that did not last (its mail withdrawn or held back) makes the incident unstable:
  // subscribers hear of its resolution, not of every recovery in between.
  const unstable = (await tx.incidentUpdate.count({ where: { incidentId: claim.incidentId, automatic: true, reasonCode: "ok", notify: false } })) > 0;
  const notify = !transition.flapping && !unstable;
  const stillFailing = imposed === "major_outage" || imposed === "partial_outage";
  if (stillFailing) {
    // One of several monitors recovered: lighter, not over.
    if (link.status === imposed) return;
    await tx.incidentComponent.update({ where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } }, data: { status: imposed } });
    await refreshIncident(tx, claim.incident, { status: claim.incident.status, now, cause: null, failed: false });
    await postAutomaticUpdate(
      tx,
      {
        incidentId: claim.incidentId,
        status: claim.incident.status,
        body: `${component.name} is partly working again.`,
        reasonCode: "ok",
        notify,
        recovery: true,
        affected: [{ componentId, name: component.name, oldStatus: component.status, newStatus: imposed }],
        now,
      },
      options,
    );
    return;
  }
  await tx.incidentComponent.update({ where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } }, data: { status: "operational" } });
  const failingElsewhere = await tx.incidentComponent.count({ where: { incidentId: claim.incidentId, status: { notIn: ["operational", "under_maintenance"] } } });
  const status: IncidentStatus = failingElsewhere > 0 ? claim.incident.status : "monitoring";
  await refreshIncident(tx, claim.incident, { status, now, cause: null, failed: false });
  if (status === "monitoring") await tx.incident.update({ where: { id: claim.incidentId }, data: { monitoringAt: now } });
  await postAutomaticUpdate(
    tx,
    {
      incidentId: claim.incidentId,
      status,
      body:
        status === "monitoring"
          ? `${component.name} is responding again. We are monitoring to make sure it stays up.`
          : `${component.name} is responding again; ${countOf(failingElsewhere, "other component")} still affected.`,
      reasonCode: "ok",
      notify,
      recovery: true,
      affected: [{ componentId, name: component.name, oldStatus: component.status, newStatus: "operational" }],
      now,
    },
    options,
  );
}

/**
 * A monitor that stopped flapping while down: its incident's notifications were held, so
 * subscribers who have heard nothing yet hear about the outage now — once.
 */
export async function announceSettledOutages(
  tx: Prisma.TransactionClient,
  settled: readonly ConfirmedMonitor[],
  now: Date,
  options: AutomaticIncidentOptions,
): Promise<void> {
  for (const monitor of settled) {
    if (monitor.state !== "down" || !monitor.componentId) continue;
    const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId: monitor.componentId }, include: { incident: true } });
    if (!claim || claim.incident.takenOverAt) continue;
    // Subscribers already know it is down unless the last thing they heard was "recovering".
    const lastHeard = await tx.incidentUpdate.findFirst({
      where: { incidentId: claim.incidentId, notify: true },
      orderBy: { createdAt: "desc" },
      select: { status: true },
    });
    if (lastHeard && lastHeard.status !== "monitoring") continue;
    const component = await tx.component.findUniqueOrThrow({ where: { id: monitor.componentId }, select: { name: true, status: true } });
    const failure = await latestFailure(tx, { monitorId: monitor.monitorId, reasonCodes: [] });
    await postAutomaticUpdate(
      tx,
      {
        incidentId: claim.incidentId,
        status: claim.incident.status,
        body: `${component.name} has stopped flapping and is down. ${failureBody(component.name, failure.cause, failure.publicDescription)}`,
        detail: failure.detail,
        reasonCode: failure.cause.code,
        notify: true,
        affected: [{ componentId: monitor.componentId, name: component.name, oldStatus: component.status, newStatus: component.status }],
        now,
      },
      options,
    );
  }
}

/** When the next recovered automatic incident is due to resolve itself after `after`, if one is recovering. */
export async function nextAutomaticResolutionAt(tx: Prisma.TransactionClient, quietMs: number, after: Date): Promise<Date | null> {
  const next = await tx.incident.findFirst({
    where: { source: "automatic", status: "monitoring", takenOverAt: null, monitoringAt: { gt: new Date(after.getTime() - quietMs) } },
    orderBy: { monitoringAt: "asc" },
    select: { monitoringAt: true },
  });
  return next?.monitoringAt ? new Date(next.monitoringAt.getTime() + quietMs) : null;
}

/**
 * Automatic incidents in "monitoring" with no failure for `quietMs` resolve themselves. Returns the
 * components whose status may change (the caller refreshes them).
 */
export async function resolveQuietAutomaticIncidents(
  tx: Prisma.TransactionClient,
  now: Date,
  quietMs: number,
  options: AutomaticIncidentOptions,
): Promise<string[]> {
  const quiet = await tx.incident.findMany({
    where: { source: "automatic", status: "monitoring", takenOverAt: null, monitoringAt: { lte: new Date(now.getTime() - quietMs) } },
    select: { id: true, components: { select: { componentId: true, status: true, component: { select: { name: true } } } } },
  });
  const touched: string[] = [];
  for (const incident of quiet) {
    // Guarded: only an incident still in "monitoring" resolves (a relapse or an admin won the race).
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, status: "monitoring", takenOverAt: null },
      data: { status: "resolved", resolvedAt: now },
    });
    if (count === 0) continue;
    await tx.automaticIncidentClaim.deleteMany({ where: { incidentId: incident.id } });
    // A recovery mail still held would arrive after this one: the resolution says it all.
    await withdrawHeldRecovery(tx, incident.id, null, now);
    await writeIncidentUpdate(tx, {
      incidentId: incident.id,
      status: "resolved",
      body: `Resolved: everything has worked without a failure for ${quietPeriod(quietMs)}.`,
      authorId: null,
      reasonCode: "ok",
      notify: true,
      affected: incident.components.map((c) => ({ componentId: c.componentId, name: c.component.name, oldStatus: c.status, newStatus: c.status })),
      notifyComponentIds: incident.components.map((c) => c.componentId),
      now,
      messageIdDomain: options.messageIdDomain,
    });
    await alertIncident(tx, "incident.resolved", incident.id, {
      componentIds: incident.components.map((c) => c.componentId),
      message: `Resolved: everything has worked without a failure for ${quietPeriod(quietMs)}.`,
      at: now,
    });
    touched.push(...incident.components.map((c) => c.componentId));
  }
  return touched;
}

function quietPeriod(ms: number): string {
  return ms % 60_000 === 0 ? countOf(ms / 60_000, "minute") : countOf(Math.round(ms / 1000), "second");
}

type AutomaticUpdate = {
  incidentId: string;
  status: IncidentStatus;
  body: string;
  /** What the probe said (URLs, addresses): shown to admins only. */
  detail?: string;
  reasonCode: string;
  notify: boolean;
  affected: AffectedComponent[];
  now: Date;
  /** A recovery: its mail waits for the recovery hold (see the header). */
  recovery?: boolean;
};

/**
 * Withdraws the mail of the newest recovery update (of one component, or of the incident) while it
 * is still held and no mailer has claimed any of it (the rows are locked here first). True when
 * subscribers never heard of the recovery.
 */
async function withdrawHeldRecovery(tx: Prisma.TransactionClient, incidentId: string, componentId: string | null, now: Date): Promise<boolean> {
  const recent = await tx.incidentUpdate.findMany({ where: { incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 10 });
  const recovery = recent.find((u) => componentId === null || (u.affectedComponents as AffectedComponent[] | null)?.some((a) => a.componentId === componentId));
  if (!recovery || recovery.reasonCode !== "ok") return false;
  if (!recovery.notify) return true;
  if (!(await outboxUnclaimed(tx, recovery.id))) return false;
  const due = await tx.outboxMessage.count({ where: { incidentUpdateId: recovery.id, nextAttemptAt: { lte: now } } });
  if (due > 0) return false;
  await tx.outboxMessage.deleteMany({ where: { incidentUpdateId: recovery.id } });
  await tx.incidentUpdate.update({ where: { id: recovery.id }, data: { notify: false } });
  return true;
}

/** Locks an update's outbox rows; true when no mailer has claimed one (so none was sent). */
async function outboxUnclaimed(tx: Prisma.TransactionClient, updateId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ attempts: number; status: string }[]>`
    SELECT attempts, status::text FROM "OutboxMessage" WHERE "incidentUpdateId" = ${updateId} FOR UPDATE`;
  return rows.every((row) => row.attempts === 0 && row.status === "pending");
}

/**
 * Posts an automatic update, or folds it into the incident's newest automatic update when that one
 * has the same status, is still inside its burst window and none of its mail has been claimed by a
 * mailer yet (its outbox rows are locked here, so no mailer can claim one until this commits).
 */
async function postAutomaticUpdate(tx: Prisma.TransactionClient, update: AutomaticUpdate, options: AutomaticIncidentOptions): Promise<void> {
  const notifyAt = new Date(update.now.getTime() + (update.recovery ? options.recoveryHoldMs : options.burstMs));
  const latest = await tx.incidentUpdate.findFirst({ where: { incidentId: update.incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const inBurst =
    latest?.automatic &&
    latest.status === update.status &&
    (latest.reasonCode === "ok") === Boolean(update.recovery) &&
    update.now.getTime() - latest.createdAt.getTime() < options.burstMs;
  if (latest && inBurst && (await outboxUnclaimed(tx, latest.id))) {
    const affected = [...(latest.affectedComponents as AffectedComponent[])];
    for (const change of update.affected) {
      const index = affected.findIndex((a) => a.componentId === change.componentId);
      if (index === -1) affected.push(change);
      else affected[index] = { ...change, oldStatus: affected[index]!.oldStatus };
    }
    await tx.incidentUpdate.update({
      where: { id: latest.id },
      data: {
        body: `${latest.body} ${update.body}`,
        internalDetail: [latest.internalDetail, update.detail].filter(Boolean).join("\n") || null,
        notify: latest.notify || update.notify,
        affectedComponents: affected,
      },
    });
    if (update.notify) {
      const heldUntil = await tx.outboxMessage.findFirst({ where: { incidentUpdateId: latest.id }, select: { nextAttemptAt: true } });
      await enqueueUpdateNotifications(tx, { id: latest.id, componentIds: update.affected.map((a) => a.componentId) }, options.messageIdDomain, heldUntil?.nextAttemptAt ?? notifyAt);
    }
    return;
  }
  await writeIncidentUpdate(tx, {
    incidentId: update.incidentId,
    status: update.status,
    body: update.body,
    internalDetail: update.detail ?? null,
    authorId: null,
    reasonCode: update.reasonCode,
    notify: update.notify,
    affected: update.affected,
    notifyComponentIds: update.affected.map((a) => a.componentId),
    now: update.now,
    messageIdDomain: options.messageIdDomain,
    notifyAt,
  });
}

type Failure = { cause: FailureCause; publicDescription: string | null; detail: string };

/** What failed: the newest down result of the monitor, in public words and in the probe's own. */
async function latestFailure(tx: Prisma.TransactionClient, transition: Pick<MonitorTransition, "monitorId" | "reasonCodes">): Promise<Failure> {
  const monitor = await tx.monitor.findUniqueOrThrow({ where: { id: transition.monitorId }, select: { name: true, kind: true, target: true, publicDescription: true } });
  const latest = await tx.checkResult.findFirst({
    where: { monitorId: transition.monitorId, state: "down" },
    orderBy: { slotAt: "desc" },
    select: { reasons: true, certificate: true, address: true },
  });
  const reasons = (latest?.reasons ?? []) as { code: string; message: string }[];
  const failing = reasons.filter((reason) => reason.code !== "ok");
  const reasonCodes = failing.length > 0 ? failing.map((r) => r.code) : transition.reasonCodes;
  const certificate = (latest?.certificate ?? null) as CertificateFacts | null;
  const cause = failureCause({ monitor, reasonCodes, certificate, address: latest?.address ?? null });
  const message = failing[0]?.message ?? (transition.reasonCodes.join(", ") || "the check failed");
  return { cause, publicDescription: monitor.publicDescription, detail: `${monitor.name} failed: ${message}` };
}
