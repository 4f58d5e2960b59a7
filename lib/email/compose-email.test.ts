import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translator";
import { componentList, composeAdminAlertEmail, composeConfirmationEmail, composeIncidentUpdateEmail, composeWebhookPausedEmail } from "./compose-email";

const base = {
  pageName: "Vigil demo",
  language: "en" as const,
  incident: { name: "Feeds are late", kind: "incident" as const, url: "https://status.example.fm/incidents/i1" },
  update: { status: "identified" as const, body: "The **CDN** is slow.\n\n<img src=x onerror=alert(1)> [docs](javascript:alert(1))", at: new Date("2026-12-01T10:05:00Z") },
  components: [{ name: "Feeds", status: "partial_outage" as const }],
  manageUrl: "https://status.example.fm/subscription/s.0.mac",
  unsubscribeUrl: "https://status.example.fm/api/subscriptions/unsubscribe?token=s.0.mac",
  listId: "Vigil demo <updates.status.example.fm>",
  threadId: "<incident-i1-s1@status.example.fm>",
};

describe("incident update email", () => {
  it("has a subject with status, incident and components", () => {
    expect(composeIncidentUpdateEmail(base).subject).toBe("[Vigil demo] Identified: Feeds are late (Feeds)");
    expect(composeIncidentUpdateEmail({ ...base, incident: { ...base.incident, kind: "maintenance" }, update: { ...base.update, status: "in_progress" }, components: [] }).subject).toBe(
      "[Vigil demo] In progress: Maintenance: Feeds are late",
    );
  });

  it("keeps a subject on one line whatever the names contain", () => {
    expect(composeIncidentUpdateEmail({ ...base, incident: { ...base.incident, name: "Bad\r\nBcc: x@evil.example" } }).subject).toBe("[Vigil demo] Identified: Bad Bcc: x@evil.example (Feeds)");
  });

  it("reads well as plain text and renders sanitised Markdown in HTML", () => {
    const email = composeIncidentUpdateEmail(base);
    expect(email.text).toContain("The CDN is slow.");
    expect(email.text).not.toContain("**");
    expect(email.text).toContain("Identified — 2026-12-01 10:05 UTC");
    expect(email.text).toContain("- Feeds: Partial outage");
    expect(email.text).toContain("Follow this incident: https://status.example.fm/incidents/i1");
    expect(email.text).toContain("Unsubscribe: https://status.example.fm/subscription/s.0.mac");
    expect(email.html).toContain("<strong>CDN</strong>");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain('href="javascript:');
    expect(email.html).toContain('<a href="https://status.example.fm/incidents/i1">Follow this incident</a>');
  });

  it("is a machine-sent list mail with RFC 8058 one-click unsubscribe, threaded under its incident", () => {
    expect(composeIncidentUpdateEmail(base).headers).toEqual({
      "List-Id": "Vigil demo <updates.status.example.fm>",
      "List-Unsubscribe": "<https://status.example.fm/api/subscriptions/unsubscribe?token=s.0.mac>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
      "In-Reply-To": "<incident-i1-s1@status.example.fm>",
      References: "<incident-i1-s1@status.example.fm>",
    });
  });

  it("never says 'status status' when the page's name ends in 'status'", () => {
    const email = composeIncidentUpdateEmail({ ...base, pageName: "Megaphone status" });
    expect(email.text).toContain("You receive this because you subscribed to Megaphone status updates.");
    expect(email.html).not.toMatch(/status status/i);
    expect(composeConfirmationEmail({ pageName: "Megaphone status", language: "en", confirmUrl: "https://s.example/c", scope: "all" }).text).not.toMatch(/status status/i);
  });
});

describe("other emails", () => {
  it("confirmation: the link, the scope, and what happens if ignored", () => {
    const email = composeConfirmationEmail({ pageName: "Vigil demo", language: "en", confirmUrl: "https://s.example/subscribe/confirm?token=t", scope: "CMS" });
    expect(email.subject).toBe("[Vigil demo] Confirm your subscription");
    expect(email.text).toContain("Confirm your subscription: https://s.example/subscribe/confirm?token=t");
    expect(email.text).toContain("(CMS)");
    expect(email.html).toContain('href="https://s.example/subscribe/confirm?token=t"');
  });

  it("webhook confirmation names the endpoint; the paused notice says why and links the manage page, escaped in HTML", () => {
    const confirmation = composeConfirmationEmail({ pageName: "P", language: "en", confirmUrl: "https://s.example/c", scope: "CMS", webhookUrl: "https://hooks.example/<x>" });
    expect(confirmation.subject).toBe("[P] Confirm your webhook subscription");
    expect(confirmation.text).toContain("as webhooks POSTed to https://hooks.example/<x>, with this address for notices about failing deliveries");
    expect(confirmation.html).toContain("https://hooks.example/&lt;x&gt;");
    const paused = composeWebhookPausedEmail({ pageName: "P", language: "en", webhookUrl: "https://hooks.example/h", failures: 5, lastError: "HTTP <500>", manageUrl: "https://s.example/subscription/t" });
    expect(paused.subject).toBe("[P] Webhook deliveries paused");
    expect(paused.text).toContain("The last 5 deliveries of P status updates to your webhook https://hooks.example/h failed (the last one: HTTP <500>)");
    expect(paused.text).toContain("resume deliveries: https://s.example/subscription/t");
    expect(paused.html).toContain("HTTP &lt;500&gt;");
  });

  it("admin alerts escape their message in HTML", () => {
    const email = composeAdminAlertEmail({ pageName: "P", title: "Certificate alert", message: "<b>cms</b> expires", url: "https://s.example/admin" });
    expect(email.html).toContain("&lt;b&gt;cms&lt;/b&gt; expires");
    expect(email.text).toContain("<b>cms</b> expires");
  });

  it("component lists stay short", () => {
    expect(componentList(["A", "B", "C"], translator("en"))).toBe("A, B, C");
    expect(componentList(["A", "B", "C", "D", "E"], translator("en"))).toBe("A, B, C +2 more");
    expect(componentList(["A", "B", "C", "D", "E"], translator("es"))).toBe("A, B, C y 2 más");
  });
});

describe("emails in the subscriber's language", () => {
  it("an update in German: status words, dates in German order, the footer; admins' names and texts as written", () => {
    const email = composeIncidentUpdateEmail({ ...base, language: "de" });
    expect(email.subject).toBe("[Vigil demo] Ursache gefunden: Feeds are late (Feeds)");
    expect(email.text).toContain("Ursache gefunden — 01.12.2026, 10:05 UTC");
    expect(email.text).toContain("The CDN is slow.");
    expect(email.text).toContain("Betroffene Komponenten:\n- Feeds: Teilausfall");
    expect(email.text).toContain("Sie erhalten diese E-Mail, weil Sie die Statusmeldungen von Vigil demo abonniert haben.");
    expect(email.html).toContain('<html lang="de">');
    expect(email.html).toContain('<a href="https://status.example.fm/incidents/i1">Diese Störung verfolgen</a>');
  });

  it("a maintenance reminder in Spanish names its lead time and window in Spanish", () => {
    const reminder = { minutesBefore: 60, scheduledFor: new Date("2026-12-02T22:00:00Z"), scheduledUntil: new Date("2026-12-02T23:30:00Z") };
    const email = composeIncidentUpdateEmail({ ...base, language: "es", incident: { ...base.incident, kind: "maintenance" }, update: { ...base.update, status: "scheduled" }, reminder });
    expect(email.subject).toBe("[Vigil demo] Recordatorio: empieza en 1 hora: Mantenimiento: Feeds are late (Feeds)");
    expect(email.text).toContain("2 dic 2026, 22:00 UTC a 2 dic 2026, 23:30 UTC");
  });

  it("a confirmation in German", () => {
    const email = composeConfirmationEmail({ pageName: "Acme", language: "de", confirmUrl: "https://s.example/c", scope: "alle Komponenten" });
    expect(email.subject).toBe("[Acme] Bestätigen Sie Ihr Abonnement");
    expect(email.text).toContain("Jemand – hoffentlich Sie – möchte die Statusmeldungen von Acme (alle Komponenten) an diese Adresse erhalten.");
    expect(email.text).toContain("Abonnement bestätigen: https://s.example/c");
  });
});
