import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseStartStepReply } from "../lib/runtime/launcher-messages";

describe("start steps", () => {
  // Each run starts Node with tsx: seconds on a loaded 2-core machine.
  it("answer a step they do not know, or no JSON at all, with exit 1 and what they expect", { timeout: 60_000 }, async () => {
    const argumentsTried = ['{"step":"migrate"}', "cluster", '{"step":"database","port":0,"database":"vigil"}'];
    const runs = argumentsTried.map((argument) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/start-steps.ts", argument]).then(() => null, (error: { code: number; stdout: string }) => error),
    );
    for (const [index, failed] of (await Promise.all(runs)).entries()) {
      const argument = argumentsTried[index];
      expect(failed?.code, argument).toBe(1);
      const reply = parseStartStepReply(JSON.parse(failed!.stdout));
      expect(reply?.ok, argument).toBe(false);
      expect(reply?.ok === false && reply.message, argument).toMatch(/^usage: start-steps '<step as JSON>'/);
    }
  });
});
