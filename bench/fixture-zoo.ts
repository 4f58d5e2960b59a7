// The fixture zoo (test/fixtures: HTTP and HTTPS servers with a generated CA, e.g.
// https://valid.localhost:<httpsPort>/ok) in a process of its own, so its CPU is not the client's.
import { fork } from "node:child_process";
import path from "node:path";

export type Fixture = { httpsPort: number; rootCaPem: string; serverCpuMs(): Promise<number>; stop(): void };

export function startFixture(): Promise<Fixture> {
  const child = fork(path.join(import.meta.dirname, "../test/fixtures/fixture-zoo-process.ts"), {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const serverCpuMs = () =>
    new Promise<number>((resolve) => {
      child.once("message", (message) => {
        const { cpu } = message as { cpu: NodeJS.CpuUsage };
        resolve((cpu.user + cpu.system) / 1000);
      });
      child.send("cpu");
    });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`fixture process exited with ${code}`)));
    child.once("message", (message) => {
      const { httpsPort, rootCaPem } = message as { httpsPort: number; rootCaPem: string };
      resolve({ httpsPort, rootCaPem, serverCpuMs, stop: () => child.send("close") });
    });
  });
}
