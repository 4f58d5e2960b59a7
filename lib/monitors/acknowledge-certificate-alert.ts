// An admin has seen a certificate alert (and is renewing): it leaves the dashboard. The alert row
// stays, so the same threshold never fires again for that certificate.
import "server-only";
import { assertCanEdit, type Actor } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { db } from "../db";

export async function acknowledgeCertificateAlert(id: string, actor: Actor, now: Date = new Date()): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.certificateAlert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now } });
    if (count === 0) throw new NotFoundError("unacknowledged certificate alert", id);
    await recordAdminAudit(tx, actor, { action: "certificate_alert.acknowledge", objectType: "certificate_alert", objectId: id });
  });
}
