import { describe, expect, it } from "vitest";
import { markdownToText } from "./markdown-to-text";

describe("markdownToText", () => {
  it("reads like text: no emphasis marks, links as text (url), lists and paragraphs on their own lines", () => {
    const body = "## Cause\nWe are **looking** into it, see [the runbook](https://example.fm/runbook).\n\n- CMS\n- Episode downloads\n\n1. first\n2. second\n\nMail https://example.fm/x or `ops`.";
    expect(markdownToText(body)).toBe(
      "Cause\n\nWe are looking into it, see the runbook (https://example.fm/runbook).\n\n- CMS\n- Episode downloads\n\n1. first\n2. second\n\nMail https://example.fm/x or ops.",
    );
  });

  it("keeps plain text as it is and raw HTML as text", () => {
    expect(markdownToText("The CMS is down.")).toBe("The CMS is down.");
    expect(markdownToText("<b>bold</b> & more")).toBe("<b>bold</b> & more");
  });
});
