// A webhook subscription in a real browser against the real app: a visitor registers a local
// receiver on /subscribe, confirms from the email, an admin opens an incident in the console, and
// the worker POSTs it to the receiver in Statuspage's shape. Resolved and unsubscribed at the end,
// so no other spec sees this incident open or this subscriber.
import { expect, test } from "@playwright/test";
import { startAlertReceivers, type AlertReceivers } from "../test/alert-receivers";
import { IncidentWebhookPayload } from "../test/subscriber-webhook-schemas";
import { OWNER, signIn } from "./admin-session";
import { newestMailTo } from "./captured-mail";

let receivers: AlertReceivers;

test.beforeAll(async () => {
  receivers = await startAlertReceivers();
});
test.afterAll(() => receivers.close());

// Incidents only: a component's change (the maintenance reminder spec, beside this one, starts a
// window) comes to the same hook as a component_update.
const incidentsReceived = () =>
  receivers
    .bodies("/status-hook")
    .filter((body) => typeof body === "object" && body !== null && "incident" in body)
    .map((body) => IncidentWebhookPayload.parse(body));

test("register a webhook on /subscribe, confirm it, and receive the incident an admin posts", async ({ browser, page }) => {
  const address = `hook-${Date.now()}@example.com`;
  const visitor = await browser.newPage({ javaScriptEnabled: false });
  await visitor.goto("/subscribe");
  const form = visitor.getByRole("form", { name: "Subscribe a webhook" });
  await form.getByLabel("Webhook URL").fill(receivers.url("/status-hook"));
  await form.getByLabel("Email for the confirmation and failure notices").fill(address);
  await form.getByRole("button", { name: "Subscribe webhook" }).click();
  await expect(visitor.getByRole("status")).toContainText("a confirmation email is on its way");

  const confirmation = await newestMailTo(address, "Confirm your webhook subscription");
  expect(confirmation).toContain(receivers.url("/status-hook"));
  await visitor.goto(/(http:\/\/\S+\/subscribe\/confirm\?token=\S+)/.exec(confirmation)![1]!);
  await visitor.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(visitor.getByTestId("subscription-status")).toHaveText("confirmed");
  await expect(visitor.getByTestId("subscription-webhook")).toHaveText(receivers.url("/status-hook"));
  const manageUrl = visitor.url().replace(/\?.*$/, "");

  await signIn(page, OWNER.email, OWNER.password);
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill("Webhook delivery check");
  await page.getByLabel("Message (Markdown)").fill("Checking that webhook subscribers hear about this.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhook delivery check" })).toBeVisible();
  const incidentUrl = page.url();

  await expect.poll(() => incidentsReceived().map((payload) => payload.incident.name), { timeout: 30_000 }).toContain("Webhook delivery check");
  const [delivered] = incidentsReceived().filter((payload) => payload.incident.name === "Webhook delivery check");
  expect(delivered!.incident.status).toBe("investigating");
  expect(delivered!.incident.incident_updates[0]!.body).toBe("Checking that webhook subscribers hear about this.");
  expect(delivered!.meta.unsubscribe).toBe(manageUrl);

  // The console lists the webhook subscriber with its state.
  await page.goto(`/admin/subscribers?search=${encodeURIComponent(address)}`);
  const row = page.getByTestId("subscriber").filter({ hasText: address });
  await expect(row.getByTestId("subscriber-webhook")).toHaveText(`Webhook ${receivers.url("/status-hook")}`);
  await expect(row).toContainText("confirmed");

  // Leave nothing behind: resolve the incident, then unsubscribe.
  await page.goto(incidentUrl);
  await page.getByRole("region", { name: "Post an update" }).locator('select[name="status"]').selectOption("resolved");
  await page.getByRole("region", { name: "Post an update" }).getByLabel("Message (Markdown)").fill("All good.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");
  await expect.poll(() => incidentsReceived().map((payload) => payload.incident.status), { timeout: 30_000 }).toContain("resolved");
  await visitor.goto(manageUrl);
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByTestId("subscription-status")).toHaveText("unsubscribed");
});
