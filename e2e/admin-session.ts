// The console's owner as the e2e specs know it: created once by the setup project
// (e2e/owner.setup.ts), whose signed-in browser state the console specs reuse (`test.use({ storageState: OWNER_STATE })`).
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const OWNER = { email: "owner@example.fm", password: "tangerine kettle orbit 57" };

/** The owner's saved session (cookies); beside the e2e database, which serve.ts wipes on start. */
export const OWNER_STATE = path.resolve(".test-data/e2e/owner-state.json");

/** A browser state with no session, for a second context that signs in as someone else. */
export const SIGNED_OUT = { cookies: [], origins: [] };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);
}

/** Runs every monitor now from the console (the seeded ones probe Vigil itself) until each says "up", rather than waiting for their schedule. */
export async function runEveryMonitorNow(page: Page) {
  await page.goto("/admin/monitors");
  for (const monitor of await page.locator("tbody a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))) {
    await page.goto(monitor);
    await expect(async () => {
      await page.getByRole("button", { name: "Run now" }).click();
      await expect(page.getByTestId("monitor-state")).toHaveText("up", { timeout: 2_000 });
    }).toPass();
  }
}
