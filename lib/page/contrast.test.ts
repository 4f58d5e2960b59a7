import { describe, expect, it } from "vitest";
import { contrastRatio, formatRatio, parseHexColour, relativeLuminance } from "./contrast";

describe("contrastRatio", () => {
  it("is 21:1 for black on white and 1:1 for a colour on itself", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#0969da", "#0969DA")).toBe(1);
  });

  it("does not depend on the order of the colours", () => {
    expect(contrastRatio("#ffffff", "#767676")).toBe(contrastRatio("#767676", "#ffffff"));
  });

  it("matches the WCAG reference values around the AA threshold", () => {
    // #767676 on white is the classic lightest grey that passes AA (4.54:1); #777777 fails (4.48:1).
    expect(formatRatio(contrastRatio("#767676", "#ffffff"))).toBe("4.54:1");
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
  });

  it("refuses anything but #rrggbb", () => {
    expect(parseHexColour("#fff")).toBeNull();
    expect(parseHexColour("red")).toBeNull();
    expect(() => contrastRatio("#12345g", "#ffffff")).toThrow(/#12345g/);
  });

  it("weighs green most, as the eye does", () => {
    expect(relativeLuminance([0, 255, 0])).toBeGreaterThan(relativeLuminance([255, 0, 0]));
    expect(relativeLuminance([255, 0, 0])).toBeGreaterThan(relativeLuminance([0, 0, 255]));
  });
});
