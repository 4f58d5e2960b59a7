// Channels made in the console (owners and editors): validated by the same schema as the config
// file, judged by the SSRF guard, secrets sealed; a channel the config file manages is read-only
// here. The audit log records the name, kind and which secrets changed — never a secret.
import "server-only";
import { ZodError } from "zod";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { ManagedByConfigError, NotFoundError, VigilError } from "../errors";
import { channelRow } from "./alert-config-store";
import { defineChannel } from "./channel-definition";
import { alertTargetPolicy } from "./destination";
import { ConfigAlertChannel, envReferenceName, SECRET_FIELDS, type DeleteAlertChannel, type SaveAlertChannel } from "./schemas";
import { alertSecretKey, openSecrets } from "./secret-box";

const KIND_FIELDS: Record<SaveAlertChannel["kind"], readonly (keyof SaveAlertChannel)[]> = {
  email: ["to"],
  webhook: ["url", "secret"],
  slack: ["url"],
  discord: ["url"],
  teams: ["url"],
  pagerduty: ["routingKey", "url"],
  ntfy: ["url", "topic", "token", "priority", "tags"],
};

export async function saveAlertChannel({ ctx, input }: Action<SaveAlertChannel>): Promise<{ id: string; created: boolean }> {
  assertCanEdit(ctx.actor);
  const key = await alertSecretKey();
  const existing = input.id ? await db().alertChannel.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !existing) throw new NotFoundError("alert channel", input.id);
  if (existing?.managedByConfig) throw new ManagedByConfigError("alert channel");
  const namesake = await db().alertChannel.findUnique({ where: { name: input.name }, select: { id: true } });
  if (namesake && namesake.id !== existing?.id) throw new VigilError("conflict", `there is already an alert channel named "${input.name}"`);

  const candidate: Record<string, unknown> = { name: input.name, kind: input.kind, enabled: input.enabled };
  for (const field of KIND_FIELDS[input.kind]) if (input[field] !== undefined && input[field] !== "") candidate[field] = input[field];
  const secretFields = SECRET_FIELDS[input.kind];
  const kept: string[] = [];
  if (existing && existing.kind === input.kind) {
    const stored = openSecrets(existing.sealedSecrets, key);
    for (const field of secretFields) {
      if (candidate[field] === undefined && stored[field] !== undefined) {
        candidate[field] = stored[field];
        kept.push(field);
      }
    }
  }
  // `${ENV}` references belong to the config file, resolved where it is applied.
  const referenced = secretFields.filter((field) => typeof candidate[field] === "string" && envReferenceName(candidate[field] as string) !== null);
  if (referenced.length > 0) {
    throw new ZodError(referenced.map((field) => ({ code: "custom" as const, path: [field], message: "environment references (${NAME}) are for vigil.config.yaml; enter the value itself", input: undefined })));
  }
  const channel = ConfigAlertChannel.parse(candidate);
  const definition = await defineChannel(channel, () => undefined, await alertTargetPolicy());
  const row = channelRow(definition, key);

  return db().$transaction(async (tx) => {
    const saved = existing ? await tx.alertChannel.update({ where: { id: existing.id }, data: row }) : await tx.alertChannel.create({ data: row });
    await recordAdminAudit(tx, ctx.actor, {
      action: existing ? "alert_channel.update" : "alert_channel.create",
      objectType: "alert_channel",
      objectId: saved.id,
      details: { name: saved.name, kind: saved.kind, enabled: saved.enabled, secretsChanged: secretFields.filter((field) => field in definition.secrets && !kept.includes(field)) },
    });
    return { id: saved.id, created: !existing };
  });
}

export async function deleteAlertChannel({ ctx, input }: Action<DeleteAlertChannel>): Promise<void> {
  assertCanEdit(ctx.actor);
  const existing = await db().alertChannel.findUnique({ where: { id: input.id } });
  if (!existing) throw new NotFoundError("alert channel", input.id);
  if (existing.managedByConfig) throw new ManagedByConfigError("alert channel");
  await db().$transaction(async (tx) => {
    await tx.alertChannel.delete({ where: { id: existing.id } });
    await recordAdminAudit(tx, ctx.actor, { action: "alert_channel.delete", objectType: "alert_channel", objectId: existing.id, details: { name: existing.name, kind: existing.kind } });
  });
}
