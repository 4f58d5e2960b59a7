import { describe, expect, it } from "vitest";
import { rememberAtMost } from "./bounded-map";

describe("rememberAtMost", () => {
  it("keeps at most `max` entries, dropping the least recently remembered", () => {
    const map = new Map<string, number>();
    rememberAtMost(map, "a", 1, 2);
    rememberAtMost(map, "b", 2, 2);
    rememberAtMost(map, "a", 3, 2); // remembered again: now the newest
    rememberAtMost(map, "c", 4, 2);
    expect([...map]).toEqual([
      ["a", 3],
      ["c", 4],
    ]);
  });
});
