import { describeError } from "../config/describe-error.js";

/**
 * A failed GitHub call as a phrase for people: the status GitHub answered to which request, or the
 * error's own words when there was no answer (a deadline, a lost connection), validation issues as sentences.
 */
export function describeGitHubError(error: unknown): string {
  const http = error as { status?: unknown; request?: { method?: unknown; url?: unknown } } | null;
  const method = http?.request?.method;
  const url = http?.request?.url;
  if (typeof http?.status === "number" && typeof method === "string" && typeof url === "string") {
    return `GitHub answered ${http.status} to ${method} ${new URL(url, "https://api.github.com").pathname}`;
  }
  return describeError(error).trim().replace(/\.$/, "");
}
