// The Content-Security-Policy of every public response. A public page's only script and stylesheet
// are our own constants, inlined: they are allowed by their SHA-256 hashes (not a nonce), so the
// policy is the same for every request and a response kept by the response cache stays valid.
// Anything that is not a page (JSON, feeds, SVG badges, plain text) runs nothing and loads nothing.
// Who may frame the pages is FRAME_ANCESTORS (default 'none').
import { createHash } from "node:crypto";
import { env, type Env } from "../env";

/** The CSP source for an inline <script> or <style> with exactly this text. */
export function inlineHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function frameAncestors(config: Env): string {
  return `frame-ancestors ${config.FRAME_ANCESTORS.join(" ")}`;
}

/** A public HTML page whose one inline script and one inline stylesheet are `script` and `style`. */
export function pageContentSecurityPolicy(inline: { script: string; style: string }, config: Env = env()): string {
  return [
    "default-src 'none'",
    `script-src ${inlineHash(inline.script)}`,
    `style-src ${inlineHash(inline.style)}`,
    // Incident updates are Markdown, which may show https images.
    "img-src 'self' data: https:",
    // The page's script refetches the page and follows /api/live.
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    frameAncestors(config),
  ].join("; ");
}

/** Everything public that is not a page: nothing runs, nothing loads, and an SVG opened on its own is sandboxed. */
export function resourceContentSecurityPolicy(config: Env = env()): string {
  return ["default-src 'none'", "sandbox", frameAncestors(config)].join("; ");
}

/** Vigil's own JSON, event-stream and metrics endpoints (health, live, metrics, subscription and admin
 *  APIs): never a page, never framed, whatever FRAME_ANCESTORS allows the public pages. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** The headers that go with a policy: X-Frame-Options for browsers that know no frame-ancestors. */
export function contentSecurityHeaders(policy: string, config: Env = env()): Record<string, string> {
  const frameOptions = config.FRAME_ANCESTORS.join(" ");
  return {
    "Content-Security-Policy": policy,
    ...(frameOptions === "'none'" ? { "X-Frame-Options": "DENY" } : frameOptions === "'self'" ? { "X-Frame-Options": "SAMEORIGIN" } : {}),
  };
}
