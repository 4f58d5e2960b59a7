// The config file's parser: valid files parse with defaults applied; every kind of mistake is
// reported with file, line, column and field, all of them at once.
import { describe, expect, it } from "vitest";
import { ConfigFileError, parseConfigText, type ConfigIssue } from "./parse-config";

const VALID = `
version: 1
page:
  name: Example status
  url: https://status.example.com
  timeZone: Europe/Berlin
groups:
  - id: website
    name: Website
    components:
      - id: www
        name: Website
        monitors:
          - id: www-http
            name: Home page
            kind: http
            target: https://www.example.com/
            expectations:
              expectedStatus: ["200"]
              keyword: Welcome
          - id: www-tls
            name: Certificate
            kind: tls
            target: www.example.com:443
            regions: [eu, us]
            quorum: 2
components:
  - id: api
    name: API
monitors:
  - id: dns
    name: DNS
    kind: dns
    target: example.com
    intervalSeconds: 300
`;

function issuesOf(source: string): ConfigIssue[] {
  try {
    parseConfigText(source, "vigil.config.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    return (error as ConfigFileError).issues;
  }
  throw new Error("expected the file to be rejected");
}

describe("parseConfigText", () => {
  it("parses a valid file and applies defaults", () => {
    const config = parseConfigText(VALID, "vigil.config.yaml");
    expect(config.page).toEqual({ name: "Example status", url: "https://status.example.com", timeZone: "Europe/Berlin" });
    const [http, tls] = config.groups[0]!.components[0]!.monitors;
    expect(http).toMatchObject({ id: "www-http", kind: "http", intervalSeconds: 60, regions: ["local"], failureThreshold: 3, recoveryThreshold: 2, enabled: true });
    expect(http!.expectations).toEqual({ expectedStatus: ["200"], keyword: "Welcome" }); // stored as written
    expect(tls).toMatchObject({ regions: ["eu", "us"], quorum: 2 });
    expect(config.components[0]).toMatchObject({ id: "api", showcase: true, onlyShowIfDegraded: false, monitors: [] });
    expect(config.monitors[0]).toMatchObject({ id: "dns", intervalSeconds: 300 });
  });

  it("treats an empty file as an empty config", () => {
    expect(parseConfigText("", "x.yaml")).toEqual({ version: 1, groups: [], components: [], monitors: [] });
    expect(parseConfigText("# nothing yet\n", "x.yaml").groups).toEqual([]);
  });

  it("refuses NUL and other control characters anywhere (validate must fail where apply would), and bidi overrides in names", () => {
    const source = VALID.replace("keyword: Welcome", 'keyword: "Wel\\0come"').replace("name: API", 'name: "API \\u202eipa"').replace("kind: dns", 'kind: dns\n    publicDescription: "bell \\a"');
    const issues = issuesOf(source);
    expect(issues.map((issue) => `${issue.line} ${issue.field}: ${issue.message}`)).toEqual([
      `20 groups.0.components.0.monitors.0.expectations.keyword: must not contain control characters (such as NUL)`,
      `34 monitors.0.publicDescription: must not contain control characters (such as NUL)`,
      `29 components.0.name: must not contain right-to-left or left-to-right override characters`,
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const [issue] = issuesOf("groups:\n  - id: a\n    name: [unclosed\n");
    expect(issue).toMatchObject({ file: "vigil.config.yaml", field: "" });
    expect(issue!.message).toMatch(/^YAML: /);
    expect(issue!.line).toBeGreaterThanOrEqual(3);
  });

  it("reports duplicate YAML keys", () => {
    const [issue] = issuesOf("page:\n  name: A\n  name: B\n");
    expect(issue!.line).toBe(3);
    expect(issue!.message).toMatch(/unique|duplicate/i);
  });

  it("points at the exact line and field of a bad monitor target, reusing the probe engine's rules", () => {
    const issues = issuesOf(VALID.replace("target: https://www.example.com/", "target: ftp://www.example.com/"));
    expect(issues).toEqual([
      { file: "vigil.config.yaml", line: 17, column: 21, field: "groups.0.components.0.monitors.0.target", message: "must be an http:// or https:// URL" },
    ]);
  });

  it("points into kind-specific expectations", () => {
    const issues = issuesOf(VALID.replace('expectedStatus: ["200"]', 'expectedStatus: ["600"]'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 19, field: "groups.0.components.0.monitors.0.expectations.expectedStatus.0" });
    expect(issues[0]!.message).toContain("status code");
  });

  it("names unknown keys at their own line (typos do not pass silently)", () => {
    const issues = issuesOf(VALID.replace("    intervalSeconds: 300", "    intervalSecs: 300"));
    expect(issues).toEqual([expect.objectContaining({ line: 35, column: 5, field: "monitors.0.intervalSecs" })]);
    expect(issues[0]!.message).toMatch(/unrecognized key/i);
  });

  it("reports a missing field at the object that lacks it, and every problem at once", () => {
    const source = VALID.replace("        name: Website\n", "").replace("intervalSeconds: 300", "intervalSeconds: 5").replace("timeZone: Europe/Berlin", "timeZone: Mars/Olympus");
    const issues = issuesOf(source);
    expect(issues.map((issue) => issue.field).sort()).toEqual(["groups.0.components.0.name", "monitors.0.intervalSeconds", "page.timeZone"]);
    const missing = issues.find((issue) => issue.field === "groups.0.components.0.name")!;
    expect(missing.line).toBe(11); // the component's "- id: www" line
    expect(issues.find((issue) => issue.field === "page.timeZone")!.message).toContain("IANA time zone");
  });

  it("takes the page's language among those translated, and only those", () => {
    const german = parseConfigText(VALID.replace("timeZone: Europe/Berlin", "timeZone: Europe/Berlin\n  language: de"), "vigil.config.yaml");
    expect(german.page?.language).toBe("de");
    expect(parseConfigText(VALID, "vigil.config.yaml").page?.language).toBeUndefined();
    const issues = issuesOf(VALID.replace("timeZone: Europe/Berlin", "timeZone: Europe/Berlin\n  language: fr"));
    expect(issues.map((issue) => issue.field)).toEqual(["page.language"]);
  });

  it("rejects quorum above the regions and a wrong version", () => {
    const issues = issuesOf(VALID.replace("quorum: 2", "quorum: 3").replace("version: 1", "version: 2"));
    expect(issues.map((issue) => issue.field).sort()).toEqual(["groups.0.components.0.monitors.1.quorum", "version"]);
  });

  it("rejects duplicate ids per kind of object (checked once the objects themselves are valid)", () => {
    const issues = issuesOf(VALID.replace("id: www-tls", "id: www-http").replace("id: api", "id: www"));
    expect(issues).toEqual([
      expect.objectContaining({ line: 21, field: "groups.0.components.0.monitors.1.id", message: 'duplicate monitor id "www-http" (first at groups.0.components.0.monitors.0)' }),
      expect.objectContaining({ line: 28, field: "components.0.id", message: 'duplicate component id "www" (first at groups.0.components.0)' }),
    ]);
    // The same id for a group and a component is fine: they are different tables.
    expect(() => parseConfigText(VALID.replace("id: api", "id: website"), "x.yaml")).not.toThrow();
  });

  it("rejects a top level that is not a mapping, and bad ids", () => {
    expect(issuesOf("- just\n- a list\n")[0]!.message).toMatch(/expected object/i);
    expect(issuesOf("components:\n  - id: 'has space'\n    name: X\n")[0]).toMatchObject({ line: 2, field: "components.0.id" });
  });
});

describe("the shipped example (vigil.config.example.yaml)", () => {
  it("is a valid config, so the documentation cannot rot", async () => {
    const { readFile } = await import("node:fs/promises");
    const config = parseConfigText(await readFile("vigil.config.example.yaml", "utf8"), "vigil.config.example.yaml");
    expect(config.groups.map((group) => group.id)).toEqual(["publishing", "listening"]);
    expect(config.groups[0]!.components[0]!.monitors.map((monitor) => monitor.kind)).toEqual(["http", "tls"]);
    expect(config.components[0]!.monitors[0]).toMatchObject({ kind: "tcp", timeoutMs: 5000 });
    expect(config.monitors[0]).toMatchObject({ kind: "dns", failureThreshold: 2 });
  });
});
