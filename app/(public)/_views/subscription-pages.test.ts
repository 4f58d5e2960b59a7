import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translator";
import type { ManagedSubscription } from "@/lib/subscriptions/manage-subscription";
import { fixtureSnapshot } from "@/test/fixtures/status-snapshot";
import { visibleComponentGroups } from "@/lib/public-read/public-page";
import { renderConfirmPage, renderManagePage, renderSubscribePage } from "./subscription-pages";

const groups = visibleComponentGroups(fixtureSnapshot());
const subscription = (status: ManagedSubscription["status"], webhookUrl = ""): ManagedSubscription => ({
  email: "reader@example.com",
  webhookUrl,
  status,
  scope: { allComponents: false, componentIds: ["cmp-api"], groupIds: [], label: "API" },
});
const manage = (status: ManagedSubscription["status"], notice: "saved" | null = null, webhookUrl = "") =>
  renderManagePage({ pageName: "Acme", token: "tok.1", subscription: subscription(status, webhookUrl), scope: { groups, componentIds: ["cmp-api"], groupIds: [] }, notice, error: null }, translator("en"));

describe("subscription pages (one layout, plain form posts)", () => {
  it("/subscribe: the email and the webhook forms, each with the component list, posting to /api/subscriptions", () => {
    const html = renderSubscribePage({ pageName: "Acme", scope: { groups, componentIds: [], groupIds: [] }, sent: false, error: null }, translator("en"));
    expect(html.match(/<form /g)).toHaveLength(2);
    expect(html).toContain('<form method="post" action="/api/subscriptions" class="subscribe-form" aria-label="Subscribe to updates">');
    expect(html).toContain('<form method="post" action="/api/subscriptions" class="subscribe-form" aria-label="Subscribe a webhook">');
    expect(html).toContain('name="webhookUrl"');
    expect(html).toContain('<h2 id="webhooks">');
    expect(html.match(/value="component:cmp-api"/g)).toHaveLength(2);
    expect(html).toContain('value="component:cmp-api"');
    expect(html).not.toMatch(/<input[^>]* checked/);
    expect(html).toContain("<title>Subscribe · Acme</title>");
    expect(html).not.toContain('name="referrer"');
  });

  it("/subscribe links the whole page's feeds and each component's own", () => {
    const html = renderSubscribePage({ pageName: "Acme", scope: { groups, componentIds: [], groupIds: [] }, sent: false, error: null }, translator("en"));
    expect(html).toContain('<h2 id="feeds">');
    expect(html).toContain('<a href="/history.atom">Atom</a> · <a href="/history.rss">RSS</a>');
    expect(html.match(/history\.atom\?component=/g)).toHaveLength(groups.flatMap(({ components }) => components).length);
    for (const { components } of groups) {
      for (const component of components) {
        const query = `?component=${encodeURIComponent(component.id)}`;
        expect(html).toContain(`<li>${component.name}: <a href="/history.atom${query}">Atom</a> · <a href="/history.rss${query}">RSS</a></li>`);
      }
    }
  });

  it("a query's error text is shown as text, cut to 300 characters", () => {
    const html = renderSubscribePage({ pageName: "Acme", scope: { groups, componentIds: [], groupIds: [] }, sent: false, error: `<b>${"x".repeat(400)}` }, translator("en"));
    expect(html).toContain(`role="alert">&lt;b>${"x".repeat(297)}</p>`);
  });

  it("the confirmation page asks for a click, and keeps its token out of Referer headers and indexes", () => {
    const html = renderConfirmPage({ pageName: "Acme", token: 'a"b', error: null }, translator("en"));
    expect(html).toContain('<form method="post" action="/subscribe/confirm"><input type="hidden" name="token" value="a&quot;b"/>');
    expect(html).toContain('<meta name="referrer" content="same-origin"/>');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it("manage page: a confirmed subscriber edits the scope (ticked as saved) or unsubscribes", () => {
    const html = manage("confirmed", "saved");
    expect(html).toContain('role="status">Your choice is saved.</p>');
    expect(html).toContain('<span data-testid="subscription-status">confirmed</span> · receives updates about API');
    expect(html).toContain('value="component:cmp-api" checked');
    expect(html.match(/<form method="post" action="\/subscription\/tok.1">/g)).toHaveLength(2);
    expect(html).toContain('<input type="hidden" name="intent" value="save"/>');
    expect(html).toContain('<input type="hidden" name="intent" value="unsubscribe"/>');
    expect(html).not.toContain('value="resubscribe"');
  });

  it("manage page: an unsubscribed address can subscribe again; a quarantined one is told why it gets nothing", () => {
    const unsubscribed = manage("unsubscribed");
    expect(unsubscribed).toContain('<input type="hidden" name="intent" value="resubscribe"/><button type="submit">Subscribe again</button>');
    expect(unsubscribed).not.toContain('value="save"');
    const quarantined = manage("quarantined");
    expect(quarantined).toContain("Emails to this address bounced");
    expect(quarantined).not.toContain("<form");
  });

  it("manage page: a paused webhook names its endpoint and offers to resume deliveries or unsubscribe", () => {
    const html = manage("paused", null, "https://hooks.example.com/status");
    expect(html).toContain('Webhook <strong data-testid="subscription-webhook">https://hooks.example.com/status</strong> (notices to reader@example.com)');
    expect(html).toContain('<span data-testid="subscription-status">paused</span>');
    expect(html).toContain('<input type="hidden" name="intent" value="resume"/><button type="submit">Resume deliveries</button>');
    expect(html).toContain('<input type="hidden" name="intent" value="unsubscribe"/>');
    expect(html).not.toContain('value="save"');
  });
});
