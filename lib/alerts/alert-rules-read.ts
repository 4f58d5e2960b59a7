// The rules as the console shows and edits them, with what a rule may name: the channels, and the
// components and groups (by name; rules store their ids).
import "server-only";
import { db } from "../db";

export type AlertRuleView = { id: string; channels: string[]; events: string[]; componentIds: string[]; groupIds: string[]; managedByConfig: boolean };
export type AlertRuleChoices = { channels: string[]; components: { id: string; name: string }[]; groups: { id: string; name: string }[] };

export async function listAlertRules(): Promise<{ rules: AlertRuleView[]; choices: AlertRuleChoices }> {
  const [rules, channels, components, groups] = await Promise.all([
    db().alertRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, channels: true, events: true, componentIds: true, groupIds: true, managedByConfig: true } }),
    db().alertChannel.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
    db().component.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().componentGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { rules, choices: { channels: channels.map((channel) => channel.name), components, groups } };
}
