import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown";

describe("renderMarkdown", () => {
  it("renders emphasis, lists and line breaks", () => {
    const html = renderMarkdown("We are **investigating**.\nNext line\n\n- one\n- two");
    expect(html).toContain("<strong>investigating</strong>");
    expect(html).toContain("<br>");
    expect(html).toContain("<li>one</li>");
  });

  it("shows raw HTML as text instead of passing it through", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps http(s) and mailto links, with rel noopener, and drops javascript: and data: links", () => {
    const html = renderMarkdown(
      "[ok](https://example.com/a) [mail](mailto:ops@example.com) [bad](javascript:alert(1)) [data](data:text/html,x)",
    );
    expect(html).toContain('<a href="https://example.com/a" rel="noopener noreferrer nofollow">ok</a>');
    expect(html).toContain('href="mailto:ops@example.com"');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="data:');
    expect(html).toContain("[bad](javascript:alert(1))");
  });
});
