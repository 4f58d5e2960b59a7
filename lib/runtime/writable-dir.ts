import { access, constants, mkdir } from "node:fs/promises";
import { StartupError } from "../errors";

export async function ensureWritableDir(dir: string, setting: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StartupError(`data folder ${dir} is not writable (${code}); set ${setting} to a writable folder`);
  }
}
