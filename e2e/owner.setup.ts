// The setup project: the first-run setup from the launcher's one-time link creates the owner, who
// is then signed in; that browser state is saved for the console specs (e2e/admin-session.ts).
import { readFile } from "node:fs/promises";
import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./admin-session";
import { SETUP_LINK_FILE } from "./setup-link";

setup("first-run setup: the launcher's one-time link creates the owner, and works only once", async ({ page }) => {
  const link = (await readFile(SETUP_LINK_FILE, "utf8")).trim();
  expect(link).toMatch(/\/admin\/setup\?token=[\w-]{40,}$/);
  // Unauthenticated console pages send the visitor to sign in.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);

  await page.goto(link);
  await page.getByLabel("Your email").fill(OWNER.email);
  await page.getByLabel(/^Password/).fill("password123456");
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByText("is too common")).toBeVisible();
  await page.getByLabel(/^Password/).fill(OWNER.password);
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("whoami")).toHaveText(`${OWNER.email} (owner)`);
  await expect(page.getByRole("region", { name: "Workers" })).toContainText("local: 1 worker");
  await page.context().storageState({ path: OWNER_STATE });

  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText("This setup link is invalid or has expired")).toBeVisible();
});
