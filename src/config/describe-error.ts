import { z } from "zod";
import { formatKeyPath } from "./format-key-path.js";
import type { PathSegment } from "./read-yaml.js";

const MAX_ISSUES = 5;

/**
 * An error's words for a person: validation issues become one sentence each, naming the key and the
 * limit ("ignore may hold at most 100 entries"), never the validator's JSON. The JSON is also found
 * inside a message that carries it as text, as errors do when they cross a worker thread or the bus.
 */
export function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return describeIssues(error.issues);
  const message = error instanceof Error ? error.message : String(error);
  const start = message.indexOf("[");
  if (start === -1) return message;
  const issues = issuesIn(message.slice(start));
  if (issues === undefined) return message;
  const before = message.slice(0, start).trim().replace(/:$/, "");
  return before === "" ? describeIssues(issues) : `${before}: ${describeIssues(issues)}`;
}

/** Validation issues as sentences, at most five, joined with "; ". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const sentences = issues.slice(0, MAX_ISSUES).map(describeIssue);
  const more = issues.length > MAX_ISSUES ? [`and ${issues.length - MAX_ISSUES} more`] : [];
  return [...sentences, ...more].join("; ");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatKeyPath(issue.path.filter((segment): segment is PathSegment => typeof segment !== "symbol"));
  const subject = path === "" ? "the value" : path;
  if (issue.code === "unrecognized_keys") return `${subject} has unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
  // zod's own messages read "Too big: expected array to have <=100 items"; ours read "may hold at most 100 entries".
  const message = issue.message.replace(/^(Invalid input|Too big|Too small|Invalid \w+): /, "");
  return `${subject} ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

// zod prints its issues as a JSON array; anything else, or anything that does not parse, is not one.
function issuesIn(text: string): z.core.$ZodIssue[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const isIssue = (item: unknown) =>
    typeof item === "object" && item !== null && typeof (item as { code?: unknown }).code === "string" && Array.isArray((item as { path?: unknown }).path) && typeof (item as { message?: unknown }).message === "string";
  return Array.isArray(value) && value.length > 0 && value.every(isIssue) ? (value as z.core.$ZodIssue[]) : undefined;
}
