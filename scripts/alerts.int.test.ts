// `npm run -s alerts -- test NAME` as a user runs it: a real process against the database, a real
// local receiver; exit 0 when the receiver took it, 1 with the receiver's refusal otherwise.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAlertReceivers, type AlertReceivers } from "../test/alert-receivers";
import { SlackMessage } from "../test/alert-vendor-schemas";
import { runCli } from "../test/run-admin-cli";
import { applyConfig, CONFIG_FILE_ACTOR } from "../lib/config/apply-config";
import { ctxFor } from "../test/verbs";
import { parseConfigText } from "../lib/config/parse-config";
import { db } from "../lib/db";

process.env.ALERT_SECRET_KEY = randomBytes(32).toString("base64");
process.env.PROBE_ALLOWLIST = "127.0.0.1";

let receivers: AlertReceivers;
beforeAll(async () => {
  receivers = await startAlertReceivers();
  receivers.answer("/refuses", { status: 403, body: "invalid_token" });
  const text = `alerts:\n  channels:\n    - { name: ops-slack, kind: slack, url: "${receivers.url("/slack")}" }\n    - { name: stale, kind: discord, url: "${receivers.url("/refuses")}" }\n`;
  await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(text, "vigil.config.yaml"), source: "test", sha256: "x" } });
});
afterAll(() => receivers.close());

const cli = (args: string[]) => runCli("alerts", args, { env: { ...process.env } });

describe("npm run -s alerts", () => {
  it("sends a test alert and says the receiver took it", async () => {
    const run = await cli(["test", "ops-slack"]);
    expect(run).toMatchObject({ code: 0, stdout: "ops-slack: the receiver accepted the test alert (HTTP 200)\n" });
    const [message] = receivers.bodies("/slack").map((body) => SlackMessage.parse(body));
    expect(message!.text).toContain('This is a test of the alert channel "ops-slack"');
    expect(await db().auditLog.count({ where: { action: "alert_channel.test", actorLabel: "cli" } })).toBe(1);
  });

  it("exits non-zero with the receiver's refusal, or for a channel that does not exist", async () => {
    expect(await cli(["test", "stale"])).toMatchObject({ code: 1, stderr: "stale: not delivered: the receiver refused it: HTTP 403: invalid_token\n" });
    expect(await cli(["test", "nope"])).toMatchObject({ code: 1, stderr: "no alert channel with id nope\n" });
    expect(await cli(["test"])).toMatchObject({ code: 64 });
  });

  it("lists channels with hints of their secrets, never the secrets", async () => {
    const run = await cli(["list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ops-slack (slack) http://127.0.0.1:");
    expect(run.stdout).not.toContain("/slack");
  });
});
