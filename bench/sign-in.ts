// Sign-in timing: does an unknown email cost what a wrong password costs? (An attacker timing the
// answers could otherwise enumerate admin accounts.) Same run, interleaved, on a throwaway embedded
// PostgreSQL: correct password (baseline, includes creating the session), wrong password, unknown
// email, and the bare argon2id verification they all contain. Prints figures and ratios; no target
// is asserted — the machine is shared and noisy.
//   npm run bench:sign-in            (ROUNDS=60 by default)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createAdmin } from "../lib/auth/admin-accounts";
import { hashPassword, verifyPassword } from "../lib/auth/passwords";
import { CreateAdmin, SignIn } from "../lib/auth/schemas";
import { signIn } from "../lib/auth/sign-in";
import { disconnectDb } from "../lib/db";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { freePort } from "../test/postgres-server";

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const PASSWORD = "violet harbour lantern 42";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  return { mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-sign-in-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil_bench" });
  try {
    await applyMigrations(server.url);
    process.env.DATABASE_URL = server.url;
    // One account per round for wrong passwords, so backoff (after 3 failures per account) never
    // kicks in; no IP is given, so the per-IP counter does not either.
    console.log(`creating ${ROUNDS + 1} accounts…`);
    const emails: string[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      const email = `admin${i}@bench.example`;
      await createAdmin({ ctx: { actor: { system: "bench" }, now: new Date(), messageIdDomain: "bench.example" }, input: CreateAdmin.parse({ email, password: PASSWORD, role: "editor" }) });
      emails.push(email);
    }
    const hash = await hashPassword(PASSWORD);
    const client = { ip: null, userAgent: "bench" };
    // Parsing is part of what a sign-in costs, so it is inside the timed call.
    const attempt = (email: string, password: string) => signIn({ ctx: { now: new Date(), client }, input: SignIn.parse({ email, password }) });
    const samples = { correct: [] as number[], wrong: [] as number[], unknown: [] as number[], verify: [] as number[] };
    for (let i = 0; i < 5; i++) await attempt(emails[ROUNDS]!, PASSWORD); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved, so drift in machine load hits every kind alike.
      samples.verify.push(await time(() => verifyPassword(hash, PASSWORD)));
      samples.correct.push(await time(() => attempt(emails[ROUNDS]!, PASSWORD)));
      samples.wrong.push(await time(() => attempt(emails[i]!, "not the password")));
      samples.unknown.push(await time(() => attempt(`nobody${i}@bench.example`, PASSWORD)));
    }
    const rows = Object.fromEntries(Object.entries(samples).map(([kind, list]) => [kind, Object.fromEntries(Object.entries(summary(list)).map(([k, v]) => [`${k} ms`, Math.round(v * 10) / 10]))]));
    console.log(`\nsign-in timing, ${ROUNDS} rounds, interleaved (verify = bare argon2id verification):`);
    console.table(rows);
    const s = Object.fromEntries(Object.entries(samples).map(([kind, list]) => [kind, summary(list)])) as Record<keyof typeof samples, ReturnType<typeof summary>>;
    console.log(`unknown email / wrong password: p50 ${(s.unknown.p50 / s.wrong.p50).toFixed(2)}×, mean ${(s.unknown.mean / s.wrong.mean).toFixed(2)}× (1.00× = indistinguishable)`);
    console.log(`wrong password / correct sign-in (baseline): p50 ${(s.wrong.p50 / s.correct.p50).toFixed(2)}×`);
    console.log(`argon2id share of a failed sign-in: p50 ${((s.verify.p50 / s.wrong.p50) * 100).toFixed(0)} %`);
  } finally {
    await disconnectDb();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
