// updatePageSettings: an editor or owner changes the page's name, description, links, colours,
// custom CSS or logo (lib/page/schemas.ts says what is accepted). Audited with what was there
// before; the custom CSS and the logo are summarised (size and hash), not copied into the log.
import "server-only";
import { createHash } from "node:crypto";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writePageSettings, type PageSettings } from "./page-settings";
import type { UpdatePageSettings } from "./schemas";

export async function updatePageSettings({ ctx, input }: Action<UpdatePageSettings>): Promise<PageSettings> {
  assertCanEdit(ctx.actor);
  return db().$transaction(async (tx) => {
    const { before, after, changed } = await writePageSettings(tx, input);
    if (changed.length > 0) {
      const pick = (settings: PageSettings) => Object.fromEntries(changed.map((key) => [key, auditValue(key, settings)])) as Prisma.InputJsonObject;
      await recordAdminAudit(tx, ctx.actor, { action: "page.settings", objectType: "page", objectId: "page", details: { before: pick(before), after: pick(after) } });
    }
    return after;
  });
}

function auditValue(key: keyof PageSettings, settings: PageSettings): Prisma.InputJsonValue | null {
  if (key === "customCss") {
    const css = settings.customCss;
    return css === null ? null : { bytes: Buffer.byteLength(css), sha256: createHash("sha256").update(css).digest("hex") };
  }
  if (key === "logo") return settings.logo ? { sha256: settings.logo.sha256, contentType: settings.logo.contentType } : null;
  return settings[key] as Prisma.InputJsonValue | null;
}
