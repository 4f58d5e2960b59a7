import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, redactDatabaseUrl, withDatabase } from "./connection-config";

describe("parseDatabaseUrl", () => {
  it("splits a URL into discrete fields, decoding escapes", () => {
    expect(parseDatabaseUrl("postgresql://vigil:p%40ss@db.example.com:6432/status?sslmode=require")).toEqual({
      host: "db.example.com",
      port: 6432,
      user: "vigil",
      password: "p@ss",
      database: "status",
      ssl: { rejectUnauthorized: false },
    });
  });
  it("defaults the port and accepts IPv6 hosts", () => {
    expect(parseDatabaseUrl("postgres://u@[::1]/db")).toMatchObject({ host: "::1", port: 5432 });
  });
  it("rejects URLs without a database or of another scheme", () => {
    expect(() => parseDatabaseUrl("postgres://u@host:5432/")).toThrow(/names no database/);
    expect(() => parseDatabaseUrl("mysql://u@host/db")).toThrow(/postgres/);
  });
});

describe("withDatabase and redactDatabaseUrl", () => {
  it("swap the database and hide the password", () => {
    expect(withDatabase("postgres://u:secret@h:1/a", "b")).toBe("postgres://u:secret@h:1/b");
    expect(redactDatabaseUrl("postgres://u:secret@h:1/a")).toBe("postgres://u:***@h:1/a");
  });
});
