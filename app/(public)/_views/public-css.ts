// The public look (light and dark, following the system), inlined into every public page so the
// first paint needs no second request. app/layout.tsx injects the same rules into the admin
// console's pages, so there is one stylesheet for both. Colours meet WCAG AA on both backgrounds;
// links and focus rings use --accent, which the page's own stylesheet (/custom.css) may set.
import { DEFAULT_ACCENT, THEME_BACKGROUNDS } from "@/lib/page/theme";

const { light, dark } = THEME_BACKGROUNDS;

export const PUBLIC_CSS = `
:root{color-scheme:light dark;--bg:${light.background};--fg:#1f2328;--muted:#57606a;--border:#d0d7de;--card:${light.card};--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--maint:#0969da;--none:#8c959f;--accent:${DEFAULT_ACCENT.light}}
@media (prefers-color-scheme:dark){:root{--bg:${dark.background};--fg:#e6edf3;--muted:#9198a1;--border:#30363d;--card:${dark.card};--ok:#3fb950;--warn:#d29922;--bad:#f85149;--maint:#58a6ff;--none:#484f58;--accent:${DEFAULT_ACCENT.dark}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,summary:focus-visible,label:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.page-header{max-width:52rem;margin:0 auto;padding:1.25rem 1rem 0;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem}
.page-brand{font-weight:700;font-size:1.1rem;color:var(--fg);text-decoration:none}
.page-brand img{display:block;max-height:2.5rem;max-width:12rem;width:auto;height:auto}
.page-description{flex-basis:100%;margin:0;color:var(--muted)}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 4rem}
.skip-link{position:absolute;left:-10000px;top:.5rem;z-index:3;padding:.5rem 1rem;border-radius:6px;background:var(--fg);color:var(--bg)}
.skip-link:focus{left:.5rem}
h1{font-size:1.75rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0}
.updated,.muted{color:var(--muted);font-size:.875rem}
.banner{display:flex;gap:.6rem;align-items:center;padding:1rem 1.25rem;border-radius:8px;font-weight:700;font-size:1.15rem;color:#fff;margin:0 0 .5rem}
.banner-none{background:#1a7f37}.banner-minor{background:#9a6700}.banner-major{background:#bc4c00}.banner-critical{background:#cf222e}.banner-maintenance{background:#0969da}
.notice{border:2px solid var(--warn);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0;background:var(--card)}
.notice strong{color:var(--fg)}
.card{border:1px solid var(--border);border-radius:8px;padding:1rem;margin:0 0 1rem;background:var(--bg)}
.card h3 a{color:inherit}
.impact{font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;margin-left:.4rem}
.impact-minor{color:var(--warn)}.impact-major,.impact-critical{color:var(--bad)}.impact-maintenance{color:var(--maint)}.impact-none{color:var(--muted)}
.update{border-left:3px solid var(--border);padding:.25rem 0 .25rem .9rem;margin:.75rem 0}
.update-status{font-weight:700}
.md p{margin:.3rem 0}
.scroll-x{overflow-x:auto}
.group{border:1px solid var(--border);border-radius:8px;margin:0 0 1rem;overflow:hidden}
.group>summary{display:flex;justify-content:space-between;gap:1rem;align-items:center;padding:.75rem 1rem;background:var(--card);cursor:pointer}
.group>summary h3{display:inline}
.components{list-style:none;margin:0;padding:0}
.component{padding:.75rem 1rem;border-top:1px solid var(--border)}
.component-head{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.component-name{font-weight:600}
.component-description{display:block;color:var(--muted);font-size:.875rem;font-weight:400}
.status{white-space:nowrap;font-weight:600}
.status-operational{color:var(--ok)}.status-degraded_performance,.status-partial_outage{color:var(--warn)}.status-major_outage{color:var(--bad)}.status-under_maintenance{color:var(--maint)}
.days{position:relative;margin:.6rem 0 .2rem;touch-action:pan-y;border-radius:2px}
.days:focus-visible{outline:2px solid var(--maint);outline-offset:3px}
.days svg{display:block;width:100%;height:2rem}
.days path{stroke-width:1;stroke-dasharray:.8 .2}
.d-none{stroke:var(--none)}.d-operational{stroke:var(--ok)}.d-degraded_performance{stroke:#d4a72c}.d-partial_outage{stroke:#e16f24}.d-major_outage{stroke:var(--bad)}.d-under_maintenance{stroke:var(--maint)}
.mark{position:absolute;top:-3px;bottom:-3px;outline:2px solid var(--fg);border-radius:2px;pointer-events:none}
.tip{position:absolute;z-index:2;max-width:min(18rem,calc(100vw - 16px));padding:.4rem .6rem;border-radius:6px;background:var(--fg);color:var(--bg);font-size:.8rem;line-height:1.3}
.bar-legend{display:flex;justify-content:space-between;gap:.5rem;color:var(--muted);font-size:.8rem}
.chart{margin-top:.6rem}
.chart-title{color:var(--muted);font-size:.85rem;margin-right:.5rem}
.chart input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.chart label{display:inline-block;min-width:24px;min-height:24px;padding:.1rem .2rem;font-size:.85rem;margin-right:.4rem;cursor:pointer;color:var(--muted)}
.chart input:checked+label{color:var(--fg);font-weight:700;text-decoration:underline}
.chart input:focus-visible+label{outline:2px solid var(--maint);outline-offset:2px}
.c24,.c7,.c30{display:none;font-size:.85rem;margin:.3rem 0 0}
.c24 p,.c7 p,.c30 p{margin:0 0 .2rem}
.chart input:nth-of-type(1):checked~.c24,.chart input:nth-of-type(2):checked~.c7,.chart input:nth-of-type(3):checked~.c30{display:block}
.plot{display:grid;grid-template:"t g" 2rem "b g" 2rem ". x" auto/auto 1fr;column-gap:.4rem;color:var(--muted);font-size:.75rem}
.plot::before{content:"0";grid-area:b;align-self:end;text-align:right}
.plot::after{grid-area:x;text-align-last:justify}
.plot span{grid-area:t;text-align:right}
.c24 .plot::after{content:"24\\202fh\\202f ago now"}.c7 .plot::after{content:"7\\202fd\\202f ago now"}.c30 .plot::after{content:"30\\202fd\\202f ago now"}
.plot svg{grid-area:g;width:100%;height:4rem;overflow:visible;border-left:1px solid var(--border);border-bottom:1px solid var(--border);color:var(--maint)}
.plot path{fill:none;stroke:currentColor;stroke-width:2px;vector-effect:non-scaling-stroke}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--border);padding:.4rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
nav.pages{display:flex;justify-content:space-between;margin-top:1.5rem}
footer{color:var(--muted);font-size:.875rem;margin-top:2.5rem;display:flex;flex-wrap:wrap;gap:1rem}
footer a{color:var(--muted)}
.subscribe-form{display:grid;gap:0.5rem;margin:0 0 1.5rem}
.subscribe-row{display:flex;gap:0.5rem}
.subscribe-row input{flex:1}
input[type="email"], input[type="text"]{font:inherit;padding:0.4rem 0.6rem;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
button{font:inherit;padding:0.4rem 0.9rem;border:1px solid var(--border);border-radius:6px;background:var(--card);color:var(--fg);cursor:pointer}
button.danger{color:var(--bad)}
.honeypot{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.scope{border:1px solid var(--border);border-radius:8px;padding:0.5rem 1rem}
.scope ul{list-style:none;margin:0 0 0.5rem;padding-left:1.25rem}
.notice-error{border-color:var(--bad)}
`;
