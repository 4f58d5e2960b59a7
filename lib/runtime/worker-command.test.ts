import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LAUNCHER_NODE_ARGS } from "./worker-command";

describe("the launcher's Node flags", () => {
  it("are the ones `npm start` runs it with (package.json cannot import them)", async () => {
    const manifest = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe(`exec node ${LAUNCHER_NODE_ARGS.join(" ")} scripts/run-compiled.mjs start`);
  });
});
