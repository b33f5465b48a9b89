import { z } from "zod";
import { globStates } from "./match-globs.js";
import { parseGlob } from "./parse-glob.js";

// Users write these globs in comments and in the config; they are matched against repository paths
// and may end up in file-system paths, so they must stay inside the repository and compile quickly.
export const MAX_GLOB_LENGTH = 256;
/** How many globs one list holds: `techDebt.ignore` and `testFiles` in the config, and the ignore list with `/debt ignore`'s additions. */
export const MAX_GLOBS = 100;
/** Matching costs up to this many steps per character of a path; only brace ranges get near it. */
export const MAX_GLOB_STATES = 1024;

// Characters that separate one path segment (or one alternative) from the next inside a glob.
const SEGMENT_SEPARATORS = /[/{},()|]/;

/** Why a glob is refused, or undefined when it is safe to use. */
export function findGlobProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "is empty";
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  const shape = findShapeProblem(glob) ?? findEncodedProblem(glob);
  if (shape) return shape;
  const parsed = parseGlob(glob);
  if (!parsed.ok) return parsed.problem;
  if (globStates(parsed.nodes) > MAX_GLOB_STATES) return `is too complex to match quickly (more than ${MAX_GLOB_STATES} steps per character)`;
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

/** A repository-relative glob; a leading "./" is dropped so "./src/**" and "src/**" mean the same. */
export const SafeGlob = z
  .string()
  .min(1, "is empty")
  .max(MAX_GLOB_LENGTH, `is longer than ${MAX_GLOB_LENGTH} characters`)
  .superRefine((glob, ctx) => {
    // The length checks above already reported these.
    if (glob.length === 0 || glob.length > MAX_GLOB_LENGTH) return;
    const problem = findGlobProblem(glob);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((glob) => glob.replace(/^(\.\/)+/, ""));
