// The page's branding as the public page shows it: the settings the layout needs, and the accent
// colours with the custom CSS as one stylesheet. The stylesheet is served as /custom.css (never
// inlined), versioned by its text's hash so a visitor's browser keeps it until it changes.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { SnapshotBrand } from "../public-read/status-snapshot-types";
import { FooterLink } from "./schemas";

type BrandColumns = {
  description: string | null;
  supportUrl: string | null;
  footerLinks: unknown;
  accentColor: string | null;
  accentColorDark: string | null;
  customCss: string | null;
  logoSha256: string | null;
};

/** Where a logo is served: its content's hash is in the path, so the address never changes meaning. */
export function logoPath(sha256: string): string {
  return `/logo/${sha256}`;
}

/** Accent colours first, so the admin's own CSS may refine them; each theme's accent only in that theme. */
export function brandStylesheet(page: Pick<BrandColumns, "accentColor" | "accentColorDark" | "customCss">): string | null {
  const parts: string[] = [];
  if (page.accentColor) parts.push(`@media (prefers-color-scheme:light){:root{--accent:${page.accentColor}}}`);
  if (page.accentColorDark) parts.push(`@media (prefers-color-scheme:dark){:root{--accent:${page.accentColorDark}}}`);
  if (page.customCss) parts.push(page.customCss);
  return parts.length > 0 ? `${parts.join("\n")}\n` : null;
}

export function snapshotBrand(page: BrandColumns | null): SnapshotBrand {
  const css = page ? brandStylesheet(page) : null;
  return {
    description: page?.description ?? null,
    supportUrl: page?.supportUrl ?? null,
    footerLinks: z.array(FooterLink).safeParse(page?.footerLinks ?? []).data ?? [],
    logoPath: page?.logoSha256 ? logoPath(page.logoSha256) : null,
    stylesheet: css ? { css, version: createHash("sha256").update(css).digest("hex").slice(0, 16) } : null,
  };
}
