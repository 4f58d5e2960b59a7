import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EnvSchema } from "../lib/env";
import { ENV_END, ENV_START, renderEnvReference, withEnvReference } from "./env-reference";

describe("the environment reference in docs/configuration.md", () => {
  it("is what npm run -s docs:config writes from lib/env.ts now", async () => {
    const document = await readFile(path.join(import.meta.dirname, "..", "docs", "configuration.md"), "utf8");
    // On failure: run `npm run -s docs:config` and commit docs/configuration.md.
    expect(document).toBe(withEnvReference(document, renderEnvReference()));
  });

  it("documents every variable lib/env.ts reads", () => {
    const reference = renderEnvReference();
    for (const name of Object.keys(EnvSchema.shape)) expect(reference).toContain(`### \`${name}\``);
  });

  it("renders type, bounds, allowed values, default and whether a variable is required", () => {
    const reference = renderEnvReference(
      z.object({
        PORT: z.coerce.number().int().min(1).max(65_535).default(3000).describe("Port."),
        LEVEL: z.enum(["debug", "info"]).default("info").describe("Level."),
        FLAG: z.stringbool().default(false).describe("Flag."),
        TOKEN: z.string().min(16).describe("Token."),
        URL: z.url().optional().describe("Address."),
      }),
    );
    expect(reference).toContain("### `PORT`\n\nPort.\n\nType: integer 1–65535 · Default: `3000` · Optional");
    expect(reference).toContain("Type: one of `debug`, `info` · Default: `info` · Optional");
    expect(reference).toContain("### `FLAG`\n\nFlag.\n\nType: boolean · Default: `false` · Optional");
    expect(reference).toContain("### `TOKEN`\n\nToken.\n\nType: string of at least 16 characters · Default: unset · **Required**");
    expect(reference).toContain("### `URL`\n\nAddress.\n\nType: URL · Default: unset · Optional");
  });

  it("refuses a variable without a description", () => {
    expect(() => renderEnvReference(z.object({ NEW_SETTING: z.string().optional() }))).toThrow(/NEW_SETTING in lib\/env.ts has no .describe\(\)/);
  });

  it("replaces only what lies between the markers", () => {
    const document = `# Title\n\n${ENV_START}\nold\n${ENV_END}\n\nAfter.\n`;
    expect(withEnvReference(document, "new")).toBe(`# Title\n\n${ENV_START}\nnew\n${ENV_END}\n\nAfter.\n`);
    expect(() => withEnvReference("# No markers\n", "new")).toThrow(/markers/);
  });
});
