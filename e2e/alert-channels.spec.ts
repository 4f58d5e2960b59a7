// Alert channels in the console, in a real browser against the real app: the owner adds a signed
// webhook channel pointing at a local receiver, sends a test alert, and the receiver gets it —
// signed with the secret, in the documented shape — while the page never shows the secret again.
// Then a rule: which events go to that channel, edited and removed again.
import { expect, test } from "@playwright/test";
import { startAlertReceivers, type AlertReceivers } from "../test/alert-receivers";
import { VigilWebhook } from "../test/alert-vendor-schemas";
import { verifyWebhook } from "../lib/alerts/webhook-signature";
import { OWNER, signIn } from "./admin-session";

const SECRET = "e2e-signing-secret-0123456789";
let receivers: AlertReceivers;

test.beforeAll(async () => {
  receivers = await startAlertReceivers();
});
test.afterAll(() => receivers.close());

test("an owner adds a webhook channel, sends a test alert and it arrives signed", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alert channels" })).toBeVisible();

  const form = page.getByRole("region", { name: "New alert channel" });
  // A private address nobody allowed is refused next to the form, and nothing is added.
  await form.getByLabel("Name").fill("e2e-hook");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel(/^URL/).fill("http://10.0.0.7/hook");
  await form.getByLabel(/^Signing secret/).fill(SECRET);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByRole("alert")).toContainText("10.0.0.7 (private network)");
  await expect(page.getByTestId("channel-e2e-hook")).toHaveCount(0);

  await form.getByLabel(/^URL/).fill(receivers.url("/hook"));
  await form.getByLabel(/^Signing secret/).fill(SECRET);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByRole("status")).toContainText("Channel e2e-hook added.");
  const row = page.getByTestId("channel-e2e-hook");
  await expect(row).toContainText("webhook");
  await expect(page.locator("body")).not.toContainText(SECRET);

  await row.getByRole("button", { name: "Send test alert" }).click();
  await expect(row.getByRole("status")).toContainText("Test alert sent: the receiver accepted the test alert (HTTP 200)");
  // Only the test alert counts here: a loaded machine may also see the web process's own "no worker" alert.
  const tests = () => receivers.received.filter((request) => (JSON.parse(request.body) as { type: string }).type === "test");
  expect(tests()).toHaveLength(1);
  const [request] = tests();
  expect(verifyWebhook(request!.body, request!.headers["x-vigil-signature"] as string, SECRET, new Date())).toBe(true);
  expect(VigilWebhook.parse(JSON.parse(request!.body))).toMatchObject({ type: "test", test: true, channel: "e2e-hook" });

  // A receiver that refuses: the button says so instead of pretending.
  receivers.answer("/hook", { status: 410, body: "gone" });
  await row.getByRole("button", { name: "Send test alert" }).click();
  await expect(row.getByRole("alert")).toContainText("Not delivered: the receiver refused it: HTTP 410: gone");
});

test("an owner adds a rule sending some events to a channel, edits it and removes it", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto("/admin/alerts");
  const rules = page.getByRole("region", { name: "Alert rules" });
  await expect(rules).toContainText("No rules: every event goes to every channel.");

  const form = rules.getByRole("region", { name: "New alert rule" });
  // No channel chosen: refused next to the field, nothing added.
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByRole("group", { name: "Channels" })).toContainText("choose at least one channel");

  await form.getByRole("group", { name: "Channels" }).getByLabel("e2e-hook").check();
  await form.getByRole("group", { name: /^Events/ }).getByLabel("monitor.down").check();
  await form.getByRole("group", { name: /^Events/ }).getByLabel("worker.missing").check();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByRole("status")).toContainText("Rule added.");
  const row = rules.getByTestId("rule-1");
  await expect(row).toContainText("e2e-hook");
  await expect(row).toContainText("monitor.down, worker.missing");
  await expect(row).toContainText("everything");

  await row.getByText("Edit").click();
  await row.getByRole("group", { name: /^Events/ }).getByLabel("monitor.down").uncheck();
  await row.getByRole("button", { name: "Save rule" }).click();
  await expect(row.getByRole("status")).toContainText("Rule saved.");
  await expect(rules.getByTestId("rule-1")).toContainText(/^e2e-hook\s*worker\.missing/);

  page.once("dialog", (dialog) => void dialog.accept());
  await rules.getByTestId("rule-1").getByRole("button", { name: "Remove" }).click();
  await expect(rules).toContainText("No rules: every event goes to every channel.");
});
