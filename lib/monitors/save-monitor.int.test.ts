// Saving a monitor whose target the probes would refuse (ssrf-guard.ts): refused with a field
// error on `target`, nothing saved, and the attempt audit-logged; Vigil's exact self-check URLs
// and public targets save. Uses the test environment's policy: PUBLIC_URL unset (127.0.0.1:3000).
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { parsedVerb } from "../../test/verbs";
import { saveMonitor } from "./save-monitor";
import { SaveMonitor } from "./schemas";

const save = parsedVerb(saveMonitor, SaveMonitor);
let editor: Actor;

beforeAll(async () => {
  const created = await db().adminUser.create({ data: { email: `editor-${crypto.randomUUID()}@example.fm`, passwordHash: "x", role: "editor" } });
  editor = { adminId: created.id, email: created.email, role: "editor", ip: "192.0.2.44" };
});

async function refusal(kind: "http" | "tcp" | "tls" | "dns", target: string): Promise<{ fieldErrors: Record<string, string[]>; audit: unknown }> {
  const monitorsBefore = await db().monitor.count();
  const error = await save({ name: "internal", kind, target }, editor).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ZodError);
  expect(await db().monitor.count()).toBe(monitorsBefore);
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of (error as ZodError).issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  const audit = await db().auditLog.findFirstOrThrow({ where: { action: "monitor.target_blocked" }, orderBy: { id: "desc" }, select: { actorId: true, ip: true, objectType: true, details: true } });
  return { fieldErrors, audit };
}

describe("saving a monitor that points at this machine", () => {
  it.each([
    ["http", "http://2130706433:8080/admin", "127.0.0.1 (loopback) is blocked"],
    ["http", "http://127.0.0.1:3000/admin", "127.0.0.1 port 3000 (Vigil's own port on this machine) is blocked"],
    ["tcp", "[::ffff:127.0.0.1]:5432", "::ffff:7f00:1 (IPv4 127.0.0.1 inside IPv6, loopback) is blocked"],
    ["tls", "localhost:443", "localhost resolves only to blocked addresses: 127.0.0.1 (loopback), ::1 (loopback)"],
    ["dns", "status.localhost", "status.localhost resolves only to blocked addresses"],
    ["http", "http://169.254.169.254/latest/meta-data/", "169.254.169.254 (link-local, where cloud metadata services live) is blocked"],
  ] as const)("refuses %s %s with a field error, and audits it", async (kind, target, reason) => {
    const { fieldErrors, audit } = await refusal(kind, target);
    expect(Object.keys(fieldErrors)).toEqual(["target"]);
    expect(fieldErrors.target?.[0]).toContain(`Vigil does not probe this target: ${reason}`);
    expect(fieldErrors.target?.[0]).toContain("PROBE_ALLOWLIST");
    expect(audit).toMatchObject({ actorId: editor.adminId, ip: "192.0.2.44", objectType: "monitor", details: { kind, target } });
    expect((audit as { details: { reason: string } }).details.reason).toContain(reason.replace(/ is blocked$/, ""));
  });

  it("saves Vigil's own self-check URLs (exact) and public targets", async () => {
    for (const target of ["http://127.0.0.1:3000/api/health", "http://127.0.0.1:3000/", "https://status.example.fm/"]) {
      const saved = await save({ name: "fine", kind: "http", target }, editor);
      expect(await db().monitor.findUniqueOrThrow({ where: { id: saved.id }, select: { target: true } })).toEqual({ target });
    }
  });
});
