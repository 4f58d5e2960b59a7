// The email subscription form: self-contained (a server component posting to a server action), so
// it works without JavaScript and can be placed on any public page. The "website" field is a
// honeypot: hidden from people, filled in by bots, and a filled one sends nothing.
import { subscribeAction } from "./subscribe-actions";
import { ScopeFieldset } from "./scope-fieldset";

export async function SubscribeForm({ showScope = true }: { showScope?: boolean }) {
  return (
    <form action={subscribeAction} className="subscribe-form" aria-label="Subscribe to updates">
      <label htmlFor="subscribe-email">Email address</label>
      <div className="subscribe-row">
        <input id="subscribe-email" type="email" name="email" required autoComplete="email" placeholder="you@example.com" maxLength={254} />
        <button type="submit">Subscribe</button>
      </div>
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="subscribe-website">Leave this empty</label>
        <input id="subscribe-website" type="text" name="website" tabIndex={-1} autoComplete="off" />
      </div>
      {showScope && <ScopeFieldset />}
      <p className="muted">We send a confirmation link first. Every email has a link to change or cancel your subscription.</p>
    </form>
  );
}
