import { describe, expect, it } from "vitest";
import { CUSTOM_CSS_MAX_BYTES, customCssProblems } from "./custom-css";

describe("customCssProblems", () => {
  it("accepts ordinary rules, same-site url() and data: images", () => {
    expect(customCssProblems('h1{letter-spacing:.02em} .banner{background:url("/brand/bg.png") no-repeat} i{background:url(data:image/png;base64,iVBO=)}')).toEqual([]);
    expect(customCssProblems('.x::before{content:"\\2014"}')).toEqual([]);
  });

  it.each([
    ["</style><script>alert(1)</script>", /“<”/],
    ['@import "https://evil.example/x.css";', /@import/],
    ["body{background:url(https://evil.example/track.png)}", /another site/],
    ["body{background:url(//evil.example/track.png)}", /another site/],
    ["body{background:\\75 rl(https://evil.example/t.png)}", /another site/],
    ["body{width:expression(alert(1))}", /expression/],
    ["body{background:image-set('https://evil.example/x.png' 1x)}", /image-set/],
    ["a{behavior:url(/x.htc)}", /behavior/],
    ["a{background:url(javascript:alert(1))}", /javascript/],
  ])("refuses %s", (css, message) => {
    const problems = customCssProblems(css);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(" ")).toMatch(message);
  });

  it("refuses more than the size limit, saying how big it is", () => {
    const css = `/*${"x".repeat(CUSTOM_CSS_MAX_BYTES)}*/`;
    expect(customCssProblems(css)).toEqual([expect.stringMatching(/at most 16 KB \(it is 16\.0 KB\)/)]);
  });
});
