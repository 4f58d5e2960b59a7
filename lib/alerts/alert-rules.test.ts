// The pure parts of alerting: which channels an event goes to, the signature, Retry-After.
import { describe, expect, it } from "vitest";
import { channelsFor } from "./emit-alerts";
import type { AlertEventKind } from "./events";
import { retryAfterMs } from "./send-alert";
import { signWebhook, verifyWebhook } from "./webhook-signature";

const channels = [
  { id: "1", name: "ops", kind: "slack", settings: {} },
  { id: "2", name: "on-call", kind: "pagerduty", settings: {} },
  { id: "3", name: "db-team", kind: "webhook", settings: {} },
];
const scope = (componentIds: string[], groupIds: string[] = []) => ({ componentIds, groupIds });

describe("channelsFor", () => {
  it("sends everything everywhere without rules", () => {
    expect(channelsFor({ kind: "worker.silent" }, scope([]), channels, []).map((c) => c.name)).toEqual(["ops", "on-call", "db-team"]);
  });

  it("sends what the matching rules name: by event kind, component and group", () => {
    const rules = [
      { channels: ["ops"], events: [], componentIds: [], groupIds: [] },
      { channels: ["on-call"], events: ["monitor.down", "incident.opened"], componentIds: [], groupIds: [] },
      { channels: ["db-team"], events: [], componentIds: ["db"], groupIds: ["storage"] },
    ];
    const names = (kind: AlertEventKind, s: ReturnType<typeof scope>) => channelsFor({ kind }, s, channels, rules).map((c) => c.name);
    expect(names("monitor.down", scope(["api"]))).toEqual(["ops", "on-call"]);
    expect(names("monitor.recovered", scope(["db"]))).toEqual(["ops", "db-team"]);
    expect(names("monitor.degraded", scope(["s3"], ["storage"]))).toEqual(["ops", "db-team"]);
    // An event of no component (a worker, the mail outbox) matches only unscoped rules.
    expect(names("worker.silent", scope([]))).toEqual(["ops"]);
  });
});

describe("the webhook signature", () => {
  const at = new Date("2026-12-05T12:00:00Z");
  it("verifies with the secret inside the replay window, and not otherwise", () => {
    const header = signWebhook('{"a":1}', "s3cret-s3cret-s3cret", at);
    expect(header).toMatch(/^t=1796472000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('{"a":1}', header, "s3cret-s3cret-s3cret", new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifyWebhook('{"a":2}', header, "s3cret-s3cret-s3cret", at)).toBe(false);
    expect(verifyWebhook('{"a":1}', header, "another-secret-here", at)).toBe(false);
    expect(verifyWebhook('{"a":1}', header, "s3cret-s3cret-s3cret", new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook('{"a":1}', undefined, "s3cret-s3cret-s3cret", at)).toBe(false);
  });
});

describe("retryAfterMs", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Sat, 05 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
