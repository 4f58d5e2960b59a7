/** @jsxImportSource preact */
// The subscription pages: /subscribe (the form with its component list), the confirmation page
// linked from the first email, and the manage page linked from every email. Each form is a plain
// POST answered by a redirect back to a page that says what happened (POST → 303 → GET).
// Confirmation asks for a click instead of confirming on GET: mail scanners open links, people press buttons.
import type { ManagedSubscription } from "@/lib/subscriptions/manage-subscription";
import { ComponentFeeds } from "./component-feeds";
import { Layout, renderPage } from "./layout";
import { ScopeFieldset, SubscribeForm, WebhookSubscribeForm, WebhookPayloadHelp, type ScopeChoice } from "./subscribe-form";

/** Error text arrives in the query string: shown as text, and only so much of it. */
const MAX_ERROR_LENGTH = 300;

function Notice({ text }: { text: string }) {
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}

function ErrorNotice({ text }: { text: string }) {
  return (
    <p class="notice notice-error" role="alert">
      {text.slice(0, MAX_ERROR_LENGTH)}
    </p>
  );
}

const BackLink = () => (
  <p>
    <a href="/">Back to the status page</a>
  </p>
);

export function renderSubscribePage(input: { pageName: string; scope: ScopeChoice; sent: boolean; error: string | null }): string {
  return renderPage(
    <Layout title={`Subscribe · ${input.pageName}`} pageName={input.pageName} state={null}>
      <h1>Subscribe to updates</h1>
      {input.sent ? <Notice text="Thanks! If this address can receive updates, a confirmation email is on its way: follow its link to start your subscription." /> : null}
      {input.error ? <ErrorNotice text={input.error} /> : null}
      <SubscribeForm scope={input.scope} />
      <h2 id="webhooks">Webhook</h2>
      <WebhookSubscribeForm scope={input.scope} />
      <WebhookPayloadHelp />
      <ComponentFeeds groups={input.scope.groups} />
      <BackLink />
    </Layout>,
  );
}

export function renderConfirmPage(input: { pageName: string; token: string | null; error: string | null }): string {
  return renderPage(
    <Layout title={`Confirm your subscription · ${input.pageName}`} pageName={input.pageName} state={null} private>
      <h1>Confirm your subscription</h1>
      {input.error ? (
        <ErrorNotice text={input.error} />
      ) : input.token ? (
        <form method="post" action="/subscribe/confirm">
          <input type="hidden" name="token" value={input.token} />
          <p>One click and you will receive status updates.</p>
          <button type="submit">Confirm subscription</button>
        </form>
      ) : (
        <ErrorNotice text="This link is incomplete. Open the link from your confirmation email again." />
      )}
    </Layout>,
  );
}

/** What the manage page says after a form post brought the visitor back. */
export const MANAGE_NOTICES = {
  confirmed: "Your subscription is confirmed.",
  saved: "Your choice is saved.",
  unsubscribed: "You are unsubscribed: you will receive no more emails.",
  resubscribed: "Welcome back: you are subscribed again.",
  resumed: "Deliveries to your webhook are resumed.",
} as const;
export type ManageNotice = keyof typeof MANAGE_NOTICES;

const UnsubscribeForm = ({ action }: { action: string }) => (
  <form method="post" action={action}>
    <input type="hidden" name="intent" value="unsubscribe" />
    <button type="submit" class="danger">
      Unsubscribe
    </button>
  </form>
);

export function renderManagePage(input: {
  pageName: string;
  token: string;
  subscription: ManagedSubscription;
  scope: ScopeChoice;
  notice: ManageNotice | null;
  error: string | null;
}): string {
  const { subscription } = input;
  const action = `/subscription/${encodeURIComponent(input.token)}`;
  return renderPage(
    <Layout title={`Your subscription · ${input.pageName}`} pageName={input.pageName} state={null} private>
      <h1>Your subscription</h1>
      {input.notice ? <Notice text={MANAGE_NOTICES[input.notice]} /> : null}
      {input.error ? <ErrorNotice text={input.error} /> : null}
      <p>
        {subscription.webhookUrl ? (
          <>
            Webhook <strong data-testid="subscription-webhook">{subscription.webhookUrl}</strong> (notices to {subscription.email})
          </>
        ) : (
          <strong>{subscription.email}</strong>
        )}{" "}
        — <span data-testid="subscription-status">{subscription.status}</span>
        {subscription.status === "confirmed" ? ` · receives updates about ${subscription.scope.label}` : null}
      </p>
      {subscription.status === "confirmed" ? (
        <>
          <form method="post" action={action}>
            <input type="hidden" name="intent" value="save" />
            <ScopeFieldset scope={input.scope} />
            <button type="submit">Save</button>
          </form>
          <UnsubscribeForm action={action} />
        </>
      ) : null}
      {subscription.status === "unsubscribed" ? (
        <form method="post" action={action}>
          <input type="hidden" name="intent" value="resubscribe" />
          <button type="submit">Subscribe again</button>
        </form>
      ) : null}
      {subscription.status === "paused" ? (
        <>
          <form method="post" action={action}>
            <p>Deliveries to this webhook kept failing, so we paused them. Updates posted while paused are not sent later.</p>
            <input type="hidden" name="intent" value="resume" />
            <button type="submit">Resume deliveries</button>
          </form>
          <UnsubscribeForm action={action} />
        </>
      ) : null}
      {subscription.status === "quarantined" ? <p>Emails to this address bounced, so we stopped sending. Subscribe again from the status page once it works.</p> : null}
      <BackLink />
    </Layout>,
  );
}
