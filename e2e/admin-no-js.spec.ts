// Console forms clicked before hydration (slow network) or without JavaScript: they are POST forms,
// so the browser never submits a GET that would put their fields — the password — in the URL. A
// destructive console form asks in a confirm dialog first, and a "no" changes nothing.
import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./admin-session";

test("without JavaScript the sign-in form never puts the password in the URL", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests: { method: string; url: string }[] = [];
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("nobody@example.fm");
  await page.getByLabel("Password").fill("not-the-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(requests.some((r) => r.method === "POST" && new URL(r.url).pathname === "/admin/login")).toBe(true);
  expect(requests.every((r) => !r.url.includes("not-the-password-123") && !r.url.includes("password="))).toBe(true);
  await context.close();
});

test("deleting a template asks first; cancelled, the template stays", async ({ browser }) => {
  const context = await browser.newContext({ storageState: OWNER_STATE });
  const page = await context.newPage();
  await page.goto("/admin/templates");
  const add = page.getByRole("region", { name: "New template" });
  await add.getByLabel("Template name").fill("Scripted notice");
  await add.getByLabel("Incident title").fill("Posted with JavaScript");
  await add.getByLabel("Message (Markdown)").fill("Saved through the action.");
  await add.getByRole("button", { name: "Add template" }).click();
  const card = page.getByRole("region", { name: "Scripted notice" });
  await expect(card).toBeVisible();
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await card.getByRole("button", { name: "Delete" }).click();
  await expect.poll(() => questions).toEqual(["Delete the template Scripted notice?"]);
  await expect(card).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Delete" }).click();
  await expect(card).toHaveCount(0);
  await context.close();
});
