// Subscribers for the admin console: list and search with status and scope, and removal.
import "server-only";
import { z } from "zod";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import { SubscriberStatus } from "../generated/prisma/enums";
import type { ReleaseSubscriber, RemoveSubscriber } from "./schemas";
import { translator } from "../i18n/translator";
import { scopeLabel } from "./scope";

export const SubscriberQuery = z.object({
  search: z.string().trim().max(254).optional(),
  status: z.enum(SubscriberStatus).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type SubscriberQuery = z.input<typeof SubscriberQuery>;

export type SubscriberDto = {
  id: string;
  email: string;
  /** A webhook subscriber's endpoint ("" for email); `email` then receives its notices. */
  webhookUrl: string;
  status: SubscriberStatus;
  scope: string;
  componentIds: string[];
  groupIds: string[];
  permanentFailures: number;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  quarantinedAt: Date | null;
  pausedAt: Date | null;
};

export async function listSubscribers(input: SubscriberQuery = {}): Promise<{ total: number; subscribers: SubscriberDto[] }> {
  const query = SubscriberQuery.parse(input);
  const where = {
    ...(query.search ? { OR: [{ email: { contains: query.search.toLowerCase() } }, { webhookUrl: { contains: query.search } }] } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [total, rows] = await Promise.all([
    db().subscriber.count({ where }),
    db().subscriber.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: query.limit,
      skip: query.offset,
      include: { components: { include: { component: { select: { id: true, name: true } } } }, groups: { include: { group: { select: { id: true, name: true } } } } },
    }),
  ]);
  return {
    total,
    subscribers: rows.map((row) => ({
      id: row.id,
      email: row.email,
      webhookUrl: row.webhookUrl,
      status: row.status,
      scope: scopeLabel({ allComponents: row.allComponents, components: row.components.map((c) => c.component), groups: row.groups.map((g) => g.group) }, translator("en")),
      componentIds: row.components.map((c) => c.component.id),
      groupIds: row.groups.map((g) => g.group.id),
      permanentFailures: row.permanentFailures,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      unsubscribedAt: row.unsubscribedAt,
      quarantinedAt: row.quarantinedAt,
      pausedAt: row.pausedAt,
    })),
  };
}

export class SubscriberNotFoundError extends VigilError {
  constructor(id: string, status?: string) {
    super("not_found", `no ${status ? `${status} ` : ""}subscriber with id ${id}`);
  }
}

/** Deletes the subscriber and its scope; its outbox history stays (subscriberId set null). Audited. */
export async function removeSubscriber({ ctx: { actor }, input: { id } }: Action<RemoveSubscriber>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    // Unsent messages to a removed subscriber must not go out. Before the delete: it sets their
    // subscriberId to null (onDelete: SetNull), after which they could no longer be found.
    await tx.outboxMessage.updateMany({ where: { subscriberId: id, status: "pending" }, data: { status: "failed", lastError: "skipped: subscriber removed by an admin" } });
    const removed = await tx.subscriber.deleteMany({ where: { id } });
    if (removed.count === 0) throw new SubscriberNotFoundError(id);
    await recordAdminAudit(tx, actor, { action: "subscriber.remove", objectType: "subscriber", objectId: id });
  });
}

/** An admin vouches for a quarantined address (the mailbox works again): confirmed, failures reset. Audited. */
export async function releaseSubscriberFromQuarantine({ ctx: { actor, now }, input: { id } }: Action<ReleaseSubscriber>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.subscriber.updateMany({
      where: { id, status: "quarantined" },
      data: { status: "confirmed", permanentFailures: 0, quarantinedAt: null, updatedAt: now },
    });
    if (count === 0) throw new SubscriberNotFoundError(id, "quarantined");
    await recordAdminAudit(tx, actor, { action: "subscriber.release_quarantine", objectType: "subscriber", objectId: id });
  });
}
