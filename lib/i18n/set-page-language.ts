// Sets the language the public page and new subscribers' emails default to (visitors' browsers may
// still ask for another). The Page row's NOTIFY trigger moves the response cache on.
import "server-only";
import { z } from "zod";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { Language } from "./languages";

export const SetPageLanguage = z.strictObject({ language: Language });
export type SetPageLanguage = z.output<typeof SetPageLanguage>;

export async function setPageLanguage({ ctx: { actor }, input: { language } }: Action<SetPageLanguage>): Promise<{ language: Language }> {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id: "page" }, select: { language: true } });
    if (!page) throw new NotFoundError("page", "page");
    if (page.language === language) return { language };
    await tx.page.update({ where: { id: "page" }, data: { language } });
    await recordAdminAudit(tx, actor, { action: "page.language", objectType: "page", objectId: "page", details: { from: page.language, to: language } });
    return { language };
  });
}
