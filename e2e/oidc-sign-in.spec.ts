// Signing in through OpenID Connect in a real browser: the "Sign in with …" link, the provider's
// own login page (oidc-provider, started by e2e/serve.ts), and back into the console with the role
// the provider's groups map to; a refused identity lands on the sign-in page with the reason.
import { expect, test, type Page } from "@playwright/test";
import { OIDC_PROVIDER_NAME } from "./oidc-accounts";

async function signInAtProvider(page: Page, login: string) {
  await page.goto("/admin/login");
  await page.getByRole("link", { name: `Sign in with ${OIDC_PROVIDER_NAME}` }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("an admin signs in with the OIDC provider and lands in the console with the mapped role", async ({ page }) => {
  await signInAtProvider(page, "erin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText("erin@example.com (editor)")).toBeVisible();

  // Signed out, the next sign-in is one click: the provider remembers its own session.
  await page.context().clearCookies({ name: "vigil_session" });
  await page.goto("/admin/login");
  await page.getByRole("link", { name: `Sign in with ${OIDC_PROVIDER_NAME}` }).click();
  await expect(page.getByText("erin@example.com (editor)")).toBeVisible();
});

test("a viewer lands as a viewer; an email domain that is not allowed is refused with the reason", async ({ page }) => {
  await signInAtProvider(page, "victor");
  await expect(page.getByText("victor@example.com (viewer)")).toBeVisible();

  await page.context().clearCookies();
  await signInAtProvider(page, "outsider");
  await expect(page).toHaveURL(/\/admin\/login\?sso=wrong_domain$/);
  await expect(page.locator(".oidc-sign-in .form-error")).toHaveText("Your email domain may not sign in to this Vigil.");
});
