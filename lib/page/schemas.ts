// Page settings and branding: one schema for the console's form, the admin API and the `page`
// section of vigil.config.yaml, so each accepts exactly the same values and says the same thing
// about a bad one. Two accent colours, not one: no colour reaches 4.5:1 against both the light
// theme's white and the dark theme's near-black (the best manages about 4.3:1).
import { z } from "zod";
import { publicName } from "../text/safe-text";
import { AA_TEXT_CONTRAST, contrastRatio, formatRatio } from "./contrast";
import { customCssProblems } from "./custom-css";
import { logoProblem } from "./logo-image";
import { THEME_BACKGROUNDS, type Theme } from "./theme";

export const PAGE_FOOTER_LINKS_MAX = 8;

export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Berlin");

/** An optional setting: null, or "" (a cleared form field), mean "none"; each keeps its own errors. */
function clearable<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), schema.nullable());
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).max(2048);

/** Where a visitor's link may lead: a web or mailto: address, or a path on this site. */
const LinkTarget = z
  .string()
  .trim()
  .max(2048)
  .refine((target) => {
    if (/^\/(?![/\\])/.test(target)) return true;
    try {
      return ["http:", "https:", "mailto:"].includes(new URL(target).protocol);
    } catch {
      return false;
    }
  }, "must be an http://, https:// or mailto: address, or a path on this site starting with /");

export const FooterLink = z.strictObject({ label: publicName(60, "a label is required"), url: LinkTarget });
export type FooterLink = z.infer<typeof FooterLink>;

/** "#rrggbb" whose contrast with `theme`'s background and cards reaches WCAG AA for text. */
function accentColour(theme: Theme) {
  return z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #0969da")
    .transform((hex) => hex.toLowerCase())
    .superRefine((hex, context) => {
      const backgrounds = THEME_BACKGROUNDS[theme];
      const [surface, ratio] = (["background", "card"] as const)
        .map((name) => [name, contrastRatio(hex, backgrounds[name])] as const)
        .reduce((worst, next) => (next[1] < worst[1] ? next : worst));
      if (ratio < AA_TEXT_CONTRAST) {
        context.addIssue({
          code: "custom",
          message: `contrast ${formatRatio(ratio)} against the ${theme} theme's ${surface} (${backgrounds[surface]}) is below ${AA_TEXT_CONTRAST}:1 (WCAG AA for text); choose a ${theme === "light" ? "darker" : "lighter"} colour`,
        });
      }
    });
}

const CustomCss = z.string().superRefine((css, context) => {
  for (const message of customCssProblems(css)) context.addIssue({ code: "custom", message });
});

/** Every setting; `name` is the only one required. */
export const PageSettingsFields = {
  name: publicName(200),
  description: clearable(z.string().trim().max(1000)),
  url: clearable(httpUrl),
  timeZone: TimeZone,
  supportUrl: clearable(LinkTarget),
  footerLinks: z.array(FooterLink).max(PAGE_FOOTER_LINKS_MAX, `at most ${PAGE_FOOTER_LINKS_MAX} footer links`),
  accentColor: clearable(accentColour("light")),
  accentColorDark: clearable(accentColour("dark")),
  customCss: clearable(CustomCss),
};

/** An uploaded logo's bytes, checked for size and type by their content. */
export const LogoUpload = z.instanceof(Uint8Array, { error: "must be an image file" }).superRefine((bytes, context) => {
  const problem = logoProblem(bytes);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/**
 * A change to the page settings: each field given replaces what is there, the others stay.
 * `logo`: new image bytes, or null to remove the logo.
 */
export const UpdatePageSettings = z.strictObject({ ...PageSettingsFields, logo: LogoUpload.nullable() }).partial();
export type UpdatePageSettings = z.infer<typeof UpdatePageSettings>;

/** The settings without the logo: a JSON body (PATCH /api/admin/page) cannot carry image bytes. */
export const EditPageSettings = UpdatePageSettings.omit({ logo: true });
export type EditPageSettings = z.infer<typeof EditPageSettings>;
