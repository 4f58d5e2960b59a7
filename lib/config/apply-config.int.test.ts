// Config as code against a real PostgreSQL: apply creates, updates, adopts and removes exactly what
// the rules say; export writes a file that applies back without a change; the CLI reports errors
// with file, line and field.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { runCli } from "../../test/run-admin-cli";
import { ctxFor } from "../../test/verbs";
import { applyConfig, CONFIG_FILE_ACTOR } from "./apply-config";
import { applyConfigFile, describeSummary } from "./config-file";
import { exportConfig, formatConfig } from "./export-config";
import { parseConfigText } from "./parse-config";

const FILE = `
page:
  name: Podcast Co status
  url: https://status.podcast.example
  timeZone: Europe/Berlin
groups:
  - id: publishing
    name: Publishing
    description: What publishers use
    components:
      - id: cms
        name: CMS
        monitors:
          - id: cms-http
            name: CMS login page
            kind: http
            target: https://cms.podcast.example/login
            expectations: { expectedStatus: ["200"], keyword: Sign in }
          - id: cms-cert
            name: CMS certificate
            kind: tls
            target: cms.podcast.example:443
            regions: [eu, us]
            quorum: 2
      - id: feeds
        name: Feeds
        startDate: 2024-01-15
components:
  - id: api
    name: Public API
    onlyShowIfDegraded: true
monitors:
  - id: dns
    name: DNS
    kind: dns
    target: podcast.example
    intervalSeconds: 300
`;

const apply = (source: string) => applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(source, "vigil.config.yaml"), source: "vigil.config.yaml", sha256: "test" } });

describe("applying vigil.config.yaml", () => {
  it("creates everything the file declares, marked managed, and records an audit entry", async () => {
    // The console made these: the file never names them, so apply leaves them alone.
    await db().component.create({ data: { id: "console-made", name: "Console made", managedByConfig: false } });
    await db().monitor.create({ data: { id: "console-monitor", name: "Console monitor", kind: "tcp", target: "db.example:5432" } });

    const summary = await apply(FILE);
    expect(summary).toEqual({
      page: "created",
      groups: { created: 1, updated: 0, removed: 0, unchanged: 0 },
      components: { created: 3, updated: 0, removed: 0, unchanged: 0 },
      monitors: { created: 3, updated: 0, removed: 0, unchanged: 0 },
      alerts: "not in file",
    });
    expect(await db().page.findUniqueOrThrow({ where: { id: "page" } })).toMatchObject({ name: "Podcast Co status", timeZone: "Europe/Berlin" });
    const cms = await db().component.findUniqueOrThrow({ where: { id: "cms" }, include: { monitors: { orderBy: { id: "asc" } } } });
    expect(cms).toMatchObject({ groupId: "publishing", position: 0, managedByConfig: true, status: "operational" });
    expect(cms.monitors.map((monitor) => [monitor.id, monitor.managedByConfig])).toEqual([["cms-cert", true], ["cms-http", true]]);
    expect(cms.monitors[1]).toMatchObject({ kind: "http", intervalSeconds: 60, timeoutMs: 10_000, regions: ["local"], quorum: null });
    expect(cms.monitors[1]!.expectations).toEqual({ expectedStatus: ["200"], keyword: "Sign in" });
    expect(cms.monitors[0]).toMatchObject({ regions: ["eu", "us"], quorum: 2 });
    expect(await db().component.findUniqueOrThrow({ where: { id: "feeds" } })).toMatchObject({ position: 1, startDate: new Date("2024-01-15T00:00:00Z") });
    expect(await db().component.findUniqueOrThrow({ where: { id: "api" } })).toMatchObject({ groupId: null, onlyShowIfDegraded: true });
    expect(await db().monitor.findUniqueOrThrow({ where: { id: "dns" } })).toMatchObject({ componentId: null, intervalSeconds: 300 });

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "config.apply" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: "config file", objectType: "config" });
    expect(audit.details).toMatchObject({ source: "vigil.config.yaml", monitors: { created: ["cms-http", "cms-cert", "dns"] } });

    // Applying the same file again changes nothing.
    expect(await apply(FILE)).toEqual({
      page: "unchanged",
      groups: { created: 0, updated: 0, removed: 0, unchanged: 1 },
      components: { created: 0, updated: 0, removed: 0, unchanged: 3 },
      monitors: { created: 0, updated: 0, removed: 0, unchanged: 3 },
      alerts: "not in file",
    });
  });

  it("updates changed objects, removes managed ones the file dropped, keeps unmanaged ones and history", async () => {
    await db().checkResult.create({
      data: { monitorId: "cms-http", region: "local", slotAt: new Date(), checkedAt: new Date(), state: "up", reasonCodes: ["ok"] },
    });
    const edited = FILE.replace("name: CMS login page", "name: CMS sign-in")
      .replace('keyword: Sign in', "keyword: Log in")
      // feeds moves out of the group to the top level; dns and api disappear from the file
      .replace("      - id: feeds\n        name: Feeds\n        startDate: 2024-01-15\n", "")
      .replace("components:\n  - id: api\n    name: Public API\n    onlyShowIfDegraded: true\n", "components:\n  - id: feeds\n    name: Feeds\n    startDate: 2024-01-15\n")
      .replace(/monitors:\n {2}- id: dns[\s\S]*$/, "");
    const summary = await apply(edited);
    expect(summary).toEqual({
      page: "unchanged",
      groups: { created: 0, updated: 0, removed: 0, unchanged: 1 },
      components: { created: 0, updated: 1, removed: 1, unchanged: 1 },
      monitors: { created: 0, updated: 1, removed: 1, unchanged: 1 },
      alerts: "not in file",
    });
    const http = await db().monitor.findUniqueOrThrow({ where: { id: "cms-http" } });
    expect(http.name).toBe("CMS sign-in");
    expect(http.expectations).toEqual({ expectedStatus: ["200"], keyword: "Log in" });
    expect(await db().checkResult.count({ where: { monitorId: "cms-http" } })).toBe(1); // history kept
    expect(await db().component.findUniqueOrThrow({ where: { id: "feeds" } })).toMatchObject({ groupId: null, position: 0 });
    expect(await db().component.findUnique({ where: { id: "api" } })).toBeNull();
    expect(await db().monitor.findUnique({ where: { id: "dns" } })).toBeNull();
    // Never named by the file: untouched.
    expect(await db().component.findUnique({ where: { id: "console-made" } })).toMatchObject({ managedByConfig: false });
    expect(await db().monitor.findUnique({ where: { id: "console-monitor" } })).toMatchObject({ managedByConfig: false });
  });

  it("adopts an existing object whose id the file names", async () => {
    const summary = await apply(`${FILE}\n  - id: console-monitor\n    name: Database port\n    kind: tcp\n    target: db.example:5432\n`);
    // dns comes back, cms-http gets its old name back, console-monitor is adopted.
    expect(summary.monitors).toEqual({ created: 1, updated: 2, removed: 0, unchanged: 1 });
    expect(await db().monitor.findUniqueOrThrow({ where: { id: "console-monitor" } })).toMatchObject({ managedByConfig: true, name: "Database port" });
  });

  it("exports the database as a file that validates and applies back without a change", async () => {
    const exported = formatConfig(await exportConfig(), new Date("2026-11-29T12:00:00Z"));
    expect(exported).toMatch(/^# Vigil configuration \(exported 2026-11-29T12:00:00.000Z\)/);
    const config = parseConfigText(exported, "exported.yaml");
    // Unmanaged objects are exported too: applying the export takes them over.
    expect(config.components.map((component) => component.id)).toContain("console-made");
    const first = await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config, source: "exported.yaml", sha256: "x" } });
    // console-made is adopted; api, exported after it (both at position 0, older first), moves to 1.
    expect(first.components).toEqual({ created: 0, updated: 2, removed: 0, unchanged: 2 });
    const reexported = parseConfigText(formatConfig(await exportConfig(), new Date("2026-11-29T12:00:00Z")), "e.yaml");
    const again = await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: reexported, source: "e.yaml", sha256: "y" } });
    expect(again).toMatchObject({
      page: "unchanged",
      groups: { created: 0, updated: 0, removed: 0 },
      components: { created: 0, updated: 0, removed: 0 },
      monitors: { created: 0, updated: 0, removed: 0 },
    });
    expect(formatConfig(await exportConfig(), new Date("2026-11-29T12:00:00Z"))).toBe(
      formatConfig(await exportConfig(), new Date("2026-11-29T12:00:00Z")),
    );
  });

  it("an empty file removes every managed object and leaves the rest", async () => {
    await db().monitor.update({ where: { id: "console-monitor" }, data: { managedByConfig: false } });
    const summary = await apply("");
    expect(summary.monitors.removed).toBeGreaterThan(0);
    expect(await db().monitor.findMany({ select: { id: true } })).toEqual([{ id: "console-monitor" }]);
    expect(await db().component.count()).toBe(0); // console-made was adopted by the export's apply, so it went too
  });
});

describe("auth: requireSecondFactor", () => {
  it("sets the roles that must use a second factor, exports them, and leaves them alone when the file says nothing", async () => {
    const rules = await apply("auth:\n  requireSecondFactor: [owner, editor]\n");
    expect(rules.auth).toBe("updated");
    expect(describeSummary(rules)).toContain("sign-in rules updated");
    expect(await db().authSettings.findUniqueOrThrow({ where: { id: "auth" } })).toMatchObject({ secondFactorRoles: ["editor", "owner"] });
    expect((await apply("auth:\n  requireSecondFactor: [editor, owner]\n")).auth).toBe("unchanged");
    expect((await exportConfig()).auth).toEqual({ requireSecondFactor: ["editor", "owner"] });
    expect((await apply("version: 1\n")).auth).toBeUndefined();
    expect(await db().authSettings.findUniqueOrThrow({ where: { id: "auth" } })).toMatchObject({ secondFactorRoles: ["editor", "owner"] });

    expect(() => parseConfigText("auth:\n  requireSecondFactor: [admin]\n", "vigil.config.yaml")).toThrow(/auth.requireSecondFactor.0/);
    expect(() => parseConfigText("auth:\n  requireSecondFactor: [owner, owner]\n", "vigil.config.yaml")).toThrow(/must not repeat/);
    expect((await apply("auth:\n  requireSecondFactor: []\n")).auth).toBe("updated");
    expect((await exportConfig()).auth).toBeUndefined();
  });
});

describe("applyConfigFile (what npm start calls)", () => {
  it("does nothing without a file, and applies and describes one that exists", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-config-"));
    const before = await db().auditLog.count();
    expect(await applyConfigFile(path.join(dir, "absent.yaml"), ctxFor(CONFIG_FILE_ACTOR))).toBeNull();
    expect(await db().auditLog.count()).toBe(before); // not even an audit entry

    const file = path.join(dir, "vigil.config.yaml");
    await writeFile(file, "groups:\n  - id: start-group\n    name: From start\n");
    const applied = await applyConfigFile(file, ctxFor(CONFIG_FILE_ACTOR));
    expect(applied).toMatchObject({ file, groups: { created: 1 } });
    expect(describeSummary(applied!)).toBe("groups 1 created; components none; monitors none; page not in file");
    await applyConfigFile(file, ctxFor(CONFIG_FILE_ACTOR)); // idempotent
    expect(await db().componentGroup.count({ where: { id: "start-group" } })).toBe(1);
    await apply(""); // leave nothing managed for the next test
  });
});

describe("npm run config", () => {
  it("validates, applies and exports through the real CLI, with file:line:column errors", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-config-"));
    const file = path.join(dir, "vigil.config.yaml");
    const cli = (args: string[]) => runCli("config", args, { env: { ...process.env, VIGIL_CONFIG: file } });

    expect(await cli(["validate"])).toMatchObject({ code: 1, stderr: expect.stringContaining(`no config file at ${file}`) });
    await writeFile(file, FILE.replace("kind: dns", "kind: ping"));
    const invalid = await cli(["validate"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`${file}:35:11 monitors.0.kind: Invalid option: expected one of "http"|"tls"|"feed"|"dns"|"tcp"`);

    await writeFile(file, FILE);
    const valid = await cli(["validate"]);
    expect(valid).toMatchObject({ code: 0, stdout: expect.stringContaining("is valid: 1 groups, 3 components, 3 monitors, page settings") });
    const applied = await cli(["apply"]);
    expect(applied.stderr).toBe("");
    expect(applied.stdout).toMatch(/groups 1 created; components 3 created; monitors 3 created; page (created|unchanged)$/m);

    const out = path.join(dir, "exported.yaml");
    expect(await cli(["export", out])).toMatchObject({ code: 0 });
    expect(parseConfigText(await readFile(out, "utf8"), out).groups[0]!.components.map((component) => component.id)).toEqual(["cms", "feeds"]);
    const stdout = await cli(["export"]);
    expect(stdout.stdout).toContain("- id: cms-http");

    expect(await cli(["frobnicate"])).toMatchObject({ code: 64, stderr: expect.stringContaining("the command must be validate, apply or export") });
    expect(await cli(["apply", file, "extra"])).toMatchObject({ code: 64, stderr: expect.stringContaining("unexpected argument extra") });
  });
});
