import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseStartStepReply } from "../lib/runtime/launcher-messages";

describe("start steps", () => {
  it("answer a step they do not know, or no JSON at all, with exit 1 and what they expect", async () => {
    for (const argument of ['{"step":"migrate"}', "cluster", '{"step":"database","port":0,"database":"vigil"}']) {
      const run = promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/start-steps.ts", argument]);
      const failed = await run.then(() => null, (error: { code: number; stdout: string }) => error);
      expect(failed?.code, argument).toBe(1);
      const reply = parseStartStepReply(JSON.parse(failed!.stdout));
      expect(reply?.ok, argument).toBe(false);
      expect(reply?.ok === false && reply.message, argument).toMatch(/^usage: start-steps '<step as JSON>'/);
    }
  });
});
