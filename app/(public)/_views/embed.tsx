/** @jsxImportSource preact */
// The status widget other sites frame (/embed): the page's status — or one component's — in words
// beside a coloured dot, as a link that opens the status page in a new tab. Its own tiny document:
// no script (not even the public pages' one), one constant inline stylesheet, light and dark.
import { renderToString } from "preact-render-to-string";
import type { Badge } from "@/lib/public-read/badges";

export const EMBED_CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#57606a;--border:#d0d7de}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#30363d}}
html,body{margin:0;height:100%}
body{background:var(--bg);color:var(--fg);font:14px/1.3 system-ui,-apple-system,"Segoe UI",sans-serif}
a{display:flex;gap:.6rem;align-items:center;box-sizing:border-box;height:100%;padding:.4rem .75rem;border:1px solid var(--border);border-radius:8px;color:inherit;text-decoration:none}
a:hover b,a:focus-visible b{text-decoration:underline}
a:focus-visible{outline:2px solid #0969da;outline-offset:-4px}
svg{flex:none}
b,span{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
span{color:var(--muted)}`;

/** The widget's HTML: `badge` says what it shows (the same words and colours as the SVG badges). */
export function renderEmbed(badge: Badge, pageName: string): string {
  const text = `${badge.label}: ${badge.message}`;
  return `<!DOCTYPE html>${renderToString(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{text}</title>
        <meta name="robots" content="noindex" />
        <style dangerouslySetInnerHTML={{ __html: EMBED_CSS }} />
      </head>
      <body>
        {/* A new tab: the widget's frame is too small for the page, and the embedding page stays. */}
        <a href="/" target="_blank" rel="noopener" title={`${pageName}: open the status page`} data-testid="embed">
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <circle cx="6" cy="6" r="6" fill={badge.color} />
          </svg>
          <span>
            <b>{badge.label}</b>
            {badge.message}
          </span>
        </a>
      </body>
    </html>,
  )}`;
}
