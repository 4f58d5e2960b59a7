// The Content-Security-Policy of every public response. A public page's only script and inline
// stylesheet are our own constants, inlined: they are allowed by their SHA-256 hashes (not a
// nonce), so the policy is the same for every request and a response kept by the response cache
// stays valid. The admin's accent colours and custom CSS are a same-origin file (/custom.css).
// Anything that is not a page (JSON, feeds, SVG badges, plain text) runs nothing and loads nothing.
// Who may frame the pages is FRAME_ANCESTORS (default 'none'), except the status widget (/embed),
// which exists to be framed by other sites (embedContentSecurityPolicy says why that is safe).
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
    // 'self': the page's own stylesheet of accent colours and custom CSS (/custom.css), never inline.
    `style-src ${inlineHash(inline.style)} 'self'`,
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

/**
 * The status widget (/embed): no script at all, its one inline stylesheet by hash, and framable by
 * any site whatever FRAME_ANCESTORS says — that is its purpose. Framing it cannot trick a visitor
 * into an action (clickjacking): it has no form, no button and no session, only a link that opens
 * the status page in a new tab.
 */
export function embedContentSecurityPolicy(style: string): string {
  return ["default-src 'none'", `style-src ${inlineHash(style)}`, "base-uri 'none'", "form-action 'none'", "frame-ancestors *"].join("; ");
}

/** Vigil's own JSON, event-stream and metrics endpoints (health, live, metrics, subscription and admin
 *  APIs): never a page, never framed, whatever FRAME_ANCESTORS allows the public pages. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** The headers that go with a policy: X-Frame-Options, for browsers that know no frame-ancestors,
 *  when it can say the same as the policy's frame-ancestors ('none' or 'self' alone). */
export function contentSecurityHeaders(policy: string): Record<string, string> {
  const frameAncestors = /(?:^|;\s*)frame-ancestors ([^;]*)/.exec(policy)?.[1]?.trim();
  return {
    "Content-Security-Policy": policy,
    ...(frameAncestors === "'none'" ? { "X-Frame-Options": "DENY" } : frameAncestors === "'self'" ? { "X-Frame-Options": "SAMEORIGIN" } : {}),
  };
}
