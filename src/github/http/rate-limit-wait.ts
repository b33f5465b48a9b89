export interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

export interface RateLimitWait {
  kind: "secondary" | "primary";
  /** In GitHub's seconds. */
  seconds: number;
}

/** GitHub's advice when a rate-limited answer says nothing about when to come back. */
const FALLBACK_SECONDS = 60;

/**
 * How long GitHub asks us to wait before trying again, or undefined when `failure` is not a rate
 * limit. GitHub answers 403 or 429: `retry-after` first; else, with the quota spent
 * (`x-ratelimit-remaining: 0`), until `x-ratelimit-reset` plus a second; else at least a minute.
 * A 403 with none of these signs is a refusal, not a limit.
 */
export function rateLimitWait(failure: HttpFailure, nowMs: number): RateLimitWait | undefined {
  if (failure.status !== 403 && failure.status !== 429) return undefined;
  const headers = failure.response?.headers ?? {};
  const secondary = /secondary rate limit/i.test(failure.message ?? "");
  const kind = secondary ? "secondary" : "primary";
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) return { kind, seconds: retryAfter };
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset)) return { kind: "primary", seconds: Math.max(Math.ceil(reset - nowMs / 1000), 0) + 1 };
    return { kind: "primary", seconds: FALLBACK_SECONDS };
  }
  if (secondary || failure.status === 429 || /rate limit/i.test(failure.message ?? "")) return { kind, seconds: FALLBACK_SECONDS };
  return undefined;
}
