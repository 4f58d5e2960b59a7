// A subscriber's scope, read and written the same way by the manage page and the admin list.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { componentList } from "../email/compose-email";
import type { Translator } from "../i18n/translator";

export type ScopeDto = { allComponents: boolean; componentIds: string[]; groupIds: string[]; label: string };

/** "all components", or "CMS, Publishing (group)". */
export function scopeLabel(scope: { allComponents: boolean; components: { name: string }[]; groups: { name: string }[] }, translator: Translator): string {
  const { t } = translator;
  if (scope.allComponents || (scope.components.length === 0 && scope.groups.length === 0)) return t("scope.all");
  return componentList([...scope.groups.map((g) => t("scope.group", { name: g.name })), ...scope.components.map((c) => c.name)], translator);
}

export async function describeScope(tx: Prisma.TransactionClient, subscriberId: string, t: Translator): Promise<string> {
  const subscriber = await tx.subscriber.findUniqueOrThrow({
    where: { id: subscriberId },
    select: { allComponents: true, components: { select: { component: { select: { name: true } } } }, groups: { select: { group: { select: { name: true } } } } },
  });
  return scopeLabel({
    allComponents: subscriber.allComponents,
    components: subscriber.components.map((c) => c.component),
    groups: subscriber.groups.map((g) => g.group),
  }, t);
}

/** Replaces a subscriber's scope; both lists empty means the whole page. */
export async function replaceScope(tx: Prisma.TransactionClient, subscriberId: string, scope: { componentIds: string[]; groupIds: string[] }): Promise<void> {
  await tx.subscriberComponent.deleteMany({ where: { subscriberId } });
  await tx.subscriberGroup.deleteMany({ where: { subscriberId } });
  await tx.subscriberComponent.createMany({ data: scope.componentIds.map((componentId) => ({ subscriberId, componentId })) });
  await tx.subscriberGroup.createMany({ data: scope.groupIds.map((groupId) => ({ subscriberId, groupId })) });
  await tx.subscriber.update({ where: { id: subscriberId }, data: { allComponents: scope.componentIds.length === 0 && scope.groupIds.length === 0 } });
}
