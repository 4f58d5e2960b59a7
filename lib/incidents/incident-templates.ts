// Templates for frequent messages ("We are investigating reports of…"): picked in the incident
// form to prefill name, status and body.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, VigilError } from "../errors";
import type { DeleteIncidentTemplate, SaveIncidentTemplate } from "./schemas";

export type IncidentTemplateSummary = { id: string; name: string; title: string; status: string; body: string };

export class TemplateNameTakenError extends VigilError {
  constructor() {
    super("conflict", "a template with this name exists");
  }
}

export async function listIncidentTemplates(): Promise<IncidentTemplateSummary[]> {
  return db().incidentTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, title: true, status: true, body: true } });
}

export async function saveIncidentTemplate({ ctx: { actor }, input }: Action<SaveIncidentTemplate>): Promise<{ id: string }> {
  assertCanEdit(actor);
  const { id, ...fields } = input;
  return db().$transaction(async (tx) => {
    const clash = await tx.incidentTemplate.findUnique({ where: { name: fields.name }, select: { id: true } });
    if (clash && clash.id !== id) throw new TemplateNameTakenError();
    if (id) {
      const { count } = await tx.incidentTemplate.updateMany({ where: { id }, data: fields });
      if (count === 0) throw new NotFoundError("template", id);
    }
    const saved = id ? { id } : await tx.incidentTemplate.create({ data: fields, select: { id: true } });
    await recordAdminAudit(tx, actor, { action: id ? "template.update" : "template.create", objectType: "incident_template", objectId: saved.id, details: fields });
    return saved;
  });
}

export async function deleteIncidentTemplate({ ctx: { actor }, input: { id } }: Action<DeleteIncidentTemplate>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const template = await tx.incidentTemplate.findUnique({ where: { id } });
    if (!template) throw new NotFoundError("template", id);
    await tx.incidentTemplate.delete({ where: { id } });
    await recordAdminAudit(tx, actor, { action: "template.delete", objectType: "incident_template", objectId: id, details: { name: template.name } });
  });
}
