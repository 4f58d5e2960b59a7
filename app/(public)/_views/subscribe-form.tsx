/** @jsxImportSource preact */
// The one email subscription form (home page and /subscribe) and the component checkboxes it shares
// with the manage page. A plain POST to /api/subscriptions: it works without JavaScript and ends on
// /subscribe saying what happened. The "website" field is a honeypot: hidden from people, filled in
// by bots, and a filled one sends nothing. The "language" field is the language the page is shown
// in: the subscriber's emails are written in it.
import type { PublicComponentGroup } from "@/lib/public-read/public-page";
import { useT } from "./i18n";

/** What the checkboxes offer and which are ticked. Nothing ticked means the whole page. */
export type ScopeChoice = { groups: PublicComponentGroup[]; componentIds: string[]; groupIds: string[] };

export function SubscribeForm({ scope }: { scope: ScopeChoice | null }) {
  const { t, language } = useT();
  return (
    <form method="post" action="/api/subscriptions" class="subscribe-form" aria-label={t("subscribe.formLabel")}>
      <input type="hidden" name="language" value={language} />
      <label for="subscribe-email">{t("subscribe.email")}</label>
      <div class="subscribe-row">
        <input id="subscribe-email" type="email" name="email" required autocomplete="email" placeholder="you@example.com" maxlength={254} />
        <button type="submit">{t("subscribe.submit")}</button>
      </div>
      <div class="honeypot" aria-hidden="true">
        <label for="subscribe-website">{t("subscribe.honeypot")}</label>
        <input id="subscribe-website" type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      {scope ? <ScopeFieldset scope={scope} /> : null}
      <p class="muted">{t("subscribe.emailHint")}</p>
    </form>
  );
}

/**
 * The webhook subscription (on /subscribe only): an endpoint for Statuspage-shaped POSTs and an
 * address that confirms it and hears when deliveries fail. Same endpoint, same honeypot.
 */
export function WebhookSubscribeForm({ scope }: { scope: ScopeChoice }) {
  const { t, language } = useT();
  return (
    <form method="post" action="/api/subscriptions" class="subscribe-form" aria-label={t("subscribe.webhookFormLabel")}>
      <input type="hidden" name="language" value={language} />
      <label for="webhook-url">{t("subscribe.webhookUrl")}</label>
      <input id="webhook-url" type="url" name="webhookUrl" required placeholder="https://example.com/hooks/status" maxlength={2000} />
      <label for="webhook-email">{t("subscribe.webhookEmail")}</label>
      <div class="subscribe-row">
        <input id="webhook-email" type="email" name="email" required autocomplete="email" placeholder="you@example.com" maxlength={254} />
        <button type="submit">{t("subscribe.webhookSubmit")}</button>
      </div>
      <div class="honeypot" aria-hidden="true">
        <label for="webhook-website">{t("subscribe.honeypot")}</label>
        <input id="webhook-website" type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <ScopeFieldset scope={scope} />
      <p class="muted">{t("subscribe.webhookHint")}</p>
    </form>
  );
}

/** What a webhook receives: the page the payloads' `meta.documentation` links to. */
export function WebhookPayloadHelp() {
  return (
    <details class="webhook-help">
      <summary>{useT().t("subscribe.webhookHelp")}</summary>
      {/* Technical reference (field names, status codes): kept in English, as the API documentation is. */}
      <p>
        A JSON POST in Statuspage’s webhook format for each public incident update (<code>incident</code>, as in <code>/api/v2/incidents.json</code>) and each
        status change of a component you chose (<code>component_update</code> with <code>component</code>). Every payload has <code>meta.unsubscribe</code>{" "}
        (your subscription’s page) and <code>page</code> (<code>id</code>, <code>status_indicator</code>, <code>status_description</code>). Answer with a 2xx
        promptly (a receiver that hangs is cut off and retried); 429 and 5xx are retried (honouring <code>Retry-After</code>). The <code>X-Vigil-Delivery</code> header names each delivery: a retry
        carries the same value.
      </p>
    </details>
  );
}

/** Ticking a group also covers components added to it later. */
export function ScopeFieldset({ scope }: { scope: ScopeChoice }) {
  const { t } = useT();
  return (
    <fieldset class="scope">
      <legend>{t("subscribe.scopeLegend")}</legend>
      {scope.groups.map(({ group, components }) => (
        <div class="scope-group" key={group?.id ?? "ungrouped"}>
          {group ? (
            <label>
              <input type="checkbox" name="scope" value={`group:${group.id}`} checked={scope.groupIds.includes(group.id)} /> {group.name}{" "}
              <span class="muted">{t("subscribe.wholeGroup")}</span>
            </label>
          ) : null}
          <ul>
            {components.map((component) => (
              <li key={component.id}>
                <label>
                  <input type="checkbox" name="scope" value={`component:${component.id}`} checked={scope.componentIds.includes(component.id)} /> {component.name}
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
