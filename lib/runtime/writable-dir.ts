import { access, constants, mkdir } from "node:fs/promises";
import path from "node:path";
import { StartupError } from "../errors";

export async function ensureWritableDir(dir: string, setting: string): Promise<void> {
  try {
    await makeDirectories(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StartupError(`data folder ${dir} is not writable (${code}); set ${setting} to a writable folder`);
  }
}

/** `mkdir -p` by hand: Node 20's recursive mkdir loops forever under /proc. */
async function makeDirectories(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw error;
    await makeDirectories(path.dirname(dir));
    await mkdir(dir).catch((retry: NodeJS.ErrnoException) => {
      if (retry.code !== "EEXIST") throw retry;
    });
  }
}
