// The options are checked before any connection is attempted: bad input fails at once, clearly.
import { describe, expect, it } from "vitest";
import { listenChannels, type ListenChannelsOptions } from "./listen-channels";

const valid: ListenChannelsOptions = {
  name: "test",
  // Never reached: every case below throws before connecting.
  url: "postgresql://vigil:secret@127.0.0.1:1/vigil",
  channels: ["vigil_status"],
  onNotify: () => undefined,
};

describe("listenChannels options", () => {
  it.each([
    [{ channels: [] }, /channels: listen on at least one channel/],
    [{ channels: ["vigil_status", "Robert'); DROP TABLE"] }, /channels\.1: a channel is a lower-case identifier/],
    [{ channels: ["x".repeat(64)] }, /channels\.0: a channel is a lower-case identifier of at most 63/],
    [{ name: "Change Feed" }, /name: a name is lower-case letters/],
    [{ url: "" }, /url: no database URL/],
    [{ retryMinMs: 0 }, /retryMinMs: Too small/],
    [{ retryMaxMs: 1.5 }, /retryMaxMs: Invalid input: expected int/],
    [{ retryMinMs: 2_000, retryMaxMs: 1_000 }, /retryMinMs: retryMinMs must not exceed retryMaxMs/],
  ] as const)("refuses %o", (change, message) => {
    expect(() => listenChannels({ ...valid, ...change } as ListenChannelsOptions)).toThrow(message);
  });

  it("refuses a URL that is not postgres:// or names no database", () => {
    expect(() => listenChannels({ ...valid, url: "mysql://127.0.0.1/vigil" })).toThrow(/expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(() => listenChannels({ ...valid, url: "postgres://127.0.0.1:5432" })).toThrow(/names no database/);
  });
});
