// Alert channels as config: applied with secrets sealed (never stored, exported or audited in the
// clear), `${ENV}` references resolved, destinations judged by the SSRF guard, rules replaced.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { applyConfig, CONFIG_FILE_ACTOR } from "../config/apply-config";
import { ctxFor } from "../../test/verbs";
import { exportConfig, formatConfig } from "../config/export-config";
import { parseConfigText } from "../config/parse-config";
import { db } from "../db";
import { ChannelDefinitionError } from "./channel-definition";
import { alertSecretKey, openSecrets } from "./secret-box";

process.env.ALERT_SECRET_KEY ??= randomBytes(32).toString("base64");
process.env.PROBE_ALLOWLIST = "hooks.test.internal";
const SLACK_URL = "https://hooks.slack.com/services/T000/B000/slacksecretslacksecret";
process.env.TEST_ONCALL_KEY = "routing-key-from-env-0123456789";

const FILE = `
alerts:
  channels:
    - { name: ops-hook, kind: webhook, url: "https://hooks.example.com/vigil", secret: "whsec-literal-0123456789" }
    - { name: ops-slack, kind: slack, url: "${SLACK_URL}" }
    - { name: on-call, kind: pagerduty, routingKey: "\${TEST_ONCALL_KEY}" }
    - { name: phone, kind: ntfy, topic: vigil-ops, priority: 4, tags: [rotating_light] }
    - { name: team-mail, kind: email, to: [ops@example.com] }
  rules:
    - { channels: [on-call], events: [monitor.down, monitor.recovered], components: [api] }
`;

const apply = (text: string) => applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(text, "vigil.config.yaml"), source: "vigil.config.yaml", sha256: "x" } });

beforeEach(async () => {
  await db().alertChannel.deleteMany();
  await db().alertRule.deleteMany();
});

describe("alert channels in vigil.config.yaml", () => {
  it("stores channels with their secrets sealed and rules as given; applying again changes nothing", async () => {
    const summary = await apply(FILE);
    expect(summary.alerts).toEqual({ channels: { created: 5, updated: 0, removed: 0, unchanged: 0 }, rules: 1 });
    const channels = await db().alertChannel.findMany({ orderBy: { name: "asc" } });
    const stored = JSON.stringify(channels);
    expect(stored).not.toContain("slacksecret");
    expect(stored).not.toContain("whsec-literal");
    expect(stored).not.toContain("routing-key-from-env");
    const slack = channels.find((channel) => channel.name === "ops-slack")!;
    expect(openSecrets(slack.sealedSecrets, await alertSecretKey())).toEqual({ url: SLACK_URL });
    expect(slack.secretHints).toEqual({ url: "https://hooks.slack.com/…cret" });
    const pagerduty = channels.find((channel) => channel.name === "on-call")!;
    expect(pagerduty.settings).toEqual({ url: "https://events.pagerduty.com/v2/enqueue" });
    expect(pagerduty.secretRefs).toEqual({ routingKey: "TEST_ONCALL_KEY" });
    expect(await db().alertRule.findMany({ select: { channels: true, events: true, componentIds: true, groupIds: true } })).toEqual([
      { channels: ["on-call"], events: ["monitor.down", "monitor.recovered"], componentIds: ["api"], groupIds: [] },
    ]);

    const again = await apply(FILE);
    expect(again.alerts).toEqual({ channels: { created: 0, updated: 0, removed: 0, unchanged: 5 }, rules: 1 });
    const audit = await db().auditLog.findMany({ where: { action: "config.apply" }, select: { details: true } });
    expect(JSON.stringify(audit)).not.toMatch(/slacksecret|whsec-literal|routing-key-from-env/);
  });

  it("exports references, never secrets, and the export applies back", async () => {
    await apply(FILE);
    const text = formatConfig(await exportConfig(), new Date("2026-12-05T00:00:00Z"));
    expect(text).not.toMatch(/slacksecret|whsec-literal|routing-key-from-env/);
    expect(text).toContain("routingKey: ${TEST_ONCALL_KEY}");
    expect(text).toContain("url: ${VIGIL_ALERT_OPS_SLACK_URL}");
    expect(text).toContain("secret: ${VIGIL_ALERT_OPS_HOOK_SECRET}");
    process.env.VIGIL_ALERT_OPS_SLACK_URL = SLACK_URL;
    process.env.VIGIL_ALERT_OPS_HOOK_URL = "https://hooks.example.com/vigil";
    process.env.VIGIL_ALERT_OPS_HOOK_SECRET = "whsec-literal-0123456789";
    const reapplied = await apply(text);
    // Only the secret references changed (literal → variable); the secrets themselves did not.
    expect(reapplied.alerts).toEqual({ channels: { created: 0, updated: 2, removed: 0, unchanged: 3 }, rules: 1 });
  });

  it("refuses private or malformed destinations and unset variables with a clear error, changing nothing", async () => {
    const bad = async (channel: string) => {
      const error = await apply(`alerts:\n  channels:\n    - ${channel}\n`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelDefinitionError);
      return (error as Error).message;
    };
    expect(await bad(`{ name: lan, kind: slack, url: "http://10.1.2.3/hook" }`)).toMatch(/alert channel "lan" url: points at 10\.1\.2\.3 \(private network\).*PROBE_ALLOWLIST/);
    expect(await bad(`{ name: local, kind: discord, url: "http://localhost:9/hook" }`)).toMatch(/alert channel "local" url: localhost resolves only to blocked addresses/);
    expect(await bad(`{ name: unset, kind: teams, url: "\${NOT_SET_ANYWHERE}" }`)).toBe('alert channel "unset" url: ${NOT_SET_ANYWHERE} is not set in the environment');
    process.env.TEST_NOT_A_URL = "ftp://files.example/hook";
    expect(await bad(`{ name: ftp, kind: slack, url: "\${TEST_NOT_A_URL}" }`)).toBe('alert channel "ftp" url: only http and https URLs receive alerts, not ftp:');
    expect(() => parseConfigText(`alerts:\n  channels:\n    - { name: x, kind: slack, url: "not a url" }\n`, "f.yaml")).toThrow(/f\.yaml:3:\d+ alerts\.channels\.0\.url: must be an http/);
    expect(() => parseConfigText(`alerts:\n  channels: []\n  rules:\n    - { channels: [nope] }\n`, "f.yaml")).toThrow(/no channel named "nope"/);
    expect(await db().alertChannel.count()).toBe(0);
  });
});
