import { describe, expect, it } from "vitest";
import { isUnsafeText, publicName, UNSAFE_TEXT_MESSAGE, unsafeTextErrors } from "./safe-text";

describe("unsafe text", () => {
  it.each([
    ["NUL", "a\u0000b", true],
    ["bell", "a\u0007", true],
    ["escape", "\u001b[31mred", true],
    ["DEL", "a\u007f", true],
    ["a lone high surrogate", "a\ud800", true],
    ["a lone low surrogate", "\udc00b", true],
    ["tab, newline and carriage return", "line 1\r\n\tline 2", false],
    ["an emoji (a surrogate pair)", "🔥 fire", false],
    ["right-to-left text", "שלום", false],
  ])("%s", (_, text, unsafe) => expect(isUnsafeText(text)).toBe(unsafe));

  it("names every unsafe string in a nested value by its path, keys included", () => {
    expect(unsafeTextErrors({ name: "ok", body: "ok\nok", list: [1, "fine"] })).toBeNull();
    expect(unsafeTextErrors({ name: "a\u0000", components: [{ componentId: "c", status: "x\u0001" }], ["k\u0000"]: 1 })).toEqual({
      name: [UNSAFE_TEXT_MESSAGE],
      "components.0.status": [UNSAFE_TEXT_MESSAGE],
      "k?": [UNSAFE_TEXT_MESSAGE],
    });
    expect(unsafeTextErrors("\u0000")).toEqual({ body: [UNSAFE_TEXT_MESSAGE] });
  });
});

describe("publicName", () => {
  const name = publicName(200);
  it("accepts one line of visible text in any script, trimmed", () => {
    expect(name.parse("  Payments API ")).toBe("Payments API");
    expect(name.parse("Зеркало · 镜像 · مرآة 🔥")).toBe("Зеркало · 镜像 · مرآة 🔥");
  });
  it.each([
    ["a right-to-left override", "Payments \u202eetadpu"],
    ["a left-to-right isolate", "a\u2066b\u2069"],
    ["a right-to-left mark", "a\u200fb"],
    ["the Arabic letter mark", "a\u061cb"],
    ["NUL", "a\u0000b"],
    ["a newline", "two\nlines"],
    ["a tab", "a\tb"],
    ["a C1 control", "a\u0085b"],
    ["a lone surrogate", "a\ud800b"],
  ])("refuses %s", (_, text) => expect(name.safeParse(text).success).toBe(false));
});
