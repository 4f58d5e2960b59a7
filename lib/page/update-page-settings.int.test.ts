// Page settings on a real database: what an editor changes is stored, audited and shown in the
// public snapshot; each kind of bad input (colour, contrast, CSS size and content, logo bytes and
// size) is refused with a clear message on its field and changes nothing; logos are kept once per
// content and dropped when replaced or removed; the config file sets the same fields.
import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { solidPng } from "../../test/fixtures/png";
import { parsedVerb } from "../../test/verbs";
import { ForbiddenError, type Actor } from "../auth/actor";
import { applyConfig, CONFIG_FILE_ACTOR } from "../config/apply-config";
import { VigilConfig } from "../config/schemas";
import { db } from "../db";
import { readStatusSnapshot } from "../public-read/read-status-snapshot";
import { LOGO_MAX_BYTES } from "./logo-image";
import { readPageLogo, readPageSettings } from "./page-settings";
import { UpdatePageSettings } from "./schemas";
import { updatePageSettings } from "./update-page-settings";
import { ctxFor } from "../../test/verbs";

const update = parsedVerb(updatePageSettings, UpdatePageSettings);
const NOW = new Date("2026-12-06T08:00:00.000Z");

async function admin(role: Actor["role"]): Promise<Actor> {
  const created = await db().adminUser.create({ data: { email: `${role}-${Math.random()}@example.fm`, passwordHash: "x", role } });
  return { adminId: created.id, email: created.email, role, ip: "192.0.2.7" };
}

const state = async () => ({
  page: await db().page.findUnique({ where: { id: "page" } }),
  logos: await db().pageLogo.count(),
  audits: await db().auditLog.count({ where: { action: "page.settings" } }),
});

/** The messages the verb's schema gives for `input` (bad on purpose, so untyped), by field; fails the test if it was accepted. */
async function refusal(input: Record<string, unknown>, actor: Actor): Promise<Record<string, string[]>> {
  const error = await Promise.resolve()
    .then(() => updatePageSettings({ ctx: ctxFor(actor, NOW), input: UpdatePageSettings.parse(input) }))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ZodError);
  const messages: Record<string, string[]> = {};
  for (const issue of (error as ZodError).issues) (messages[issue.path.join(".")] ??= []).push(issue.message);
  return messages;
}

beforeEach(async () => {
  await db().page.deleteMany();
  await db().pageLogo.deleteMany();
  await db().page.create({ data: { id: "page", name: "Megaphone" } });
});

describe("updatePageSettings", () => {
  it("stores what an editor changes, audits it, and the public snapshot shows it", async () => {
    const editor = await admin("editor");
    const settings = await update(
      {
        name: "Megaphone status",
        description: "Hosting and players for podcasts.",
        supportUrl: "mailto:help@megaphone.example",
        timeZone: "Europe/Berlin",
        footerLinks: [
          { label: "Home", url: "https://megaphone.example" },
          { label: "Terms", url: "/terms" },
        ],
        accentColor: "#8250DF",
        accentColorDark: "#d2a8ff",
        customCss: "h1{letter-spacing:.02em}",
      },
      editor,
      NOW,
    );
    expect(settings).toMatchObject({ name: "Megaphone status", accentColor: "#8250df", timeZone: "Europe/Berlin", logo: null });
    expect(await readPageSettings()).toEqual(settings);

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "page.settings" } });
    expect(audit).toMatchObject({ actorId: editor.adminId, objectType: "page", objectId: "page" });
    expect(audit.details).toMatchObject({ before: { name: "Megaphone", accentColor: null }, after: { name: "Megaphone status", accentColor: "#8250df", customCss: { bytes: 24 } } });

    const { page } = await readStatusSnapshot(NOW);
    expect(page.name).toBe("Megaphone status");
    expect(page.brand).toMatchObject({ description: "Hosting and players for podcasts.", supportUrl: "mailto:help@megaphone.example", logoPath: null });
    expect(page.brand?.footerLinks).toEqual([
      { label: "Home", url: "https://megaphone.example" },
      { label: "Terms", url: "/terms" },
    ]);
    expect(page.brand?.stylesheet?.css).toBe(
      "@media (prefers-color-scheme:light){:root{--accent:#8250df}}\n@media (prefers-color-scheme:dark){:root{--accent:#d2a8ff}}\nh1{letter-spacing:.02em}\n",
    );

    // Saving the same values again changes nothing and logs nothing; "" clears a setting.
    await update({ name: "Megaphone status", accentColor: "#8250df" }, editor, NOW);
    expect(await db().auditLog.count({ where: { action: "page.settings" } })).toBe(1);
    expect(await update({ description: "", customCss: "  " }, editor, NOW)).toMatchObject({ description: null, customCss: null });
  });

  it("refuses each kind of bad input on its field, clearly, and changes nothing", async () => {
    const editor = await admin("editor");
    await update({ accentColor: "#0969da" }, editor, NOW);
    const before = await state();

    expect(await refusal({ accentColor: "blue" }, editor)).toEqual({ accentColor: ["must be a colour like #0969da"] });
    expect(await refusal({ accentColor: "#ffd33d" }, editor)).toEqual({
      accentColor: ["contrast 1.34:1 against the light theme's card (#f6f8fa) is below 4.5:1 (WCAG AA for text); choose a darker colour"],
    });
    expect((await refusal({ accentColorDark: "#0969da" }, editor)).accentColorDark?.[0]).toMatch(/^contrast 3\.33:1 against the dark theme's card \(#161b22\) is below 4\.5:1/);
    expect(await refusal({ customCss: `/*${"x".repeat(16 * 1024)}*/` }, editor)).toEqual({ customCss: ["must be at most 16 KB (it is 16.0 KB)"] });
    expect((await refusal({ customCss: "</style><script>alert(1)</script>" }, editor)).customCss?.[0]).toMatch(/must not contain “<”/);
    expect((await refusal({ customCss: '@import "https://evil.example/x.css";' }, editor)).customCss?.[0]).toMatch(/@import/);
    expect((await refusal({ customCss: "body{background:url(https://evil.example/t.png)}" }, editor)).customCss?.[0]).toMatch(/points to another site/);
    expect(await refusal({ logo: new TextEncoder().encode("GIF89a not a logo we take") }, editor)).toEqual({ logo: ["is not a PNG, JPEG or WebP image"] });
    expect(await refusal({ logo: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, editor)).toEqual({
      logo: ["SVG logos are not accepted (an SVG can carry script); upload a PNG, JPEG or WebP image"],
    });
    const oversize = new Uint8Array(LOGO_MAX_BYTES + 1);
    oversize.set(solidPng(1, 1, [0, 0, 0]));
    expect(await refusal({ logo: oversize }, editor)).toEqual({ logo: ["must be at most 256 KB (this file is 257 KB)"] });
    expect(await refusal({ timeZone: "Mars/Olympus" }, editor)).toEqual({ timeZone: ["must be an IANA time zone such as Europe/Berlin"] });
    expect(Object.keys(await refusal({ footerLinks: [{ label: "x", url: "javascript:alert(1)" }] }, editor))).toEqual(["footerLinks.0.url"]);
    expect(Object.keys(await refusal({ footerLinks: Array.from({ length: 9 }, (_, i) => ({ label: `L${i}`, url: "/" })) }, editor))).toEqual(["footerLinks"]);
    // A whole valid change with one bad field is refused whole.
    expect(Object.keys(await refusal({ name: "Renamed", accentColor: "#ffd33d" }, editor))).toEqual(["accentColor"]);

    const viewer = await admin("viewer");
    expect(await update({ name: "Viewer's page" }, viewer, NOW).catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);
    expect(await state()).toEqual(before);
  });

  it("keeps one copy of each logo, serves it by its hash, and forgets replaced and removed ones", async () => {
    const owner = await admin("owner");
    const red = solidPng(4, 2, [200, 0, 0]);
    const first = await update({ logo: red }, owner, NOW);
    expect(first.logo).toMatchObject({ contentType: "image/png", path: `/logo/${first.logo?.sha256}` });
    expect(first.logo?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Uint8Array((await readPageLogo(first.logo!.sha256))!.bytes)).toEqual(red);
    expect((await readStatusSnapshot(NOW)).page.brand?.logoPath).toBe(first.logo?.path);

    const second = await update({ logo: solidPng(4, 2, [0, 0, 200]) }, owner, NOW);
    expect(second.logo?.sha256).not.toBe(first.logo?.sha256);
    expect(await db().pageLogo.count()).toBe(1);
    expect(await readPageLogo(first.logo!.sha256)).toBeNull();

    expect((await update({ logo: null }, owner, NOW)).logo).toBeNull();
    expect(await db().pageLogo.count()).toBe(0);
    const audits = await db().auditLog.findMany({ where: { action: "page.settings", actorId: owner.adminId }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (a.details as { after: { logo: unknown } }).after.logo)).toEqual([
      { sha256: first.logo?.sha256, contentType: "image/png" },
      { sha256: second.logo?.sha256, contentType: "image/png" },
      null,
    ]);
  });

  it("takes the same settings from vigil.config.yaml; branding the file leaves out stays as set in the console", async () => {
    const editor = await admin("editor");
    await update({ description: "Set in the console", accentColor: "#8250df" }, editor, NOW);
    const apply = (page: Record<string, unknown>) =>
      applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR, NOW), input: { config: VigilConfig.parse({ page }), source: "vigil.config.yaml", sha256: "0".repeat(64) } });

    expect((await apply({ name: "From the file", footerLinks: [{ label: "Blog", url: "https://blog.example" }] })).page).toBe("updated");
    expect(await readPageSettings()).toMatchObject({
      name: "From the file",
      timeZone: "Etc/UTC",
      description: "Set in the console",
      accentColor: "#8250df",
      footerLinks: [{ label: "Blog", url: "https://blog.example" }],
    });
    expect((await apply({ name: "From the file", footerLinks: [{ label: "Blog", url: "https://blog.example" }] })).page).toBe("unchanged");
    expect(() => VigilConfig.parse({ page: { name: "x", accentColor: "#ffd33d" } })).toThrow(/contrast 1\.34:1/);
  });
});
