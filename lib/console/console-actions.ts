// Every mutation the console offers, each a thin adapter from form fields to a domain verb: the
// wrapper (admin-action.ts) parses the fields with the verb's own schema (the admin API's too), and
// the verb checks roles, audits and runs in a transaction. app/admin/actions.ts exposes each entry
// as a server action through executeAdminAction.
import "server-only";
import { createAlertSender } from "../alerts/alert-sender";
import { deleteAlertChannel, saveAlertChannel } from "../alerts/save-alert-channel";
import { deleteAlertRule, saveAlertRule } from "../alerts/save-alert-rule";
import { DeleteAlertChannel, DeleteAlertRule, SaveAlertChannel, SaveAlertRule, SendTestAlert } from "../alerts/schemas";
import { sendTestAlert } from "../alerts/send-test-alert";
import { createApiKey, revokeApiKey } from "../auth/api-keys";
import { changeOwnPassword } from "../auth/change-password";
import { addAdmin, changeAdmin } from "../auth/manage-admins";
import { AddAdmin, ChangeAdmin, ChangePassword, CreateApiKey, RevokeApiKey, RevokeSession } from "../auth/schemas";
import { revokeOwnSession } from "../auth/sessions";
import { deleteComponent } from "../components/delete-component";
import { deleteComponentGroup, saveComponentGroup } from "../components/save-component-group";
import { saveComponent } from "../components/save-component";
import { moveComponent, moveComponentGroup } from "../components/move-in-page-order";
import { DeleteComponent, DeleteComponentGroup, MoveComponent, MoveComponentGroup, SaveComponent, SaveComponentGroup } from "../components/schemas";
import { createIncident } from "../incidents/create-incident";
import { editIncident, reopenIncident } from "../incidents/edit-incident";
import { deleteIncidentUpdate, editIncidentUpdate, publishPostmortem } from "../incidents/edit-update";
import { deleteIncidentTemplate, saveIncidentTemplate } from "../incidents/incident-templates";
import { postIncidentUpdate, takeOverIncident } from "../incidents/post-update";
import {
  CreateIncident,
  DeleteIncidentTemplate,
  DeleteIncidentUpdate,
  EditIncident,
  EditIncidentUpdate,
  PostIncidentUpdate,
  PublishPostmortem,
  ReopenIncident,
  SaveIncidentTemplate,
  TakeOverIncident,
} from "../incidents/schemas";
import { postMaintenanceUpdate } from "../maintenance/post-maintenance-update";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance";
import { cancelMaintenance, editMaintenance } from "../maintenance/edit-maintenance";
import { CancelMaintenance, EditMaintenance, PostMaintenanceUpdate, ScheduleMaintenance } from "../maintenance/schemas";
import { acknowledgeCertificateAlert } from "../monitors/acknowledge-certificate-alert";
import { runMonitorNow } from "../monitors/run-monitor-now";
import { deleteMonitor, saveMonitor, setMonitorPaused } from "../monitors/save-monitor";
import { AcknowledgeCertificateAlert, DeleteMonitor, RunMonitorNow, SaveMonitor, SetMonitorPaused } from "../monitors/schemas";
import { retryOutboxMessage, retryOutboxMessages } from "../outbox/outbox-admin";
import { RetryOutboxMessage, RetryOutboxMessages } from "../outbox/schemas";
import { releaseSubscriberFromQuarantine, removeSubscriber } from "../subscriptions/admin-subscribers";
import { ReleaseSubscriber, RemoveSubscriber } from "../subscriptions/schemas";
import { VigilError } from "../errors";
import { checkbox, defineAction, json, list, text } from "./admin-action";
import { pageSettingsActions } from "./page-settings-actions";
import { secondFactorActions } from "./second-factor-actions";

/** Affected components come as `component:<id>` = new status ("" = not affected). */
function componentStatuses(form: FormData): { componentId: string; status: string }[] {
  const chosen: { componentId: string; status: string }[] = [];
  for (const [key, value] of form.entries()) {
    if (key.startsWith("component:") && typeof value === "string" && value !== "") chosen.push({ componentId: key.slice("component:".length), status: value });
  }
  return chosen;
}

const id = (form: FormData) => text(form, "id") ?? "";
/** The form of a verb whose input is one record's id. */
const byId = (form: FormData) => ({ id: id(form) });
const optionalNumber = (form: FormData, name: string) => {
  const value = text(form, name)?.trim();
  return value ? value : undefined;
};

export const consoleActions = {
  createIncident: defineAction({
    need: "edit",
    schema: CreateIncident,
    fromForm: (form) => ({
      name: text(form, "name"),
      impact: text(form, "impact"),
      status: text(form, "status"),
      body: text(form, "body"),
      components: componentStatuses(form),
      notify: checkbox(form, "notify"),
    }),
    run: async (input, ctx) => {
      const incident = await createIncident({ ctx, input });
      return { redirectTo: `/admin/incidents/${incident.id}`, message: "Incident opened." };
    },
  }),
  postIncidentUpdate: defineAction({
    need: "edit",
    schema: PostIncidentUpdate,
    fromForm: (form) => ({ incidentId: id(form), status: text(form, "status"), body: text(form, "body"), components: componentStatuses(form), notify: checkbox(form, "notify") }),
    run: async (input, ctx) => {
      await postIncidentUpdate({ ctx, input });
      return { message: "Update posted." };
    },
  }),
  editIncident: defineAction({
    need: "edit",
    schema: EditIncident,
    fromForm: (form) => ({
      incidentId: id(form),
      name: text(form, "name"),
      impact: text(form, "impact"),
      components: componentStatuses(form),
      // Time fields are empty unless the admin changed them (date-time-field.tsx).
      startedAt: text(form, "startedAt") || undefined,
      resolvedAt: text(form, "resolvedAt") || undefined,
      note: text(form, "note")?.trim() || undefined,
      notify: checkbox(form, "notify"),
    }),
    run: async (input, ctx) => {
      const edited = await editIncident({ ctx, input });
      return { message: edited.notifiedUpdateId ? "Incident saved; subscribers are told." : "Incident saved." };
    },
  }),
  reopenIncident: defineAction({
    need: "edit",
    schema: ReopenIncident,
    fromForm: (form) => ({ incidentId: id(form), status: text(form, "status"), body: text(form, "body"), components: componentStatuses(form), notify: checkbox(form, "notify") }),
    run: async (input, ctx) => {
      await reopenIncident({ ctx, input });
      return { message: "Incident reopened." };
    },
  }),
  takeOverIncident: defineAction({
    need: "edit",
    schema: TakeOverIncident,
    fromForm: (form) => ({ incidentId: id(form) }),
    run: async (input, ctx) => {
      const taken = await takeOverIncident({ ctx, input });
      return { message: taken ? "You own this incident now; automation leaves it alone." : "This incident was already taken over." };
    },
  }),
  editIncidentUpdate: defineAction({
    need: "edit",
    schema: EditIncidentUpdate,
    fromForm: (form) => ({ updateId: id(form), body: text(form, "body") }),
    run: async (input, ctx) => {
      await editIncidentUpdate({ ctx, input });
      return { message: "Update edited." };
    },
  }),
  deleteIncidentUpdate: defineAction({
    need: "edit",
    schema: DeleteIncidentUpdate,
    fromForm: (form) => ({ updateId: id(form) }),
    run: async (input, ctx) => {
      await deleteIncidentUpdate({ ctx, input });
      return { message: "Update deleted." };
    },
  }),
  publishPostmortem: defineAction({
    need: "edit",
    schema: PublishPostmortem,
    fromForm: (form) => ({ incidentId: id(form), body: text(form, "body") }),
    run: async (input, ctx) => {
      await publishPostmortem({ ctx, input });
      return { message: "Postmortem published." };
    },
  }),
  saveIncidentTemplate: defineAction({
    need: "edit",
    schema: SaveIncidentTemplate,
    fromForm: (form) => ({ id: text(form, "id") || undefined, name: text(form, "name"), title: text(form, "title"), status: text(form, "status"), body: text(form, "body") }),
    run: async (input, ctx) => {
      await saveIncidentTemplate({ ctx, input });
      return { message: "Template saved." };
    },
  }),
  deleteIncidentTemplate: defineAction({
    need: "edit",
    schema: DeleteIncidentTemplate,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteIncidentTemplate({ ctx, input });
      return { message: "Template deleted." };
    },
  }),
  saveComponent: defineAction({
    need: "edit",
    schema: SaveComponent,
    fromForm: (form) => ({
      id: text(form, "id") || undefined,
      name: text(form, "name"),
      description: text(form, "description"),
      groupId: text(form, "groupId"),
      position: optionalNumber(form, "position"),
      showcase: checkbox(form, "showcase"),
      onlyShowIfDegraded: checkbox(form, "onlyShowIfDegraded"),
    }),
    run: async (input, ctx) => {
      await saveComponent({ ctx, input });
      return { message: "Component saved." };
    },
  }),
  deleteComponent: defineAction({
    need: "edit",
    schema: DeleteComponent,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteComponent({ ctx, input });
      return { message: "Component deleted." };
    },
  }),
  moveComponent: defineAction({
    need: "edit",
    schema: MoveComponent,
    fromForm: (form) => ({ id: id(form), direction: text(form, "direction") }),
    run: async (input, ctx) => {
      await moveComponent({ ctx, input });
      return { message: "Component moved." };
    },
  }),
  saveComponentGroup: defineAction({
    need: "edit",
    schema: SaveComponentGroup,
    fromForm: (form) => ({ id: text(form, "id") || undefined, name: text(form, "name"), description: text(form, "description"), position: optionalNumber(form, "position") }),
    run: async (input, ctx) => {
      await saveComponentGroup({ ctx, input });
      return { message: "Group saved." };
    },
  }),
  moveComponentGroup: defineAction({
    need: "edit",
    schema: MoveComponentGroup,
    fromForm: (form) => ({ id: id(form), direction: text(form, "direction") }),
    run: async (input, ctx) => {
      await moveComponentGroup({ ctx, input });
      return { message: "Group moved." };
    },
  }),
  deleteComponentGroup: defineAction({
    need: "edit",
    schema: DeleteComponentGroup,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteComponentGroup({ ctx, input });
      return { message: "Group deleted." };
    },
  }),
  saveMonitor: defineAction({
    need: "edit",
    schema: SaveMonitor,
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
    run: async (input, ctx) => {
      const monitor = await saveMonitor({ ctx, input });
      return { redirectTo: `/admin/monitors/${monitor.id}`, message: "Monitor saved." };
    },
  }),
  pauseMonitor: defineAction({
    need: "edit",
    schema: SetMonitorPaused,
    fromForm: (form) => ({ id: id(form), paused: text(form, "paused") !== "false" }),
    run: async (input, ctx) => {
      await setMonitorPaused({ ctx, input });
      return { message: input.paused ? "Monitor paused." : "Monitor resumed." };
    },
  }),
  deleteMonitor: defineAction({
    need: "edit",
    schema: DeleteMonitor,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteMonitor({ ctx, input });
      return { redirectTo: "/admin/monitors", message: "Monitor deleted." };
    },
  }),
  runMonitorNow: defineAction({
    need: "edit",
    schema: RunMonitorNow,
    fromForm: byId,
    run: async (input, ctx) => {
      const result = await runMonitorNow({ ctx, input });
      return { data: { ...result, checkedAt: result.checkedAt.toISOString() } };
    },
  }),
  acknowledgeCertificateAlert: defineAction({
    need: "edit",
    schema: AcknowledgeCertificateAlert,
    fromForm: byId,
    run: async (input, ctx) => {
      await acknowledgeCertificateAlert({ ctx, input });
      return { message: "Alert acknowledged." };
    },
  }),
  scheduleMaintenance: defineAction({
    need: "edit",
    schema: ScheduleMaintenance,
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
    run: async (input, ctx) => {
      const maintenance = await scheduleMaintenance({ ctx, input });
      return { redirectTo: `/admin/maintenance/${maintenance.id}`, message: "Maintenance scheduled." };
    },
  }),
  postMaintenanceUpdate: defineAction({
    need: "edit",
    schema: PostMaintenanceUpdate,
    fromForm: (form) => ({ maintenanceId: id(form), status: text(form, "status"), body: text(form, "body"), notify: checkbox(form, "notify") }),
    run: async (input, ctx) => {
      await postMaintenanceUpdate({ ctx, input });
      return { message: "Maintenance updated." };
    },
  }),
  editMaintenance: defineAction({
    need: "edit",
    schema: EditMaintenance,
    fromForm: (form) => ({
      maintenanceId: id(form),
      name: text(form, "name"),
      scheduledFor: text(form, "scheduledFor") || undefined,
      scheduledUntil: text(form, "scheduledUntil") || undefined,
      componentIds: list(form, "componentIds"),
      note: text(form, "note")?.trim() || undefined,
      notify: checkbox(form, "notify"),
    }),
    run: async (input, ctx) => {
      const edited = await editMaintenance({ ctx, input });
      return { message: edited.notifiedUpdateId ? "Maintenance saved; subscribers are told." : "Maintenance saved." };
    },
  }),
  cancelMaintenance: defineAction({
    need: "edit",
    schema: CancelMaintenance,
    fromForm: (form) => ({ maintenanceId: id(form), body: text(form, "body")?.trim() || undefined, notify: checkbox(form, "notify") }),
    run: async (input, ctx) => {
      await cancelMaintenance({ ctx, input });
      return { message: "Maintenance cancelled." };
    },
  }),
  removeSubscriber: defineAction({
    need: "edit",
    schema: RemoveSubscriber,
    fromForm: byId,
    run: async (input, ctx) => {
      await removeSubscriber({ ctx, input });
      return { message: "Subscriber removed; their unsent messages will not go out." };
    },
  }),
  releaseSubscriber: defineAction({
    need: "edit",
    schema: ReleaseSubscriber,
    fromForm: byId,
    run: async (input, ctx) => {
      await releaseSubscriberFromQuarantine({ ctx, input });
      return { message: "Released from quarantine: the address gets updates again." };
    },
  }),
  retryOutboxMessage: defineAction({
    need: "edit",
    schema: RetryOutboxMessage,
    fromForm: byId,
    run: async (input, ctx) => {
      const queued = await retryOutboxMessage({ ctx, input });
      return { message: queued ? "Queued again; the mailer sends it now." : "Nothing to retry: that message is no longer failed." };
    },
  }),
  retryOutboxUpdate: defineAction({
    need: "edit",
    schema: RetryOutboxMessages,
    fromForm: (form) => ({ incidentUpdateId: text(form, "incidentUpdateId") ?? "" }),
    run: async (input, ctx) => {
      const count = await retryOutboxMessages({ ctx, input });
      return { message: count === 0 ? "Nothing to retry: no failed messages for this update." : `${count} failed message${count === 1 ? "" : "s"} queued again.` };
    },
  }),
  saveAlertChannel: defineAction({
    need: "edit",
    schema: SaveAlertChannel,
    fromForm: (form) => {
      const filled = (name: string) => text(form, name)?.trim() || undefined;
      const split = (name: string) => filled(name)?.split(/[\s,]+/).filter(Boolean);
      return {
        id: filled("id"),
        name: text(form, "name"),
        kind: text(form, "kind"),
        enabled: form.has("enabledShown") ? checkbox(form, "enabled") : undefined,
        url: filled("url"),
        secret: filled("secret"),
        routingKey: filled("routingKey"),
        token: filled("token"),
        topic: filled("topic"),
        priority: filled("priority"),
        tags: split("tags"),
        to: split("to"),
      };
    },
    run: async (input, ctx) => {
      const saved = await saveAlertChannel({ ctx, input });
      return { message: saved.created ? `Channel ${input.name} added.` : `Channel ${input.name} saved.` };
    },
  }),
  deleteAlertChannel: defineAction({
    need: "edit",
    schema: DeleteAlertChannel,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteAlertChannel({ ctx, input });
      return { message: "Channel removed." };
    },
  }),
  sendTestAlert: defineAction({
    need: "edit",
    schema: SendTestAlert,
    fromForm: (form) => ({ name: text(form, "name") }),
    run: async (input, ctx) => {
      const sender = await createAlertSender();
      try {
        const result = await sendTestAlert({ ctx, input }, sender);
        if (!result.delivered) throw new VigilError("bad_request", `not delivered: ${result.message}`);
        return { message: `Test alert sent: ${result.message}.` };
      } finally {
        await sender.agent.close();
      }
    },
  }),
  saveAlertRule: defineAction({
    need: "edit",
    schema: SaveAlertRule,
    fromForm: (form) => ({
      id: text(form, "id") || undefined,
      channels: list(form, "channels"),
      events: list(form, "events"),
      componentIds: list(form, "componentIds"),
      groupIds: list(form, "groupIds"),
    }),
    run: async (input, ctx) => {
      const saved = await saveAlertRule({ ctx, input });
      return { message: saved.created ? "Rule added." : "Rule saved." };
    },
  }),
  deleteAlertRule: defineAction({
    need: "edit",
    schema: DeleteAlertRule,
    fromForm: byId,
    run: async (input, ctx) => {
      await deleteAlertRule({ ctx, input });
      return { message: "Rule removed." };
    },
  }),
  createApiKey: defineAction({
    need: "edit",
    schema: CreateApiKey,
    fromForm: (form) => ({ name: text(form, "name"), scope: text(form, "scope") }),
    run: async (input, ctx) => {
      const key = await createApiKey({ ctx, input });
      return { message: "Key created. Copy it now: it is not shown again.", data: { token: key.token } };
    },
  }),
  revokeApiKey: defineAction({
    need: "edit",
    schema: RevokeApiKey,
    fromForm: byId,
    run: async (input, ctx) => {
      await revokeApiKey({ ctx, input });
      return { message: "Key revoked." };
    },
  }),
  revokeSession: defineAction({
    need: "view",
    schema: RevokeSession,
    fromForm: byId,
    run: async (input, ctx) => {
      await revokeOwnSession({ ctx, input });
      return { message: "Session signed out." };
    },
  }),
  changeOwnPassword: defineAction({
    need: "view",
    schema: ChangePassword,
    fromForm: (form) => ({ current: text(form, "current"), next: text(form, "next") }),
    run: async (input, ctx) => {
      await changeOwnPassword({ ctx, input });
      return { message: "Password changed; your other sessions are signed out." };
    },
  }),
  addAdmin: defineAction({
    need: "owner",
    schema: AddAdmin,
    fromForm: (form) => ({ email: text(form, "email"), role: text(form, "role") }),
    run: async (input, ctx) => {
      const admin = await addAdmin({ ctx, input });
      return { message: `Added ${admin.email}. Hand over this password (shown once); they change it under Account.`, data: { password: admin.password } };
    },
  }),
  changeAdmin: defineAction({
    need: "owner",
    schema: ChangeAdmin,
    fromForm: (form) => ({ adminId: id(form), role: text(form, "role"), disabled: checkbox(form, "disabled") }),
    run: async (input, ctx) => {
      await changeAdmin({ ctx, input });
      return { message: "Admin changed." };
    },
  }),
  ...secondFactorActions,
  ...pageSettingsActions,
};

export type ConsoleActionName = keyof typeof consoleActions;
