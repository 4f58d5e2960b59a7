// One Vigil launcher per data folder. The lock file records the launcher and its children, so a
// run killed with SIGKILL can be recognised (launcher gone) and its orphans stopped.
import { open, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { StartupError } from "../errors";
import { isProcessAlive, waitForProcessExit } from "./processes";

type LockContent = { pid: number; startedAt: string; children: number[] };

export type DataDirLock = {
  recordChildren(pids: number[]): Promise<void>;
  release(): Promise<void>;
};

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, "vigil.lock");
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString(), children: [] };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify(content));
      await handle.close();
      return {
        async recordChildren(pids) {
          content.children = pids;
          await writeFile(lockPath, JSON.stringify(content));
        },
        release: () => rm(lockPath, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StartupError(`cannot create ${lockPath} (${(error as NodeJS.ErrnoException).code}); is DATA_DIR writable?`);
      }
      await clearStaleLock(lockPath);
    }
  }
  throw new StartupError(`could not lock ${lockPath}: another launcher is starting at the same moment`);
}

/** The pid of the launcher currently running on this data folder, if any. */
export async function runningLauncherPid(dataDir: string): Promise<number | null> {
  const previous = await readLock(path.join(dataDir, "vigil.lock"));
  return previous && isProcessAlive(previous.pid) && (await isVigilProcess(previous.pid)) ? previous.pid : null;
}

async function readLock(lockPath: string): Promise<LockContent | null> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8")) as LockContent;
  } catch {
    return null; // missing, or half-written by a writer that died
  }
}

async function clearStaleLock(lockPath: string) {
  const previous = await readLock(lockPath);
  if (previous && isProcessAlive(previous.pid) && (await isVigilProcess(previous.pid))) {
    throw new StartupError(
      `another Vigil (pid ${previous.pid}) is already running on data folder ${path.dirname(lockPath)}; stop it first or set DATA_DIR to another folder`,
    );
  }
  for (const child of previous?.children ?? []) {
    if (isProcessAlive(child) && (await isVigilProcess(child))) {
      process.kill(child, "SIGTERM");
      if (!(await waitForProcessExit(child, 10_000))) process.kill(child, "SIGKILL");
    }
  }
  await rm(lockPath, { force: true });
}

/** Guards against pid reuse: only processes running Node are treated as ours. */
async function isVigilProcess(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  // Without /proc (macOS), trust the pid.
  if (cmdline === null) return process.platform !== "linux";
  return /node|tsx/.test(cmdline);
}
