// The lint rule that keeps time a parameter: a domain verb that reads the wall clock fails
// `eslint`, while the short list of clock readers in eslint.config.mjs may.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function clockErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-syntax").map((message) => message.message);
}

describe("the wall-clock lint", () => {
  it("fails a domain verb that reads the clock, either way", async () => {
    const verb = "export function stamp(): number {\n  return new Date().getTime() + Date.now();\n}\n";
    expect(await clockErrors("lib/incidents/stamp-incident.ts", verb)).toHaveLength(2);
  });

  it("lets a verb use the time it is given, and dates built from values", async () => {
    const verb = "export function later(now: Date): Date {\n  return new Date(now.getTime() + 60_000);\n}\n";
    expect(await clockErrors("lib/incidents/stamp-incident.ts", verb)).toEqual([]);
  });

  it("leaves tests and the allowlisted edges alone", async () => {
    const reads = "export const now = (): Date => new Date();\n";
    expect(await clockErrors("lib/incidents/stamp-incident.test.ts", reads)).toEqual([]);
    expect(await clockErrors("lib/admin-api/admin-route.ts", reads)).toEqual([]);
  });
}, 60_000);
