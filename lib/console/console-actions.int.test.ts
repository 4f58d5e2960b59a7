// Every console action through the one wrapper, on a real database: refused without a session,
// with an expired or revoked session, with the wrong role, from a foreign, `null` or missing Origin
// — each time with the database unchanged — and, for an owner from this site, done and audited.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { createApiKey } from "../auth/api-keys";
import { hashPassword, verifyPassword } from "../auth/passwords";
import type { RequestFacts } from "../auth/request-guard";
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, startSession } from "../auth/sessions";
import { db } from "../db";
import { createIncident } from "../incidents/create-incident";
import { postIncidentUpdate } from "../incidents/post-update";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance";
import { CreateApiKey } from "../auth/schemas";
import { CreateIncident, PostIncidentUpdate } from "../incidents/schemas";
import { ScheduleMaintenance } from "../maintenance/schemas";
import { parsedVerb } from "../../test/verbs";
import { alertSecretKey, sealSecrets } from "../alerts/secret-box";
import { relyingParty } from "../auth/second-factor/relying-party";
import { newTotpSecret, totpCode } from "../auth/second-factor/totp";
import { sealTotpSecret } from "../auth/second-factor/totp-enrolment";
import { hashToken } from "../auth/tokens";
import { SoftAuthenticator } from "../../test/soft-authenticator";
import { solidPng } from "../../test/fixtures/png";
import { executeAdminAction } from "./admin-action";
import { consoleActions, type ConsoleActionName } from "./console-actions";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate),
  scheduleMaintenance: parsedVerb(scheduleMaintenance, ScheduleMaintenance),
  createApiKey: parsedVerb(createApiKey, CreateApiKey),
};

process.env.ALERT_SECRET_KEY ??= "0".repeat(64); // read on first use, after this line

const ORIGIN = "http://127.0.0.1:3000"; // PUBLIC_URL's default in tests
const HOST = "127.0.0.1:3000";

type Admin = Actor & { token: string };
let owner: Admin;
let editor: Admin;
let viewer: Admin;

const PASSWORD = "violet harbour lantern 42";
let passwordHash: string;

async function admin(role: Actor["role"], now = new Date()): Promise<Admin> {
  const created = await db().adminUser.create({ data: { email: `${role}-${crypto.randomUUID()}@example.fm`, passwordHash, role } });
  const { token } = await startSession({ ctx: { now, client: { ip: "192.0.2.10", userAgent: "test" } }, input: { adminId: created.id } });
  return { adminId: created.id, email: created.email, role, ip: "192.0.2.10", token };
}

function facts(token: string | null, origin: string | null = ORIGIN): RequestFacts {
  return { sessionToken: token, origin, host: HOST, scheme: "http", ip: "192.0.2.10", userAgent: "test" };
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

/** Fresh objects for one action to work on. */
async function fixtures() {
  const tag = crypto.randomUUID().slice(0, 8);
  const group = await db().componentGroup.create({ data: { name: `Group ${tag}` } });
  const component = await db().component.create({ data: { name: `Component ${tag}`, groupId: group.id } });
  // Right after `group` and `component` in page order (same position, next by name): each can move.
  const nextGroup = await db().componentGroup.create({ data: { name: `Group ${tag} next` } });
  const nextComponent = await db().component.create({ data: { name: `Component ${tag} next`, groupId: group.id } });
  const monitor = await db().monitor.create({ data: { name: `Monitor ${tag}`, kind: "tcp", target: "127.0.0.1:9", componentId: component.id } });
  const incident = await verbs.createIncident({ name: `Incident ${tag}`, body: "First.", components: [{ componentId: component.id, status: "major_outage" }] }, owner);
  const second = await verbs.postIncidentUpdate({ incidentId: incident.id, status: "identified", body: "Second." }, owner);
  const resolved = await verbs.createIncident({ name: `Resolved ${tag}`, body: "Over.", status: "resolved" }, owner);
  const automatic = await db().incident.create({ data: { name: `Automatic ${tag}`, status: "investigating", source: "automatic", updates: { create: { status: "investigating", body: "Check failed.", automatic: true } } } });
  const template = await db().incidentTemplate.create({ data: { name: `Template ${tag}`, title: "Title", status: "investigating", body: "Body" } });
  const key = await verbs.createApiKey({ name: `Key ${tag}`, scope: "read" }, owner);
  const maintenance = await verbs.scheduleMaintenance(
    { name: `Window ${tag}`, body: "Planned.", componentIds: [component.id], scheduledFor: new Date(Date.now() + 86_400_000), scheduledUntil: new Date(Date.now() + 90_000_000) },
    owner,
  );
  const target = await admin("editor");
  const alert = await db().certificateAlert.create({ data: { monitorId: monitor.id, serial: tag, threshold: "7d", daysLeft: 6, expiresAt: new Date(Date.now() + 6 * 86_400_000) } });
  await startSession({ ctx: { now: new Date(), client: { ip: null, userAgent: `other ${tag}` } }, input: { adminId: owner.adminId } });
  const otherSessionId = (await db().adminSession.findFirstOrThrow({ where: { userAgent: `other ${tag}` } })).id;
  // The mail side: a confirmed and a quarantined subscriber, and a delivery to the first that failed.
  const subscriber = await db().subscriber.create({ data: { email: `reader-${tag}@example.com`, status: "confirmed", confirmedAt: new Date() } });
  const quarantined = await db().subscriber.create({ data: { email: `bounced-${tag}@example.com`, status: "quarantined", permanentFailures: 3, quarantinedAt: new Date() } });
  const failed = await db().outboxMessage.create({
    data: { key: `update:${second.updateId}:subscriber:${subscriber.id}`, kind: "incident_update", recipient: subscriber.email, subscriberId: subscriber.id, incidentUpdateId: second.updateId, messageId: `<${tag}@status.test>`, status: "failed", attempts: 5, lastError: "SMTP 451: try later" },
  });
  const channel = await db().alertChannel.create({ data: { name: `mail-${tag}`, kind: "email", settings: { to: ["ops@example.fm"] }, sealedSecrets: sealSecrets({}, await alertSecretKey()) } });
  // The owner's second factors, afresh: an authenticator app awaiting its first code, a passkey,
  // and an open passkey registration answered by a software authenticator.
  await db().adminTotp.deleteMany({ where: { adminId: owner.adminId } });
  const totpSecret = newTotpSecret();
  await db().adminTotp.create({ data: { adminId: owner.adminId, secretSealed: await sealTotpSecret(totpSecret), createdAt: new Date() } });
  const passkey = await db().adminPasskey.create({ data: { adminId: owner.adminId, name: `Key ${tag}`, credentialId: `credential-${tag}`, publicKey: Buffer.alloc(0), counter: 0n, createdAt: new Date() } });
  const challenge = `challenge-${tag}`;
  await db().adminSession.update({ where: { tokenHash: hashToken(owner.token) }, data: { passkeyChallenge: challenge, passkeyChallengeAt: new Date() } });
  const rp = relyingParty();
  const passkeyAnswer = JSON.stringify(new SoftAuthenticator(rp.id, rp.origin).register(challenge));
  const rule = await db().alertRule.create({ data: { position: 0, channels: [channel.name], events: [], componentIds: [component.id], groupIds: [] } });
  return { rule, totpCode: totpCode(totpSecret, new Date()), passkey, passkeyAnswer, channel, subscriber, quarantined, failed, alert, tag, group, nextGroup, component, nextComponent, monitor, incident, automatic, updateId: second.updateId, resolved, template, key, maintenance, target, otherSessionId };
}
type Fixtures = Awaited<ReturnType<typeof fixtures>>;

/** A valid submission of each action. */
const submissions: Record<ConsoleActionName, (f: Fixtures) => FormData> = {
  createIncident: (f) => form({ name: "New incident", impact: "minor", status: "investigating", body: "Something broke.", [`component:${f.component.id}`]: "partial_outage", notify: "on" }),
  postIncidentUpdate: (f) => form({ id: f.incident.id, status: "monitoring", body: "A fix is out.", notify: "on" }),
  editIncident: (f) => form({ id: f.incident.id, name: "Renamed incident", impact: "major", [`component:${f.component.id}`]: "partial_outage", startedAt: "2026-01-01T00:00:00.000Z", notify: "on" }),
  reopenIncident: (f) => form({ id: f.resolved.id, status: "investigating", body: "It is back." }),
  takeOverIncident: (f) => form({ id: f.automatic.id }),
  editIncidentUpdate: (f) => form({ id: f.updateId, body: "Second, corrected." }),
  deleteIncidentUpdate: (f) => form({ id: f.updateId }),
  publishPostmortem: (f) => form({ id: f.resolved.id, body: "What happened." }),
  saveIncidentTemplate: (f) => form({ name: `New template ${f.tag}`, title: "Title", status: "identified", body: "Body" }),
  deleteIncidentTemplate: (f) => form({ id: f.template.id }),
  saveComponent: (f) => form({ id: f.component.id, name: "Renamed", description: "", groupId: "", position: "3", showcase: "on" }),
  deleteComponent: (f) => form({ id: f.component.id }),
  saveComponentGroup: (f) => form({ id: f.group.id, name: "Renamed group", position: "1" }),
  deleteComponentGroup: (f) => form({ id: f.group.id }),
  moveComponent: (f) => form({ id: f.nextComponent.id, direction: "up" }),
  moveComponentGroup: (f) => form({ id: f.nextGroup.id, direction: "up" }),
  saveMonitor: (f) => form({ name: "New monitor", componentId: f.component.id, kind: "http", target: "https://example.fm/", intervalSeconds: "60", regions: "local", expectations: '{"expectedStatus":["200"]}' }),
  pauseMonitor: (f) => form({ id: f.monitor.id, paused: "true" }),
  deleteMonitor: (f) => form({ id: f.monitor.id }),
  runMonitorNow: (f) => form({ id: f.monitor.id }),
  acknowledgeCertificateAlert: (f) => form({ id: f.alert.id }),
  scheduleMaintenance: (f) => form({ name: "Upgrade", body: "Planned.", componentIds: [f.component.id], scheduledFor: "2031-01-01T02:00:00Z", scheduledUntil: "2031-01-01T03:00:00Z", notify: "on" }),
  postMaintenanceUpdate: (f) => form({ id: f.maintenance.id, status: "in_progress", body: "Started early." }),
  editMaintenance: (f) => form({ id: f.maintenance.id, name: "Moved window", scheduledFor: "2031-01-01T02:00:00Z", scheduledUntil: "2031-01-01T03:00:00Z", componentIds: [f.component.id] }),
  cancelMaintenance: (f) => form({ id: f.maintenance.id, body: "Called off.", notify: "on" }),
  removeSubscriber: (f) => form({ id: f.subscriber.id }),
  releaseSubscriber: (f) => form({ id: f.quarantined.id }),
  retryOutboxMessage: (f) => form({ id: f.failed.id.toString() }),
  retryOutboxUpdate: (f) => form({ incidentUpdateId: f.updateId }),
  createApiKey: () => form({ name: "CI", scope: "write" }),
  revokeApiKey: (f) => form({ id: f.key.id }),
  revokeSession: (f) => form({ id: f.otherSessionId }),
  changeOwnPassword: () => form({ current: PASSWORD, next: `amber meadow falcon ${Math.random()}` }),
  addAdmin: (f) => form({ email: `added-${f.tag}@example.fm`, role: "viewer" }),
  changeAdmin: (f) => form({ id: f.target.adminId, role: "viewer" }),
  saveAlertChannel: (f) => form({ name: `team-${f.tag}`, kind: "email", to: "ops@example.fm, cto@example.fm" }),
  deleteAlertChannel: (f) => form({ id: f.channel.id }),
  sendTestAlert: (f) => form({ name: f.channel.name }),
  startTotpEnrolment: () => form({}),
  confirmTotp: (f) => form({ code: f.totpCode }),
  removeTotp: () => form({}),
  regenerateRecoveryCodes: () => form({}),
  passkeyRegistrationOptions: () => form({}),
  registerPasskey: (f) => form({ name: "Desk key", response: f.passkeyAnswer }),
  removePasskey: (f) => form({ id: f.passkey.id }),
  saveAlertRule: (f) => form({ channels: [f.channel.name], events: ["monitor.down", "monitor.recovered"], groupIds: [f.group.id] }),
  deleteAlertRule: (f) => form({ id: f.rule.id }),
  savePageSettings: (f) => form({ name: `Page ${f.tag}`, timeZone: "Europe/Berlin", accentColor: "#8250df", footerLabel: ["Home", ""], footerUrl: ["https://example.fm", ""] }),
  uploadPageLogo: () => {
    const data = new FormData();
    data.append("logo", new File([solidPng(2, 2, [9, 105, 218])], "logo.png"));
    return data;
  },
  removePageLogo: () => form({}),
};

/** Everything an action could touch, so "unchanged" means unchanged. */
async function snapshot() {
  const d = db();
  const [incidents, updates, links, components, groups, monitors, templates, keys, alerts, admins, sessions, outbox, subscribers, audit, channels, totp, passkeys, recoveryCodes, rules, page] = await Promise.all([
    d.incident.findMany({ orderBy: { id: "asc" } }),
    d.incidentUpdate.findMany({ orderBy: { id: "asc" } }),
    d.incidentComponent.findMany({ orderBy: [{ incidentId: "asc" }, { componentId: "asc" }] }),
    d.component.findMany({ orderBy: { id: "asc" } }),
    d.componentGroup.findMany({ orderBy: { id: "asc" } }),
    d.monitor.findMany({ orderBy: { id: "asc" } }),
    d.incidentTemplate.findMany({ orderBy: { id: "asc" } }),
    d.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true, name: true, scope: true } }),
    d.certificateAlert.findMany({ orderBy: { id: "asc" } }),
    d.adminUser.findMany({ orderBy: { id: "asc" } }),
    // lastSeenAt moves when a live session is read; revocation is what matters.
    d.adminSession.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    d.outboxMessage.findMany({ orderBy: { id: "asc" } }),
    d.subscriber.findMany({ orderBy: { id: "asc" } }),
    d.auditLog.count(),
    d.alertChannel.findMany({ orderBy: { id: "asc" } }),
    d.adminTotp.findMany({ orderBy: { adminId: "asc" } }),
    d.adminPasskey.findMany({ orderBy: { id: "asc" } }),
    d.adminRecoveryCode.findMany({ orderBy: { id: "asc" } }),
    d.alertRule.findMany({ orderBy: { id: "asc" } }),
    d.page.findMany(),
  ]);
  return JSON.stringify({ incidents, updates, links, components, groups, monitors, templates, keys, alerts, admins, sessions, outbox, subscribers, audit, channels, totp, passkeys, recoveryCodes, rules, page }, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  owner = await admin("owner");
  editor = await admin("editor");
  viewer = await admin("viewer");
});

const names = Object.keys(consoleActions) as ConsoleActionName[];

describe("console actions", () => {
  it("cover every action in the registry", () => {
    expect(Object.keys(submissions).sort()).toEqual([...names].sort());
  });

  it.each(names)("%s: refused without a valid session, with the wrong role or from another origin; nothing changes", async (name) => {
    const f = await fixtures();
    const action = consoleActions[name];
    const submission = submissions[name](f);
    const past = new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 60_000);
    const idle = await admin("owner", past);
    const old = await admin("owner", new Date(Date.now() - SESSION_ABSOLUTE_TIMEOUT_MS - 60_000));
    const revoked = await admin("owner");
    await db().adminSession.updateMany({ where: { adminId: revoked.adminId }, data: { revokedAt: new Date() } });
    const disabled = await admin("owner");
    await db().adminUser.update({ where: { id: disabled.adminId }, data: { disabledAt: new Date() } });
    const wrongRole = consoleActions[name].need === "owner" ? editor : viewer;

    const before = await snapshot();
    const attempts: [string, RequestFacts][] = [
      ["no session", facts(null)],
      ["unknown session", facts("not-a-real-token")],
      ["idle session", facts(idle.token)],
      ["expired session", facts(old.token)],
      ["revoked session", facts(revoked.token)],
      ["disabled admin", facts(disabled.token)],
      ["foreign Origin", facts(owner.token, "https://evil.example")],
      ["null Origin", facts(owner.token, "null")],
      ["missing Origin", facts(owner.token, null)],
    ];
    if (consoleActions[name].need !== "view") attempts.push(["wrong role", facts(wrongRole.token)]);
    for (const [why, request] of attempts) {
      const result = await executeAdminAction(action, request, submission, new Date());
      expect(result.ok, `${name} with ${why}`).toBe(false);
    }
    expect(await snapshot()).toBe(before);

    const auditBefore = await db().auditLog.count();
    const result = await executeAdminAction(action, facts(owner.token), submissions[name](f), new Date());
    expect(result, name).toMatchObject({ ok: true });
    // Running a check and asking for a passkey challenge change nothing worth an audit row.
    if (name !== "runMonitorNow" && name !== "passkeyRegistrationOptions") {
      const audit = await db().auditLog.findMany({ where: { id: { gt: BigInt(auditBefore) } }, orderBy: { id: "asc" } });
      expect(audit.length, `${name} writes an audit row`).toBeGreaterThanOrEqual(1);
      expect(audit.at(-1)).toMatchObject({ actorId: owner.adminId, ip: "192.0.2.10" });
    }
  });

  it("bad input comes back as field errors next to the right fields, never a raw exception", async () => {
    const f = await fixtures();
    const before = await snapshot();
    const incident = await executeAdminAction(consoleActions.createIncident, facts(editor.token), form({ name: "", body: "", [`component:${f.component.id}`]: "bogus" }), new Date());
    expect(incident).toMatchObject({ ok: false, error: "Please correct the highlighted fields." });
    expect(Object.keys((incident as { fieldErrors: object }).fieldErrors).sort()).toEqual(["body", "components.0.status", "name"]);

    const monitor = await executeAdminAction(consoleActions.saveMonitor, facts(editor.token), form({ name: "m", kind: "dns", target: "not a host!", expectations: '{"expectedAddresses":["nope"]}', regions: "local" }), new Date());
    expect(monitor.ok).toBe(false);
    expect(Object.keys((monitor as { fieldErrors: object }).fieldErrors)).toEqual(expect.arrayContaining(["target", "expectations.expectedAddresses.0"]));

    const unknown = await executeAdminAction(consoleActions.postIncidentUpdate, facts(editor.token), form({ id: "no-such-incident", status: "identified", body: "x" }), new Date());
    expect(unknown).toEqual({ ok: false, error: "No incident with id no-such-incident.", fieldErrors: {} });

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const edit = await executeAdminAction(consoleActions.editIncident, facts(editor.token), form({ id: f.incident.id, name: "Renamed", impact: "critical", startedAt: future }), new Date());
    expect(edit).toMatchObject({ ok: false, fieldErrors: { startedAt: ["cannot be in the future", expect.stringContaining("no later than the first update")] } });
    const reschedule = await executeAdminAction(
      consoleActions.editMaintenance,
      facts(editor.token),
      form({ id: f.maintenance.id, name: "Moved", scheduledFor: "2031-01-02T00:00:00Z", scheduledUntil: "2031-01-01T00:00:00Z", componentIds: [f.component.id] }),
      new Date(),
    );
    expect(reschedule).toMatchObject({ ok: false, fieldErrors: { scheduledUntil: ["the window must end after it starts"] } });
    expect(await snapshot()).toBe(before);
  });

  it("the mail actions do what they say: remove, release from quarantine, retry one, retry an update", async () => {
    const f = await fixtures();
    const run = (name: ConsoleActionName, fields: Record<string, string>) => executeAdminAction(consoleActions[name], facts(editor.token), form(fields), new Date());

    expect(await run("retryOutboxMessage", { id: f.failed.id.toString() })).toMatchObject({ ok: true, message: "Queued again; the mailer sends it now." });
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: f.failed.id } })).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(await run("retryOutboxMessage", { id: f.failed.id.toString() })).toMatchObject({ ok: true, message: "Nothing to retry: that message is no longer failed." });
    await db().outboxMessage.update({ where: { id: f.failed.id }, data: { status: "failed", lastError: "SMTP 550: gone" } });
    expect(await run("retryOutboxUpdate", { incidentUpdateId: f.updateId })).toMatchObject({ ok: true, message: "1 failed message queued again." });
    const audit = await db().auditLog.findMany({ where: { actorId: editor.adminId, action: "outbox.retry" }, orderBy: { id: "asc" } });
    expect(audit.at(-1)).toMatchObject({ objectType: "outbox", objectId: f.updateId, details: { count: 1 } });

    expect(await run("releaseSubscriber", { id: f.quarantined.id })).toMatchObject({ ok: true });
    expect(await db().subscriber.findUniqueOrThrow({ where: { id: f.quarantined.id } })).toMatchObject({ status: "confirmed", permanentFailures: 0, quarantinedAt: null });
    expect(await run("releaseSubscriber", { id: f.subscriber.id })).toEqual({ ok: false, error: `No quarantined subscriber with id ${f.subscriber.id}.`, fieldErrors: {} });

    expect(await run("removeSubscriber", { id: f.subscriber.id })).toMatchObject({ ok: true });
    expect(await db().subscriber.count({ where: { id: f.subscriber.id } })).toBe(0);
    // Its pending message stays as history, failed with the reason, and never goes out.
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: f.failed.id } })).toMatchObject({ status: "failed", subscriberId: null, lastError: "skipped: subscriber removed by an admin" });
    expect(await run("removeSubscriber", { id: f.subscriber.id })).toEqual({ ok: false, error: `No subscriber with id ${f.subscriber.id}.`, fieldErrors: {} });
  });

  it("a malformed outbox id comes back as a field error, and nothing is retried or audited", async () => {
    await fixtures();
    const before = await snapshot();
    const result = await executeAdminAction(consoleActions.retryOutboxMessage, facts(editor.token), form({ id: "1; DROP TABLE" }), new Date());
    expect(result).toEqual({ ok: false, error: "Please correct the highlighted fields.", fieldErrors: { id: ["outbox ids are numbers"] } });
    expect(await snapshot()).toBe(before);
  });

  it("an admin changes their own password with the current one; other sessions end, this one stays", async () => {
    const me = await admin("viewer");
    const other = await startSession({ ctx: { now: new Date(), client: { ip: null, userAgent: "phone" } }, input: { adminId: me.adminId } });
    const change = (current: string, next: string) => executeAdminAction(consoleActions.changeOwnPassword, facts(me.token), form({ current, next }), new Date());
    expect(await change("wrong password here", "amber meadow falcon 19")).toMatchObject({ ok: false, error: "Your current password is not correct." });
    expect(await change(PASSWORD, "password12345")).toMatchObject({ ok: false, fieldErrors: { next: [expect.stringContaining("too common")] } });
    expect(await change(PASSWORD, "amber meadow falcon 19")).toMatchObject({ ok: true });
    const stored = await db().adminUser.findUniqueOrThrow({ where: { id: me.adminId } });
    expect(await verifyPassword(stored.passwordHash, "amber meadow falcon 19")).toBe(true);
    expect(await db().adminSession.count({ where: { adminId: me.adminId, revokedAt: null } })).toBe(1);
    expect(await executeAdminAction(consoleActions.revokeSession, facts(other.token), form({ id: "x" }), new Date())).toMatchObject({ ok: false, signedOut: true });
    expect(await db().auditLog.count({ where: { actorId: me.adminId, action: "admin.change_password" } })).toBe(1);
  });

  it("objects managed by the configuration file are read-only", async () => {
    const component = await db().component.create({ data: { name: "From config", managedByConfig: true } });
    const result = await executeAdminAction(consoleActions.deleteComponent, facts(owner.token), form({ id: component.id }), new Date());
    expect(result).toMatchObject({ ok: false, error: "This component is managed by the configuration file; change it there." });
    expect(await db().component.count({ where: { id: component.id } })).toBe(1);
  });
});
