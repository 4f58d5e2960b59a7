/** @jsxImportSource preact */
// The subscription pages: /subscribe (the form with its component list), the confirmation page
// linked from the first email, and the manage page linked from every email. Each form is a plain
// POST answered by a redirect back to a page that says what happened (POST → 303 → GET).
// Confirmation asks for a click instead of confirming on GET: mail scanners open links, people press buttons.
import type { Translator } from "@/lib/i18n/translator";
import type { ManagedSubscription } from "@/lib/subscriptions/manage-subscription";
import { ComponentFeeds } from "./component-feeds";
import { useT } from "./i18n";
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
    <a href="/">{useT().t("common.backToStatus")}</a>
  </p>
);

export function renderSubscribePage(input: { pageName: string; scope: ScopeChoice; sent: boolean; error: string | null }, translator: Translator): string {
  const { t } = translator;
  return renderPage(
    <Layout title={t("subscribe.title", { page: input.pageName })} pageName={input.pageName} state={null}>
      <h1>{t("subscribe.heading")}</h1>
      {input.sent ? <Notice text={t("subscribe.sent")} /> : null}
      {input.error ? <ErrorNotice text={input.error} /> : null}
      <SubscribeForm scope={input.scope} />
      <h2 id="webhooks">{t("subscribe.webhookHeading")}</h2>
      <WebhookSubscribeForm scope={input.scope} />
      <WebhookPayloadHelp />
      <ComponentFeeds groups={input.scope.groups} />
      <BackLink />
    </Layout>,
    translator,
  );
}

export function renderConfirmPage(input: { pageName: string; token: string | null; error: string | null }, translator: Translator): string {
  const { t } = translator;
  return renderPage(
    <Layout title={t("confirm.title", { page: input.pageName })} pageName={input.pageName} state={null} private>
      <h1>{t("confirm.heading")}</h1>
      {input.error ? (
        <ErrorNotice text={input.error} />
      ) : input.token ? (
        <form method="post" action="/subscribe/confirm">
          <input type="hidden" name="token" value={input.token} />
          <p>{t("confirm.oneClick")}</p>
          <button type="submit">{t("confirm.submit")}</button>
        </form>
      ) : (
        <ErrorNotice text={t("confirm.incomplete")} />
      )}
    </Layout>,
    translator,
  );
}

/** What the manage page can say after a form post brought the visitor back (?<notice>=1). */
export const MANAGE_NOTICES = ["confirmed", "saved", "unsubscribed", "resubscribed", "resumed"] as const;
export type ManageNotice = (typeof MANAGE_NOTICES)[number];

const UnsubscribeForm = ({ action }: { action: string }) => (
  <form method="post" action={action}>
    <input type="hidden" name="intent" value="unsubscribe" />
    <button type="submit" class="danger">
      {useT().t("manage.unsubscribe")}
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
}, translator: Translator): string {
  const { subscription } = input;
  const { t, rich } = translator;
  const action = `/subscription/${encodeURIComponent(input.token)}`;
  return renderPage(
    <Layout title={t("manage.title", { page: input.pageName })} pageName={input.pageName} state={null} private>
      <h1>{t("manage.heading")}</h1>
      {input.notice ? <Notice text={t(`manage.notice.${input.notice}`)} /> : null}
      {input.error ? <ErrorNotice text={input.error} /> : null}
      <p>
        {subscription.webhookUrl ? (
          rich("manage.webhook", { url: <strong data-testid="subscription-webhook">{subscription.webhookUrl}</strong>, email: subscription.email })
        ) : (
          <strong>{subscription.email}</strong>
        )}{" "}
        — <span data-testid="subscription-status">{subscription.status}</span>
        {subscription.status === "confirmed" ? t("manage.receives", { scope: subscription.scope.label }) : null}
      </p>
      {subscription.status === "confirmed" ? (
        <>
          <form method="post" action={action}>
            <input type="hidden" name="intent" value="save" />
            <ScopeFieldset scope={input.scope} />
            <button type="submit">{t("manage.save")}</button>
          </form>
          <UnsubscribeForm action={action} />
        </>
      ) : null}
      {subscription.status === "unsubscribed" ? (
        <form method="post" action={action}>
          <input type="hidden" name="intent" value="resubscribe" />
          <button type="submit">{t("manage.resubscribe")}</button>
        </form>
      ) : null}
      {subscription.status === "paused" ? (
        <>
          <form method="post" action={action}>
            <p>{t("manage.pausedBody")}</p>
            <input type="hidden" name="intent" value="resume" />
            <button type="submit">{t("manage.resume")}</button>
          </form>
          <UnsubscribeForm action={action} />
        </>
      ) : null}
      {subscription.status === "quarantined" ? <p>{t("manage.quarantinedBody")}</p> : null}
      <BackLink />
    </Layout>,
    translator,
  );
}
