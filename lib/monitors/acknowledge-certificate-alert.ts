// An admin has seen a certificate alert (and is renewing): it leaves the dashboard. The alert row
// stays, so the same threshold never fires again for that certificate.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { db } from "../db";
import type { AcknowledgeCertificateAlert } from "./schemas";

export async function acknowledgeCertificateAlert({ ctx: { actor, now }, input: { id } }: Action<AcknowledgeCertificateAlert>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.certificateAlert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now } });
    if (count === 0) throw new NotFoundError("unacknowledged certificate alert", id);
    await recordAdminAudit(tx, actor, { action: "certificate_alert.acknowledge", objectType: "certificate_alert", objectId: id });
  });
}
