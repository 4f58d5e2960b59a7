import { describe, expect, it } from "vitest";
import { freePort } from "../test/postgres-server";

describe("checkHealth with the database unreachable", () => {
  it("reports the database as unreachable, without leaking the URL", async () => {
    process.env.DATABASE_URL = `postgresql://vigil:secret@127.0.0.1:${await freePort()}/vigil`;
    const { checkHealth } = await import("./health");
    // The first call also loads Prisma's query compiler, which a busy machine may take longer for
    // than the health deadline ("Timeout"); the second meets the refused connection itself.
    await checkHealth(new Date());
    const health = await checkHealth(new Date());
    expect(health.status).toBe("unhealthy");
    expect(health.database).toEqual({ reachable: false, latencyMs: null, error: "DatabaseNotReachable" });
    expect(JSON.stringify(health)).not.toContain("secret");
  });
});
