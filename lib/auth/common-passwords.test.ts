import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";

describe("isCommonPassword", () => {
  it.each(["password1234", "Password123!", "!!Welcome2026", "qwertyuiop12", "123456789012", "abcdefghijkl", "abcabcabcabc", "2026-11-29 12:00", "passwordpassword", "Q W E R T Y U I O P"])(
    "rejects %s",
    (password) => expect(isCommonPassword(password)).toBe(true),
  );
  it.each(["correct horse battery", "another long passphrase", "tangerine-kettle-57-orbit", "x9!Lm2#pQv7z"])("accepts %s", (password) =>
    expect(isCommonPassword(password)).toBe(false),
  );
});
