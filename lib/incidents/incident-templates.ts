// Templates for frequent messages ("We are investigating reports of…"): picked in the incident
// form to prefill name, status and body.
import "server-only";
import { z } from "zod";
import { assertCanEdit, type Actor } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, VigilError } from "../errors";
import { IncidentProgress } from "./schemas";

export const SaveIncidentTemplate = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1, "a name is required").max(100),
  title: z.string().trim().min(1, "a title is required").max(200),
  status: IncidentProgress.default("investigating"),
  body: z.string().trim().min(1, "write the message").max(20_000),
});
export type SaveIncidentTemplate = z.input<typeof SaveIncidentTemplate>;

export type IncidentTemplateSummary = { id: string; name: string; title: string; status: string; body: string };

export class TemplateNameTakenError extends VigilError {
  constructor() {
    super("conflict", "a template with this name exists");
  }
}

export async function listIncidentTemplates(): Promise<IncidentTemplateSummary[]> {
  return db().incidentTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, title: true, status: true, body: true } });
}

export async function saveIncidentTemplate(input: SaveIncidentTemplate, actor: Actor): Promise<{ id: string }> {
  assertCanEdit(actor);
  const { id, ...fields } = SaveIncidentTemplate.parse(input);
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

export async function deleteIncidentTemplate(id: string, actor: Actor): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const template = await tx.incidentTemplate.findUnique({ where: { id } });
    if (!template) throw new NotFoundError("template", id);
    await tx.incidentTemplate.delete({ where: { id } });
    await recordAdminAudit(tx, actor, { action: "template.delete", objectType: "incident_template", objectId: id, details: { name: template.name } });
  });
}
