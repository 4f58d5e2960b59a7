import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { contentSecurityHeaders, embedContentSecurityPolicy, inlineHash, pageContentSecurityPolicy, resourceContentSecurityPolicy } from "./content-security-policy";

const defaults = parseEnv({});

describe("public content security policy", () => {
  it("allows a page's inline script and style by hash only, and nothing else to run or frame it", () => {
    const csp = pageContentSecurityPolicy({ script: "alert(1)", style: "b{}" }, defaults);
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp).toContain(`script-src ${hash("alert(1)")}`);
    expect(csp).toContain(`style-src ${hash("b{}")} 'self'`); // 'self': the page's own /custom.css
    expect(inlineHash("alert(1)")).toBe(hash("alert(1)"));
    for (const directive of ["default-src 'none'", "base-uri 'none'", "form-action 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(contentSecurityHeaders(csp)["X-Frame-Options"]).toBe("DENY");
  });

  it("lets nothing run in feeds, badges and JSON (an SVG opened on its own is sandboxed)", () => {
    expect(resourceContentSecurityPolicy(defaults)).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  });

  it("takes FRAME_ANCESTORS for embedding, and refuses anything that is not 'none', 'self' or http(s) origins", () => {
    const embed = parseEnv({ FRAME_ANCESTORS: "'self' https://intranet.example.com https://*.example.org:8443" });
    expect(resourceContentSecurityPolicy(embed)).toContain("frame-ancestors 'self' https://intranet.example.com https://*.example.org:8443");
    const intranet = resourceContentSecurityPolicy(embed);
    expect(contentSecurityHeaders(intranet)).toEqual({ "Content-Security-Policy": intranet }); // X-Frame-Options cannot say this
    expect(contentSecurityHeaders(resourceContentSecurityPolicy(parseEnv({ FRAME_ANCESTORS: "'self'" })))["X-Frame-Options"]).toBe("SAMEORIGIN");
    for (const bad of ["*", "'none' https://a.example", "javascript:alert(1)", "https://a.example/path", "'unsafe-inline'"]) {
      expect(() => parseEnv({ FRAME_ANCESTORS: bad }), bad).toThrow(/FRAME_ANCESTORS/);
    }
  });

  it("lets any site frame the status widget, which runs nothing and posts nothing", () => {
    const csp = embedContentSecurityPolicy("b{}");
    expect(csp).toBe(`default-src 'none'; style-src ${inlineHash("b{}")}; base-uri 'none'; form-action 'none'; frame-ancestors *`);
    expect(contentSecurityHeaders(csp)).toEqual({ "Content-Security-Policy": csp });
  });
});
