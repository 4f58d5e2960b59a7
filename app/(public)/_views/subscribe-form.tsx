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
