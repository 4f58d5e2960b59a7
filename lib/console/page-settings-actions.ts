// The page settings screen's actions (app/admin/(console)/settings): the settings form, the logo
// upload and the logo's removal — each one updatePageSettings. Spread into the console's registry
// (console-actions.ts).
import "server-only";
import { logoFromForm } from "../page/logo-form";
import { UpdatePageSettings } from "../page/schemas";
import { updatePageSettings } from "../page/update-page-settings";
import { defineAction, text, type ConsoleAction } from "./admin-action";

/** Footer links come as parallel `footerLabel` / `footerUrl` fields; a row left blank is no link. */
function footerLinks(form: FormData): { label: string; url: string }[] {
  const labels = form.getAll("footerLabel").map(String);
  const urls = form.getAll("footerUrl").map(String);
  return labels.map((label, i) => ({ label, url: urls[i] ?? "" })).filter((link) => link.label.trim() !== "" || link.url.trim() !== "");
}

export const pageSettingsActions = {
  savePageSettings: defineAction({
    need: "edit",
    schema: UpdatePageSettings,
    fromForm: (form) => ({
      name: text(form, "name"),
      description: text(form, "description"),
      url: text(form, "url"),
      timeZone: text(form, "timeZone"),
      supportUrl: text(form, "supportUrl"),
      footerLinks: footerLinks(form),
      accentColor: text(form, "accentColor"),
      accentColorDark: text(form, "accentColorDark"),
      customCss: text(form, "customCss"),
    }),
    run: async (input, ctx) => {
      await updatePageSettings({ ctx, input });
      return { message: "Page settings saved." };
    },
  }),
  // Not defineAction: the file's bytes are read asynchronously before the schema sees them.
  uploadPageLogo: {
    need: "edit",
    perform: async (form, ctx) => {
      await updatePageSettings({ ctx, input: UpdatePageSettings.parse({ logo: await logoFromForm(form) }) });
      return { message: "Logo uploaded." };
    },
  } satisfies ConsoleAction,
  removePageLogo: defineAction({
    need: "edit",
    schema: UpdatePageSettings,
    fromForm: () => ({ logo: null }),
    run: async (input, ctx) => {
      await updatePageSettings({ ctx, input });
      return { message: "Logo removed." };
    },
  }),
};
