import { z } from "zod";

// Small field builders so every bound carries a message a maintainer can act on.

export function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .int()
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);
}

export function fraction(fallback: number) {
  return z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(fallback);
}

export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max, `may hold at most ${max} entries`);
}

/** GitHub caps label names at 50 characters. */
export const LabelName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(50, "must be at most 50 characters (GitHub's limit for label names)")
  .refine((label) => !/\p{Cc}/u.test(label), "must not contain control characters");

// GitHub logins: 1–39 letters, digits or single hyphens, not starting or ending with a hyphen.
// A leading "@" is accepted because people write logins that way, and dropped.
export const GitHubLogin = z
  .string()
  .regex(/^@?[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/, "must be a GitHub login such as octocat")
  .transform((login) => login.replace(/^@/, ""));
