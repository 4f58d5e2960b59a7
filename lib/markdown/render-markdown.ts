// Incident update bodies, postmortems and templates are Markdown written by admins. They are
// rendered in three places (public page, admin preview, HTML email), always through this function,
// so there is one sanitising policy: raw HTML is never passed through (it is shown as text), and
// links may only point to http(s) or mailto.
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

// Links leave the status page: never leak it as referrer, never give the target a handle on it.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Sanitised HTML for a Markdown body. */
export function renderMarkdown(body: string): string {
  return markdown.render(body);
}
