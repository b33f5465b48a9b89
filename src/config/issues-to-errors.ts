import type { z } from "zod";
import { allowedKeys, closestKey } from "./allowed-keys.js";
import type { ConfigError } from "./config-error.js";
import { formatKeyPath } from "./format-key-path.js";
import type { LocateLine, PathSegment } from "./read-yaml.js";

// Turns validator output into one sentence per key. Messages set in the schema are already written
// for people; only unknown keys and wrong types need rewording.
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown, locate: LocateLine): ConfigError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(schema, path);
      return issue.keys.map((key) => located([...path, key], unknownKeyMessage(key, allowed), locate));
    }
    const message = issue.code === "invalid_type" ? wrongTypeMessage(issue.expected, valueAt(input, path)) : issue.message;
    return [located(path, message, locate)];
  });
}

function located(path: readonly PathSegment[], message: string, locate: LocateLine): ConfigError {
  const line = locate(path);
  return line === undefined ? { path: formatKeyPath(path), message } : { path: formatKeyPath(path), message, line };
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return "unknown key";
  const guess = closestKey(key, allowed);
  const hint = guess === undefined ? "" : ` Did you mean "${guess}"?`;
  const listed = allowed.length > 10 ? `${allowed.slice(0, 10).join(", ")} and ${allowed.length - 10} more` : allowed.join(", ");
  return `unknown key.${hint} Allowed here: ${listed}`;
}

const EXPECTED: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys",
  record: "a mapping of keys",
};

function wrongTypeMessage(expected: string, value: unknown): string {
  return `expected ${EXPECTED[expected] ?? expected}, got ${describeValue(value)}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  if (typeof value === "number") return Number.isFinite(value) ? (Number.isInteger(value) ? "a number" : "a fraction") : "an infinite number";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true or false";
  if (typeof value === "object") return "a mapping of keys";
  return typeof value;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}
