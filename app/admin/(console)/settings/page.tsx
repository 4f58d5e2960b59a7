// Page settings and branding: name, description, address, time zone, support and footer links,
// accent colours, custom CSS and the logo (lib/page). Editors and owners change them; viewers read.
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { CUSTOM_CSS_MAX_BYTES } from "@/lib/page/custom-css";
import { LOGO_MAX_BYTES } from "@/lib/page/logo-image";
import { readPageSettings, type PageSettings } from "@/lib/page/page-settings";
import { PAGE_FOOTER_LINKS_MAX } from "@/lib/page/schemas";
import { DEFAULT_ACCENT } from "@/lib/page/theme";
import { ActionForm, Field, FieldError } from "../../_components/action-form";

export default async function PageSettingsPage() {
  const { actor } = await requireAdmin();
  const settings = await readPageSettings();
  const editor = canEdit(actor);
  return (
    <>
      <h1>Page settings</h1>
      <p className="hint">
        What visitors see on the public page and in every email. Values set in <code>vigil.config.yaml</code> replace these the next time the file is applied.
      </p>
      <section aria-label="Settings" className="card">
        <h2>Settings</h2>
        {editor ? <SettingsForm settings={settings} /> : <SettingsSummary settings={settings} />}
      </section>
      <section aria-label="Logo" className="card">
        <h2>Logo</h2>
        {settings.logo ? (
          // A logo from our own database, already small: nothing for next/image to optimise.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={settings.logo.path} alt={`${settings.name} logo`} data-testid="current-logo" style={{ maxHeight: "3rem", maxWidth: "12rem" }} />
        ) : (
          <p className="muted">No logo: the page shows its name.</p>
        )}
        {editor && (
          <>
            <ActionForm action="uploadPageLogo" submit="Upload logo">
              <Field label="Image file" name="logo" hint={`PNG, JPEG or WebP, at most ${LOGO_MAX_BYTES / 1024} KB; shown at most 2.5rem high. SVG is not accepted.`}>
                <input name="logo" type="file" accept="image/png,image/jpeg,image/webp" />
              </Field>
            </ActionForm>
            {settings.logo && (
              <ActionForm action="removePageLogo" submit="Remove logo" secondary confirm="Remove the logo? The page will show its name instead.">
                {null}
              </ActionForm>
            )}
          </>
        )}
      </section>
    </>
  );
}

function SettingsForm({ settings }: { settings: PageSettings }) {
  // The stored links and blank rows up to the limit.
  const rows = [...settings.footerLinks, ...Array.from({ length: PAGE_FOOTER_LINKS_MAX }, () => ({ label: "", url: "" }))].slice(0, Math.max(settings.footerLinks.length + 2, 3)).slice(0, PAGE_FOOTER_LINKS_MAX);
  return (
    <ActionForm action="savePageSettings" submit="Save settings">
      <Field label="Name" name="name" hint="In the page's title and header and in every email's subject.">
        <input name="name" defaultValue={settings.name} required maxLength={200} />
      </Field>
      <Field label="Description" name="description" hint="A sentence under the page's name (optional).">
        <textarea name="description" defaultValue={settings.description ?? ""} rows={2} maxLength={1000} />
      </Field>
      <Field label="Page address" name="url" hint="The public address of this page, e.g. https://status.example.com (optional).">
        <input name="url" type="url" defaultValue={settings.url ?? ""} />
      </Field>
      <Field label="Default time zone" name="timeZone" hint="An IANA zone such as Europe/Berlin: how the API states times.">
        <input name="timeZone" defaultValue={settings.timeZone} required />
      </Field>
      <Field label="Support link" name="supportUrl" hint="A web or mailto: address shown as “Contact support” (optional).">
        <input name="supportUrl" defaultValue={settings.supportUrl ?? ""} />
      </Field>
      <fieldset className="field">
        <legend>Footer links</legend>
        <span className="field-hint">Up to {PAGE_FOOTER_LINKS_MAX}: a label and a web, mailto: or /path address. Save to get more rows; clear a row to remove it.</span>
        {rows.map((link, i) => (
          <div key={i} className="action-form row">
            <input name="footerLabel" aria-label={`Footer link ${i + 1} label`} defaultValue={link.label} placeholder="Label" maxLength={60} />
            <input name="footerUrl" aria-label={`Footer link ${i + 1} address`} defaultValue={link.url} placeholder="https://…" />
          </div>
        ))}
        <FieldError name="footerLinks" />
      </fieldset>
      <Field
        label="Accent colour, light theme"
        name="accentColor"
        hint={`#rrggbb for links and focus rings (default ${DEFAULT_ACCENT.light}); needs 4.5:1 contrast on the light background (WCAG AA).`}
      >
        <input name="accentColor" defaultValue={settings.accentColor ?? ""} placeholder={DEFAULT_ACCENT.light} />
      </Field>
      <Field
        label="Accent colour, dark theme"
        name="accentColorDark"
        hint={`For visitors using a dark theme (default ${DEFAULT_ACCENT.dark}); needs 4.5:1 on the dark background. No colour passes on both.`}
      >
        <input name="accentColorDark" defaultValue={settings.accentColorDark ?? ""} placeholder={DEFAULT_ACCENT.dark} />
      </Field>
      <Field
        label="Custom CSS"
        name="customCss"
        hint={`At most ${CUSTOM_CSS_MAX_BYTES / 1024} KB. No @import, no url() to other sites, no “<”. Served as its own stylesheet after the page's.`}
      >
        <textarea name="customCss" defaultValue={settings.customCss ?? ""} rows={6} spellCheck={false} />
      </Field>
    </ActionForm>
  );
}

function SettingsSummary({ settings }: { settings: PageSettings }) {
  const none = <span className="muted">none</span>;
  return (
    <dl data-testid="settings-summary">
      <dt>Name</dt>
      <dd>{settings.name}</dd>
      <dt>Description</dt>
      <dd>{settings.description ?? none}</dd>
      <dt>Page address</dt>
      <dd>{settings.url ?? none}</dd>
      <dt>Default time zone</dt>
      <dd>{settings.timeZone}</dd>
      <dt>Support link</dt>
      <dd>{settings.supportUrl ?? none}</dd>
      <dt>Footer links</dt>
      <dd>{settings.footerLinks.length > 0 ? settings.footerLinks.map((link) => `${link.label} (${link.url})`).join(", ") : none}</dd>
      <dt>Accent colours</dt>
      <dd>
        {settings.accentColor ?? `default ${DEFAULT_ACCENT.light}`} (light), {settings.accentColorDark ?? `default ${DEFAULT_ACCENT.dark}`} (dark)
      </dd>
      <dt>Custom CSS</dt>
      <dd>{settings.customCss ? <pre>{settings.customCss}</pre> : none}</dd>
    </dl>
  );
}
