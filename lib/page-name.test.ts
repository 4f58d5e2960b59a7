import { describe, expect, it } from "vitest";
import { statusTitle, statusUpdatesOf } from "./page-name";

describe("page name in sentences", () => {
  it.each([
    ["Megaphone", "Megaphone status", "Megaphone status updates"],
    ["Megaphone status", "Megaphone status", "Megaphone status updates"],
    ["Megaphone Status", "Megaphone Status", "Megaphone Status updates"],
    ["Statusphere", "Statusphere status", "Statusphere status updates"],
  ])("%s → %s / %s", (name, title, updates) => {
    expect(statusTitle(name)).toBe(title);
    expect(statusUpdatesOf(name)).toBe(updates);
  });
});
