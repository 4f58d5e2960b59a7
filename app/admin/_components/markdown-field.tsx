"use client";
// A Markdown body with a preview rendered by the one renderer the page and emails use.
import { useState } from "react";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { FieldError } from "./action-form";

export function MarkdownField({ name = "body", label = "Message (Markdown)", value, onChange, defaultValue = "", rows = 5 }: {
  name?: string;
  label?: string;
  value?: string;
  onChange?: (value: string) => void;
  defaultValue?: string;
  rows?: number;
}) {
  const [own, setOwn] = useState(defaultValue);
  const [preview, setPreview] = useState(false);
  const text = value ?? own;
  return (
    <div className="field">
      <span className="field-label">
        {label}{" "}
        <button type="button" className="link" onClick={() => setPreview(!preview)}>
          {preview ? "Edit" : "Preview"}
        </button>
      </span>
      <textarea name={name} rows={rows} value={text} onChange={(event) => (onChange ?? setOwn)(event.target.value)} hidden={preview} aria-label={label} />
      {preview && <div className="markdown-preview" data-testid="markdown-preview" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />}
      <FieldError name={name} />
    </div>
  );
}
