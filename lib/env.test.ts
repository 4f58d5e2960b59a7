import { describe, expect, it } from "vitest";
import { EnvError, mailFrom, migrationDatabaseUrl, parseEnv, publicUrl, sessionDatabaseUrl, type Env } from "./env";

describe("parseEnv", () => {
  it("gives every setting a default so a bare environment starts", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATA_DIR: ".data",
      HOST: "127.0.0.1",
      PORT: 3000,
      EMBEDDED_POSTGRES_PORT: 54329,
      REGION: "local",
      WORKER_HEARTBEAT_SECONDS: 5,
      PROBE_ALLOW_PRIVATE_NETWORKS: false,
      PROBE_ALLOWLIST: [],
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("parses given values", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u:p@db.internal:5432/vigil",
      PORT: "8080",
      PROBE_ALLOW_PRIVATE_NETWORKS: "true",
      PROBE_ALLOWLIST: " 10.0.0.0/8, intranet.local ,",
      REGION: "eu-west",
    });
    expect(env.PORT).toBe(8080);
    expect(env.PROBE_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(env.PROBE_ALLOWLIST).toEqual(["10.0.0.0/8", "intranet.local"]);
    expect(env.REGION).toBe("eu-west");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["EMBEDDED_POSTGRES_PORT", "0"],
    ["DATABASE_URL", "mysql://u@h/db"],
    ["DATABASE_URL", "not a url"],
    ["PUBLIC_URL", "ftp://status.example.com"],
    ["REGION", "EU West"],
    ["WORKER_HEARTBEAT_SECONDS", "0"],
    ["PROBE_ALLOW_PRIVATE_NETWORKS", "maybe"],
    ["LOG_LEVEL", "loud"],
    ["PROBE_ALLOWLIST", "10.0.0.0/8, not a host!"],
    ["PROBE_ALLOWLIST", "10.0.0.0/33"],
    ["PROBE_CONCURRENCY", "0"],
    ["PROBE_CANARY_URLS", "https://ok.example, ftp://not-http.example"],
    ["ALERT_EMAIL", "ops at example"],
    ["ROLLUP_RETENTION_DAYS", "30"],
    ["SMTP_URL", "http://mail.example.com"],
    ["MAIL_FROM", "Status <not an address>"],
    ["MAIL_RATE_PER_SECOND", "0"],
    ["MAIL_MAX_CONNECTIONS", "many"],
    ["MAIL_LEASE_SECONDS", "1"],
    ["MAIL_MAX_ATTEMPTS", "0"],
    ["MAIL_RETRY_BASE_MS", "5"],
    ["CAPTURED_MAIL_LIMIT", "-1"],
    ["SUBSCRIBE_LIMIT_PER_IP", "0"],
    ["TRUST_PROXY_HOPS", "sometimes"],
    ["METRICS_TOKEN", "short"],
    ["METRICS_PORT", "0"],
    ["WORKER_METRICS_PORT", "99999"],
  ])("rejects %s=%s with an error naming the variable", (variable, value) => {
    let error: unknown;
    try {
      parseEnv({ [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).issues.map((issue) => issue.variable)).toEqual([variable]);
    expect((error as EnvError).message).toContain(`invalid environment variable ${variable}`);
  });

  it("never echoes a secret's value in its error", () => {
    expect(() => parseEnv({ METRICS_TOKEN: "tiny-secret" })).toThrow(/METRICS_TOKEN: must be at least 16 characters$/);
    expect(() => parseEnv({ METRICS_TOKEN: "tiny-secret" })).not.toThrow(/tiny-secret/);
  });

  it("defaults the config file and leaves metrics settings unset", () => {
    const env = parseEnv({});
    expect(env.VIGIL_CONFIG).toBe("vigil.config.yaml");
    expect([env.METRICS_TOKEN, env.METRICS_PORT, env.WORKER_METRICS_PORT]).toEqual([undefined, undefined, undefined]);
  });

  it("reports every bad variable at once", () => {
    expect(() => parseEnv({ PORT: "x", HOST: "", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});

describe("mail settings", () => {
  it("default to the demo sink, a polite rate and no DKIM", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ MAIL_RATE_PER_SECOND: 50, MAIL_MAX_CONNECTIONS: 5, MAIL_MAX_ATTEMPTS: 8, MAIL_QUARANTINE_AFTER: 3, CAPTURED_MAIL_LIMIT: 500, TRUST_PROXY_HOPS: 0 });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DKIM_DOMAIN).toBeUndefined();
  });

  it("derive the sender from the page's host unless MAIL_FROM is set", () => {
    expect(mailFrom(parseEnv({}))).toBe("Status <status@localhost>");
    expect(mailFrom(parseEnv({ PUBLIC_URL: "https://status.example.fm" }))).toBe("Status <status@status.example.fm>");
    expect(mailFrom(parseEnv({ MAIL_FROM: "Ops <ops@example.fm>" }))).toBe("Ops <ops@example.fm>");
    expect(parseEnv({ SMTP_URL: "smtps://user:pass@smtp.example.fm:465" }).SMTP_URL).toBe("smtps://user:pass@smtp.example.fm:465");
  });

  it("require all three DKIM settings together, naming the missing ones", () => {
    expect(() => parseEnv({ DKIM_DOMAIN: "example.fm" })).toThrow(
      /invalid environment variable DKIM_SELECTOR: is required when DKIM_DOMAIN is set[\s\S]*DKIM_PRIVATE_KEY/,
    );
    expect(parseEnv({ DKIM_DOMAIN: "example.fm", DKIM_SELECTOR: "s1", DKIM_PRIVATE_KEY: "/etc/dkim.pem" }).DKIM_SELECTOR).toBe("s1");
  });
});

describe("publicUrl", () => {
  it("defaults to the local listen address", () => {
    expect(publicUrl(parseEnv({ PORT: "4000" }))).toBe("http://127.0.0.1:4000");
    expect(publicUrl(parseEnv({ HOST: "0.0.0.0" }))).toBe("http://127.0.0.1:3000");
  });
  it("uses PUBLIC_URL without a trailing slash", () => {
    expect(publicUrl(parseEnv({ PUBLIC_URL: "https://status.example.fm/" }))).toBe("https://status.example.fm");
  });
});

describe("DATABASE_SESSION_URL", () => {
  const pooled = "postgresql://vigil:secret@pgbouncer.internal:6432/vigil";
  const direct = "postgresql://vigil:secret@db.internal:5432/vigil";

  it("defaults to DATABASE_URL for the connections that need a session", () => {
    expect(sessionDatabaseUrl(parseEnv({ DATABASE_URL: direct }))).toBe(direct);
    expect(sessionDatabaseUrl(parseEnv({}))).toBeUndefined();
  });

  it("sends LISTEN and migrations past the pooler when set", () => {
    const config = parseEnv({ DATABASE_URL: pooled, DATABASE_SESSION_URL: direct });
    expect(config.DATABASE_URL).toBe(pooled);
    expect(sessionDatabaseUrl(config)).toBe(direct);
  });

  it.each(["mysql://vigil:secret@db.internal/vigil", "db.internal:5432/vigil", "postgresql//vigil:secret@db.internal/vigil"])(
    "rejects the malformed %s naming the variable, without echoing it (it holds a password)",
    (value) => {
      let error: unknown;
      try {
        parseEnv({ DATABASE_URL: pooled, DATABASE_SESSION_URL: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).message).toBe("invalid environment variable DATABASE_SESSION_URL: must be a postgres:// or postgresql:// URL");
    },
  );

  it("is refused without DATABASE_URL (the database would be the embedded one)", () => {
    expect(() => parseEnv({ DATABASE_SESSION_URL: direct })).toThrow(
      /^invalid environment variable DATABASE_SESSION_URL: is set but DATABASE_URL is not/,
    );
  });
});

describe("MIGRATION_DATABASE_URL", () => {
  const app = "postgresql://vigil_app:secret@db.internal:5432/vigil";
  const owner = "postgresql://vigil_owner:hunter2@db.internal:5432/vigil";
  const session = "postgresql://vigil_app:secret@db-direct.internal:5432/vigil";

  it("migrates as the owner when set, else through the session URL, else DATABASE_URL", () => {
    expect(migrationDatabaseUrl(parseEnv({ DATABASE_URL: app, MIGRATION_DATABASE_URL: owner, DATABASE_SESSION_URL: session }) as Env & { DATABASE_URL: string })).toBe(owner);
    expect(migrationDatabaseUrl(parseEnv({ DATABASE_URL: app, DATABASE_SESSION_URL: session }) as Env & { DATABASE_URL: string })).toBe(session);
    expect(migrationDatabaseUrl(parseEnv({ DATABASE_URL: app }) as Env & { DATABASE_URL: string })).toBe(app);
  });

  it("is refused without DATABASE_URL, and never echoed (it holds a password)", () => {
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: owner })).toThrow(/^invalid environment variable MIGRATION_DATABASE_URL: is set but DATABASE_URL is not/);
    expect(() => parseEnv({ DATABASE_URL: app, MIGRATION_DATABASE_URL: "postgresql//vigil_owner:hunter2@db/vigil" })).toThrow(
      /^invalid environment variable MIGRATION_DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL$/,
    );
  });
});

describe("OIDC settings", () => {
  const oidc = { OIDC_ISSUER: "https://id.example.fm/realms/ops", OIDC_CLIENT_ID: "vigil", OIDC_CLIENT_SECRET: "s3cret-value", OIDC_ALLOWED_DOMAINS: "Example.fm, example.org" };

  it("are off by default and parse the domains and the role map", () => {
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
    const env = parseEnv({ ...oidc, OIDC_ROLE_MAP: "vigil owners=owner, sre = editor" });
    expect(env.OIDC_ALLOWED_DOMAINS).toEqual(["example.fm", "example.org"]);
    expect(env.OIDC_ROLE_MAP).toEqual([["vigil owners", "owner"], ["sre", "editor"]]);
    expect(env.OIDC_SCOPES).toEqual(["openid", "email", "profile"]);
  });

  it("need the client, the domains and a role rule together (an empty secret is none)", () => {
    expect(() => parseEnv({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID: is required[\s\S]*OIDC_CLIENT_SECRET: is required[\s\S]*OIDC_ALLOWED_DOMAINS: is required[\s\S]*OIDC_ROLE_MAP: is required/);
    expect(() => parseEnv({ OIDC_CLIENT_SECRET: "s3cret-value" })).toThrow(/OIDC_ISSUER: is required/);
    expect(() => parseEnv({ ...oidc, OIDC_ROLE_MAP: "sre=admin" })).toThrow(/OIDC_ROLE_MAP: entry "sre=admin" must be/);
    expect(() => parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "owner" })).toThrow(/OIDC_DEFAULT_ROLE/);
    expect(parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "viewer" }).OIDC_DEFAULT_ROLE).toBe("viewer");
    expect(() => parseEnv({ ...oidc, OIDC_CLIENT_SECRET: "", OIDC_DEFAULT_ROLE: "viewer" })).toThrow(/OIDC_CLIENT_SECRET: is required/);
  });

  it("allow plain http only for a provider on this machine", () => {
    expect(() => parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "viewer", OIDC_ISSUER: "http://id.example.fm" })).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL/);
    expect(parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "viewer", OIDC_ISSUER: "http://127.0.0.1:4000" }).OIDC_ISSUER).toBe("http://127.0.0.1:4000");
  });
});
