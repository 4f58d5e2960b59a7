/** @jsxImportSource preact */
// The one email subscription form (home page and /subscribe) and the component checkboxes it shares
// with the manage page. A plain POST to /api/subscriptions: it works without JavaScript and ends on
// /subscribe saying what happened. The "website" field is a honeypot: hidden from people, filled in
// by bots, and a filled one sends nothing.
import type { PublicComponentGroup } from "@/lib/public-read/public-page";

/** What the checkboxes offer and which are ticked. Nothing ticked means the whole page. */
export type ScopeChoice = { groups: PublicComponentGroup[]; componentIds: string[]; groupIds: string[] };

export function SubscribeForm({ scope }: { scope: ScopeChoice | null }) {
  return (
    <form method="post" action="/api/subscriptions" class="subscribe-form" aria-label="Subscribe to updates">
      <label for="subscribe-email">Email address</label>
      <div class="subscribe-row">
        <input id="subscribe-email" type="email" name="email" required autocomplete="email" placeholder="you@example.com" maxlength={254} />
        <button type="submit">Subscribe</button>
      </div>
      <div class="honeypot" aria-hidden="true">
        <label for="subscribe-website">Leave this empty</label>
        <input id="subscribe-website" type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      {scope ? <ScopeFieldset scope={scope} /> : null}
      <p class="muted">We send a confirmation link first. Every email has a link to change or cancel your subscription.</p>
    </form>
  );
}

/**
 * The webhook subscription (on /subscribe only): an endpoint for Statuspage-shaped POSTs and an
 * address that confirms it and hears when deliveries fail. Same endpoint, same honeypot.
 */
export function WebhookSubscribeForm({ scope }: { scope: ScopeChoice }) {
  return (
    <form method="post" action="/api/subscriptions" class="subscribe-form" aria-label="Subscribe a webhook">
      <label for="webhook-url">Webhook URL</label>
      <input id="webhook-url" type="url" name="webhookUrl" required placeholder="https://example.com/hooks/status" maxlength={2000} />
      <label for="webhook-email">Email for the confirmation and failure notices</label>
      <div class="subscribe-row">
        <input id="webhook-email" type="email" name="email" required autocomplete="email" placeholder="you@example.com" maxlength={254} />
        <button type="submit">Subscribe webhook</button>
      </div>
      <div class="honeypot" aria-hidden="true">
        <label for="webhook-website">Leave this empty</label>
        <input id="webhook-website" type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <ScopeFieldset scope={scope} />
      <p class="muted">Deliveries start once you follow the link we email. If your endpoint keeps failing, we pause them and tell you.</p>
    </form>
  );
}

/** What a webhook receives: the page the payloads' `meta.documentation` links to. */
export function WebhookPayloadHelp() {
  return (
    <details class="webhook-help">
      <summary>What your endpoint receives</summary>
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
  return (
    <fieldset class="scope">
      <legend>Components (optional — none ticked: everything)</legend>
      {scope.groups.map(({ group, components }) => (
        <div class="scope-group" key={group?.id ?? "ungrouped"}>
          {group ? (
            <label>
              <input type="checkbox" name="scope" value={`group:${group.id}`} checked={scope.groupIds.includes(group.id)} /> {group.name}{" "}
              <span class="muted">(whole group)</span>
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
