// The plain-text part of an email: an update body's Markdown read as a person would read it —
// no asterisks, no link syntax ("text (url)"), list items and paragraphs on their own lines.
import MarkdownIt, { type Token } from "markdown-it";

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

function inlineText(tokens: readonly Token[]): string {
  let text = "";
  let href: string | null = null;
  let linkText = "";
  for (const token of tokens) {
    if (token.type === "link_open") {
      href = String(token.attrGet("href") ?? "");
      linkText = "";
    } else if (token.type === "link_close") {
      // A bare URL (linkify) is its own text: say it once.
      text += href && href !== linkText && `mailto:${linkText}` !== href ? `${linkText} (${href})` : linkText;
      href = null;
    } else {
      const piece = token.type === "softbreak" || token.type === "hardbreak" ? "\n" : token.content;
      if (href !== null) linkText += piece;
      else text += piece;
    }
  }
  return text;
}

export function markdownToText(body: string): string {
  const lines: string[] = [];
  const lists: ({ ordered: boolean; next: number })[] = [];
  let prefix = "";
  for (const token of markdown.parse(body, {})) {
    if (token.type === "bullet_list_open") lists.push({ ordered: false, next: 1 });
    else if (token.type === "ordered_list_open") lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") {
      lists.pop();
      if (lists.length === 0) lines.push("");
    }
    else if (token.type === "list_item_open") {
      const list = lists.at(-1)!;
      prefix = `${"  ".repeat(lists.length - 1)}${list.ordered ? `${list.next++}.` : "-"} `;
    } else if (token.type === "inline") {
      lines.push(prefix + inlineText(token.children ?? []));
      prefix = "";
    } else if (token.type === "fence" || token.type === "code_block") lines.push(token.content.replace(/\n$/, ""));
    else if ((token.type === "paragraph_close" && lists.length === 0) || token.type === "heading_close") lines.push("");
    else if (token.type === "hr") lines.push("---", "");
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
