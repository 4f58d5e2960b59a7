// Alert rules from the console on a real database: saved, edited and removed by an editor with an
// audit row each, refused (changing nothing) when they name what does not exist, living beside the
// config file's rules — which stay read-only here and are replaced when the file is applied — and
// deciding where the next event goes.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { applyConfig, CONFIG_FILE_ACTOR } from "../config/apply-config";
import { parseConfigText } from "../config/parse-config";
import { db } from "../db";
import { ctxFor, parsedVerb } from "../../test/verbs";
import { testEvent } from "./alert-events";
import { recordAlerts } from "./record-alerts";
import { deleteAlertRule, saveAlertRule } from "./save-alert-rule";
import { DeleteAlertRule, SaveAlertRule } from "./schemas";

process.env.ALERT_SECRET_KEY ??= randomBytes(32).toString("base64");
process.env.PROBE_ALLOWLIST = "hooks.test.internal";

const save = parsedVerb(saveAlertRule, SaveAlertRule);
const remove = parsedVerb(deleteAlertRule, DeleteAlertRule);
let editor: Actor;

const FILE = (rules: string) => `
components:
  - { id: api, name: API }
groups:
  - { id: core, name: Core }
alerts:
  channels:
    - { name: ops-slack, kind: slack, url: "https://hooks.test.internal/slack" }
    - { name: on-call, kind: pagerduty, routingKey: "routing-key-0123456789", url: "https://hooks.test.internal/pd" }
${rules}`;
const apply = (text: string) => applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(text, "vigil.config.yaml"), source: "vigil.config.yaml", sha256: "x" } });
const rules = () => db().alertRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, channels: true, events: true, componentIds: true, groupIds: true, managedByConfig: true } });

beforeEach(async () => {
  await db().alertDelivery.deleteMany();
  await db().alertChannel.deleteMany();
  await db().alertRule.deleteMany();
  const admin = await db().adminUser.create({ data: { email: `ed-${crypto.randomUUID()}@example.fm`, passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor", ip: "192.0.2.7" };
});

describe("alert rules in the console", () => {
  it("an editor adds, edits and removes a rule, each audited", async () => {
    await apply(FILE(""));
    const added = await save({ channels: ["on-call"], events: ["monitor.down", "monitor.recovered"], groupIds: ["core"] }, editor);
    expect(added.created).toBe(true);
    expect(await rules()).toEqual([{ id: added.id, channels: ["on-call"], events: ["monitor.down", "monitor.recovered"], componentIds: [], groupIds: ["core"], managedByConfig: false }]);
    expect(await save({ id: added.id, channels: ["on-call", "ops-slack"], componentIds: ["api"] }, editor)).toEqual({ id: added.id, created: false });
    expect(await rules()).toMatchObject([{ channels: ["on-call", "ops-slack"], events: [], componentIds: ["api"], groupIds: [] }]);
    await remove({ id: added.id }, editor);
    expect(await rules()).toEqual([]);
    const audit = await db().auditLog.findMany({ where: { objectType: "alert_rule", objectId: added.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["alert_rule.create", editor.adminId],
      ["alert_rule.update", editor.adminId],
      ["alert_rule.delete", editor.adminId],
    ]);
    expect(audit[0]!.details).toEqual({ channels: ["on-call"], events: ["monitor.down", "monitor.recovered"], componentIds: [], groupIds: ["core"] });
  });

  it("refuses a rule naming a channel, component or group that does not exist, or an unknown event, and stores nothing", async () => {
    await apply(FILE(""));
    const error = await save({ channels: ["on-call", "nope"], componentIds: ["ghost"], groupIds: ["core"] }, editor).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", fieldErrors: { channels: ["no channel named nope"], componentIds: ["no component with id ghost"] } });
    await expect(save({ channels: [] }, editor)).rejects.toThrow("choose at least one channel");
    expect(SaveAlertRule.safeParse({ channels: ["on-call"], events: ["monitor.exploded"] }).error?.issues[0]?.message).toMatch(/^must be one of monitor\.down/);
    await expect(save({ id: "no-such-rule", channels: ["on-call"] }, editor)).rejects.toThrow("no alert rule with id no-such-rule");
    expect(await rules()).toEqual([]);
  });

  it("keeps the file's rules read-only and the console's through an apply; a console rule the file now states is adopted", async () => {
    await apply(FILE(`  rules:\n    - { channels: [on-call], events: [incident.opened] }\n`));
    const [filed] = await rules();
    await expect(save({ id: filed!.id, channels: ["ops-slack"] }, editor)).rejects.toThrow("managed by the configuration file");
    await expect(remove({ id: filed!.id }, editor)).rejects.toThrow("managed by the configuration file");

    const mine = await save({ channels: ["ops-slack"], events: ["worker.missing", "worker.recovered"] }, editor);
    await apply(FILE(`  rules:\n    - { channels: [on-call], events: [incident.resolved] }\n`));
    expect((await rules()).map((rule) => [rule.events, rule.managedByConfig])).toEqual([
      [["incident.resolved"], true],
      [["worker.missing", "worker.recovered"], false],
    ]);
    expect((await rules()).find((rule) => !rule.managedByConfig)!.id).toBe(mine.id);

    // Exported and applied back: the file states the console's rule, which is then the file's.
    await apply(FILE(`  rules:\n    - { channels: [on-call], events: [incident.resolved] }\n    - { channels: [ops-slack], events: [worker.recovered, worker.missing] }\n`));
    expect((await rules()).map((rule) => rule.managedByConfig)).toEqual([true, true]);
  });

  it("decides where the next event goes", async () => {
    await apply(FILE(""));
    const event = { ...testEvent("x", new Date(), "https://status.example.test"), key: "rule-check", kind: "worker.missing" as const };
    await save({ channels: ["on-call"], events: ["worker.missing"] }, editor);
    await db().$transaction((tx) => recordAlerts(tx, [event]));
    const deliveries = await db().alertDelivery.findMany({ include: { channel: { select: { name: true } } } });
    expect(deliveries.map((delivery) => delivery.channel.name)).toEqual(["on-call"]);
  });
});
