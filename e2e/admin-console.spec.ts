// The admin console in a real browser, signed in as the owner (the setup project's saved state), in
// order: an incident with notify on that the public page shows, edit and resolve, a monitor run now,
// maintenance, and a viewer who can read but not change anything. Everything it changes on the
// seeded page is put back (incidents resolved, maintenance in the future), so other specs still
// see the demo page as seeded.
import { expect, test } from "@playwright/test";
import { OWNER_STATE, SIGNED_OUT, signIn } from "./admin-session";
import { sql } from "./e2e-database";

test.use({ storageState: OWNER_STATE });
test.describe.configure({ mode: "serial" });

let viewerPassword = "";

test("an incident with notify on shows on the public page; edit, resolve, and the page recovers", async ({ page }) => {
  await page.goto("/admin");
  await page.getByRole("link", { name: "Incidents" }).click();
  await page.getByRole("link", { name: "Open an incident" }).click();
  // Field errors sit next to their fields, and nothing is created.
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByText("a name is required")).toBeVisible();
  await expect(page.getByText("write what is happening")).toBeVisible();

  await page.getByLabel("Name").fill("CMS sign-in failing");
  await page.getByLabel("Impact").selectOption("major");
  await page.getByLabel("Status of CMS").selectOption("major_outage");
  await page.getByLabel("Message (Markdown)").fill("Publishers **cannot sign in** to the CMS. We are investigating.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("markdown-preview").locator("strong")).toHaveText("cannot sign in");
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Notify subscribers")).toBeChecked();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CMS sign-in failing" })).toBeVisible();
  await expect(page.getByTestId("incident-status")).toContainText("investigating · major impact");
  const incidentUrl = page.url();

  const publicPage = await page.context().newPage();
  await publicPage.goto("/");
  await expect(publicPage.getByTestId("component").filter({ hasText: "CMS" })).toContainText("Major outage");

  // Correct the first update, then resolve.
  await page.getByText("Edit or delete").first().click();
  await page.getByLabel("Corrected message").fill("Publishers cannot sign in to the CMS. We are on it.");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.getByTestId("incident-update").first()).toContainText("We are on it.");

  await page.getByRole("region", { name: "Post an update" }).locator('select[name="status"]').selectOption("resolved");
  await page.getByLabel("Status of CMS").selectOption("operational");
  await page.getByRole("region", { name: "Post an update" }).getByLabel("Message (Markdown)").fill("Sign-in works again.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");
  await expect(page.getByTestId("incident-update")).toHaveCount(2);
  await page.getByLabel("Postmortem (Markdown)").fill("A certificate on the SSO provider expired.");
  await page.getByRole("button", { name: "Publish postmortem" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("postmortem");

  await publicPage.reload();
  await expect(publicPage.getByTestId("component").filter({ hasText: "CMS" })).toContainText("Operational");
  await page.goto("/admin/audit?objectType=incident");
  await expect(page.getByTestId("audit-log")).toContainText("incident.create");
  await expect(page.getByTestId("audit-log")).toContainText("incident.postmortem");
  expect(incidentUrl).toMatch(/\/admin\/incidents\/\w+$/);
});

test("after \"Update posted.\" the form starts afresh at the incident's new status: a second click posts nothing", async ({ page }) => {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill("Duplicate guard");
  await page.getByLabel("Message (Markdown)").fill("Checking the update form.");
  await page.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Duplicate guard" })).toBeVisible();
  const form = page.getByRole("region", { name: "Post an update" });
  const status = form.locator('select[name="status"]');
  const body = form.getByLabel("Message (Markdown)");
  await expect(status).toHaveValue("investigating");

  await status.selectOption("identified");
  await body.fill("Found it: a bad cache.");
  await form.getByLabel("Notify subscribers").uncheck();
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByText("Update posted.")).toBeVisible();
  await expect(page.getByTestId("incident-update")).toHaveCount(2);
  await expect(body).toHaveValue("");
  await expect(status).toHaveValue("identified"); // the incident's status now, not the one the page opened with
  await expect(form.getByLabel("Notify subscribers")).toBeChecked();

  await form.getByRole("button", { name: "Post update" }).click();
  await expect(form.getByText("write what is happening")).toBeVisible();
  await expect(page.getByTestId("incident-update")).toHaveCount(2);

  await status.selectOption("resolved");
  await body.fill("Fixed.");
  await form.getByLabel("Notify subscribers").uncheck();
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");
});

test("create a monitor with bad options (errors shown), fix it, and run it now", async ({ page, baseURL }) => {
  await page.goto("/admin/monitors/new");
  const field = (name: string) => page.locator(`[name="${name}"]`);
  await field("name").fill("Health, checked by hand");
  await field("kind").selectOption("http");
  await field("target").fill("ftp://nowhere");
  const option = (name: string) => page.locator(`[data-option="${name}"]`);
  // Options read as words with help, never as their keys.
  await expect(page.getByLabel("Accepted status codes")).toBeVisible();
  await expect(page.getByText("Comma-separated codes or ranges")).toBeVisible();
  await expect(page.getByText(/\b(expectedStatus|connectTimeoutMs|maxBodyBytes)\b/)).toHaveCount(0);
  await option("expectedStatus").fill("200, 99");
  await option("keyword").fill("ok");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page.getByText("must be an http:// or https:// URL")).toBeVisible();
  await expect(page.getByText("1: must be a status code such as 200 or a range such as 200-299")).toBeVisible();
  await expect(field("name")).toHaveValue("Health, checked by hand"); // what was typed survives the error

  await field("target").fill(`${baseURL}/api/health`);
  await option("expectedStatus").fill("200");
  await field("kind").selectOption("tcp"); // other kinds offer their own options…
  await expect(option("keyword")).toHaveCount(0);
  await field("kind").selectOption("http"); // …and what was typed for this one is still there
  await expect(option("keyword")).toHaveValue("ok");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Health, checked by hand" })).toBeVisible();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("run-result")).toContainText("UP · HTTP 200");
  await expect(page.getByTestId("run-counted")).toContainText("Counted as a check from region local");
  // Two good checks in a row confirm a new monitor (the default "Successes before up"): a second
  // run now (or the worker's first scheduled check, whichever comes first) makes it up, on this page.
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("run-counted")).toContainText("the monitor is up now");
  await expect(page.getByTestId("monitor-state")).toHaveText("up");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
});

test("groups and components move up and down, in the console and on the public page alike", async ({ page }) => {
  await page.goto("/admin/components");
  const groups = page.getByTestId("console-group").locator("h2");
  await expect(groups).toHaveText([/^Website/, /^Publishing/]);
  const publicOrder = async () => {
    const visitor = await page.context().newPage();
    await visitor.goto("/");
    const names = await visitor.getByTestId("group").locator("h3").allTextContents();
    const components = await visitor.getByTestId("group").filter({ hasText: "Publishing" }).getByTestId("component").locator(".component-name").first().textContent();
    await visitor.close();
    return { names, first: components };
  };

  await page.getByRole("button", { name: "Move Publishing up" }).click();
  await expect(groups).toHaveText([/^Publishing/, /^Website/]);
  await expect(page.getByRole("button", { name: "Move Publishing up" })).toHaveCount(0); // first now
  await page.getByRole("button", { name: "Move Episode downloads up" }).click();
  const publishing = page.getByRole("region", { name: "Publishing" }).getByTestId("console-component");
  await expect(publishing.locator("strong")).toHaveText(["Episode downloads", "CMS"]);
  await expect.poll(publicOrder).toEqual({ names: ["Publishing", "Website"], first: expect.stringContaining("Episode downloads") });

  // The choices elsewhere follow it too, group by group.
  await page.goto("/admin/monitors/new");
  await expect(page.locator('select[name="componentId"] option')).toHaveText(["None", "Publishing › Episode downloads", "Publishing › CMS", "Website › Status page", "Website › Health API"]);

  // Put the page back as seeded, for the specs that follow.
  await page.goto("/admin/components");
  await page.getByRole("button", { name: "Move CMS up" }).click();
  await expect(publishing.locator("strong")).toHaveText(["CMS", "Episode downloads"]);
  await page.getByRole("button", { name: "Move Website up" }).click();
  await expect(groups).toHaveText([/^Website/, /^Publishing/]);
  await page.goto("/admin/audit?objectType=component_group");
  await expect(page.getByTestId("audit-log")).toContainText("component_group.move");
});

test("schedule maintenance and move it along", async ({ page }) => {
  await page.goto("/admin/maintenance");
  const section = page.getByRole("region", { name: "Schedule maintenance" });
  await section.getByLabel("Name").fill("Database upgrade");
  await section.getByLabel("Episode downloads").check();
  await section.getByLabel("Starts").fill("2030-01-05T02:00");
  await section.getByLabel("Ends").fill("2030-01-05T01:00");
  await section.getByLabel("What will happen (Markdown)").fill("Downloads may pause for a minute.");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText("the window must end after it starts")).toBeVisible();
  await section.getByLabel("Ends").fill("2030-01-05T04:00");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Database upgrade" })).toBeVisible();
  await expect(page.getByTestId("maintenance-status")).toContainText("scheduled");
  await expect(page.getByTestId("maintenance-status")).toContainText("Episode downloads");
  await page.locator('select[name="status"]').selectOption("completed");
  await page.getByLabel("Message (Markdown)").fill("Called off: nothing to do after all.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText("completed");
});

test("the owner adds a viewer, who can read the console but change nothing", async ({ page, browser }) => {
  await page.goto("/admin");
  await page.getByRole("link", { name: "Admins" }).click();
  const add = page.getByRole("region", { name: "Add an admin" });
  await add.getByLabel("Email").fill("viewer@example.fm");
  await add.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Add admin" }).click();
  viewerPassword = (await page.getByTestId("secret").textContent()) ?? "";
  expect(viewerPassword.length).toBeGreaterThanOrEqual(20);

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const viewer = await context.newPage();
  await signIn(viewer, "viewer@example.fm", viewerPassword);
  await expect(viewer.getByTestId("whoami")).toContainText("(viewer)");
  await expect(viewer.getByRole("link", { name: "Admins" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Demo mails" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Incidents" }).click();
  await expect(viewer.getByRole("link", { name: "Open an incident" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "CMS sign-in failing" }).click();
  await expect(viewer.getByRole("button", { name: /Post update|Save correction|Publish postmortem|Replace postmortem/ })).toHaveCount(0);
  await viewer.goto("/admin/incidents/new");
  await expect(viewer).toHaveURL(/\/admin\?denied=1$/);
  await expect(viewer.getByText("Your role does not allow that page.")).toBeVisible();
  await viewer.goto("/admin/admins");
  await expect(viewer).toHaveURL(/\/admin\?denied=1$/);
  await viewer.goto("/admin/monitors");
  await expect(viewer.getByRole("link", { name: "New monitor" })).toHaveCount(0);
  await context.close();
});

test("mail: an incident with notify on reaches a confirmed subscriber; outbox counts, the demo mail, a retry; a viewer only reads", async ({ page, browser }) => {
  // A confirmed whole-page subscriber, written as the confirm flow leaves one (that flow has its own spec).
  const reader = `console-reader-${Date.now()}@example.com`;
  await sql(`INSERT INTO "Subscriber" (id, email, status, "allComponents", "confirmedAt", "updatedAt") VALUES ($1, $2, 'confirmed', true, now(), now())`, [`e2e-${Date.now()}`, reader]);

  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill("Feed mail check");
  await page.getByLabel("Message (Markdown)").fill("Checking that subscribers hear about this.");
  await expect(page.getByLabel("Notify subscribers")).toBeChecked();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Feed mail check" })).toBeVisible();
  const incidentUrl = page.url();

  // The outbox: one message for this update, sent by the worker to the demo sink.
  await page.goto("/admin/outbox");
  const row = page.getByTestId("outbox-update").filter({ hasText: "Feed mail check" });
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("sent")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row.getByTestId("pending")).toHaveText("0");
  await expect(row.getByTestId("failed")).toHaveText("0");

  // The demo sink caught it: subject, recipient, text part, and the HTML part inert in a sandbox.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.getByRole("link", { name: "Demo mails" }).click();
  await expect(page.getByText("SMTP_URL is not set")).toBeVisible();
  const mail = page.getByTestId("captured-mail").filter({ hasText: reader }).filter({ hasText: "Feed mail check" });
  await expect(mail).toHaveCount(1);
  await expect(mail.getByTestId("mail-text")).toContainText("Checking that subscribers hear about this.");
  await mail.getByText("HTML part", { exact: true }).click();
  const frame = mail.getByTestId("mail-html");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(frame.contentFrame().getByText("Checking that subscribers hear about this.")).toBeVisible();
  // The console's CSP still holds inside the frame (srcdoc inherits it): the mail's inline styles are
  // refused (its grey background does not apply), and nothing but styles was even attempted.
  await expect(frame.contentFrame().locator("body")).not.toHaveCSS("background-color", "rgb(246, 248, 250)");
  expect(violations.filter((v) => !/style-src/.test(v))).toEqual([]);

  // A delivery that failed for good (set in the database: the demo sink accepts everything) shows
  // on the dashboard and the outbox with its reason; retry sends it again through the real mailer.
  // Only this incident's message: the reader, subscribed to the whole page, may also get the
  // maintenance reminder spec's mails, which runs beside this one.
  await sql(
    `UPDATE "OutboxMessage" m SET status = 'failed', "lastError" = 'SMTP 550: mailbox unavailable'
       FROM "IncidentUpdate" u JOIN "Incident" i ON i.id = u."incidentId"
      WHERE m.recipient = $1 AND m."incidentUpdateId" = u.id AND i.name = 'Feed mail check'`,
    [reader],
  );
  await page.getByRole("link", { name: "Dashboard" }).click();
  const panel = page.getByRole("region", { name: "Failing outbox" });
  await expect(panel.getByTestId("failing-outbox-count")).toContainText("1 message failed.");
  await expect(panel).toContainText(`${reader}: SMTP 550: mailbox unavailable`);
  await panel.getByRole("link", { name: "Open the outbox" }).click();
  await expect(row.getByTestId("failed")).toHaveText("1");
  const failure = page.getByTestId("outbox-failure").filter({ hasText: reader });
  await expect(failure).toContainText("SMTP 550: mailbox unavailable");

  // A viewer sees the same pages but has nothing to press.
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const viewer = await context.newPage();
  await signIn(viewer, "viewer@example.fm", viewerPassword);
  await viewer.getByRole("link", { name: "Outbox", exact: true }).click();
  await expect(viewer.getByTestId("outbox-failure").filter({ hasText: reader })).toContainText("SMTP 550");
  await expect(viewer.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Subscribers" }).click();
  await expect(viewer.getByTestId("subscriber").filter({ hasText: reader })).toContainText("confirmed");
  await expect(viewer.getByRole("button", { name: /Remove|Release/ })).toHaveCount(0);
  // Captured mails hold live subscriber links: not for viewers.
  await viewer.goto("/admin/mails");
  await expect(viewer.getByText("Your role does not allow that page.")).toBeVisible();
  await context.close();

  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(failure).toHaveCount(0); // back in the queue: no longer listed as failed
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("sent")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row.getByTestId("failed")).toHaveText("0");
  await page.goto(`/admin/mails?to=${encodeURIComponent(reader)}`);
  await expect(page.getByTestId("captured-mail").filter({ hasText: "Feed mail check" })).toHaveCount(2);
  await page.goto("/admin");
  await expect(page.getByRole("region", { name: "Failing outbox" })).toContainText("No message has failed.");

  // Put the page back as seeded: the incident resolved, without another mail.
  await page.goto(incidentUrl);
  await page.getByRole("region", { name: "Post an update" }).locator('select[name="status"]').selectOption("resolved");
  await page.getByRole("region", { name: "Post an update" }).getByLabel("Message (Markdown)").fill("All good.");
  await page.getByRole("region", { name: "Post an update" }).getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");

  // Search finds the subscriber; an editor removes them.
  await page.goto("/admin/subscribers");
  await page.getByLabel("Email contains").fill("console-reader-");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("subscriber-total")).toHaveText("1 subscriber match.");
  page.on("dialog", (dialog) => void dialog.accept());
  // A click before the page has hydrated submits the bare form natively (a GET that removes nothing): press again.
  await expect(async () => {
    await page.getByTestId("subscriber").filter({ hasText: reader }).getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("subscriber").filter({ hasText: reader })).toHaveCount(0, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await page.goto(`/admin/subscribers?search=${encodeURIComponent(reader)}`);
  await expect(page.getByTestId("subscriber")).toHaveCount(0);
  await page.goto("/admin/subscribers?status=bogus");
  await expect(page.getByText("That filter is not valid")).toBeVisible();
});
