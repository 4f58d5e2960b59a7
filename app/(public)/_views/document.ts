// The HTML document around every public page: inline CSS and script, the skip link, the notices
// (database unreachable: stale data; worker silent: monitoring delayed) and the footer.
import { html, raw, type SafeHtml } from "@/lib/html/html";
import { CLIENT_SCRIPT } from "./client-script";
import { timeTag } from "./parts";
import { PUBLIC_CSS } from "./public-css";

export type DocumentState = {
  /** The data could not be refreshed from the database; it is as of `generatedAt`. */
  stale: boolean;
  monitoringStale: boolean;
  generatedAt: string;
  lastHeartbeatAt: string | null;
};

export function renderDocument(input: { title: string; pageName: string; main: SafeHtml; state: DocumentState | null; live?: boolean }): string {
  const { state } = input;
  const notices = state
    ? html`${state.stale
        ? html`<p class="notice" role="status" data-testid="stale-notice"><strong>Status data may be stale since ${timeTag(state.generatedAt, "time")}.</strong> We cannot reach our database right now; this is the last status we know.</p>`
        : null}${state.monitoringStale
        ? html`<p class="notice" role="status" data-testid="monitoring-notice"><strong>Monitoring is delayed.</strong> ${state.lastHeartbeatAt ? html`No probe has reported since ${timeTag(state.lastHeartbeatAt, "time")}` : "No probe is reporting"}, so component statuses may be out of date.</p>`
        : null}`
    : null;
  return `<!DOCTYPE html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${input.title}</title>
<meta name="description" content="Current status, incidents and scheduled maintenance">
<link rel="alternate" type="application/atom+xml" title="${input.pageName} history (Atom)" href="/history.atom">
<link rel="alternate" type="application/rss+xml" title="${input.pageName} history (RSS)" href="/history.rss">
<style>${raw(PUBLIC_CSS)}</style></head><body${input.live ? raw(' data-live="1"') : null}>
<main id="main">${notices}${input.main}
<footer><a href="/">Current status</a><a href="/history">History</a><a href="/uptime">Uptime</a><a href="/history.atom">Atom feed</a><a href="/history.rss">RSS feed</a><a href="/api/v2/summary.json">API</a><span>Powered by Vigil</span></footer></main>
<script>${raw(CLIENT_SCRIPT)}</script></body></html>`}`;
}
