// Subscribing in a real browser against the running app (npm start's demo mode: the worker's
// in-process SMTP sink stores every mail as CapturedMail, read here from the app's database).
// JavaScript is off: the form, the confirmation and the manage page must work as plain HTML forms.
import { expect, test } from "@playwright/test";
import { newestMailTo } from "./captured-mail";

test.use({ javaScriptEnabled: false });

test("subscribe from /subscribe, confirm from the email, then unsubscribe", async ({ page, request }) => {
  const address = `reader-${Date.now()}@example.com`;
  await page.goto("/subscribe");
  // The email form; the webhook form beside it has its own component list.
  const form = page.getByRole("form", { name: "Subscribe to updates" });
  await form.getByLabel("Email address").fill(` ${address.toUpperCase()} `.trim());
  await form.getByRole("checkbox", { name: "CMS" }).check();
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText("a confirmation email is on its way");

  const confirmation = await newestMailTo(address, "Confirm your subscription");
  expect(confirmation).toContain("(CMS)");
  const confirmLink = /(http:\/\/\S+\/subscribe\/confirm\?token=\S+)/.exec(confirmation)![1]!;
  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toHaveText("Your subscription is confirmed.");
  await expect(page.getByTestId("subscription-status")).toHaveText("confirmed");
  await expect(page.getByText("receives updates about CMS")).toBeVisible();
  const manageUrl = page.url().replace(/\?.*$/, "");

  // The confirmation link works once.
  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("alert")).toContainText("invalid, already used or expired");

  // Unsubscribe from the manage page (the link every email carries).
  await page.goto(manageUrl);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toContainText("You are unsubscribed");
  await expect(page.getByTestId("subscription-status")).toHaveText("unsubscribed");

  // Subscribe again from the same page, then leave through the one-click endpoint (RFC 8058).
  await page.getByRole("button", { name: "Subscribe again" }).click();
  await expect(page.getByTestId("subscription-status")).toHaveText("confirmed");
  const token = decodeURIComponent(manageUrl.split("/subscription/")[1]!);
  const oneClick = await request.post(`/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(oneClick.status()).toBe(200);
  expect(oneClick.headers()["set-cookie"]).toBeUndefined();
  await page.goto(manageUrl);
  await expect(page.getByTestId("subscription-status")).toHaveText("unsubscribed");
});

test("a tampered manage link is a 404, and the JSON API validates input", async ({ page, request }) => {
  const response = await page.goto("/subscription/abc.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  const invalid = await request.post("/api/subscriptions", { data: { email: "not-an-address" } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.fieldErrors.email).toEqual(["email must be an address like name@example.com"]);
  const accepted = await request.post("/api/subscriptions", { data: { email: "api-reader@example.com" } });
  expect(accepted.status()).toBe(202);
});

test("subscribe from the home page's form, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const address = `home-${Date.now()}@example.com`;
  await page.goto("/");
  const form = page.getByRole("form", { name: "Subscribe to updates" });
  await form.getByLabel("Email address").fill(address);
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(/\/subscribe\?sent=1$/);
  await expect(page.getByRole("status")).toContainText("a confirmation email is on its way");
  // Whole page: the confirmation names no component.
  expect(await newestMailTo(address, "Confirm your subscription")).not.toContain("(CMS)");
  await context.close();
});
