import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw } from "./html";

describe("html", () => {
  it("escapes interpolated text, attributes included", () => {
    const name = `"><script>alert('x')</script>`;
    expect(html`<a title="${name}">${name}</a>`.toString()).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>',
    );
  });

  it("keeps nested markup and trusted markup, joins arrays, drops null/undefined/booleans", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${raw("<hr>")}${3}`.toString()).toBe("<ul><li>a&lt;b</li><li>c</li></ul><hr>3");
  });

  it("escapeHtml handles every special character", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
