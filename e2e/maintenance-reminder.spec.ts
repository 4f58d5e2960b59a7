// The reminder before a maintenance window, at its time, against the running app's own clock: the
// e2e server reminds one minute ahead (MAINTENANCE_REMINDERS=1m in playwright.config.ts), so the
// owner schedules a window starting a little over a minute from now (the form takes whole minutes)
// and the subscriber's mails arrive in order — the announcement, one reminder once the minute
// before the start has come, then the start notice. The worker's incident moment clock wakes at the
// reminder's moment (jobs/incident-moment-clock.ts): the spec waits under a minute for it, not for a
// minute tick. The crew then starts early and completes the window by hand, so the spec need not
// wait for the start time (the clock's own start is tested in lib/maintenance/).
// It runs beside the other specs (its own project): its window is on "Status page", whose current
// status no other spec reads, and is in progress only between two posts; its subjects are compared
// without the page's name, which the page settings spec changes for a while.
import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./admin-session";
import { mailsTo, newestMailTo, type CapturedMail } from "./captured-mail";

test.use({ storageState: OWNER_STATE, timezoneId: "UTC" });

const LEAD_MS = 60_000;
/** The announcement must reach the server before the reminder's moment: room for filling in and posting. */
const ROOM_TO_SCHEDULE_MS = 6_000;

const utcMinute = (date: Date) => date.toISOString().slice(0, 16);

test("a subscriber gets one reminder a minute before the window starts, then the start notice", async ({ page }) => {
  test.setTimeout(150_000);
  const address = `reminded-${Date.now()}@example.com`;
  await page.goto("/subscribe");
  const form = page.getByRole("form", { name: "Subscribe to updates" });
  await form.getByLabel("Email address").fill(address);
  await form.getByRole("checkbox", { name: "Status page" }).check();
  await form.getByRole("button", { name: "Subscribe" }).click();
  const confirmation = await newestMailTo(address, "Confirm your subscription");
  await page.goto(/(http:\/\/\S+\/subscribe\/confirm\?token=\S+)/.exec(confirmation)![1]!);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status")).toHaveText("Your subscription is confirmed.");

  const name = `Load balancer swap ${Date.now()}`;
  await page.goto("/admin/maintenance");
  const schedule = page.getByRole("region", { name: "Schedule maintenance" });
  await schedule.getByLabel("Name").fill(name);
  await schedule.getByLabel("Status page").check();
  await schedule.getByLabel("What will happen (Markdown)").fill("The load balancer is replaced.");
  // The form takes whole minutes: the first whole minute that leaves room before the reminder's moment.
  const start = new Date(Math.ceil((Date.now() + LEAD_MS + ROOM_TO_SCHEDULE_MS) / 60_000) * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const remindAt = new Date(start.getTime() - LEAD_MS);
  await schedule.getByLabel("Starts").fill(utcMinute(start));
  await schedule.getByLabel("Ends").fill(utcMinute(end));
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(Date.now(), "the window was announced before its reminder's moment").toBeLessThan(remindAt.getTime());

  const subject = (status: string) => `${status}: Maintenance: ${name} (Status page)`;
  /** This window's mails, their subjects without the "[page name] " they start with. */
  const ofWindow = async () =>
    (await mailsTo(address)).filter((mail) => mail.subject.includes(name)).map((mail) => ({ ...mail, subject: mail.subject.replace(/^\[[^\]]*\] /, "") }));
  const poll = (until: (mails: CapturedMail[]) => boolean, timeout: number) =>
    expect.poll(async () => until(await ofWindow()), { timeout, intervals: [500] }).toBe(true);

  await poll((mails) => mails.length >= 1, 20_000);
  // Before the reminder's moment only the announcement has come.
  const early = await ofWindow();
  if (Date.now() < remindAt.getTime()) expect(early.map((mail) => mail.subject)).toEqual([subject("Scheduled")]);

  await poll((mails) => mails.length >= 2, remindAt.getTime() - Date.now() + 30_000);
  const [, reminder] = (await ofWindow()) as [CapturedMail, CapturedMail];
  expect(reminder.subject).toBe(subject("Reminder: starts in 1 minute"));
  expect(reminder.text).toContain(`${utcMinute(start).replace("T", " ")} UTC to ${utcMinute(end).replace("T", " ")} UTC`);
  expect(reminder.text).toContain("The load balancer is replaced.");
  // At its moment (the worker's wall clock stamped it), not before.
  expect(reminder.receivedAt.getTime()).toBeGreaterThanOrEqual(remindAt.getTime());

  // The crew starts early and is done at once: the start notice follows the reminder, no second
  // reminder comes, and the completion (posted quietly) sends nothing.
  await page.reload();
  const post = page.getByRole("region", { name: "Update maintenance" });
  await post.locator('select[name="status"]').selectOption("in_progress");
  await post.getByLabel("Message (Markdown)").fill("We are starting now.");
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText(/in progress/i);
  await post.locator('select[name="status"]').selectOption("completed");
  await post.getByLabel("Message (Markdown)").fill("Done.");
  await post.getByLabel("Notify subscribers").uncheck();
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText(/completed/i);
  await poll((mails) => mails.length >= 3, 20_000);
  expect((await ofWindow()).map((mail) => mail.subject)).toEqual([subject("Scheduled"), subject("Reminder: starts in 1 minute"), subject("In progress")]);
});
