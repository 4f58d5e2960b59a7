// HTTP verdicts from response facts: status, keyword, JSON field. Pure.
import { isDeepStrictEqual } from "node:util";
import { formatBytes } from "./format";
import type { CheckReason, HttpExpectations } from "./schemas";

export type HttpResponseFacts = {
  url: string;
  statusCode: number;
  /** The body as read: at most maxBodyBytes of it. */
  body: Buffer;
  bodyTruncated: boolean;
  maxBodyBytes: number;
};

export type HttpAssertions = Pick<HttpExpectations, "expectedStatus" | "keyword" | "keywordMode" | "json">;

/** Whether a status matches one of "200", "200-399"... */
export function statusMatches(statusCode: number, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const [low, high = low] = pattern.split("-").map(Number);
    return low !== undefined && high !== undefined && statusCode >= low && statusCode <= high;
  });
}

/** The value at a dot path ("components.0.status"); numeric segments index arrays. */
export function jsonValueAt(document: unknown, path: string): { found: true; value: unknown } | { found: false } {
  let current: unknown = document;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return { found: false };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

function keywordProblems(facts: HttpResponseFacts, keyword: string, mode: "present" | "absent"): CheckReason[] {
  // Byte search on the UTF-8 form: no decoding of a possibly large body, same answer for UTF-8 pages.
  const found = facts.body.includes(Buffer.from(keyword, "utf8"));
  const scope = facts.bodyTruncated ? ` (searched its first ${formatBytes(facts.maxBodyBytes)})` : "";
  if (mode === "present" && !found)
    return [{ code: "keyword_missing", message: `"${keyword}" was not found in the response from ${facts.url}${scope}` }];
  if (mode === "absent" && found)
    return [{ code: "keyword_present", message: `"${keyword}" was found in the response from ${facts.url}` }];
  return [];
}

function jsonProblems(facts: HttpResponseFacts, assertion: NonNullable<HttpAssertions["json"]>): CheckReason[] {
  // A JSON document cut at the cap cannot be judged; that is the body's size, not its content.
  if (facts.bodyTruncated)
    return [
      {
        code: "body_too_large",
        message: `The response from ${facts.url} is larger than ${formatBytes(facts.maxBodyBytes)}, too large to check "${assertion.path}"`,
      },
    ];
  let document: unknown;
  try {
    document = JSON.parse(facts.body.toString("utf8").replace(/^\uFEFF/, ""));
  } catch {
    return [{ code: "json_assertion", message: `The response from ${facts.url} is not valid JSON` }];
  }
  const actual = jsonValueAt(document, assertion.path);
  if (!actual.found) return [{ code: "json_assertion", message: `JSON field "${assertion.path}" is missing from ${facts.url}` }];
  if (isDeepStrictEqual(actual.value, assertion.equals)) return [];
  return [
    {
      code: "json_assertion",
      message: `JSON field "${assertion.path}" is ${JSON.stringify(actual.value)}, expected ${JSON.stringify(assertion.equals)}`,
    },
  ];
}

/** Body assertions are only judged on an accepted status: a 500 page lacking the keyword says nothing new. */
export function classifyHttpResponse(facts: HttpResponseFacts, assertions: HttpAssertions): CheckReason[] {
  if (!statusMatches(facts.statusCode, assertions.expectedStatus))
    return [
      {
        code: "http_status",
        message: `${facts.url} answered HTTP ${facts.statusCode}, expected ${assertions.expectedStatus.join(", ")}`,
      },
    ];
  return [
    ...(assertions.keyword === undefined ? [] : keywordProblems(facts, assertions.keyword, assertions.keywordMode)),
    ...(assertions.json === undefined ? [] : jsonProblems(facts, assertions.json)),
  ];
}
