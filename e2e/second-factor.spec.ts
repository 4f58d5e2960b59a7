// Second factors end to end, signed out in a real Chromium: an editor (added by the owner) sets up
// an authenticator app and signs in with its codes — computed here with otpauth, as the app would
// — then with a recovery code, once; another registers a passkey on Chromium's virtual
// authenticator and signs in with it. Bad codes and an expired second step get clear errors.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { OWNER_STATE, SIGNED_OUT } from "./admin-session";

const totpAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });

/** The owner adds an editor in the console; returns the password shown once. */
async function addEditor(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext({ storageState: OWNER_STATE });
  const page = await context.newPage();
  await page.goto("/admin/admins");
  const add = page.getByRole("region", { name: "Add an admin" });
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Add admin" }).click();
  const password = (await page.getByTestId("secret").textContent()) ?? "";
  await context.close();
  return password;
}

async function enterPassword(page: Page, email: string, password: string, origin = "") {
  await page.goto(`${origin}/admin/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
}

test("an authenticator app: set up with a code, then sign-in asks for one; recovery codes work once", async ({ browser }) => {
  const email = `totp-${Date.now()}@example.fm`;
  const password = await addEditor(browser, email);
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await enterPassword(page, email, password);
  await expect(page.getByTestId("whoami")).toContainText(email);

  await page.getByRole("link", { name: "Account" }).click();
  const app = page.getByRole("region", { name: "Authenticator app" });
  await app.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await app.getByTestId("totp-secret").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(app.getByTestId("totp-uri")).toHaveAttribute("href", new RegExp(`^otpauth://totp/Vigil:.*secret=${secret}`));
  await app.getByLabel("Code from the app").fill("12");
  await app.getByRole("button", { name: "Turn on" }).click();
  await expect(app.getByText("enter the 6-digit code from your authenticator app")).toBeVisible();
  const enrolledAt = Date.now();
  await app.getByLabel("Code from the app").fill(totpAt(secret, enrolledAt));
  await app.getByRole("button", { name: "Turn on" }).click();
  await expect(app.getByTestId("totp-status")).toBeVisible();
  const codes = (await app.getByTestId("recovery-codes").locator("code").allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(10);

  // The password alone now leads to the second step, which opens nothing else.
  await signOut(page);
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/admin\/login\/second-factor$/);
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.goto("/admin/login/second-factor");
  await page.getByRole("textbox", { name: "Code from your authenticator app" }).fill("12ab56");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("enter the 6-digit code from your authenticator app")).toBeVisible();
  // The enrolment code's step is used up; the next step's code (a phone 30 s ahead is accepted) is not.
  await page.getByRole("textbox", { name: "Code from your authenticator app" }).fill(totpAt(secret, enrolledAt));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /already used|not right/ })).toBeVisible();
  await page.getByRole("textbox", { name: "Code from your authenticator app" }).fill(totpAt(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);

  // A recovery code, once.
  for (const expected of ["signed in", "refused"] as const) {
    await signOut(page);
    await enterPassword(page, email, password);
    await page.getByText("Use a recovery code").click();
    await page.getByRole("textbox", { name: "Recovery code" }).fill(codes[0]!.toUpperCase());
    await page.getByRole("button", { name: "Use recovery code" }).click();
    if (expected === "signed in") await expect(page.getByTestId("whoami")).toContainText(email);
    else await expect(page.getByText("That recovery code is not right, or was already used")).toBeVisible();
  }

  // A second step whose pending sign-in is gone answers clearly, not with an error page.
  await context.clearCookies();
  await page.getByRole("textbox", { name: "Code from your authenticator app" }).fill(totpAt(secret, Date.now()));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("This sign-in has expired; sign in again with your password.")).toBeVisible();
  await page.goto("/admin/login/second-factor");
  await expect(page.getByText("This sign-in has expired.")).toBeVisible();
  await context.close();
});

test("a passkey: registered on Chromium's virtual authenticator, then it signs in", async ({ browser, baseURL }) => {
  // Browsers refuse an IP address as a passkey's site: without PUBLIC_URL, passkeys work on localhost.
  const origin = baseURL!.replace("127.0.0.1", "localhost");
  const email = `passkey-${Date.now()}@example.fm`;
  const password = await addEditor(browser, email);
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await enterPassword(page, email, password, origin);
  await expect(page.getByTestId("whoami")).toContainText(email);
  await page.goto(`${origin}/admin/account`);
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await passkeys.getByLabel("Passkey name").fill("Test laptop");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByText("Passkey added.")).toBeVisible();
  await expect(passkeys.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await expect(passkeys.getByTestId("passkey")).toContainText(["Test laptop"]);

  await signOut(page);
  await enterPassword(page, email, password, origin);
  await expect(page).toHaveURL(/\/admin\/login\/second-factor$/);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);
  await page.goto(`${origin}/admin/account`);
  await expect(page.getByRole("region", { name: "Passkeys" }).getByTestId("passkey")).not.toContainText("never");
  await context.close();
});
