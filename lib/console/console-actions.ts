// Every mutation the console offers, each a thin adapter from form fields to a domain verb. The
// verbs validate (same zod schemas as the admin API), check roles, audit and run in transactions.
// app/admin/actions.ts exposes each entry as a server action through executeAdminAction.
// Form shapes are passed on unvalidated (`as never`): each verb parses its input with its schema.
import "server-only";
import { createApiKey, revokeApiKey } from "../auth/api-keys";
import { changeOwnPassword } from "../auth/change-password";
import { addAdmin, changeAdmin } from "../auth/manage-admins";
import { revokeOwnSession } from "../auth/sessions";
import { deleteComponent } from "../components/delete-component";
import { deleteComponentGroup, saveComponentGroup } from "../components/save-component-group";
import { saveComponent } from "../components/save-component";
import type { ComponentStatus } from "../generated/prisma/enums";
import { createIncident } from "../incidents/create-incident";
import { deleteIncidentUpdate, editIncidentUpdate, publishPostmortem } from "../incidents/edit-update";
import { deleteIncidentTemplate, saveIncidentTemplate } from "../incidents/incident-templates";
import { postIncidentUpdate, takeOverIncident } from "../incidents/post-update";
import { postMaintenanceUpdate } from "../maintenance/post-maintenance-update";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance";
import { acknowledgeCertificateAlert } from "../monitors/acknowledge-certificate-alert";
import { runMonitorNow } from "../monitors/run-monitor-now";
import { deleteMonitor, saveMonitor, setMonitorPaused } from "../monitors/save-monitor";
import { retryOutboxMessage, retryOutboxMessages } from "../outbox/outbox-admin";
import { releaseSubscriberFromQuarantine, removeSubscriber } from "../subscriptions/admin-subscribers";
import { checkbox, defineAction, json, list, text } from "./admin-action";

/** Affected components come as `component:<id>` = new status ("" = not affected). */
function componentStatuses(form: FormData): { componentId: string; status: ComponentStatus }[] {
  const chosen: { componentId: string; status: ComponentStatus }[] = [];
  for (const [key, value] of form.entries()) {
    if (key.startsWith("component:") && typeof value === "string" && value !== "") chosen.push({ componentId: key.slice("component:".length), status: value as ComponentStatus });
  }
  return chosen;
}

const id = (form: FormData) => text(form, "id") ?? "";
const optionalNumber = (form: FormData, name: string) => {
  const value = text(form, name)?.trim();
  return value ? value : undefined;
};

export const consoleActions = {
  createIncident: defineAction({
    need: "edit",
    fromForm: (form) => ({
      name: text(form, "name"),
      impact: text(form, "impact"),
      status: text(form, "status"),
      body: text(form, "body"),
      components: componentStatuses(form),
      notify: checkbox(form, "notify"),
    }),
    run: async (input, { actor, messageIdDomain, now }) => {
      const incident = await createIncident(input as never, actor, messageIdDomain, now);
      return { redirectTo: `/admin/incidents/${incident.id}`, message: "Incident opened." };
    },
  }),
  postIncidentUpdate: defineAction({
    need: "edit",
    fromForm: (form) => ({ incidentId: id(form), status: text(form, "status"), body: text(form, "body"), components: componentStatuses(form), notify: checkbox(form, "notify") }),
    run: async (input, { actor, messageIdDomain, now }) => {
      await postIncidentUpdate(input as never, actor, messageIdDomain, now);
      return { message: "Update posted." };
    },
  }),
  takeOverIncident: defineAction({
    need: "edit",
    fromForm: id,
    run: async (incidentId, { actor, now }) => {
      const taken = await takeOverIncident(incidentId, actor, now);
      return { message: taken ? "You own this incident now; automation leaves it alone." : "This incident was already taken over." };
    },
  }),
  editIncidentUpdate: defineAction({
    need: "edit",
    fromForm: (form) => ({ updateId: id(form), body: text(form, "body") }),
    run: async (input, { actor }) => {
      await editIncidentUpdate(input as never, actor);
      return { message: "Update edited." };
    },
  }),
  deleteIncidentUpdate: defineAction({
    need: "edit",
    fromForm: id,
    run: async (updateId, { actor }) => {
      await deleteIncidentUpdate(updateId, actor);
      return { message: "Update deleted." };
    },
  }),
  publishPostmortem: defineAction({
    need: "edit",
    fromForm: (form) => ({ incidentId: id(form), body: text(form, "body") }),
    run: async (input, { actor, now }) => {
      await publishPostmortem(input as never, actor, now);
      return { message: "Postmortem published." };
    },
  }),
  saveIncidentTemplate: defineAction({
    need: "edit",
    fromForm: (form) => ({ id: text(form, "id") || undefined, name: text(form, "name"), title: text(form, "title"), status: text(form, "status"), body: text(form, "body") }),
    run: async (input, { actor }) => {
      await saveIncidentTemplate(input as never, actor);
      return { message: "Template saved." };
    },
  }),
  deleteIncidentTemplate: defineAction({
    need: "edit",
    fromForm: id,
    run: async (templateId, { actor }) => {
      await deleteIncidentTemplate(templateId, actor);
      return { message: "Template deleted." };
    },
  }),
  saveComponent: defineAction({
    need: "edit",
    fromForm: (form) => ({
      id: text(form, "id") || undefined,
      name: text(form, "name"),
      description: text(form, "description"),
      groupId: text(form, "groupId"),
      position: optionalNumber(form, "position"),
      showcase: checkbox(form, "showcase"),
      onlyShowIfDegraded: checkbox(form, "onlyShowIfDegraded"),
    }),
    run: async (input, { actor }) => {
      await saveComponent(input as never, actor);
      return { message: "Component saved." };
    },
  }),
  deleteComponent: defineAction({
    need: "edit",
    fromForm: id,
    run: async (componentId, { actor }) => {
      await deleteComponent(componentId, actor);
      return { message: "Component deleted." };
    },
  }),
  saveComponentGroup: defineAction({
    need: "edit",
    fromForm: (form) => ({ id: text(form, "id") || undefined, name: text(form, "name"), description: text(form, "description"), position: optionalNumber(form, "position") }),
    run: async (input, { actor }) => {
      await saveComponentGroup(input as never, actor);
      return { message: "Group saved." };
    },
  }),
  deleteComponentGroup: defineAction({
    need: "edit",
    fromForm: id,
    run: async (groupId, { actor }) => {
      await deleteComponentGroup(groupId, actor);
      return { message: "Group deleted." };
    },
  }),
  saveMonitor: defineAction({
    need: "edit",
    fromForm: (form) => ({
      id: text(form, "id") || undefined,
      name: text(form, "name"),
      publicDescription: text(form, "publicDescription"),
      componentId: text(form, "componentId"),
      kind: text(form, "kind"),
      target: text(form, "target"),
      intervalSeconds: optionalNumber(form, "intervalSeconds"),
      timeoutMs: optionalNumber(form, "timeoutMs"),
      expectations: json(form, "expectations"),
      regions: (text(form, "regions") ?? "").split(",").map((r) => r.trim()).filter(Boolean),
      quorum: optionalNumber(form, "quorum"),
      failureThreshold: optionalNumber(form, "failureThreshold"),
      recoveryThreshold: optionalNumber(form, "recoveryThreshold"),
      enabled: !checkbox(form, "paused"),
    }),
    run: async (input, { actor, now }) => {
      const monitor = await saveMonitor(input as never, actor, now);
      return { redirectTo: `/admin/monitors/${monitor.id}`, message: "Monitor saved." };
    },
  }),
  pauseMonitor: defineAction({
    need: "edit",
    fromForm: (form) => ({ id: id(form), paused: text(form, "paused") !== "false" }),
    run: async ({ id: monitorId, paused }, { actor, now }) => {
      await setMonitorPaused(monitorId, paused, actor, now);
      return { message: paused ? "Monitor paused." : "Monitor resumed." };
    },
  }),
  deleteMonitor: defineAction({
    need: "edit",
    fromForm: id,
    run: async (monitorId, { actor, now }) => {
      await deleteMonitor(monitorId, actor, now);
      return { redirectTo: "/admin/monitors", message: "Monitor deleted." };
    },
  }),
  runMonitorNow: defineAction({
    need: "edit",
    fromForm: id,
    run: async (monitorId, { actor, now }) => {
      const result = await runMonitorNow(monitorId, actor, now);
      return { data: { ...result, checkedAt: result.checkedAt.toISOString() } };
    },
  }),
  acknowledgeCertificateAlert: defineAction({
    need: "edit",
    fromForm: id,
    run: async (alertId, { actor, now }) => {
      await acknowledgeCertificateAlert(alertId, actor, now);
      return { message: "Alert acknowledged." };
    },
  }),
  scheduleMaintenance: defineAction({
    need: "edit",
    fromForm: (form) => ({
      name: text(form, "name"),
      body: text(form, "body"),
      componentIds: list(form, "componentIds"),
      scheduledFor: text(form, "scheduledFor") || undefined,
      scheduledUntil: text(form, "scheduledUntil") || undefined,
      autoStart: checkbox(form, "autoStart"),
      autoComplete: checkbox(form, "autoComplete"),
      notify: checkbox(form, "notify"),
    }),
    run: async (input, { actor, messageIdDomain, now }) => {
      const maintenance = await scheduleMaintenance(input as never, messageIdDomain, now, actor);
      return { redirectTo: `/admin/maintenance/${maintenance.id}`, message: "Maintenance scheduled." };
    },
  }),
  postMaintenanceUpdate: defineAction({
    need: "edit",
    fromForm: (form) => ({ maintenanceId: id(form), status: text(form, "status"), body: text(form, "body"), notify: checkbox(form, "notify") }),
    run: async (input, { actor, messageIdDomain, now }) => {
      await postMaintenanceUpdate(input as never, actor, messageIdDomain, now);
      return { message: "Maintenance updated." };
    },
  }),
  removeSubscriber: defineAction({
    need: "edit",
    fromForm: id,
    run: async (subscriberId, { actor }) => {
      await removeSubscriber(subscriberId, actor);
      return { message: "Subscriber removed; their unsent messages will not go out." };
    },
  }),
  releaseSubscriber: defineAction({
    need: "edit",
    fromForm: id,
    run: async (subscriberId, { actor, now }) => {
      await releaseSubscriberFromQuarantine(subscriberId, actor, now);
      return { message: "Released from quarantine: the address gets updates again." };
    },
  }),
  retryOutboxMessage: defineAction({
    need: "edit",
    fromForm: id,
    run: async (messageId, { actor, now }) => {
      const queued = await retryOutboxMessage(messageId, actor, now);
      return { message: queued ? "Queued again; the mailer sends it now." : "Nothing to retry: that message is no longer failed." };
    },
  }),
  retryOutboxUpdate: defineAction({
    need: "edit",
    fromForm: (form) => ({ incidentUpdateId: text(form, "incidentUpdateId") ?? "" }),
    run: async (input, { actor, now }) => {
      const count = await retryOutboxMessages(input, actor, now);
      return { message: count === 0 ? "Nothing to retry: no failed messages for this update." : `${count} failed message${count === 1 ? "" : "s"} queued again.` };
    },
  }),
  createApiKey: defineAction({
    need: "edit",
    fromForm: (form) => ({ name: text(form, "name"), scope: text(form, "scope") }),
    run: async (input, { actor, now }) => {
      const key = await createApiKey(input as never, actor, now);
      return { message: "Key created. Copy it now: it is not shown again.", data: { token: key.token } };
    },
  }),
  revokeApiKey: defineAction({
    need: "edit",
    fromForm: id,
    run: async (keyId, { actor, now }) => {
      await revokeApiKey(keyId, actor, now);
      return { message: "Key revoked." };
    },
  }),
  revokeSession: defineAction({
    need: "view",
    fromForm: id,
    run: async (sessionId, { actor, now }) => {
      await revokeOwnSession(sessionId, actor, now);
      return { message: "Session signed out." };
    },
  }),
  changeOwnPassword: defineAction({
    need: "view",
    fromForm: (form) => ({ current: text(form, "current"), next: text(form, "next") }),
    run: async (input, { actor, sessionId, now }) => {
      await changeOwnPassword(input as never, actor, sessionId, now);
      return { message: "Password changed; your other sessions are signed out." };
    },
  }),
  addAdmin: defineAction({
    need: "owner",
    fromForm: (form) => ({ email: text(form, "email"), role: text(form, "role") }),
    run: async (input, { actor }) => {
      const admin = await addAdmin(input as never, actor);
      return { message: `Added ${admin.email}. Hand over this password (shown once); they change it under Account.`, data: { password: admin.password } };
    },
  }),
  changeAdmin: defineAction({
    need: "owner",
    fromForm: (form) => ({ adminId: id(form), role: text(form, "role"), disabled: checkbox(form, "disabled") }),
    run: async (input, { actor, now }) => {
      await changeAdmin(input as never, actor, now);
      return { message: "Admin changed." };
    },
  }),
};

export type ConsoleActionName = keyof typeof consoleActions;
