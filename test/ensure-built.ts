// Tests and benchmarks that start `npm run web` or `npm start` need a production build. `npm test`
// builds before vitest; otherwise the integration tests' global setup (test/build-global-setup.ts)
// and each such benchmark build first (once, when the sources are newer than .next).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { buildIsCurrent } from "../lib/runtime/build";

export async function ensureBuilt(): Promise<void> {
  if (await buildIsCurrent(process.cwd())) return;
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [nextBin, "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}
