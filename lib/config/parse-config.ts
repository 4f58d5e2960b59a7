// Reads vigil.config.yaml text into a validated VigilConfig. Every problem — YAML syntax or a
// field zod rejects — is reported with file, line, column and field path, all at once, e.g.
//   vigil.config.yaml:14:17 groups.0.components.1.monitors.0.target: must be an http:// or https:// URL
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { StartupError } from "../errors";
import { UNSAFE_TEXT_MESSAGE, unsafeTextPaths } from "../text/safe-text";
import { VigilConfig } from "./schemas";

export type ConfigIssue = { file: string; line: number; column: number; field: string; message: string };

/** A StartupError: `npm start` refuses to run with a broken config file and prints this message. */
export class ConfigFileError extends StartupError {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join("\n"));
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column} ${issue.field ? `${issue.field}: ` : ""}${issue.message}`;
}

/** Parses and validates; throws ConfigFileError listing every problem with its position. */
export function parseConfigText(source: string, file: string): VigilConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigFileError(
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { file, line: position.line, column: position.col, field: "", message: `YAML: ${firstLine(error.message)}` };
      }),
    );
  }
  // An empty file is an empty config (it manages nothing).
  const data: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  // NUL and other control characters: refused here, or `apply` would fail in PostgreSQL.
  const unsafe = unsafeTextPaths(data).map((path) => issueAt({ path, message: UNSAFE_TEXT_MESSAGE }, document, lineCounter, file));
  const result = VigilConfig.safeParse(data);
  if (result.success && unsafe.length === 0) return result.data;
  throw new ConfigFileError([...unsafe, ...(result.success ? [] : result.error.issues.map((issue) => issueAt(issue, document, lineCounter, file)))]);
}

type IssueLike = Pick<z.core.$ZodIssue, "path" | "message"> & { code?: z.core.$ZodIssue["code"]; keys?: string[] };

function issueAt(issue: IssueLike, document: Document, lineCounter: LineCounter, file: string): ConfigIssue {
  const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
  // Unknown keys: point at the key itself, not at the object holding it.
  const keys = issue.code === "unrecognized_keys" ? (issue.keys ?? []) : [];
  const offset = offsetOf(document, keys.length > 0 ? [...path, keys[0]!] : path, keys.length > 0);
  const position = lineCounter.linePos(offset);
  const field = [...path, ...(keys.length === 1 ? keys : [])].join(".");
  return { file, line: position.line, column: position.col, field, message: issue.message };
}

/** Offset of the node at `path`, or of its nearest existing ancestor (a missing field's parent). */
function offsetOf(document: Document, path: (string | number)[], wantKey: boolean): number {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    if (wantKey && length === path.length) {
      const parent = document.getIn(prefix.slice(0, -1), true);
      if (isNode(parent) && "items" in parent) {
        const pair = (parent.items as { key: unknown }[]).find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === prefix.at(-1));
        if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
      }
      continue;
    }
    const node = document.getIn(prefix, true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return document.contents && isNode(document.contents) && document.contents.range ? document.contents.range[0] : 0;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!;
}
