// Runs a command-line tool (admin, config, alerts) as a user would (a real process, compiled) and collects what it printed.
import { spawn } from "node:child_process";
import { compiledEntry } from "./vigil-processes";

export type CliRun = { code: number | null; stdout: string; stderr: string };

export function runCli(command: "admin" | "config" | "alerts", args: string[], options: { env: NodeJS.ProcessEnv; stdin?: string }): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...compiledEntry(command), ...args], {
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end(options.stdin ?? "");
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

export function runAdminCli(args: string[], options: { env: NodeJS.ProcessEnv; stdin?: string }): Promise<CliRun> {
  return runCli("admin", args, options);
}
