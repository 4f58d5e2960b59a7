// The page's settings as the console and the admin API show them, and the one write of them that
// the console, the admin API (update-page-settings.ts) and vigil.config.yaml (lib/config) share.
// Writing the Page row notifies the change feed (its database trigger), so every cached public
// response is rebuilt with the new settings; a logo is stored once per content and forgotten when
// no page refers to it any more.
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { logoPath } from "./brand";
import { sniffLogoType } from "./logo-image";
import { FooterLink, type UpdatePageSettings } from "./schemas";

export type PageLogoRef = { sha256: string; contentType: string; path: string };

export type PageSettings = {
  name: string;
  url: string | null;
  timeZone: string;
  description: string | null;
  supportUrl: string | null;
  footerLinks: FooterLink[];
  accentColor: string | null;
  accentColorDark: string | null;
  customCss: string | null;
  logo: PageLogoRef | null;
  updatedAt: string | null;
};

type PageRow = Prisma.PageGetPayload<{ include: { logo: { select: { sha256: true; contentType: true } } } }>;

const FooterLinks = z.array(FooterLink);

function toSettings(row: PageRow | null): PageSettings {
  return {
    name: row?.name ?? "Status",
    url: row?.url ?? null,
    timeZone: row?.timeZone ?? "Etc/UTC",
    description: row?.description ?? null,
    supportUrl: row?.supportUrl ?? null,
    // Written only through FooterLink; a row edited by hand shows no links rather than failing.
    footerLinks: FooterLinks.safeParse(row?.footerLinks ?? []).data ?? [],
    accentColor: row?.accentColor ?? null,
    accentColorDark: row?.accentColorDark ?? null,
    customCss: row?.customCss ?? null,
    logo: row?.logo ? { sha256: row.logo.sha256, contentType: row.logo.contentType, path: logoPath(row.logo.sha256) } : null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

const withLogo = { logo: { select: { sha256: true, contentType: true } } } as const;

export async function readPageSettings(client: Prisma.TransactionClient = db()): Promise<PageSettings> {
  return toSettings(await client.page.findUnique({ where: { id: "page" }, include: withLogo }));
}

/** A stored logo by its hash, for /logo/<sha256>; null when there is none. */
export async function readPageLogo(sha256: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  return db().pageLogo.findUnique({ where: { sha256 }, select: { bytes: true, contentType: true } });
}

export type PageSettingsChange = { before: PageSettings; after: PageSettings; changed: (keyof PageSettings)[] };

/** Writes what `input` gives (the rest stays); `changed` is empty when nothing differed. */
export async function writePageSettings(tx: Prisma.TransactionClient, input: UpdatePageSettings): Promise<PageSettingsChange> {
  const row = await tx.page.findUnique({ where: { id: "page" }, include: withLogo });
  const before = toSettings(row);
  const { logo, ...fields } = input;
  let logoSha256: string | null | undefined;
  if (logo === null) logoSha256 = null;
  else if (logo) {
    const bytes = new Uint8Array(logo);
    logoSha256 = createHash("sha256").update(bytes).digest("hex");
    // Validated by the schema; the type is read from the content again, never from the upload's name.
    const contentType = sniffLogoType(bytes) ?? "application/octet-stream";
    await tx.pageLogo.upsert({ where: { sha256: logoSha256 }, create: { sha256: logoSha256, contentType, bytes }, update: {} });
  }
  const wanted = { ...fields, ...(logoSha256 !== undefined ? { logoSha256 } : {}) };
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => {
    const current = key === "logoSha256" ? (before.logo?.sha256 ?? null) : before[key];
    return JSON.stringify(current) !== JSON.stringify(wanted[key]);
  });
  if (changed.length === 0) return { before, after: before, changed: [] };
  const data = Object.fromEntries(changed.map((key) => [key, wanted[key]])) as Prisma.PageUncheckedUpdateInput;
  const saved = row
    ? await tx.page.update({ where: { id: "page" }, data, include: withLogo })
    : await tx.page.create({ data: { ...(data as Prisma.PageUncheckedCreateInput), id: "page", name: fields.name ?? before.name }, include: withLogo });
  if (logoSha256 !== undefined) await tx.pageLogo.deleteMany({ where: { pages: { none: {} } } });
  return { before, after: toSettings(saved), changed: changed.map((key) => (key === "logoSha256" ? "logo" : key)) };
}
