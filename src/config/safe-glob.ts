import picomatch from "picomatch";
import { z } from "zod";

// Users write these globs in comments and in the config; they are matched against repository paths
// and may end up in file-system paths, so they must stay inside the repository and compile quickly.
export const MAX_GLOB_LENGTH = 256;

const EXTGLOB_OPENER = /[?*+@!]\(/y;
// Characters that separate one path segment (or one alternative) from the next inside a glob.
const SEGMENT_SEPARATORS = /[/{},()|]/;

/** Why a glob is refused, or undefined when it is safe to use. */
export function findGlobProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "is empty";
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  const shape = findShapeProblem(glob) ?? findEncodedProblem(glob);
  if (shape) return shape;
  if (hasNestedExtglob(glob)) return "nests an extglob inside another, which can take exponential time to match";
  if (!compiles(glob)) return "is not a valid glob";
  return undefined;
}

function findShapeProblem(glob: string): string | undefined {
  // Control characters include NUL, which truncates paths in native code.
  if (/\p{Cc}/u.test(glob)) return "contains a control character";
  if (glob.includes("\\")) return "contains a backslash; use forward slashes";
  if (glob.startsWith("/") || glob.startsWith("~") || /^[A-Za-z]:/.test(glob)) return "is absolute; use a path relative to the repository root";
  if (glob.split(SEGMENT_SEPARATORS).some((segment) => segment === "..")) return 'contains a ".." segment';
  return undefined;
}

// A ".." guard alone is bypassed by "%2e%2e" (veryfront/veryfront-code#3315), so check the decoded text too.
function findEncodedProblem(glob: string): string | undefined {
  if (!/%[0-9a-f]{2}/i.test(glob)) return undefined;
  if (/%(2e|2f|5c|25|00)/i.test(glob)) return "contains a percent-encoded dot, slash, backslash, percent sign or NUL";
  let decoded: string;
  try {
    decoded = decodeURIComponent(glob);
  } catch {
    return undefined;
  }
  return findShapeProblem(decoded) === undefined ? undefined : "is unsafe once percent-decoded";
}

// Nested extglobs such as `*(*(a|b))` stall regex engines (CVE-2026-27904); one level is harmless.
function hasNestedExtglob(glob: string): boolean {
  const stack: boolean[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "(") {
      EXTGLOB_OPENER.lastIndex = i - 1;
      const isExtglob = i > 0 && EXTGLOB_OPENER.test(glob);
      if (isExtglob && stack.includes(true)) return true;
      stack.push(isExtglob);
    } else if (char === ")") {
      stack.pop();
    }
  }
  return false;
}

function compiles(glob: string): boolean {
  try {
    picomatch.makeRe(glob);
    return true;
  } catch {
    return false;
  }
}

/** A repository-relative glob; a leading "./" is dropped so "./src/**" and "src/**" mean the same. */
export const SafeGlob = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH)
  .superRefine((glob, ctx) => {
    // The length checks above already reported these.
    if (glob.length === 0 || glob.length > MAX_GLOB_LENGTH) return;
    const problem = findGlobProblem(glob);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((glob) => glob.replace(/^(\.\/)+/, ""));
