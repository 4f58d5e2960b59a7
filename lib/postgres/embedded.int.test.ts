// The embedded cluster's own life: its server in a process group of its own (a terminal's Ctrl-C
// reaches it only through whoever started it), stopped without a trace, and a cluster that cannot
// start refused with PostgreSQL's own reason.
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isProcessAlive } from "../runtime/processes";
import { adminQuery, freePort } from "../../test/postgres-server";
import { startEmbeddedPostgres } from "./embedded";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-embedded-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The process group and parent of `pid` (fields 4 and 5 of /proc/PID/stat). */
async function groupAndParent(pid: number): Promise<{ pgrp: number; ppid: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const [ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(1, 3).map(Number);
  return { ppid: ppid!, pgrp: pgrp! };
}

const postmasterPid = async () => Number((await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);

describe("the embedded PostgreSQL", () => {
  it("runs as this process's child in a process group of its own, and stops without a trace", async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil" });
    const pid = await postmasterPid();
    try {
      await adminQuery(server.url, "SELECT 1"); // it answers
      const postmaster = await groupAndParent(pid);
      expect(postmaster.ppid).toBe(process.pid);
      expect(postmaster.pgrp).toBe(pid);
      expect(postmaster.pgrp).not.toBe((await groupAndParent(process.pid)).pgrp);
    } finally {
      await server.stop();
    }
    expect(isProcessAlive(pid)).toBe(false);
  });

  it("refuses a cluster that cannot start with one error that gives PostgreSQL's reason, leaving nothing running", async () => {
    await appendFile(path.join(dataDir, "postgres", "postgresql.auto.conf"), "shared_buffers = 'plenty'\n");
    const port = await freePort();
    const start = startEmbeddedPostgres({ dataDir, port, database: "vigil" });
    await expect(start).rejects.toThrow(`embedded PostgreSQL did not start on 127.0.0.1:${port}`);
    await expect(start).rejects.toThrow(/invalid value for parameter "shared_buffers": "plenty".*postgresql\.auto\.conf" contains errors/);
    await expect(readFile(path.join(dataDir, "postgres", "postmaster.pid"))).rejects.toThrow(/ENOENT/);
  });
});
