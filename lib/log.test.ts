// The logger writes one JSON object per line and never prints secrets, whether they come as
// fields, nested fields, error messages or message text.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { addProcessLogFields, createLogger, logger, scrubSecrets } from "./log";

function capture(level = "debug") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger({ level, destination, base: { role: "test" } });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes JSON lines with level label, time, message and base fields", () => {
    const { log, parsed } = capture();
    log.info({ requestId: "r-1", status: 200 }, "request done");
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "request done", role: "test", requestId: "r-1", status: 200 });
    expect(typeof line!.time).toBe("string");
    expect(Number.isNaN(Date.parse(String(line!.time)))).toBe(false);
  });

  it("process fields (a worker's role, then its region) reach every later line, lib code's included", () => {
    const { log, parsed } = capture();
    const holder = globalThis as { vigilLogger?: unknown };
    const before = holder.vigilLogger;
    holder.vigilLogger = log;
    try {
      addProcessLogFields({ role: "worker" });
      addProcessLogFields({ region: "eu-west" });
      logger().child({ listener: "mailer" }).warn("lost the LISTEN connection");
    } finally {
      holder.vigilLogger = before;
    }
    expect(parsed()).toEqual([expect.objectContaining({ role: "worker", region: "eu-west", listener: "mailer", msg: "lost the LISTEN connection" })]);
  });

  it("honours the level", () => {
    const { log, parsed } = capture("warn");
    log.info("hidden");
    log.debug("hidden too");
    log.warn("shown");
    expect(parsed().map((line) => line.msg)).toEqual(["shown"]);
  });

  it("censors secret fields at the top level and nested, in objects and headers", () => {
    const { log, lines } = capture();
    log.info(
      {
        password: "hunter2-top",
        token: "tok-top-secret",
        DATABASE_URL: "postgresql://vigil:pg-secret-1@db:5432/vigil",
        user: { password: "hunter2-nested", apiKey: "key-nested-secret" },
        req: { headers: { authorization: "Bearer bearer-secret-1", cookie: "vigil_session=cookie-secret", "set-cookie": "a=set-cookie-secret" } },
      },
      "with secrets",
    );
    const text = lines.join("\n");
    for (const secret of ["hunter2-top", "tok-top-secret", "pg-secret-1", "hunter2-nested", "key-nested-secret", "bearer-secret-1", "cookie-secret", "set-cookie-secret"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });

  it("masks credentials inside messages, free-text fields and errors", () => {
    const { log, lines, parsed } = capture();
    log.error("cannot connect to postgres://vigil:msg-secret@127.0.0.1:5432/vigil");
    log.warn({ detail: "tried postgresql://admin:field-secret@db.internal/x" }, "retrying");
    log.error({ err: new Error("connect ECONNREFUSED postgres://u:err-secret@h/db") }, "failed");
    log.info("GET /unsubscribe?token=query-secret&x=1 with Bearer header-secret");
    const text = lines.join("\n");
    for (const secret of ["msg-secret", "field-secret", "err-secret", "query-secret", "header-secret"]) expect(text).not.toContain(secret);
    const [first, , third] = parsed();
    expect(first!.msg).toBe("cannot connect to postgres://[redacted]@127.0.0.1:5432/vigil");
    expect((third!.err as { message: string; type: string }).message).toBe("connect ECONNREFUSED postgres://[redacted]@h/db");
    expect((third!.err as { type: string }).type).toBe("Error");
  });

  it("scrubSecrets leaves ordinary text and URLs without credentials alone", () => {
    expect(scrubSecrets("GET https://example.com/path?page=2 took 12 ms")).toBe("GET https://example.com/path?page=2 took 12 ms");
    expect(scrubSecrets("mailto:ops@example.com")).toBe("mailto:ops@example.com");
  });
});
