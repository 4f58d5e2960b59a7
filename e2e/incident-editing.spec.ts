// Correcting the record in a real browser, signed in as the owner: an incident renamed, its impact
// and components changed and its start backdated; a maintenance window rescheduled and then
// cancelled — each seen on the public page. Browser times are UTC, so the datetime-local inputs
// read as the instants the page prints. Everything ends resolved or cancelled: other specs still
// see the seeded page.
import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./admin-session";

test.use({ storageState: OWNER_STATE, timezoneId: "UTC" });
test.describe.configure({ mode: "serial" });

/** "2026-12-06T01:23" for a datetime-local input, and the ISO instant the page prints for it. */
function minute(date: Date) {
  const local = date.toISOString().slice(0, 16);
  return { local, iso: `${local}:00.000Z` };
}

test("edit and backdate an incident; the public page follows", async ({ page }) => {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill("Player stutters");
  await page.getByLabel("Status of CMS").selectOption("degraded_performance");
  await page.getByLabel("Message (Markdown)").fill("Playback stutters for some listeners.");
  await page.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Player stutters" })).toBeVisible();
  const id = page.url().split("/").at(-1)!;

  const edit = page.getByRole("region", { name: "Edit incident" });
  await edit.getByText("Edit incident: name, impact, components, times").click();
  // A start in the future is refused next to the field, and nothing changes.
  await edit.getByLabel("Started").fill(minute(new Date(Date.now() + 2 * 3_600_000)).local);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.locator(".field-error")).toContainText("cannot be in the future");
  await expect(page.getByTestId("incident-status")).toContainText("minor impact");

  const started = minute(new Date(Date.now() - 2 * 3_600_000));
  await edit.getByLabel("Name").fill("Player stutters in Europe");
  await edit.locator('select[name="impact"]').selectOption("major");
  await edit.getByLabel("Impact on CMS").selectOption("partial_outage");
  await edit.getByLabel("Started").fill(started.local);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Incident saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Player stutters in Europe" })).toBeVisible();
  await expect(page.getByTestId("incident-status")).toContainText("major impact");
  await expect(page.getByTestId("incident-status")).toContainText(`started ${started.local.replace("T", " ")} UTC`);

  const visitor = await page.context().newPage();
  await visitor.goto(`/incidents/${id}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Player stutters in Europe");
  await expect(visitor.locator(`dd time[datetime="${started.iso}"]`)).toBeVisible();
  await visitor.goto("/");
  await expect(visitor.getByTestId("component").filter({ hasText: "CMS" })).toContainText("Partial outage");

  // Resolved, the page recovers; the audit log has the correction.
  const post = page.getByRole("region", { name: "Post an update" });
  await post.locator('select[name="status"]').selectOption("resolved");
  await post.getByLabel("Status of CMS").selectOption("operational");
  await post.getByLabel("Message (Markdown)").fill("Playback is smooth again.");
  await post.getByLabel("Notify subscribers").uncheck();
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");
  await expect(async () => {
    await visitor.reload();
    await expect(visitor.getByTestId("component").filter({ hasText: "CMS" })).toContainText("Operational", { timeout: 1_000 });
  }).toPass();
  await page.goto(`/admin/audit?objectType=incident`);
  await expect(page.getByTestId("audit-log")).toContainText("incident.edit");
  await visitor.close();
});

test("reschedule a maintenance window, then cancel it; the public page follows", async ({ page }) => {
  await page.goto("/admin/maintenance");
  const schedule = page.getByRole("region", { name: "Schedule maintenance" });
  await schedule.getByLabel("Name").fill("Storage migration");
  await schedule.getByLabel("Episode downloads").check();
  await schedule.getByLabel("Starts").fill("2030-02-01T02:00");
  await schedule.getByLabel("Ends").fill("2030-02-01T03:00");
  await schedule.getByLabel("What will happen (Markdown)").fill("Episodes move to new storage.");
  await schedule.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Storage migration" })).toBeVisible();
  const id = page.url().split("/").at(-1)!;

  const edit = page.getByRole("region", { name: "Edit maintenance" });
  await edit.getByLabel("Ends").fill("2030-02-01T01:00");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.locator(".field-error")).toContainText("the window must end after it starts");
  await edit.getByLabel("Starts").fill("2030-02-08T02:00");
  await edit.getByLabel("Ends").fill("2030-02-08T04:00");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Maintenance saved.")).toBeVisible();
  await expect(page.getByTestId("maintenance-status")).toContainText("2030-02-08 02:00 UTC → 2030-02-08 04:00 UTC");

  const visitor = await page.context().newPage();
  await visitor.goto("/");
  const card = visitor.getByTestId("maintenance").filter({ hasText: "Storage migration" });
  await expect(card.locator('time[datetime="2030-02-08T02:00:00.000Z"]')).toBeVisible();
  await expect(card.locator('time[datetime="2030-02-08T04:00:00.000Z"]')).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("region", { name: "Cancel maintenance" }).getByRole("button", { name: "Cancel maintenance" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText("cancelled");
  // The page drops its cached copy when the database announces the change (NOTIFY): reload until then.
  await expect(async () => {
    await visitor.reload();
    await expect(visitor.getByTestId("maintenance").filter({ hasText: "Storage migration" })).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await visitor.goto(`/incidents/${id}`);
  await expect(visitor.locator("dl")).toContainText("Cancelled");
  await expect(visitor.getByTestId("timeline")).toContainText("This maintenance has been cancelled.");
  await visitor.close();
});
