// Alert channels and rules in the database, from the config file and back. Channels are matched by
// name: the file's are created or updated (adopting a console-made one of the same name) and
// marked managed; managed channels the file no longer lists are removed. The file's rules replace
// the file's stored ones; rules made in the console stay, unless the file now says the same (an
// exported console rule, applied, is adopted as channels are). Export writes every secret as a
// `${ENV_NAME}` reference, never its value.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { canonicalJson } from "../config/canonical-json";
import type { ChannelDefinition } from "./channel-definition";
import { SECRET_FIELDS, type ConfigAlertRule } from "./schemas";
import { openSecrets, sealSecrets, secretHint } from "./secret-box";

export type AlertChannelCounts = { created: number; updated: number; removed: number; unchanged: number };

type StoredChannel = { id: string; name: string; kind: string; settings: unknown; sealedSecrets: string; secretRefs: unknown; enabled: boolean; managedByConfig: boolean };

export function channelRow(definition: ChannelDefinition, key: Buffer) {
  return {
    name: definition.name,
    kind: definition.kind,
    enabled: definition.enabled,
    settings: definition.settings as Prisma.InputJsonObject,
    sealedSecrets: sealSecrets(definition.secrets, key),
    secretRefs: definition.secretRefs,
    secretHints: Object.fromEntries(Object.entries(definition.secrets).map(([field, value]) => [field, secretHint(value)])),
  };
}

function unchanged(row: StoredChannel, definition: ChannelDefinition, key: Buffer): boolean {
  if (!row.managedByConfig || row.kind !== definition.kind || row.enabled !== definition.enabled) return false;
  if (canonicalJson(row.settings) !== canonicalJson(definition.settings) || canonicalJson(row.secretRefs) !== canonicalJson(definition.secretRefs)) return false;
  try {
    return canonicalJson(openSecrets(row.sealedSecrets, key)) === canonicalJson(definition.secrets);
  } catch {
    return false; // sealed with a lost key: sealing again with this one repairs it
  }
}

export async function syncAlertConfig(
  tx: Prisma.TransactionClient,
  definitions: readonly ChannelDefinition[],
  rules: readonly ConfigAlertRule[],
  key: Buffer,
): Promise<{ channels: AlertChannelCounts; rules: number; names: { created: string[]; updated: string[]; removed: string[] } }> {
  const existing = new Map((await tx.alertChannel.findMany()).map((row) => [row.name, row]));
  const names = { created: [] as string[], updated: [] as string[], removed: [] as string[] };
  let same = 0;
  for (const definition of definitions) {
    const row = existing.get(definition.name);
    if (!row) {
      await tx.alertChannel.create({ data: { ...channelRow(definition, key), managedByConfig: true } });
      names.created.push(definition.name);
    } else if (unchanged(row, definition, key)) {
      same += 1;
    } else {
      await tx.alertChannel.update({ where: { id: row.id }, data: { ...channelRow(definition, key), managedByConfig: true } });
      names.updated.push(definition.name);
    }
  }
  const listed = new Set(definitions.map((definition) => definition.name));
  const gone = [...existing.values()].filter((row) => row.managedByConfig && !listed.has(row.name));
  if (gone.length > 0) await tx.alertChannel.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });
  names.removed.push(...gone.map((row) => row.name));

  const stored = rules.map((rule) => ({ channels: rule.channels, events: rule.events ?? [], componentIds: rule.components ?? [], groupIds: rule.groups ?? [] }));
  type RuleLists = { channels: readonly string[]; events: readonly string[]; componentIds: readonly string[]; groupIds: readonly string[] };
  const sameRule = (rule: RuleLists) => canonicalJson([rule.channels, rule.events, rule.componentIds, rule.groupIds].map((values) => [...values].sort()));
  const filed = new Set(stored.map(sameRule));
  const adopted = (await tx.alertRule.findMany({ where: { managedByConfig: false } })).filter((rule) => filed.has(sameRule(rule)));
  await tx.alertRule.deleteMany({ where: { OR: [{ managedByConfig: true }, { id: { in: adopted.map((rule) => rule.id) } }] } });
  if (stored.length > 0) await tx.alertRule.createMany({ data: stored.map((rule, position) => ({ ...rule, position, managedByConfig: true })) });
  return {
    channels: { created: names.created.length, updated: names.updated.length, removed: names.removed.length, unchanged: same },
    rules: rules.length,
    names,
  };
}

/** `VIGIL_ALERT_OPS_SLACK_URL` for channel "ops-slack", field "url": where an export points a literal secret. */
export function exportedSecretVariable(channel: string, field: string): string {
  const part = (text: string) => text.replace(/([a-z])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
  return `VIGIL_ALERT_${part(channel)}_${part(field)}`;
}

/** The `alerts` section of an export, or undefined when there are no channels. */
export async function exportAlertConfig(tx: Prisma.TransactionClient): Promise<Record<string, unknown> | undefined> {
  const [channels, rules] = await Promise.all([
    tx.alertChannel.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    tx.alertRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
  ]);
  if (channels.length === 0) return undefined;
  return {
    channels: channels.map((channel) => {
      const refs = (channel.secretRefs ?? {}) as Record<string, string>;
      const hints = (channel.secretHints ?? {}) as Record<string, string>;
      const secrets = Object.fromEntries(
        SECRET_FIELDS[channel.kind]
          .filter((field) => field in hints || field in refs)
          .map((field) => [field, `\${${refs[field] ?? exportedSecretVariable(channel.name, field)}}`]),
      );
      return {
        name: channel.name,
        kind: channel.kind,
        ...(channel.enabled ? {} : { enabled: false }),
        ...(channel.settings as Record<string, unknown>),
        ...secrets,
      };
    }),
    ...(rules.length > 0
      ? {
          rules: rules.map((rule) => ({
            channels: rule.channels,
            ...(rule.events.length > 0 ? { events: rule.events } : {}),
            ...(rule.componentIds.length > 0 ? { components: rule.componentIds } : {}),
            ...(rule.groupIds.length > 0 ? { groups: rule.groupIds } : {}),
          })),
        }
      : {}),
  };
}
